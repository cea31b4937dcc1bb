// Browser end-to-end test, JavaScript off: an administrator resets an operator's password on
// the accounts page; the operator signs in with the one-time password, chooses a password and
// enrols a second factor (the code computed here from the key the page shows, RFC 6238);
// a coordinator deletes a case for good; an auditor reads all of it on the audit page.
//
// Run with ./run.sh (support.mjs lists the environment it reads).

import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

import {
  ADMIN, ADMIN_PASSWORD, CHROMIUM_ARGS, CHROMIUM_BIN, TEST_TIMEOUT_MS, actAndLoad, startFreshLifeline, tearDown,
  watchPage,
} from './support.mjs';

const OPERATOR = 'op.reset';
const OPERATOR_PASSWORD = 'synthetic-operator-pw';
const NEW_PASSWORD = 'a-new-synthetic-password';
const COORDINATOR = 'coord.browser';
const COORDINATOR_PASSWORD = 'synthetic-coordinator-pw';
const AUDITOR = 'aud.browser';
const AUDITOR_PASSWORD = 'synthetic-auditor-pw';

// The current code of an authenticator app for a base32 key (RFC 6238: SHA-1, 30 s, 6 digits).
function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('accounts, second factor, deletion and the audit page in a browser', { timeout: 6 * TEST_TIMEOUT_MS }, () => {
  let dir;
  let server;
  let browser;
  let baseUrl;
  const serverLog = [];
  const browserProblems = [];
  const url = (p) => new URL(p, baseUrl).toString();

  async function signedIn(name, password) {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU' });
    context.on('page', (p) => watchPage(p, browserProblems));
    const page = await context.newPage();
    await page.goto(url('/console/'));
    await page.locator('#name').fill(name);
    await page.locator('#password').fill(password);
    await actAndLoad(page, () => page.locator('form[action="/console/login"] button[type="submit"]').click());
    return { context, page };
  }

  before(async () => {
    ({ dir, server, baseUrl } = await startFreshLifeline([
      { name: OPERATOR, role: 'operator', password: OPERATOR_PASSWORD },
      { name: COORDINATOR, role: 'coordinator', password: COORDINATOR_PASSWORD },
      { name: AUDITOR, role: 'auditor', password: AUDITOR_PASSWORD },
    ], serverLog));
    browser = await chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS });
  });

  after(() => tearDown(browser, server, dir));

  let oneTimePassword;

  it('lets an administrator reset a password from the accounts page', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page } = await signedIn(ADMIN, ADMIN_PASSWORD);
    try {
      await actAndLoad(page, () => page.locator('#admin-menu a[href="/console/accounts"]').click());
      assert.equal((await page.locator('h1').textContent()).trim(), 'Учётные записи');
      const row = page.locator(`tr[data-account="${OPERATOR}"]`);
      assert.match(await row.textContent(), /оператор.*действует/);
      await actAndLoad(page, () => row.locator('form[action$="/reset"] button').click());
      oneTimePassword = (await page.locator('#one-time-password').textContent()).trim();
      assert.match(oneTimePassword, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
      assert.match(await page.locator('#reset-notice').textContent(), /Действует до \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
      assert.match(await page.locator(`tr[data-account="${OPERATOR}"]`).textContent(), /пароль сброшен/);
      // One's own row offers no disabling or reset.
      assert.equal(await page.locator(`tr[data-account="${ADMIN}"] form`).count(), 0);
    } finally {
      await context.close();
    }
  });

  it('leads the operator through a new password and a new second factor', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page } = await signedIn(OPERATOR, oneTimePassword);
    try {
      assert.equal(new URL(page.url()).pathname, '/console/security');
      assert.equal(await page.locator('#must-choose').count(), 1);
      await page.goto(url('/console/today'));  // every other page sends back here
      assert.equal(new URL(page.url()).pathname, '/console/security');
      assert.equal(await page.locator('#current-password').count(), 0);
      await page.locator('#new-password').fill(NEW_PASSWORD);
      await page.locator('#repeat-password').fill(NEW_PASSWORD);
      await actAndLoad(page, () => page.locator('form[action="/console/security/password"] button').click());
      assert.equal(await page.locator('#password-changed').count(), 1);

      await actAndLoad(page, () => page.locator('form[action="/console/security/begin"] button').click());
      assert.equal(await page.locator('svg').count(), 1);  // the QR code
      const secret = (await page.locator('#secret').textContent()).trim();
      await page.locator('#code').fill('000000');
      await actAndLoad(page, () => page.locator('form[action="/console/security/confirm"] button').click());
      assert.match(await page.locator('[role="alert"]').last().textContent(), /Код не подошёл/);
      // The set-up is still pending: begin again, then the right code.
      await actAndLoad(page, () => page.locator('form[action="/console/security/begin"] button').click());
      const fresh = (await page.locator('#secret').textContent()).trim();
      assert.notEqual(fresh, secret);
      await page.locator('#code').fill(totp(fresh));
      await actAndLoad(page, () => page.locator('form[action="/console/security/confirm"] button').click());
      assert.equal(await page.locator('#recovery-codes li').count(), 10);
      await page.goto(url('/console/today'));
      assert.equal(new URL(page.url()).pathname, '/console/today');
    } finally {
      await context.close();
    }
  });

  it('lets a coordinator delete a case for good, only with the box ticked', { timeout: TEST_TIMEOUT_MS }, async () => {
    const answer = await fetch(url('/api/v1/applications'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ situation: 'serving', contact: { channel: 'signal', handle: '@synthetic.delete' } }),
    });
    assert.equal(answer.status, 201);
    const { context, page } = await signedIn(COORDINATOR, COORDINATOR_PASSWORD);
    try {
      await page.goto(url('/console/cases/1'));
      const form = page.locator('form[action="/console/cases/1/delete"]');
      assert.equal(await form.locator('#delete-confirm[required]').count(), 1);
      await page.locator('#delete-confirm').check();
      await actAndLoad(page, () => form.locator('button').click());
      assert.equal(new URL(page.url()).pathname, '/console/');
      const gone = await page.goto(url('/console/cases/1'));
      assert.equal(gone.status(), 404);
    } finally {
      await context.close();
    }
  });

  it('shows the auditor each of these steps on the audit page', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { context, page } = await signedIn(AUDITOR, AUDITOR_PASSWORD);
    try {
      assert.equal(new URL(page.url()).pathname, '/console/audit');
      // In words, with the account and the record named.
      const log = await page.locator('#audit').textContent();
      for (const words of ['пароль сброшен администратором', 'пароль изменён', 'второй фактор включён',
        'заявка удалена навсегда', 'заявка № 1']) {
        assert.ok(log.includes(words), words);
      }
      // Filtered to one action, then downloaded: the download is in the log too.
      await page.locator('#f-action').selectOption('password_reset');
      await actAndLoad(page, () => page.locator('#audit-filter button').click());
      assert.equal((await page.locator('#total').textContent()).trim(), '1');
      assert.match(await page.locator('#audit tbody tr').first().textContent(), /admin.*пароль сброшен/);
      const csv = await page.context().request.get(url(await page.locator('#audit-csv').getAttribute('href')));
      assert.equal(csv.status(), 200);
      assert.match(await csv.text(), /^seq,at_utc,user,action,action_ru,target\r\n\d+,[^,]+,"admin","password_reset","пароль сброшен администратором",/);
      await page.goto(url('/console/audit?action=audit_exported'));
      assert.equal((await page.locator('#total').textContent()).trim(), '1');
    } finally {
      await context.close();
    }
  });

  it('the browser reported no blocked or failed loads', { timeout: TEST_TIMEOUT_MS }, () => {
    assert.deepEqual(browserProblems, []);
  });
});
