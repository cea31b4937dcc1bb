// Browser end-to-end test: a real Chromium, with JavaScript switched off, walks the public
// intake pages (form, receipt, status) and the operator console (login, case list, case,
// reply), against a `lifeline serve` started on a fresh data folder.
//
// Run with ./run.sh, or: node --test --test-reporter=spec intake_and_console.test.mjs
// Environment:
//   LIFELINE_BIN  the lifeline binary (default: ../../build/src/cli/lifeline from this file)
//   CHROMIUM_BIN  the browser (default: /usr/bin/chromium, Debian's package; nothing is downloaded)

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, access } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const execFileP = promisify(execFile);

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LIFELINE_BIN = path.resolve(process.env.LIFELINE_BIN || path.join(HERE, '../../build/src/cli/lifeline'));
const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
// The machine has no internet: every kind of background traffic stays off.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const TEST_TIMEOUT_MS = 60_000;
const STARTUP_TIMEOUT_MS = 20_000;
const RECEIPT_RE = /^\d{3} \d{3}-\d{2}-\d{2}, \d{6}$/;
const LISTEN_RE = /^lifeline listening on (http:\/\/127\.0\.0\.1:(\d+)) \(role all\)$/;

const PASSPHRASE = 'synthetic office passphrase';
const ADMIN = 'admin';
const ADMIN_PASSWORD = 'synthetic-admin-pw';
// Administrators do not read cases; the console walk-through signs in as an operator.
const OPERATOR = 'op.browser';
const OPERATOR_PASSWORD = 'synthetic-operator-pw';
const APPLICANT_NAME = 'Браузеров Тест';
const REPLY_TEXT = 'Ответ оператора';
const APPLICANT_REPLY = 'Ответ заявителя через форму';

// Starts `lifeline serve`; returns the process at once (so it can always be stopped) and a
// promise of its base URL, read from the line it prints once it listens.
function startServer(dataDir, passphraseFile, log) {
  const proc = spawn(
    LIFELINE_BIN,
    ['serve', '--data', dataDir, '--listen', '127.0.0.1:0', '--passphrase-file', passphraseFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ready = new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn(value);
    };
    const timer = setTimeout(() => {
      settle(reject, new Error(`lifeline serve did not report its address within ${STARTUP_TIMEOUT_MS} ms\n${log.join('\n')}`));
    }, STARTUP_TIMEOUT_MS);
    proc.on('error', (err) => settle(reject, err));
    proc.on('exit', (code, signal) => {
      settle(reject, new Error(`lifeline serve exited early (code ${code}, signal ${signal})\n${log.join('\n')}`));
    });
    // Keep reading both streams for the whole run so the server never blocks on a full pipe.
    createInterface({ input: proc.stderr }).on('line', (line) => log.push(`[stderr] ${line}`));
    createInterface({ input: proc.stdout }).on('line', (line) => {
      log.push(`[stdout] ${line}`);
      const m = LISTEN_RE.exec(line.trim());
      if (m) settle(resolve, m[1]);
    });
  });
  return { proc, ready };
}

// SIGTERM, then SIGKILL if it has not exited after a grace period.
async function stopServer(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise((resolve) => setTimeout(() => resolve(true), 10_000).unref()),
  ]);
  if (timedOut) {
    proc.kill('SIGKILL');
    await exited;
  }
}

describe('lifeline in a browser without JavaScript', { timeout: 5 * TEST_TIMEOUT_MS }, () => {
  let dir;
  let server;
  let browser;
  const serverLog = [];
  const browserProblems = []; // CSP violations, failed requests, page errors
  let baseUrl;
  let receipt;

  const url = (p) => new URL(p, baseUrl).toString();

  async function newContext() {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU' });
    context.on('page', (page) => watchPage(page));
    return context;
  }

  // Records what the browser blocked or could not load: Content-Security-Policy violations
  // (reported as console errors, and as requests failed with "csp"), failed requests, and
  // sub-resources (the stylesheet) answered with an error. A page's own HTTP status (e.g. 404
  // for an unknown receipt) and Chromium's own /favicon.ico probe are not problems.
  function watchPage(page) {
    page.on('console', (msg) => {
      if (msg.type() !== 'error' && msg.type() !== 'warning') return;
      if (/^Failed to load resource: the server responded with a status of \d+/.test(msg.text())) return;
      browserProblems.push(`console ${msg.type()} on ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => browserProblems.push(`page error on ${page.url()}: ${err.message}`));
    page.on('requestfailed', (req) => {
      browserProblems.push(`request failed: ${req.method()} ${req.url()}: ${req.failure()?.errorText}`);
    });
    page.on('response', (res) => {
      const req = res.request();
      if (req.resourceType() === 'document' || new URL(req.url()).pathname === '/favicon.ico') return;
      if (res.status() >= 400) browserProblems.push(`sub-resource ${req.url()} answered ${res.status()}`);
    });
  }

  async function checkStatus(page, typedReceipt) {
    await page.goto(url('/status'));
    await page.locator('#receipt').fill(typedReceipt);
    await Promise.all([
      page.waitForURL(url('/status'), { waitUntil: 'load' }),
      page.locator('form[action="/status"] button[type="submit"]').click(),
    ]);
  }

  before(async () => {
    await access(LIFELINE_BIN, fsConstants.X_OK).catch(() => {
      throw new Error(`lifeline binary not found or not executable: ${LIFELINE_BIN} (set LIFELINE_BIN)`);
    });
    dir = await mkdtemp(path.join(tmpdir(), 'lifeline-browser-'));
    const dataDir = path.join(dir, 'data');
    const passphraseFile = path.join(dir, 'passphrase');
    const adminPasswordFile = path.join(dir, 'admin-password');
    await writeFile(passphraseFile, PASSPHRASE, { mode: 0o600 });
    await writeFile(adminPasswordFile, ADMIN_PASSWORD, { mode: 0o600 });

    await execFileP(LIFELINE_BIN, [
      'init', '--data', dataDir, '--passphrase-file', passphraseFile,
      '--admin', ADMIN, '--admin-password-file', adminPasswordFile,
    ]);
    const operatorPasswordFile = path.join(dir, 'operator-password');
    await writeFile(operatorPasswordFile, OPERATOR_PASSWORD, { mode: 0o600 });
    await execFileP(LIFELINE_BIN, [
      'user', 'add', '--data', dataDir, '--passphrase-file', passphraseFile,
      '--name', OPERATOR, '--role', 'operator', '--password-file', operatorPasswordFile,
    ]);

    server = startServer(dataDir, passphraseFile, serverLog);
    baseUrl = await server.ready;

    browser = await chromium.launch({
      executablePath: CHROMIUM_BIN,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  after(async () => {
    // Each step runs even if an earlier one throws.
    try {
      await browser?.close();
    } catch (err) {
      console.error('closing the browser:', err);
    }
    try {
      await stopServer(server?.proc);
    } catch (err) {
      console.error('stopping the server:', err);
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('takes an application in Russian, then in English, and gives a receipt', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(url('/'));
      assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
      assert.equal((await page.locator('h1').textContent()).trim(), 'Горячая линия: заявка');

      await Promise.all([
        page.waitForURL(/\?lang=en$/),
        page.getByRole('link', { name: 'English' }).click(),
      ]);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal((await page.locator('h1').textContent()).trim(), 'Hotline: application');

      await page.locator('#situation').selectOption('at_front');
      await page.locator('#contact_channel').selectOption('signal');
      await page.locator('#contact_handle').fill('@synthetic_browser');
      await page.locator('#safe_windows').fill('mon-fri 19:00-21:00');
      await page.locator('#name').fill(APPLICANT_NAME);
      await page.locator('#message').fill('synthetic');
      await Promise.all([
        page.waitForURL(url('/apply'), { waitUntil: 'load' }),
        page.locator('form[action="/apply"] button[type="submit"]').click(),
      ]);

      const alert = page.getByRole('alert');
      if (await alert.count()) assert.fail(`the form was refused: ${await alert.textContent()}`);
      receipt = (await page.locator('#receipt').textContent()).trim();
      assert.match(receipt, RECEIPT_RE);
    } finally {
      await context.close();
    }
  });

  it('shows the status for the receipt', { timeout: TEST_TIMEOUT_MS }, async () => {
    assert.ok(receipt, 'no receipt from the previous step');
    const context = await newContext();
    try {
      const page = await context.newPage();
      await checkStatus(page, receipt);
      assert.equal(await page.getByRole('alert').count(), 0, 'the receipt was not accepted');
      await page.locator('#status').waitFor({ state: 'visible' });
      assert.notEqual((await page.locator('#status').textContent()).trim(), '');
    } finally {
      await context.close();
    }
  });

  it('refuses a receipt that does not exist', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await checkStatus(page, '000 000-00-00, 000000');
      await page.getByRole('alert').waitFor({ state: 'visible' });
      assert.equal(await page.locator('#status').count(), 0);
    } finally {
      await context.close();
    }
  });

  it('lets an operator read the case and reply, and the applicant sees the reply', { timeout: TEST_TIMEOUT_MS }, async () => {
    assert.ok(receipt, 'no receipt from the first step');
    const office = await newContext();
    try {
      const page = await office.newPage();
      await page.goto(url('/console/'));
      await page.locator('#name').fill(OPERATOR);
      await page.locator('#password').fill(OPERATOR_PASSWORD);
      await Promise.all([
        page.waitForURL(url('/console/'), { waitUntil: 'load' }),
        page.locator('form[action="/console/login"] button[type="submit"]').click(),
      ]);
      assert.equal(await page.getByRole('alert').count(), 0, 'login was refused');
      assert.equal((await page.locator('#total').textContent()).trim(), '1');

      const caseLink = page.locator('a[href^="/console/cases/"]');
      assert.equal(await caseLink.count(), 1);
      const href = await caseLink.getAttribute('href');
      await Promise.all([page.waitForURL(url(href)), caseLink.click()]);
      // An operator claims an unassigned case before it opens.
      assert.equal(await page.locator('#name').count(), 0, 'an unclaimed case opened');
      await Promise.all([
        page.waitForURL(url(href), { waitUntil: 'load' }),
        page.locator('form[action$="/claim"] button[type="submit"]').click(),
      ]);
      assert.equal((await page.locator('#name').textContent()).trim(), APPLICANT_NAME);
      const field = (label) => page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
      assert.equal((await field('Связь').textContent()).trim(), 'signal: @synthetic_browser');
      assert.equal((await field('Когда можно связываться').textContent()).trim(), 'mon-fri 19:00-21:00');

      await page.locator('#text').fill(REPLY_TEXT);
      await Promise.all([
        page.waitForURL(url(href), { waitUntil: 'load' }),
        page.locator('form[action$="/reply"] button[type="submit"]').click(),
      ]);
      // The contact banner is an alert of its own (outside the applicant's window it warns).
      const refusals = page.locator('[role="alert"]:not(#contact-now)');
      assert.equal(await refusals.count(), 0, 'the reply was refused');
      assert.equal(await page.locator('article.reply', { hasText: REPLY_TEXT }).count(), 1);
      assert.equal(await page.locator('#contact-now').count(), 1, 'no word on whether a call is safe now');

      // The workflow form: the case moves on and its timeline says so.
      await page.locator('#to').selectOption('contacted');
      await Promise.all([
        page.waitForURL(url(href), { waitUntil: 'load' }),
        page.locator('form[action$="/status"] button[type="submit"]').click(),
      ]);
      assert.equal(await refusals.count(), 0, 'the status change was refused');
      assert.equal(await page.locator('ol.timeline li', { hasText: 'на связи' }).count(), 1);
    } finally {
      await office.close();
    }

    const applicant = await newContext();
    try {
      const page = await applicant.newPage();
      await checkStatus(page, receipt);
      await page.locator('#status').waitFor({ state: 'visible' });
      assert.equal((await page.locator('#status').textContent()).trim(), 'в работе у оператора');
      const replies = page.locator('article.reply');
      assert.equal(await replies.count(), 1);
      assert.match(await replies.textContent(), new RegExp(REPLY_TEXT));

      // Writing back needs no script: the form carries the receipt.
      await page.locator('textarea#text').fill(APPLICANT_REPLY);
      await Promise.all([
        page.waitForLoadState('load'),
        page.locator('form[action="/status/message"] button[type="submit"]').click(),
      ]);
      await page.locator('article.own-message', { hasText: APPLICANT_REPLY }).waitFor({ state: 'visible' });
    } finally {
      await applicant.close();
    }
  });

  it('the browser reported no blocked or failed loads (Content-Security-Policy)', { timeout: TEST_TIMEOUT_MS }, () => {
    assert.deepEqual(browserProblems, []);
  });
});
