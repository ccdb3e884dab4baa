// Training: an admin creates a programme and a session for two with a practice assignment → two
// members register, a third joins the waiting list → one cancels and the third moves up → a
// member checks in with the code shown on the trainer's page (the QR carries it) → the member's
// practice draft is published by the KIM's Redaksi → the certificate is downloaded and verified.
// Every page passes axe-core and fits a 360 px screen; the HTML is validated by zz-valid-html.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoJourney, expectClean, phone } from '../lib.js';

const demo = demoJourney();
const { password, signIn } = demo;

/** A datetime-local value `minutes` from now, in WIB (UTC+7), which is how the server reads it. */
function wibIn(minutes) {
  return new Date(Date.now() + (7 * 60 + minutes) * 60000).toISOString().slice(0, 16);
}

async function createMember(admin, name, email) {
  await admin.goto(`${demo.server.base}/admin/pengguna`);
  await admin.fill('#f-name', name);
  await admin.fill('#f-email', email);
  await admin.selectOption('#f-role', 'anggota');
  await admin.selectOption('#f-kim_id', { index: 1 });
  await admin.click('main form button[type=submit]:has-text("Buat akun")');
}

test('a session fills, the queue moves up, attendance, practice, and a verified certificate', async () => {
  const admin = await signIn('admin@demo.simpul.id', password('admin'));
  await admin.goto(`${demo.server.base}/kelola/pelatihan`);
  await expectClean(admin, 'training-admin');
  // A refused first try keeps what was typed.
  await admin.fill('#f-title', 'Menulis Berita untuk Warga');
  await admin.click('main button:has-text("Simpan")');
  assert.match(await admin.textContent('main'), /Wajib diisi/);
  assert.equal(await admin.inputValue('#f-title'), 'Menulis Berita untuk Warga');
  await admin.fill('#f-description', 'Dasar 5W+1H, foto berita, dan etika jurnalistik warga.');
  await admin.selectOption('#f-topic', 'penulisan_berita');
  await admin.fill('#f-organiser', 'Diskominfo Kota Cilegon');
  await admin.fill('#f-trainer', 'Rina Wartawan');
  await admin.click('main button:has-text("Simpan")');
  await admin.waitForURL(/\/kelola\/pelatihan\/\d+$/);
  await expectClean(admin, 'training-admin-programme');
  // It starts in 40 minutes: check-in opens an hour before.
  await admin.fill('#f-starts_at', wibIn(40));
  await admin.fill('#f-ends_at', wibIn(220));
  await admin.fill('#f-place', 'Aula Diskominfo');
  await admin.fill('#f-capacity', '2');
  await admin.fill('#f-registration_deadline', wibIn(30));
  await admin.fill('#f-practice', 'Tulis berita 300 kata tentang kegiatan di kelurahan Anda.');
  await admin.click('main button:has-text("Tambah sesi")');
  await admin.waitForURL(/\/kelola\/pelatihan\/sesi\/\d+$/);
  const sessionPath = new URL(admin.url()).pathname;

  // A third member, who has no password yet: the admin registers her.
  await admin.goto(`${demo.server.base}/admin/pengguna`);
  await admin.fill('#f-name', 'Dewi Anggota');
  await admin.fill('#f-email', 'dewi@demo.simpul.id');
  await admin.selectOption('#f-role', 'anggota');
  await admin.selectOption('#f-kim_id', { index: 1 });
  await admin.click('main form[action="/admin/pengguna"] button[type=submit]');

  // The demo member and the demo editor take the two seats; Dewi joins the waiting list.
  const member = await signIn('anggota@demo.simpul.id', password('anggota'));
  await member.goto(`${demo.server.base}/pelatihan`);
  await expectClean(member, 'training-list');
  await member.click('main a:has-text("Menulis Berita untuk Warga")');
  await expectClean(member, 'training-programme');
  await member.click('main button:has-text("Daftar")');
  assert.match(await member.textContent('main'), /Anda terdaftar/);
  const editor = await signIn('redaksi@demo.simpul.id', password('redaksi'));
  await editor.goto(member.url());
  await editor.click('main button:has-text("Daftar")');
  assert.match(await editor.textContent('main'), /Anda terdaftar/);
  await admin.goto(`${demo.server.base}${sessionPath}`);
  await admin.fill('#f-email', 'dewi@demo.simpul.id');
  await admin.click('main button:has-text("Daftarkan anggota")');
  assert.match(await admin.textContent('main tr:has-text("Dewi Anggota")'), /Daftar tunggu/);
  await expectClean(admin, 'training-admin-session');

  // The editor cancels: Dewi moves up by herself.
  await editor.reload();
  await editor.click('main button:has-text("Batalkan pendaftaran")');
  await admin.goto(`${demo.server.base}${sessionPath}`);
  assert.match(await admin.textContent('main tr:has-text("Dewi Anggota")'), /Terdaftar/);

  // Attendance: the code on the trainer's page (and its QR) checks the member in, once; the
  // editor, who has no seat any more, is refused with the same code; Dewi is ticked by hand.
  const code = (await admin.textContent('main .code strong')).trim();
  assert.match(code, /^\d{6}$/);
  const qr = await admin.request.get(`${demo.server.base}${sessionPath}/qr.svg`);
  assert.equal(qr.status(), 200);
  assert.match(await qr.text(), /<svg/);
  const sid = sessionPath.split('/').pop();
  await member.goto(`${demo.server.base}/pelatihan/sesi/${sid}/hadir?kode=${code}`);
  assert.equal(await member.inputValue('#f-kode'), code);
  await expectClean(member, 'training-checkin');
  await member.click('main button:has-text("Catat kehadiran")');
  assert.match(await member.textContent('main'), /Kehadiran Anda tercatat/);
  await editor.goto(`${demo.server.base}/pelatihan/sesi/${sid}/hadir?kode=${code}`);
  await editor.click('main button:has-text("Catat kehadiran")');
  assert.match(await editor.textContent('main'), /tidak punya kursi/);
  await expectClean(editor, 'training-checkin-refused');
  await admin.click('main tr:has-text("Dewi Anggota") button:has-text("Tandai hadir")');
  assert.match(await admin.textContent('main tr:has-text("Dewi Anggota")'), /dicentang pelatih/);
  assert.match(await admin.textContent('main tr:has-text("Budi Anggota")'), /\(kode\)/);

  // Practice: the member writes the assignment as a news draft and submits it; the KIM's
  // Redaksi publishes it from the normal queue, where it is marked as practice.
  await member.goto(`${demo.server.base}/pelatihan/saya`);
  await expectClean(member, 'training-mine');
  await member.click('main a:has-text("Menulis Berita untuk Warga")');
  await member.click('main a:has-text("Tulis tugas latihan")');
  await member.fill('#f-title', 'Kerja bakti warga Bulakan');
  await member.fill('#f-lead', 'Warga RT 02 membersihkan saluran air sebelum musim hujan.');
  await member.fill('#f-body', 'Minggu pagi, puluhan warga RT 02 Kelurahan Bulakan membersihkan saluran air.');
  await member.selectOption('#f-category_id', { index: 1 });
  await member.click('main button:has-text("Simpan naskah")');
  await member.click('main button:has-text("Ajukan ke Redaksi")');
  await editor.goto(`${demo.server.base}/redaksi`);
  assert.match(await editor.textContent('main'), /Kerja bakti warga Bulakan\s*Tugas latihan pelatihan/);
  await editor.click('main a:has-text("Kerja bakti warga Bulakan")');
  await editor.click('main button:text-is("Terbitkan")');

  // Completed: the certificate is listed, downloads as a PDF, and verifies.
  await member.goto(`${demo.server.base}/pelatihan/saya`);
  const number = (await member.textContent('main a[href^="/sertifikat/SRT-"]:not([href$="/unduh"])')).trim();
  assert.match(number, /^SRT-\d{4}-[A-Z0-9]{8}$/);
  const pdf = await member.request.get(`${demo.server.base}/sertifikat/${number}/unduh`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.ok((await pdf.body()).subarray(0, 5).toString() === '%PDF-');
  const anyone = await (await phone(demo.browser)).newPage();
  await anyone.goto(`${demo.server.base}/sertifikat/${number}`);
  assert.match(await anyone.textContent('main'), /asli dan berlaku/);
  assert.match(await anyone.textContent('main'), /Budi Anggota/);
  await expectClean(anyone, 'training-certificate');

  // In the room, the trainer's page shows the next code by itself when the minute turns.
  await admin.goto(`${demo.server.base}${sessionPath}`);
  const before = (await admin.textContent('main .code strong')).trim();
  await admin.waitForFunction((old) => {
    const now = document.querySelector('main .code strong');
    return now && now.textContent.trim() !== old;
  }, before, { timeout: 70000 });
  assert.match((await admin.textContent('main .code strong')).trim(), /^\d{6}$/);
  assert.match(await admin.getAttribute('main .code ~ img, main section img', 'src'), /qr\.svg\?t=\d+/);
});
