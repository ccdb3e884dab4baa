// Aspirations: an anonymous citizen reports a pothole with a photo and asks to hear back on
// Telegram → the coordinator, landing on the task list, verifies and sends it to DPUPR → the
// DPUPR officer finds it on the task list and answers → the answer reaches the citizen by
// Telegram (a fake Bot API here) and by e-mail (the outbox) → the citizen follows the private
// link, disputes → a second answer → the citizen accepts and rates; a lost link is sent again.
// Then an independent Open311 client library (Python georeport) reads it back in JSON and XML
// and files a new one. Every page passes axe-core and fits a 360 px screen; the HTML is
// validated by zz-valid-html.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { demoJourney, expectClean, fakeTelegram, phone, png } from '../lib.js';

const { sent, waitFor, base: telegramBase } = await fakeTelegram();
const SECRET = 'rahasia-webhook-uji';
const demo = demoJourney({
  args: ['--telegram-bot-token', '42:TOKEN', '--telegram-webhook-secret', SECRET, '--telegram-bot-username',
    'kim_cilegon_bot', '--telegram-api-base', telegramBase],
});
const { password, signIn } = demo;

async function telegram(chat, messageId, text) {
  const update = { update_id: messageId, message: { message_id: messageId, date: 1795831200,
    chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'Warga' }, text } };
  const r = await fetch(`${demo.server.base}/api/v1/webhooks/telegram`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  assert.equal(r.status, 200);
}

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

  // "Kabari saya lewat Telegram": the button opens the city's bot with a one-time code
  // (t.me is stood in for here); the citizen presses Start, and the bot says it is linked.
  let deepLink = null;
  await citizen.route('https://t.me/**', (route) => {
    deepLink = route.request().url();
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Telegram</title>' });
  });
  await citizen.click('main button:has-text("Kabari saya lewat Telegram")');
  await expectClean(citizen, 'aspiration-chat-invite');
  await citizen.click('main a:has-text("Buka Telegram")');
  await citizen.waitForURL(/t\.me/);
  const chatCode = new URL(deepLink).searchParams.get('start');
  assert.match(chatCode, /^[A-Z2-9]{8}$/);
  await telegram(7001, 1, `/start ${chatCode}`);
  await waitFor((m) => m.json.chat_id === 7001 && /Terhubung/.test(m.json.text), 'confirming the link');
  await citizen.goto(privateLink);
  assert.match(await citizen.textContent('main'), /Kabar juga dikirim ke Telegram Anda/);

  // The coordinator lands on the task list, which leads to the new report; the identity stays
  // hidden.
  const admin = await signIn('admin@demo.simpul.id', password('admin'));
  assert.match(admin.url(), /\/tugas$/);
  assert.match(await admin.textContent('main'), /Laporan menunggu verifikasi/);
  await expectClean(admin, 'tasks-coordinator');
  await admin.click(`main a:has-text("${title}")`);
  await admin.goto(`${demo.server.base}/kelola/aspirasi`);
  await expectClean(admin, 'aspiration-desk-list');
  await openReport(admin, title);
  assert.doesNotMatch(await admin.textContent('main'), /warga\.pelapor/);
  await expectClean(admin, 'aspiration-desk-new');
  await admin.click('main button:has-text("Verifikasi")');
  await admin.selectOption('#f-opd_id', { label: 'Dinas Pekerjaan Umum dan Penataan Ruang (DPUPR)' });
  await admin.click('main button:has-text("Disposisikan ke OPD")');
  assert.match(await admin.textContent('main'), /Laporan didisposisikan ke OPD/);

  // The DPUPR officer lands on the task list: the new disposition, with its days left.
  const officer = await signIn('opd@demo.simpul.id', password('petugas_opd'));
  assert.match(officer.url(), /\/tugas$/);
  const tasks = await officer.textContent('main');
  assert.match(tasks, /Disposisi untuk ditindaklanjuti/);
  assert.match(tasks, /hari kerja lagi/);
  await expectClean(officer, 'tasks-officer');
  await officer.click(`main a:has-text("${title}")`);
  await expectClean(officer, 'aspiration-desk-officer');
  assert.doesNotMatch(await officer.textContent('main'), /warga\.pelapor/);
  await officer.click('main button:has-text("Terima dan tindak lanjuti")');
  await officer.fill('#f-body', 'Akan ditambal pekan ini oleh tim UPT Jalan.');
  await officer.click('main button:has-text("Kirim tanggapan resmi")');
  assert.match(await officer.textContent('main'), /Tanggapan terkirim/);

  // The answer reaches the citizen on Telegram and by e-mail, each with the private link.
  const onChat = await waitFor((m) => m.json.chat_id === 7001 && /Akan ditambal pekan ini/.test(m.json.text), 'with the answer');
  assert.match(onChat.json.text, /\/aspirasi\/lacak\//);
  await admin.goto(`${demo.server.base}/admin/surel`);
  const outbox = await admin.textContent('main');
  assert.match(outbox, /Tanggapan untuk laporan/);
  assert.match(outbox, /Akan ditambal pekan ini oleh tim UPT Jalan/);

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
  // Stopping the news is one tap from the link in every message.
  await citizen.goto(`${privateLink}/berhenti`);
  await expectClean(citizen, 'aspiration-stop');
  await citizen.click('main button:has-text("Berhenti menerima kabar")');
  assert.match(await citizen.textContent('main'), /tidak akan menerima kabar laporan ini lagi/);

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

  // A lost link: the ticket code and the e-mail given send it again; the page answers the same
  // for a wrong contact.
  const lost = await (await phone(demo.browser)).newPage();
  await lost.goto(`${demo.server.base}/`);
  await lost.click('main a:has-text("Lacak laporan")');
  await expectClean(lost, 'aspiration-resend');
  await lost.fill('#f-code', code);
  await lost.fill('#f-contact', 'orang.lain@example.id');
  await lost.click('main button:has-text("Kirim tautan")');
  const answer = await lost.textContent('main');
  assert.match(answer, /Jika nomor laporan dan kontak itu cocok/);
  await lost.fill('#f-code', code);
  await lost.fill('#f-contact', 'warga.pelapor@example.id');
  await lost.click('main button:has-text("Kirim tautan")');
  assert.equal(await lost.textContent('main'), answer);

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
