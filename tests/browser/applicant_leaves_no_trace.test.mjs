// Browser test: an applicant on a fresh Chromium profile, JavaScript off, applies, checks the
// status and writes a message; then, with the browser closed, the profile on disk is read
// (issue 21, "no trace on the applicant's phone"):
// - the history holds the site's root address alone: nothing says what was done there;
// - no file of the profile (cache, session, storage, cookies, history) holds the receipt,
//   the name typed or the message written;
// - the site left no cookie, local storage or IndexedDB.
// This is the worst case, an ordinary browser's normal profile: Tor Browser keeps no history
// at all.
//
// Run with ./run.sh (support.mjs lists the environment it reads).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

import {
  CHROMIUM_ARGS, CHROMIUM_BIN, RECEIPT_RE, TEST_TIMEOUT_MS, actAndLoad, startFreshLifeline, tearDown, watchPage,
} from './support.mjs';

const execFileP = promisify(execFile);
const NAME = 'Бесследов Синтетический';
const MESSAGE = 'Синтетический вопрос без следа';
const SUBMIT = (go) => `form:has(input[name="go"][value="${go}"]) button[type="submit"]`;

// Every file under `dir`, recursively.
async function filesUnder(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

// The rows of an SQLite file of the profile (read by Python's sqlite3 from a copy-free
// read-only URI; the browser is closed by then).
async function sqliteRows(file, sql) {
  const script = 'import sqlite3,sys,json;c=sqlite3.connect("file:"+sys.argv[1]+"?mode=ro",uri=True);'
    + 'print(json.dumps(c.execute(sys.argv[2]).fetchall()))';
  const { stdout } = await execFileP('python3', ['-c', script, file, sql]);
  return JSON.parse(stdout);
}

describe('an applicant leaves no trace in the browser', { timeout: 3 * TEST_TIMEOUT_MS }, () => {
  let dir;
  let server;
  let baseUrl;
  let profile;
  let receipt;
  const serverLog = [];
  const browserProblems = [];

  before(async () => {
    ({ dir, server, baseUrl } = await startFreshLifeline([], serverLog));
    profile = await mkdtemp(path.join(tmpdir(), 'lifeline-profile-'));
  });

  after(async () => {
    await tearDown(null, server, dir);
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('applies, checks and writes with the address at the root throughout', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS, javaScriptEnabled: false, locale: 'ru-RU',
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      watchPage(page, browserProblems);
      const root = new URL('/', baseUrl).toString();
      await page.goto(root);
      await actAndLoad(page, () => page.getByRole('button', { name: 'Українська' }).click());
      await actAndLoad(page, () => page.getByRole('button', { name: 'Русский' }).click());
      await page.locator('#situation').selectOption('serving');
      await page.locator('#contact_channel').selectOption('signal');
      await page.locator('#contact_handle').fill('55577');
      await page.locator('#name').fill(NAME);
      await actAndLoad(page, () => page.locator(SUBMIT('apply')).click());
      assert.equal(page.url(), root);
      receipt = (await page.locator('#receipt').textContent()).trim();
      assert.match(receipt, RECEIPT_RE);
      assert.match(await page.locator('#no-trace').textContent(), /Tor Browser/);

      await actAndLoad(page, () => page.locator(SUBMIT('status')).click());
      await page.locator('#receipt').fill(receipt);
      await actAndLoad(page, () => page.locator(SUBMIT('check')).click());
      assert.equal(page.url(), root);
      await page.locator('textarea#text').fill(MESSAGE);
      await actAndLoad(page, () => page.locator(SUBMIT('message')).click());
      await page.locator('article.own-message', { hasText: MESSAGE }).waitFor({ state: 'visible' });
      assert.equal(page.url(), root);
      // The legal page too, from the status page's way back to the form.
      await actAndLoad(page, () => page.locator(SUBMIT('status')).click());
      await actAndLoad(page, () => page.locator(SUBMIT('form')).click());
      await actAndLoad(page, () => page.locator('#legal-link').click());
      assert.equal(page.url(), root);
      assert.deepEqual(browserProblems, []);
    } finally {
      await context.close();
    }
  });

  it('left only the root address in the history and nothing typed or shown in any file', { timeout: TEST_TIMEOUT_MS }, async () => {
    assert.ok(receipt, 'the first step did not get a receipt');
    const files = await filesUnder(profile);
    const history = path.join(profile, 'Default', 'History');
    assert.ok((await stat(history)).isFile(), 'the profile keeps no history file: the check would prove nothing');
    const urls = (await sqliteRows(history, 'SELECT url FROM urls')).map(([u]) => u);
    const site = urls.filter((u) => u.startsWith(baseUrl));
    assert.ok(site.length > 0, `the history recorded no visit at all: ${JSON.stringify(urls)}`);
    assert.deepEqual([...new Set(site)], [new URL('/', baseUrl).toString()]);

    // Every file, as bytes, in UTF-8 and UTF-16 (Chromium stores some text in each).
    const secrets = [receipt, receipt.replace(/\D/g, ''), NAME, MESSAGE];
    const needles = secrets.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]);
    const found = [];
    for (const file of files) {
      const bytes = await readFile(file);
      for (const [i, needle] of needles.entries()) {
        if (bytes.includes(needle)) found.push(`${path.relative(profile, file)}: ${secrets[Math.floor(i / 2)]}`);
      }
    }
    assert.deepEqual(found, [], 'what the applicant typed or was shown is on disk');

    const cookies = path.join(profile, 'Default', 'Cookies');
    if (files.includes(cookies)) assert.deepEqual(await sqliteRows(cookies, 'SELECT host_key FROM cookies'), []);
    const port = new URL(baseUrl).port;
    const stored = files.filter((f) => /(Local Storage|IndexedDB|Session Storage)/.test(f) && f.includes(port));
    assert.deepEqual(stored, [], 'the site kept browser storage');
  });
});
