// News: a KIM member writes and submits a draft → the Redaksi publishes it → a citizen opens
// it from the home page and sees the WhatsApp share link. Every page passes axe-core and
// fits a 360 px screen; the HTML is validated by zz-valid-html.test.js.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectClean, launch, phone, startServer } from '../lib.js';

let server;
let browser;

before(async () => {
  server = await startServer({ args: ['--demo'] });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

function password(role) {
  const line = server.output().split('\n').find((l) => l.trim().startsWith(`${role} `));
  assert.ok(line, `demo password for ${role}:\n${server.output()}`);
  return line.trim().split(/\s+/)[2];
}

async function signIn(email, pw) {
  const page = await (await phone(browser)).newPage();
  await page.goto(`${server.base}/masuk`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', pw);
  await page.click('main button[type=submit]');
  await page.waitForURL(`${server.base}/`);
  return page;
}

test('a member writes, the Redaksi publishes, a citizen reads and shares', async () => {
  const member = await signIn('anggota@demo.simpul.id', password('anggota'));
  await member.goto(`${server.base}/tulis`);
  await expectClean(member, '30-my-articles');
  await member.click('text=Tulis berita baru');
  await expectClean(member, '31-new-article');
  await member.fill('#f-title', 'Kerja Bakti Bersihkan Saluran Air di Bulakan');
  await member.fill('#f-lead', 'Warga Bulakan membersihkan saluran air menjelang musim hujan.');
  await member.fill('#f-body', '## Menjelang musim hujan\n\nSebanyak **60 warga** ikut serta.');
  await member.selectOption('#f-category_id', { label: 'Lingkungan' });
  await member.click('main form button[type=submit]');
  await member.waitForURL(/\/tulis\/\d+$/);
  assert.match(await member.textContent('.preview'), /60 warga/);
  await expectClean(member, '32-draft');
  await member.click('button[value=ajukan]');
  await member.waitForURL(/\/tulis\/\d+$/);
  assert.match(await member.textContent('main'), /Diajukan ke Redaksi/);
  const articleUrl = member.url();

  const editor = await signIn('redaksi@demo.simpul.id', password('redaksi'));
  await editor.goto(`${server.base}/redaksi`);
  await expectClean(editor, '33-queue');
  await editor.goto(articleUrl);
  await expectClean(editor, '34-review');
  await editor.click('button[value=terbitkan]');
  await editor.waitForURL(articleUrl);
  assert.match(await editor.textContent('main'), /Berita terbit/);

  const citizen = await (await phone(browser)).newPage();
  await citizen.goto(`${server.base}/`);
  await citizen.click('text=Kerja Bakti Bersihkan Saluran Air di Bulakan');
  await citizen.waitForURL(/\/berita\/kerja-bakti-bersihkan-saluran-air-di-bulakan$/);
  await expectClean(citizen, '35-article');
  const wa = await citizen.getAttribute('a[href^="https://wa.me/"]', 'href');
  assert.match(wa, /Kerja\+Bakti/);
  assert.match(await citizen.textContent('main'), /Editor: Rina Redaksi/);
  await citizen.goto(`${server.base}/berita`);
  await expectClean(citizen, '36-news-list');
});
