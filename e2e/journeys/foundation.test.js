// First run: setup link → admin signs in → creates a KIM group and a member → the group is
// in the public directory. Every page passes axe-core and fits a 360 px screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkPage, launch, phone, startServer } from '../lib.js';

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

async function expectClean(page, name) {
  const { violations, overflow } = await checkPage(page, name);
  assert.deepEqual(violations, [], `${name}: accessibility violations`);
  assert.ok(overflow <= 0, `${name}: wider than 360 px by ${overflow}px`);
}

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
