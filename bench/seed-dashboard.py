"""Loads N reports and N survey responses into a demo deployment's SQLite file for
bench/dashboard.sh: spread over the year so far, the demo's OPDs, kelurahan and survey units;
nine in ten answered, four in five of those on time, some rated. Only the columns the
dashboard reads are varied; the text is filler."""
import random
import sqlite3
import sys
import time

db, n = sys.argv[1], int(sys.argv[2])
random.seed(16)
c = sqlite3.connect(db)
now = int(time.time() * 1000)
year_start = int(time.mktime((time.gmtime().tm_year, 1, 1, 0, 0, 0, 0, 0, 0)) * 1000)
opds = [r[0] for r in c.execute("SELECT id FROM opd")]
cats = c.execute("SELECT id, name FROM opd_categories").fetchall()
kel = c.execute("SELECT id, parent_id FROM regions WHERE level = 'kelurahan'").fetchall()
units = [r[0] for r in c.execute("SELECT id FROM skm_units")]
statuses = ["baru", "terverifikasi", "didisposisikan", "diproses", "ditanggapi", "selesai", "selesai", "ditolak"]
rows = []
for i in range(n):
    created = random.randint(year_start, now - 3600_000)
    answered = created + random.randint(3600_000, 12 * 86400_000) if random.random() < 0.9 else None
    if answered is not None and answered > now:
        answered = None
    late = None if answered is None else random.random() < 0.2
    k = random.choice(kel)
    cat = random.choice(cats)
    rating = random.randint(1, 5) if answered is not None and random.random() < 0.3 else None
    rows.append((2026, "pengaduan", random.choice(statuses), f"Laporan uji {i}", "Isi laporan uji.", cat[0], cat[1],
                 k[0], k[1], False, False, False, "api", f"bench-{i}-{random.random()}", random.choice(opds),
                 created + 5 * 86400_000, created, created, answered, late, rating))
c.executemany(
    "INSERT INTO aspirations (year, kind, status, title, description, category_id, category_name, region_id,"
    " kecamatan_id, anonymous, confidential, show_name, source, key_hash, opd_id, due_at, created_at, updated_at,"
    " first_answered_at, answered_late, rating) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
resp = []
for i in range(n):
    at = random.randint(year_start, now - 1000)
    day = time.strftime("%Y-%m-%d", time.gmtime(at / 1000 + 7 * 3600))
    a = [random.choice([2, 3, 3, 4, 4]) for _ in range(9)]
    resp.append((random.choice(units), day, at, *a, random.choice(["u20", "21-30", "31-40", None]),
                 random.choice(["L", "P", None]), None, None, None, None, "kiosk", None))
c.executemany(
    "INSERT INTO skm_responses (unit_id, day, created_at, u1, u2, u3, u4, u5, u6, u7, u8, u9, age_band, sex,"
    " education, occupation, service, suggestion, source, client_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    resp)
c.commit()
print(c.execute("SELECT COUNT(*) FROM aspirations").fetchone()[0], "reports,",
      c.execute("SELECT COUNT(*) FROM skm_responses").fetchone()[0], "survey responses")
