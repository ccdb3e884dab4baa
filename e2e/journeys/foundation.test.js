// First run: setup link → admin signs in → creates a KIM group and a member → the group is
// in the public directory. Every page passes axe-core and fits a 360 px screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { expectClean, launch, phone, SHOTS, startServer } from '../lib.js';

let server;
let browser;

before(async () => {
  server = await startServer({ regions: new URL('../../crates/simpul/data/regions/cilegon.csv', import.meta.url).pathname });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('first run: setup, KIM group and member, public directory', async () => {
  const link = server.output().match(/http:\/\/\S+\/setup\?token=\S+/);
  assert.ok(link, `setup link printed:\n${server.output()}`);
  const ctx = await phone(browser);
  const page = await ctx.newPage();

  await page.goto(link[0]);
  await expectClean(page, '01-setup');
  await page.fill('#f-name', 'Admin Diskominfo');
  await page.fill('#f-email', 'admin@cilegon.go.id');
  await page.fill('#f-password', 'pendek');
  await page.fill('#f-password_confirm', 'pendek');
  await page.click('button[type=submit]');
  assert.equal(await page.inputValue('#f-email'), 'admin@cilegon.go.id', 'the form keeps what was typed');
  await expectClean(page, '02-setup-invalid');
  await page.fill('#f-password', 'kopi-tubruk-cilegon');
  await page.fill('#f-password_confirm', 'kopi-tubruk-cilegon');
  await page.click('button[type=submit]');
  await page.waitForURL('**/admin');
  await expectClean(page, '03-admin');

  await page.goto(`${server.base}/admin/kim/baru`);
  await expectClean(page, '04-kim-new');
  await page.fill('#f-name', 'KIM Bulakan Maju');
  await page.selectOption('#f-level', 'kelurahan');
  const bulakan = await page.$eval('#f-region_id', (s) => [...s.options].find((o) => o.text.startsWith('Kelurahan Bulakan'))?.value);
  assert.ok(bulakan, 'Bulakan is offered as a region');
  await page.selectOption('#f-region_id', bulakan);
  await page.fill('#f-ketua', 'Hj. Siti Rohmah');
  await page.click('form.stack button[type=submit]');
  await page.waitForURL('**/anggota');
  await expectClean(page, '05-members');
  await page.fill('#f-email', 'budi@example.id');
  await page.fill('#f-name', 'Budi Santoso');
  await page.click('form.stack button[type=submit]');
  await page.waitForURL('**/anggota');
  assert.match(await page.textContent('main'), /Budi Santoso/);

  const visitor = await (await phone(browser)).newPage();
  await visitor.goto(`${server.base}/kim`);
  await expectClean(visitor, '06-directory');
  assert.match(await visitor.textContent('main'), /KIM Bulakan Maju/);
  await visitor.click('text=KIM Bulakan Maju');
  await expectClean(visitor, '07-kim-page');
  assert.match(await visitor.textContent('main'), /Hj\. Siti Rohmah/);
  assert.match(await visitor.textContent('main'), /1 anggota/);
  await visitor.goto(`${server.base}/`);
  await expectClean(visitor, '08-home');
  await visitor.click('header a.lang');
  assert.match(await visitor.textContent('h1'), /Citizen information/);
  await visitor.goto(`${server.base}/tidak-ada`);
  await expectClean(visitor, '09-not-found');
});

test('admin pages, account pages and guest forms pass the same checks', async () => {
  const ctx = await phone(browser);
  const page = await ctx.newPage();
  await page.goto(`${server.base}/masuk`);
  await expectClean(page, '10-login');
  await page.fill('#f-email', 'admin@cilegon.go.id');
  await page.fill('#f-password', 'salah-sekali-123');
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('main'), /E-mail atau kata sandi salah/);
  await expectClean(page, '11-login-failed');
  await page.fill('#f-password', 'kopi-tubruk-cilegon');
  await page.click('main button[type=submit]');
  // Staff land on their task list.
  await page.waitForURL(`${server.base}/tugas`);
  await expectClean(page, '11b-tasks');

  await page.goto(`${server.base}/admin/opd/baru`);
  await expectClean(page, '12-opd-new');
  await page.fill('#f-name', 'Dinas Pekerjaan Umum dan Penataan Ruang');
  await page.fill('#f-short_name', 'DPUPR');
  await page.fill('#f-categories', 'Jalan rusak\nDrainase');
  await page.click('form.stack button[type=submit]');
  await page.waitForURL('**/admin/opd');
  await expectClean(page, '13-opd-admin');

  await page.goto(`${server.base}/admin/pengguna`);
  await expectClean(page, '14-users');
  await page.goto(`${server.base}/admin/kategori`);
  await expectClean(page, '14a-categories');
  await page.goto(`${server.base}/admin/wilayah`);
  await page.fill('#code-1', '36.7');
  await page.click('#r1 button');
  assert.match(await page.textContent('main'), /00\.00/);
  await expectClean(page, '14b-regions-invalid');
  await page.goto(`${server.base}/admin/token`);
  await page.fill('#f-name', 'dasbor');
  await page.click('form.stack button[type=submit]');
  assert.match(await page.textContent('main'), /smp_/);
  await expectClean(page, '15-tokens');
  await page.goto(`${server.base}/admin/audit`);
  assert.match(await page.textContent('main'), /kim\.create/);
  await expectClean(page, '16-audit');
  await page.goto(`${server.base}/admin/surel`);
  assert.match(await page.textContent('main'), /budi@example\.id/);
  await expectClean(page, '17-outbox');
  await page.goto(`${server.base}/admin/situs`);
  await page.fill('#f-city', 'Kota Cilegon');
  await page.setInputFiles('#f-logo', path.join(SHOTS, '01-setup.png'));
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('main'), /Identitas situs disimpan/);
  assert.match(await page.textContent('header'), /Kota Cilegon/);
  await expectClean(page, '17b-site');
  await page.goto(`${server.base}/akun/laporan`);
  await expectClean(page, '18b-own-reports');
  await page.goto(`${server.base}/akun`);
  await expectClean(page, '18-account');
  await page.goto(`${server.base}/akun/sandi`);
  await expectClean(page, '19-password');
  await page.goto(`${server.base}/akun/media`);
  // Any real image will do: upload the first screenshot of this run.
  await page.setInputFiles('#f-file', path.join(SHOTS, '01-setup.png'));
  await page.fill('#f-alt', 'Halaman penyiapan Simpul');
  await page.click('main button[type=submit]');
  await page.waitForURL('**/akun/media');
  assert.match(await page.textContent('main'), /Foto diunggah/);
  assert.ok(await page.$eval('ul.media img', (img) => img.naturalWidth > 0), 'the uploaded photo shows');
  await expectClean(page, '19b-media');
  await page.goto(`${server.base}/opd`);
  await expectClean(page, '20-opd');

  const guest = await (await phone(browser)).newPage();
  for (const [path, name] of [['/daftar', '21-register'], ['/lupa-sandi', '22-forgot']]) {
    await guest.goto(`${server.base}${path}`);
    await expectClean(guest, name);
  }
  await guest.goto(`${server.base}/daftar`);
  await guest.fill('#f-name', 'Siti Warga');
  await guest.fill('#f-email', 'siti@example.id');
  await guest.fill('#f-password', 'pendek');
  await guest.fill('#f-password_confirm', 'pendek');
  await guest.click('main button[type=submit]');
  assert.match(await guest.textContent('main'), /minimal 10 karakter/);
  assert.equal(await guest.inputValue('#f-email'), 'siti@example.id', 'the form keeps what was typed');
  await expectClean(guest, '23-register-invalid');
});
