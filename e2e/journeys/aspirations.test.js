// Aspirations: an anonymous citizen reports a pothole with a photo → the coordinator verifies
// and sends it to DPUPR → the DPUPR officer answers → the citizen follows the private link,
// disputes → a second answer → the citizen accepts and rates. Then an independent Open311
// client library (Python georeport) reads it back in JSON and XML and files a new one.
// Every page passes axe-core and fits a 360 px screen; the HTML is validated by zz-valid-html.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { demoJourney, expectClean, phone, png } from '../lib.js';

const demo = demoJourney();
const { password, signIn } = demo;

async function openReport(page, title) {
  await page.goto(`${demo.server.base}/kelola/aspirasi`);
  await page.click(`main a:has-text("${title}")`);
}

test('a citizen reports anonymously with a photo and follows it to a rated answer', async () => {
  const title = 'Jalan berlubang di depan SDN Bulakan 2';
  const citizen = await (await phone(demo.browser)).newPage();
  await citizen.goto(`${demo.server.base}/aspirasi/baru`);
  await expectClean(citizen, 'aspiration-new');
  // A first try without the required fields keeps what was typed and says what is missing.
  await citizen.fill('#f-title', title);
  await citizen.click('main form button[type=submit]:has-text("Kirim laporan")');
  assert.match(await citizen.textContent('main'), /Pilih kelurahan/);
  assert.equal(await citizen.inputValue('#f-title'), title);
  await expectClean(citizen, 'aspiration-new-errors');
  await citizen.check('input[name=kind][value=pengaduan]');
  await citizen.selectOption('#f-kelurahan_id', { label: 'Bulakan, Cibeber' });
  await citizen.fill('#f-description', 'Lubang besar sejak dua minggu, sudah ada pengendara motor jatuh.');
  await citizen.selectOption('#f-category_id', { label: 'Jalan rusak (DPUPR)' });
  await citizen.fill('#f-address', 'Jl. Raya Bulakan');
  await citizen.setInputFiles('#f-files', { name: 'lubang.png', mimeType: 'image/png', buffer: png(640, 400) });
  await citizen.check('#f-anonymous');
  await citizen.fill('#f-reporter_email', 'warga.pelapor@example.id');
  await citizen.click('main form button[type=submit]:has-text("Kirim laporan")');
  await citizen.waitForURL(/\/aspirasi\/lacak\//);
  const text = await citizen.textContent('main');
  const code = text.match(/ASP-\d{4}-\d{6}/)[0];
  assert.match(text, /Simpan tautan ini/);
  await expectClean(citizen, 'aspiration-track-new');
  const privateLink = citizen.url().split('?')[0];

  // The coordinator verifies and sends it to DPUPR; the identity stays hidden.
  const admin = await signIn('admin@demo.simpul.id', password('admin'));
  await admin.goto(`${demo.server.base}/kelola/aspirasi`);
  await expectClean(admin, 'aspiration-desk-list');
  await openReport(admin, title);
  assert.doesNotMatch(await admin.textContent('main'), /warga\.pelapor/);
  await expectClean(admin, 'aspiration-desk-new');
  await admin.click('main button:has-text("Verifikasi")');
  await admin.selectOption('#f-opd_id', { label: 'Dinas Pekerjaan Umum dan Penataan Ruang (DPUPR)' });
  await admin.click('main button:has-text("Teruskan ke OPD")');
  assert.match(await admin.textContent('main'), /Laporan diteruskan ke OPD/);

  // The DPUPR officer takes it up and answers.
  const officer = await signIn('opd@demo.simpul.id', password('petugas_opd'));
  await openReport(officer, title);
  await expectClean(officer, 'aspiration-desk-officer');
  assert.doesNotMatch(await officer.textContent('main'), /warga\.pelapor/);
  await officer.click('main button:has-text("Terima dan proses")');
  await officer.fill('#f-body', 'Akan ditambal pekan ini oleh tim UPT Jalan.');
  await officer.click('main button:has-text("Kirim tanggapan resmi")');
  assert.match(await officer.textContent('main'), /Tanggapan terkirim/);

  // The citizen disputes from the private link.
  await citizen.goto(privateLink);
  assert.match(await citizen.textContent('main'), /Akan ditambal pekan ini/);
  await expectClean(citizen, 'aspiration-track-answered');
  await citizen.fill('#f-dispute', 'Sampai hari ini belum ditambal.');
  await citizen.click('main button:has-text("Belum, buka kembali")');
  assert.match(await citizen.textContent('main'), /Laporan dibuka kembali/);

  // A second answer, then the citizen accepts and rates.
  await openReport(officer, title);
  await officer.fill('#f-body', 'Sudah ditambal pada 3 Desember, mohon dicek.');
  await officer.click('main button:has-text("Kirim tanggapan resmi")');
  await citizen.goto(privateLink);
  await citizen.click('main button:has-text("Ya, selesai")');
  assert.match(await citizen.textContent('main'), /Laporan ditandai selesai/);
  await citizen.check('input[name=rating][value="5"]');
  await citizen.fill('#f-comment', 'Cepat dan jelas, terima kasih.');
  await citizen.click('main button:has-text("Kirim penilaian")');
  assert.match(await citizen.textContent('main'), /Anda memberi 5 bintang/);
  await expectClean(citizen, 'aspiration-track-rated');

  // The public sees the report, the answers and the photo, never the reporter.
  const reader = await (await phone(demo.browser)).newPage();
  await reader.goto(`${demo.server.base}/aspirasi`);
  await expectClean(reader, 'aspirations-list');
  await reader.click(`main a:has-text("${title}")`);
  const publicText = await reader.textContent('main');
  assert.match(publicText, new RegExp(code));
  assert.match(publicText, /Sudah ditambal pada 3 Desember/);
  assert.doesNotMatch(publicText, /warga\.pelapor/);
  assert.ok(await reader.locator('main img[src^="/aspirasi/lampiran/"]').count() >= 1, 'the photo is shown');
  await expectClean(reader, 'aspiration-public');

  // Holidays page for the admin.
  await admin.goto(`${demo.server.base}/admin/hari-libur`);
  await admin.fill('#f-day', '2026-12-25');
  await admin.fill('#f-name', 'Hari Raya Natal');
  await admin.click('main button:has-text("Simpan")');
  assert.match(await admin.textContent('main'), /Hari Raya Natal/);
  await expectClean(admin, 'holidays');

  // An independent Open311 client reads it back (JSON and XML) and files a new report.
  await admin.goto(`${demo.server.base}/admin/token`);
  await admin.fill('#f-name', 'aplikasi-open311');
  await admin.selectOption('#f-scope', 'write');
  await admin.click('main form button[type=submit]');
  const key = (await admin.textContent('code.secret')).trim();
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'open311_client.py');
  const run = spawnSync('python3', [script, `${demo.server.base}/open311/v2`, key, code], { encoding: 'utf8' });
  assert.equal(run.status, 0, `open311 client failed:\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /open311 client: ok/);
});
