// The satisfaction survey (SKM): a citizen finds it from the home page on a phone, forgets an
// answer and is told which (what was chosen stays), sends it, and sees the unit's index; an
// admin adds a kelurahan office as a service point with its population and reads the
// suggestions. Every page passes axe-core and fits a 360 px screen; the HTML is validated by
// zz-valid-html.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoJourney, expectClean, phone } from '../lib.js';

const demo = demoJourney();
const { password, signIn } = demo;

test('a citizen answers the survey and sees the index; an admin adds a service point', async () => {
  const citizen = await (await phone(demo.browser)).newPage();
  await citizen.goto(`${demo.server.base}/`);
  await citizen.click('main a[href="/skm"]');
  await expectClean(citizen, 'skm-list');
  await citizen.click('main table a >> nth=0');
  await expectClean(citizen, 'skm-form');
  const form = new URL(citizen.url()).pathname;
  // Every element but the fifth, the best answer each time.
  for (const n of [1, 2, 3, 4, 6, 7, 8, 9]) await citizen.check(`input[name="u${n}"][value="4"]`);
  await citizen.selectOption('#f-sex', 'P');
  await citizen.fill('#f-suggestion', 'Ruang tunggu perlu kipas angin.');
  await citizen.click('main button[type=submit]');
  assert.match(await citizen.textContent('main'), /Pilih salah satu jawaban/);
  assert.ok(await citizen.isChecked('input[name="u1"][value="4"]'), 'chosen answers are kept');
  assert.equal(await citizen.inputValue('#f-suggestion'), 'Ruang tunggu perlu kipas angin.');
  await expectClean(citizen, 'skm-form-invalid');
  await citizen.check('input[name="u5"][value="3"]');
  await citizen.click('main button[type=submit]');
  await citizen.waitForURL(/terima-kasih$/);
  await expectClean(citizen, 'skm-thanks');
  await citizen.click('main a[href$="/hasil"]');
  // One response: the public sees the count, not the scores (they would be this person's).
  assert.match(await citizen.textContent('main'), /kurang dari 10/);
  assert.doesNotMatch(await citizen.textContent('main'), /IKM 97,22/);
  assert.doesNotMatch(await citizen.textContent('main'), /kipas angin/, 'suggestions are for staff');
  await expectClean(citizen, 'skm-results');
  // The leaders' figures are one tap from the home page, with the unit's index in them.
  await citizen.goto(`${demo.server.base}/`);
  await citizen.click('main a[href="/dasbor"]');
  await expectClean(citizen, 'dashboard');
  assert.match(await citizen.textContent('main'), /menunggu 10 responden/);
  await citizen.selectOption('#f-kecamatan', { index: 1 });
  await citizen.click('main form.filters button');
  assert.match(citizen.url(), /kecamatan=\d+/);
  await expectClean(citizen, 'dashboard-kecamatan');

  const admin = await signIn('admin@demo.simpul.id', password('admin'));
  await admin.goto(`${demo.server.base}/admin`);
  await admin.click('main a[href="/admin/skm"]');
  await expectClean(admin, 'skm-admin');
  await admin.click('main a[href="/admin/skm/baru"]');
  await admin.fill('#f-population', 'banyak');
  await admin.click('main button:has-text("Simpan")');
  assert.match(await admin.textContent('main'), /Wajib diisi/);
  assert.equal(await admin.inputValue('#f-population'), 'banyak');
  await expectClean(admin, 'skm-unit-invalid');
  await admin.fill('#f-name', 'Kantor Kelurahan Ciwaduk');
  await admin.fill('#f-population', '250');
  await admin.click('main button:has-text("Simpan")');
  await admin.waitForURL(/\/admin\/skm$/);
  assert.match(await admin.textContent('main'), /Kantor Kelurahan Ciwaduk/);
  await admin.goto(`${demo.server.base}${form}/hasil`);
  assert.match(await admin.textContent('main'), /kipas angin/);
  // 35 of 36 points: 97.22, grade A — for the staff.
  assert.match(await admin.textContent('main'), /IKM 97,22[\s\S]*Sangat Baik/);
  await admin.goto(`${demo.server.base}/skm/kantor-kelurahan-ciwaduk/hasil`);
  assert.match(await admin.textContent('main'), /152 responden/, 'Krejcie–Morgan minimum for 250');
});

test('a kiosk takes three responses offline, sends them once back online, and is seen alive', async () => {
  const admin = await signIn('admin@demo.simpul.id', password('admin'));
  await admin.goto(`${demo.server.base}/admin/skm/kios`);
  await admin.fill('#f-name', 'Loket Pengaduan');
  await admin.selectOption('#f-unit_id', { index: 1 });
  await admin.click('main button:has-text("Daftarkan")');
  await expectClean(admin, 'skm-kiosks-created');
  const setup = (await admin.textContent('main code.secret')).trim();

  // A tablet in landscape at the counter.
  const tablet = await demo.browser.newContext({ viewport: { width: 800, height: 1280 }, bypassCSP: true, locale: 'id-ID' });
  const kiosk = await tablet.newPage();
  await kiosk.goto(setup);
  await kiosk.waitForURL(/\/kios$/);
  await expectClean(kiosk, 'skm-kiosk');
  const slug = new URL(kiosk.url()).pathname.split('/')[2];
  const before = await (await fetch(`${demo.server.base}/api/v1/skm/ikm?unit=${slug}`)).json();

  await tablet.setOffline(true);
  for (const level of ['4', '3', '4']) {
    for (let n = 1; n <= 9; n++) await kiosk.click(`fieldset#q-u${n} label:has(input[value="${level}"])`);
    await kiosk.click('button.kiosk-send');
    // The page is ready for the next person at once.
    assert.equal(await kiosk.locator('input:checked').count(), 0);
  }
  await kiosk.waitForFunction(() => /3 jawaban tersimpan/.test(document.getElementById('kiosk-status').textContent));
  await kiosk.screenshot({ path: `${process.cwd()}/screenshots/skm-kiosk-offline.png` });
  const offline = await (await fetch(`${demo.server.base}/api/v1/skm/ikm?unit=${slug}`)).json();
  assert.equal(offline.responses, before.responses, 'nothing arrived while offline');

  await tablet.setOffline(false);
  await kiosk.evaluate(() => window.dispatchEvent(new Event('online')));
  let after = offline;
  for (let i = 0; i < 50 && after.responses < before.responses + 3; i++) {
    await new Promise((r) => setTimeout(r, 200));
    after = await (await fetch(`${demo.server.base}/api/v1/skm/ikm?unit=${slug}`)).json();
  }
  assert.equal(after.responses, before.responses + 3);
  // A retried send changes nothing: the queue is empty and nothing more arrives.
  await kiosk.evaluate(() => window.dispatchEvent(new Event('online')));
  await new Promise((r) => setTimeout(r, 1000));
  const settled = await (await fetch(`${demo.server.base}/api/v1/skm/ikm?unit=${slug}`)).json();
  assert.equal(settled.responses, before.responses + 3);

  await admin.goto(`${demo.server.base}/admin/skm/kios`);
  assert.match(await admin.textContent('main'), /Loket Pengaduan[\s\S]*Aktif/);
  await tablet.close();
});
