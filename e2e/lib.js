// Shared helpers for the browser journeys: start a fresh Simpul, drive Debian's Chromium,
// check every page with axe-core and at a 360 px wide screen.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const SHOTS = path.join(ROOT, 'e2e', 'screenshots');
/** Raw HTML of every checked page, validated by journeys/zz-valid-html.test.js. */
export const HTML_DIR = path.join(ROOT, 'e2e', 'html');

/** Starts `simpul serve` on a free port with an empty data folder; resolves once listening. */
export async function startServer({ args = [], regions = null } = {}) {
  const bin = process.env.SIMPUL_BIN || path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'debug', 'simpul');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'simpul-e2e-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const env = { ...process.env, SIMPUL_LOG: 'warn' };
  delete env.SIMPUL_DATABASE_URL;
  if (regions) {
    const code = await new Promise((resolve) => {
      spawn(bin, ['regions', 'import', regions, '--data-dir', dataDir], { env, stdio: 'ignore' }).on('exit', resolve);
    });
    if (code !== 0) throw new Error(`regions import failed with ${code}`);
  }
  const child = spawn(bin, ['serve', '--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, ...args], { env });
  let out = '';
  let exited = null;
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  child.on('exit', (code) => { exited = code; });
  const base = `http://127.0.0.1:${port}`;
  // A busy CI machine can take a while; a server that stopped (say, the port was taken) fails at once.
  let up = false;
  for (let i = 0; i < 600 && !up && exited === null; i++) {
    try {
      up = (await fetch(`${base}/healthz`)).ok;
    } catch { /* not up yet */ }
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  if (!up) {
    child.kill('SIGINT');
    if (exited !== null && /cannot listen/.test(out)) return startServer({ args, regions });
    throw new Error(`simpul serve did not come up on ${base} (exit ${exited}):\n${out}`);
  }
  return { base, output: () => out, stop: () => child.kill('SIGINT') };
}

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

/** A phone-sized context; CSP is bypassed only so axe-core can be injected. */
export async function phone(browser) {
  return browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, locale: 'id-ID' });
}

/** Runs axe-core (WCAG 2.1 A/AA) and checks the page fits 360 px without sideways scrolling. */
export async function checkPage(page, name) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  // The bytes the server sent (not the browser's repaired DOM), for the HTML validator.
  mkdirSync(HTML_DIR, { recursive: true });
  const raw = await page.evaluate(async () => (await fetch(location.href, { credentials: 'same-origin' })).text());
  writeFileSync(path.join(HTML_DIR, `${name}.html`), raw);
  return { violations: result, overflow };
}

/** Fails the test when the page has accessibility violations or is wider than the screen. */
export async function expectClean(page, name) {
  const { violations, overflow } = await checkPage(page, name);
  assert.deepEqual(violations, [], `${name}: accessibility violations`);
  assert.ok(overflow <= 0, `${name}: wider than 360 px by ${overflow}px`);
}

// A real PNG photo (a colour gradient), made here so the journey needs no binary fixture.
export function png(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = (x * 255) / width;
      row[2 + x * 3] = (y * 255) / height;
      row[3 + x * 3] = 120;
    }
    rows.push(row);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}


/** The password `serve --demo` printed for a demo account of `role`. */
export function demoPassword(server, role) {
  const line = server.output().split('\n').find((l) => l.trim().startsWith(`${role} `));
  assert.ok(line, `demo password for ${role}:\n${server.output()}`);
  return line.trim().split(/\s+/)[2];
}

/** A new phone-sized page signed in as `email`. */
export async function signIn(browser, server, email, pw) {
  const page = await (await phone(browser)).newPage();
  await page.goto(`${server.base}/masuk`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', pw);
  await page.click('main button[type=submit]');
  // Staff land on their task list, citizens on the home page.
  await page.waitForURL((u) => u.pathname === '/' || u.pathname === '/tugas');
  return page;
}

/**
 * A journey on `simpul serve --demo`: starts the server and Chromium before the tests and stops
 * them after. `server` and `browser` are set once the tests run; `password(role)` gives a demo
 * account's password and `signIn(email, password)` a signed-in phone page.
 */
export function demoJourney({ args = [] } = {}) {
  const demo = {
    server: null,
    browser: null,
    password: (role) => demoPassword(demo.server, role),
    signIn: (email, pw) => signIn(demo.browser, demo.server, email, pw),
  };
  before(async () => {
    demo.server = await startServer({ args: ['--demo', ...args] });
    demo.browser = await launch();
  });
  after(async () => {
    await demo.browser?.close();
    demo.server?.stop();
  });
  return demo;
}

/**
 * A stand-in for api.telegram.org on a free local port: records every call as
 * `{ path, json }` in `sent`; `waitFor(predicate, what)` resolves with the first matching
 * message or fails after 10 s. Closed after the journey's tests.
 */
export async function fakeTelegram() {
  const sent = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      sent.push({ path: req.url, json: JSON.parse(body || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true,"result":{}}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => server.close());
  async function waitFor(predicate, what) {
    for (let i = 0; i < 100; i++) {
      const found = sent.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`no Telegram message ${what}: ${JSON.stringify(sent)}`);
  }
  return { sent, waitFor, base: `http://127.0.0.1:${server.address().port}` };
}
