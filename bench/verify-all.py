"""Verifies reports through the coordinator's desk (the real path: state change, public words,
audit), eight at a time, as the aspirations benchmark's set-up. Leaves every tenth report new.

    python3 bench/verify-all.py BASE ADMIN_EMAIL ADMIN_PASSWORD FIRST_ID LAST_ID
"""
import re
import sys
import threading

import requests

base, email, password, first, last = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
ids = [i for i in range(first, last + 1) if i % 10 != 8]
lock = threading.Lock()
failed = []


def session():
    s = requests.Session()
    token = re.search(r'name="_csrf" value="([^"]+)"', s.get(f"{base}/masuk").text).group(1)
    r = s.post(f"{base}/masuk", data={"_csrf": token, "email": email, "password": password, "next": "/"}, allow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    token = re.search(r'name="_csrf" value="([^"]+)"', s.get(f"{base}/akun").text).group(1)
    return s, token


def work(chunk):
    s, token = session()
    for i in chunk:
        r = s.post(f"{base}/kelola/aspirasi/{i}/langkah", data={"_csrf": token, "action": "verify"}, allow_redirects=False)
        if r.status_code != 303:
            with lock:
                failed.append((i, r.status_code))


threads = [threading.Thread(target=work, args=(ids[k::8],)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"verified {len(ids) - len(failed)} reports, {len(failed)} failed {failed[:5]}")
