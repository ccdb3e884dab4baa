// Against hoaxes: a citizen pastes a reworded hoax and sees the clarification at once; a new
// rumour arrives through the Telegram bot and gets a ticket code; an editor checks it and
// publishes a verdict; the waiting Telegram user (a fake Telegram API here) receives it.
// Every page passes axe-core and fits a 360 px screen; the HTML is validated by zz-valid-html.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoJourney, expectClean, fakeTelegram, phone } from '../lib.js';

const { waitFor, base: telegramBase } = await fakeTelegram();
const SECRET = 'rahasia-webhook-uji';
const demo = demoJourney({
  args: ['--telegram-bot-token', '42:TOKEN', '--telegram-webhook-secret', SECRET,
    '--telegram-api-base', telegramBase],
});
const { password, signIn } = demo;

test('a reworded hoax is answered at once; a new rumour is checked and its tipster told', async () => {
  const citizen = await (await phone(demo.browser)).newPage();
  await citizen.goto(`${demo.server.base}/cek-fakta`);
  await expectClean(citizen, 'factcheck-index');
  // Nothing pasted: the page says so and keeps the link that was typed.
  await citizen.fill('#f-link', 'https://wa.me/status/123');
  await citizen.click('main button:has-text("Periksa pesan")');
  assert.match(await citizen.textContent('main'), /Wajib diisi/);
  assert.equal(await citizen.inputValue('#f-link'), 'https://wa.me/status/123');
  await expectClean(citizen, 'factcheck-index-errors');
  await citizen.fill('#f-text', 'INFO PENTING!! bansos tunai 600rb dari pemkot cilegon utk tiap keluarga, daftar aja lewat link online ini sblm akhir bulan');
  await citizen.click('main button:has-text("Periksa pesan")');
  const answer = await citizen.textContent('main');
  assert.match(answer, /HOAKS/);
  assert.match(answer, /Bansos tunai Rp 600 ribu yang dicairkan lewat tautan pendaftaran/);
  await expectClean(citizen, 'factcheck-answer');
  await citizen.click('main .answer a:has-text("Baca klarifikasi lengkap")');
  await citizen.waitForURL(/\/klarifikasi\//);
  assert.match(await citizen.title(), /^\[HOAKS\]/);
  const ld = JSON.parse(await citizen.textContent('script[type="application/ld+json"]'));
  assert.equal(ld['@type'], 'ClaimReview');
  assert.equal(ld.reviewRating.alternateName, 'HOAKS');
  await expectClean(citizen, 'factcheck-clarification');

  // A new rumour through the Telegram bot: received with a ticket code.
  const rumour = 'Beredar kabar air PDAM di Kelurahan Bulakan tercemar limbah pabrik dan tidak boleh dipakai mandi sampai akhir pekan';
  const update = { update_id: 1, message: { message_id: 7, date: 1, chat: { id: 5550123, type: 'private' }, text: rumour } };
  const r = await fetch(`${demo.server.base}/api/v1/webhooks/telegram`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update),
  });
  assert.equal(r.status, 200);
  const received = await waitFor((m) => m.json.chat_id === 5550123, 'acknowledging the tip');
  assert.equal(received.path, '/bot42:TOKEN/sendMessage');
  const code = received.json.text.match(/CEK-\d{4}-\d{6}/)[0];
  await citizen.goto(`${demo.server.base}/cek-fakta/tiket/${code}`);
  assert.match(await citizen.textContent('main'), /Belum dicek/);
  await expectClean(citizen, 'factcheck-ticket');

  // The editor finds it on the desk, takes it up and publishes the verdict.
  const editor = await signIn('redaksi@demo.simpul.id', password('redaksi'));
  await editor.goto(`${demo.server.base}/kelola/cek-fakta`);
  await expectClean(editor, 'factcheck-desk');
  await editor.click('main table a:has-text("#")');
  assert.match(await editor.textContent('main'), /Telegram 1/);
  assert.doesNotMatch(await editor.textContent('main'), /5550123/);
  await expectClean(editor, 'factcheck-rumour');
  await editor.click('main button:has-text("Mulai periksa")');
  await editor.fill('#f-note', 'PDAM: hasil uji lab hari ini normal.');
  await editor.click('main button:has-text("Tambah catatan")');
  await editor.selectOption('#f-verdict', 'HOAKS');
  await editor.selectOption('#f-content_type', 'konten_palsu');
  await editor.fill('#f-title', 'Air PDAM Bulakan tercemar limbah pabrik');
  await editor.fill('#f-summary', 'PDAM memastikan air di Bulakan aman: hasil uji laboratorium hari ini normal.');
  await editor.fill('#f-body', 'Uji laboratorium PDAM pada hari yang sama menunjukkan air memenuhi baku mutu.');
  await editor.fill('#f-sources', 'Siaran pers PDAM | https://pdam.example.go.id/siaran');
  await editor.click('main button:has-text("Terbitkan klarifikasi")');
  await editor.waitForURL(/\/klarifikasi\//);
  assert.match(await editor.textContent('main'), /Air PDAM Bulakan tercemar limbah pabrik/);

  // The Telegram user hears the verdict, and the ticket shows it.
  const told = await waitFor((m) => m.json.chat_id === 5550123 && /Air PDAM Bulakan/.test(m.json.text), 'with the verdict');
  assert.match(told.json.text, new RegExp(code));
  assert.match(told.json.text, /\[HOAKS\]/);
  await citizen.goto(`${demo.server.base}/cek-fakta/tiket/${code}`);
  assert.match(await citizen.textContent('main'), /Air PDAM Bulakan tercemar limbah pabrik/);
});

