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
  // 35 of 36 points: 97.22, grade A.
  assert.match(await citizen.textContent('main'), /IKM 97,22/);
  assert.match(await citizen.textContent('main'), /Sangat Baik/);
  assert.doesNotMatch(await citizen.textContent('main'), /kipas angin/, 'suggestions are for staff');
  await expectClean(citizen, 'skm-results');

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
  await admin.goto(`${demo.server.base}/skm/kantor-kelurahan-ciwaduk/hasil`);
  assert.match(await admin.textContent('main'), /152 responden/, 'Krejcie–Morgan minimum for 250');
});
