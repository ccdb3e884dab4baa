#!/usr/bin/env python3
"""Writes N synthetic published clarifications as JSON Lines for `simpul import clarifications`,
and a file of tip texts (reworded copies of some of them, plus new rumours) for the webhook load.

The store is built like a real one: the same rumour in many places, with other amounts, dates
and offices, so most clarifications have near-misses.

    bench/gen-clarifications.py N clarifications.jsonl tips.txt
"""
import json
import random
import sys

random.seed(6)
n, out_claims, out_tips = int(sys.argv[1]), sys.argv[2], sys.argv[3]

places = ["Cilegon", "Serang", "Pandeglang", "Lebak", "Tangerang", "Tangerang Selatan", "Bogor", "Bekasi", "Depok",
          "Sukabumi", "Cianjur", "Karawang", "Purwakarta", "Subang", "Garut", "Tasikmalaya", "Ciamis", "Kuningan",
          "Cirebon", "Indramayu", "Majalengka", "Sumedang", "Bandung", "Cimahi", "Banjar", "Brebes", "Tegal", "Pemalang"]
districts = ["Ciwandan", "Citangkil", "Pulomerak", "Grogol", "Purwakarta", "Cibeber", "Cilegon", "Jombang", "Kramatwatu",
             "Anyer", "Cinangka", "Mancak", "Waringinkurung", "Bojonegara", "Pulo Ampel", "Kasemen", "Walantaka"]
offices = ["Dinas Sosial", "Dinas Kesehatan", "PLN", "PDAM", "Disdukcapil", "Dinas Pendidikan", "BPJS Kesehatan",
           "Polres", "Kementerian Agama", "Dinas Perhubungan", "Bank BRI", "Bank BJB", "Pertamina", "Kantor Pos"]
amounts = ["Rp 150.000", "Rp 300.000", "Rp 500.000", "Rp 600.000", "Rp 750.000", "Rp 1.000.000", "Rp 1,5 juta",
           "Rp 2 juta", "Rp 2,4 juta", "Rp 3 juta", "Rp 5 juta", "Rp 10 juta"]
days = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
verdicts = ["HOAKS", "HOAKS", "HOAKS", "SALAH", "DISINFORMASI", "MISINFORMASI", "MENYESATKAN", "PENIPUAN",
            "KONTEKS_SALAH", "DIMANIPULASI", "SATIRE", "KLARIFIKASI", "BENAR"]

templates = [
    "{office} {place} membagikan bantuan tunai {amount} untuk setiap keluarga yang mendaftar lewat tautan online sebelum {day}.",
    "Pemadaman listrik total oleh {office} di Kecamatan {district}, {place} selama {n} hari mulai {day} depan.",
    "Air {office} di Kecamatan {district} tercemar limbah pabrik dan tidak boleh dipakai sampai akhir {month}.",
    "Pendaftaran CPNS {place} dibuka lewat grup WhatsApp dengan biaya administrasi {amount}.",
    "Vaksin dari {office} di posyandu Kecamatan {district} mengandung chip pelacak dari luar negeri.",
    "Pesan atas nama Kepala {office} {place} meminta transfer {amount} agar dana hibah RT cepat cair.",
    "Foto banjir besar di Jalan Raya {district} {place} diklaim terjadi hari {day}, padahal foto tahun 20{yy}.",
    "Penculikan anak dengan modus menawarkan permen terjadi di sekolah dasar Kecamatan {district}, {place}.",
    "Pembayaran pajak kendaraan di {place} gratis denda selama bulan {month} tanpa syarat apa pun.",
    "{office} menghapus semua tunggakan warga {place} yang mengisi formulir di tautan ini paling lambat {day}.",
    "Razia kendaraan besar-besaran oleh {office} di Jalan Raya {district} {place} setiap {day} malam bulan {month}.",
    "Minyak goreng bersubsidi {amount} per lima liter dibagikan gratis oleh {office} di Kecamatan {district}.",
    "Telur palsu dari plastik beredar di pasar tradisional Kecamatan {district}, {place}, dijual {amount} per kilo.",
    "Gempa besar berkekuatan {n} SR akan mengguncang {place} pada hari {day} menurut prediksi {office}.",
    "Kartu sembako {office} {place} bisa dicairkan {amount} di minimarket dengan menunjukkan KTP saja.",
]

news = [
    "Besok ada pembagian sembako gratis di alun-alun {place}, bawa KK dan KTP asli ya",
    "Katanya jembatan di Kecamatan {district} mau ambruk, jangan lewat situ dulu",
    "Ada info lowongan kerja {office} {place} tanpa tes, tinggal kirim CV ke nomor ini",
    "Air laut di pantai {district} surut drastis, warga diminta mengungsi malam ini",
]

def fill(t):
    return t.format(office=random.choice(offices), place=random.choice(places), district=random.choice(districts),
                    amount=random.choice(amounts), day=random.choice(days), month=random.choice(months),
                    n=random.randint(2, 7), yy=random.randint(15, 23))

slang = {"untuk": "utk", "yang": "yg", "dengan": "dgn", "tidak": "gak", "sudah": "udah", "bisa": "bs",
         "setiap": "tiap", "sebelum": "sblm", "hari": "hr", "besok": "bsk", "lewat": "via"}

def reword(text):
    words = text.rstrip(".").split()
    words = [slang.get(w.lower(), w) for w in words]
    if random.random() < 0.5:
        words = [w.lower() for w in words]
    prefix = random.choice(["", "INFO PENTING!! ", "Sebarkan: ", "benarkah ", "dari grup sebelah: "])
    return prefix + " ".join(words) + random.choice(["", "!!", " cek dulu", " sebarkan ke grup lain"])

claims = []
with open(out_claims, "w") as f:
    for i in range(n):
        claim = fill(random.choice(templates))
        claims.append(claim)
        f.write(json.dumps({"id": f"G{i}", "verdict": random.choice(verdicts), "claim": claim}, ensure_ascii=False) + "\n")
with open(out_tips, "w") as f:
    for _ in range(2000):
        if random.random() < 0.6:
            f.write(reword(random.choice(claims)) + "\n")
        else:
            f.write(fill(random.choice(news)) + "\n")
