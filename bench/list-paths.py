"""Writes the /aspirasi addresses the list benchmark rotates through: pages 1-50 of the whole
list and filtered lists (status, kind, category, kecamatan, a title word)."""
import json
import sys
import urllib.request

base, out = sys.argv[1], sys.argv[2]
cats = json.load(urllib.request.urlopen(f"{base}/api/v1/aspirations/categories"))
kec = json.load(urllib.request.urlopen(f"{base}/api/v1/regions?level=kecamatan"))
paths = [f"/aspirasi?page={p}" for p in range(1, 51)]
paths += [f"/aspirasi?status={s}" for s in ["terverifikasi", "didisposisikan", "diproses", "ditanggapi", "selesai"]]
paths += [f"/aspirasi?kind={k}" for k in ["pengaduan", "aspirasi", "permintaan_informasi"]]
paths += [f"/aspirasi?category_id={c['id']}" for c in cats]
paths += [f"/aspirasi?kecamatan_id={k['id']}" for k in kec]
paths += [f"/aspirasi?q={w}" for w in ["jalan", "lubang", "RT"]]
open(out, "w").write("\n".join(paths) + "\n")
# The same addresses, each made distinct with a counter the page ignores, so the page cache
# never answers: every request runs the list query and renders.
uncached = [f"{p}&r={i}" for i in range(300) for p in paths]
open(out + ".uncached", "w").write("\n".join(uncached) + "\n")
print(f"{len(paths)} addresses")
