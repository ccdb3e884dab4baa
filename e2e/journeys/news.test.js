// News: a KIM member uploads a photo and writes a draft with it → the Redaksi asks for a
// change → the member revises (and compares the versions) → the Redaksi publishes → a citizen
// opens it from the home page and sees the photo and the WhatsApp share link. Every page passes
// axe-core and fits a 360 px screen; the HTML is validated by zz-valid-html.test.js.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoJourney, expectClean, phone, png } from '../lib.js';

const demo = demoJourney();
const { password, signIn } = demo;

test('a member writes with a photo, the Redaksi asks for a change, then publishes; a citizen reads and shares', async () => {
  const member = await signIn('anggota@demo.simpul.id', password('anggota'));
  await member.goto(`${demo.server.base}/akun/media`);
  await member.setInputFiles('#f-file', { name: 'saluran.png', mimeType: 'image/png', buffer: png(800, 500) });
  await member.fill('#f-alt', 'Warga membersihkan saluran air');
  await member.click('main form button[type=submit]');
  await member.waitForSelector('ul.media img');
  await member.goto(`${demo.server.base}/tulis`);
  await expectClean(member, '30-my-articles');
  await member.click('text=Tulis berita baru');
  await expectClean(member, '31-new-article');
  await member.fill('#f-title', 'Kerja Bakti Bersihkan Saluran Air di Bulakan');
  await member.fill('#f-lead', 'Warga Bulakan membersihkan saluran air menjelang musim hujan.');
  await member.fill('#f-body', '## Menjelang musim hujan\n\nSebanyak **60 warga** ikut serta.');
  await member.selectOption('#f-category_id', { label: 'Lingkungan' });
  await member.selectOption('#f-cover_media_id', { label: 'Warga membersihkan saluran air' });
  await member.fill('#f-cover_caption', 'Gotong royong di Bulakan');
  await member.click('main form button[type=submit]');
  await member.waitForURL(/\/tulis\/\d+$/);
  assert.match(await member.textContent('.preview'), /60 warga/);
  await expectClean(member, '32-draft');
  await member.click('button[value=ajukan]');
  await member.waitForURL(/\/tulis\/\d+$/);
  assert.match(await member.textContent('main'), /Diajukan ke Redaksi/);
  const articleUrl = member.url();

  const editor = await signIn('redaksi@demo.simpul.id', password('redaksi'));
  await editor.goto(`${demo.server.base}/redaksi`);
  await expectClean(editor, '33-queue');
  await editor.goto(articleUrl);
  await expectClean(editor, '34-review');
  await editor.fill('#f-note', 'Sebutkan tanggal kegiatannya.');
  await editor.click('button[value=minta_revisi]');
  await editor.waitForURL(articleUrl);

  await member.goto(articleUrl);
  assert.match(await member.textContent('main'), /Sebutkan tanggal kegiatannya/);
  await member.fill('#f-body', '## Menjelang musim hujan\n\nPada Minggu, 22 November 2026, sebanyak **60 warga** ikut serta.');
  await member.click('button:has-text("Simpan naskah")');
  await member.waitForURL(articleUrl);
  await member.click('text=Bandingkan versi');
  await member.waitForURL(/\/versi$/);
  assert.match(await member.textContent('pre.diff ins'), /22 November 2026/);
  await expectClean(member, '37-versions');
  await member.goto(articleUrl);
  await member.click('button[value=ajukan]');
  await member.waitForURL(articleUrl);

  await editor.goto(articleUrl);
  await editor.click('button[value=terbitkan]');
  await editor.waitForURL(articleUrl);
  assert.match(await editor.textContent('main'), /Berita terbit/);

  const citizen = await (await phone(demo.browser)).newPage();
  await citizen.goto(`${demo.server.base}/`);
  await citizen.click('text=Kerja Bakti Bersihkan Saluran Air di Bulakan');
  await citizen.waitForURL(/\/berita\/kerja-bakti-bersihkan-saluran-air-di-bulakan$/);
  await expectClean(citizen, '35-article');
  assert.match(await citizen.getAttribute('main img[srcset]', 'srcset'), /360w/);
  assert.match(await citizen.textContent('main'), /Gotong royong di Bulakan/);
  const wa = await citizen.getAttribute('a[href^="https://wa.me/"]', 'href');
  assert.match(wa, /Kerja\+Bakti/);
  assert.match(await citizen.textContent('main'), /Editor: Rina Redaksi/);
  await citizen.goto(`${demo.server.base}/berita`);
  await expectClean(citizen, '36-news-list');

  // Searching in everyday words finds it (the index follows publishing within a second).
  let found = false;
  for (let i = 0; i < 20 && !found; i++) {
    await citizen.goto(`${demo.server.base}/cari?q=${encodeURIComponent('bersihkan saluran')}`);
    found = (await citizen.locator('ol.results li').count()) > 0;
    if (!found) await citizen.waitForTimeout(250);
  }
  assert.ok(found, 'the published article is found by search');
  assert.match(await citizen.textContent('ol.results'), /Kerja Bakti Bersihkan Saluran Air/);
  await expectClean(citizen, '40-search');
  await citizen.goto(`${demo.server.base}/cari?q=${encodeURIComponent('kapal selam')}`);
  await expectClean(citizen, '41-search-nothing');

  // The author sees how often it was read (counted without cookies) and can issue a token.
  await member.goto(`${demo.server.base}/akun/token`);
  await expectClean(member, '38-personal-tokens');
  await member.fill('#f-name', 'Alat tulis KIM');
  await member.selectOption('#f-scope', 'write');
  await member.click('main form button[type=submit]');
  assert.match(await member.textContent('code.secret'), /^smp_/);
  await expectClean(member, '39-token-issued');
});
