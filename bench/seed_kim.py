#!/usr/bin/env python3
"""Creates N KIM groups through the admin pages of a running Simpul (the real write path).

Usage: seed_kim.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD [N]
"""
import http.cookiejar
import json
import re
import sys
import urllib.parse
import urllib.request

base, email, password = sys.argv[1:4]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def fetch(path, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(base + path, body) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def csrf(html):
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


_, page = fetch("/masuk")
status, _ = fetch("/masuk", {"_csrf": csrf(page), "email": email, "password": password, "next": "/"})
assert status == 303, f"login failed: {status}"
_, page = fetch("/admin/kim/baru")
token = csrf(page)
_, regions = fetch("/api/v1/regions?level=kelurahan")
kelurahan = json.loads(regions)
for i in range(n):
    r = kelurahan[i % len(kelurahan)]
    status, body = fetch("/admin/kim/baru", {
        "_csrf": token, "name": f"KIM {r['name']} {i + 1:04d}", "level": "kelurahan", "region_id": r["id"],
        "sk_number": f"800/{i + 1}/Kominfo/2026", "ketua": f"Ketua {i + 1}",
    })
    assert status == 303, f"create {i}: {status} {body[:300]}"
print(f"{n} KIM groups created")
