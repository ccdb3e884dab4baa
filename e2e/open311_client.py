"""Drives Simpul's Open311 endpoint with an independent client library (georeport, from PyPI),
in both JSON and XML, as a city's existing tooling would. Exit code 0 when everything agrees.

    python3 e2e/open311_client.py http://127.0.0.1:PORT/open311/v2 API_KEY EXPECTED_ID
"""
import sys

import requests
from georeport import GeoReport

base, api_key, expected = sys.argv[1], sys.argv[2], sys.argv[3]

for fmt in ("json", "xml"):
    client = GeoReport(base, api_key=api_key, output_format=fmt)
    services = client.get_service_list()
    services = services if isinstance(services, list) else [services]
    names = [s["service_name"] for s in services]
    assert "Jalan rusak" in names, (fmt, names)
    road = next(s for s in services if s["service_name"] == "Jalan rusak")
    definition = client.get_service_definition(road["service_code"])
    attrs = definition["attributes"]
    attrs = attrs["attribute"] if fmt == "xml" else attrs
    assert any(a["code"] == "kelurahan" for a in attrs), (fmt, attrs)
    listed = client.get_service_requests(status="closed")
    listed = listed if isinstance(listed, list) else [listed]
    assert any(r["service_request_id"] == expected for r in listed), (fmt, listed)
    one = client.get_service_request(expected)
    assert one["status"] == "closed", (fmt, one)
    assert "Sari" not in str(one), "no names in Open311"

# georeport cannot post; the same endpoint through plain form-encoded HTTP, as the spec says.
kel = next(a for a in attrs if a["code"] == "kelurahan")
values = kel["values"]["value"] if isinstance(kel["values"], dict) else kel["values"]
posted = requests.post(
    f"{base}/requests.json",
    data={
        "api_key": api_key,
        "service_code": road["service_code"],
        "description": "Saluran air tersumbat di depan pasar, air meluap ke jalan.",
        "attribute[kelurahan]": values[0]["key"],
        "first_name": "Klien",
        "last_name": "Open311",
    },
    timeout=10,
)
assert posted.status_code == 201, posted.text
new_id = posted.json()[0]["service_request_id"]
assert new_id.startswith("ASP-") and new_id != expected, new_id
# Not public until the coordinator verifies it: neither the request nor its token resolves yet.
assert requests.get(f"{base}/requests/{new_id}.json", timeout=10).status_code == 404
assert requests.get(f"{base}/tokens/{new_id}.json", timeout=10).status_code == 404
print("open311 client: ok")
