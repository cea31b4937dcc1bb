// Browser end-to-end test of the console as staff use it, with JavaScript on: the keyboard
// shortcuts (web/console.js), search, follow-ups, a group (unit) case, the screening review
// queue, the statistics charts drawn by Chart.js (served by lifeline itself), the live
// wallboard (Server-Sent Events) and the staffing planner, all under the console's
// Content-Security-Policy.
//
// Run with ./run.sh (support.mjs lists the environment it reads).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

import {
  CHROMIUM_ARGS, CHROMIUM_BIN, RECEIPT_RE, TEST_TIMEOUT_MS, actAndLoad, startFreshLifeline, tearDown, watchPage,
} from './support.mjs';

const COORDINATOR = 'coord.browser';
const COORDINATOR_PASSWORD = 'synthetic-coordinator-pw';
const GROUP_CONTACT = 'Групповой Контакт';
const MEMBERS = ['Участников Первый', 'Участников Второй'];
const TELEGRAM_APPLICATIONS = 12;  // with the group's contact: 13 today, above the small-cell bound
const SHARED_HANDLE = '@synthetic_shared_handle';

describe('the console with JavaScript on', { timeout: 8 * TEST_TIMEOUT_MS }, () => {
  let dir;
  let server;
  let browser;
  let context;
  let page;
  let baseUrl;
  const serverLog = [];
  const browserProblems = [];
  const url = (p) => new URL(p, baseUrl).toString();

  async function submit(application) {
    const answer = await fetch(url('/api/v1/applications'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(application),
    });
    assert.equal(answer.status, 201, await answer.text());
  }

  const focusedId = () => page.evaluate(() => document.activeElement?.id || '');
  const focusedHref = () => page.evaluate(() => document.activeElement?.getAttribute('href') || '');

  // Presses `key` and waits for the page it leads to.
  async function pressAndGo(key, expected) {
    await Promise.all([page.waitForURL(expected, { waitUntil: 'load' }), page.keyboard.press(key)]);
  }

  async function submitForm(selector) {
    await actAndLoad(page, () => page.locator(`${selector} button[type="submit"]`).click());
  }

  before(async () => {
    ({ dir, server, baseUrl } = await startFreshLifeline(
      [{ name: COORDINATOR, role: 'coordinator', password: COORDINATOR_PASSWORD }], serverLog));
    for (let i = 0; i < TELEGRAM_APPLICATIONS; ++i) {
      await submit({ situation: 'at_front', contact: { channel: 'telegram', handle: `@synthetic_${i}` },
                     name: `Синтетический Заявитель ${i}` });
    }
    await submit({ situation: 'at_front', group: { kind: 'unit', size: 20 }, name: GROUP_CONTACT,
                   unit: 'часть-пример №7', contact: { channel: 'telegram', handle: '@synthetic_group' } });
    for (let i = 0; i < 2; ++i) {
      await submit({ situation: 'serving', contact: { channel: 'signal', handle: SHARED_HANDLE } });
    }
    // Two small cells today (signal, none), so that no large one is suppressed beside a lone one.
    await submit({ situation: 'relative', contact: { channel: 'none' } });
    browser = await chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS });
    context = await browser.newContext({ javaScriptEnabled: true, locale: 'ru-RU' });
    context.on('page', (p) => watchPage(p, browserProblems));
    page = await context.newPage();
    await page.goto(url('/console/'));
    await page.locator('#name').fill(COORDINATOR);
    await page.locator('#password').fill(COORDINATOR_PASSWORD);
    await submitForm('form[action="/console/login"]');
    assert.equal(await page.getByRole('alert').count(), 0, 'sign-in was refused');
  });

  it('lists the cases that share a contact handle for review', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The office indexes, then screens, new cases every two seconds: once both are listed
    // here, search covers every case too.
    for (let attempt = 0; attempt < 40; ++attempt) {
      await page.goto(url('/console/?review=1'));
      if ((await page.locator('#total').textContent()).trim() === '2') break;
      await page.waitForTimeout(500);
    }
    assert.equal((await page.locator('#total').textContent()).trim(), '2');
  });

  after(() => tearDown(browser, server, dir));

  it('moves through the list, the case, today and search without the mouse', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(url('/console/'));
    await page.keyboard.press('j');
    const first = await focusedHref();
    assert.match(first, /^\/console\/cases\/\d+$/);
    await page.keyboard.press('j');
    assert.notEqual(await focusedHref(), first, 'j did not move to the next case');
    await page.keyboard.press('k');
    assert.equal(await focusedHref(), first);
    await pressAndGo('Enter', url(first));
    await page.keyboard.press('s');
    assert.equal(await focusedId(), 'to', 's did not reach the status field');
    await page.keyboard.press('Escape');  // leaves the field; keys are shortcuts again
    await page.keyboard.press('r');
    assert.equal(await focusedId(), 'text', 'r did not reach the reply field');
    await page.keyboard.press('Escape');

    await pressAndGo('t', url('/console/today'));
    await page.keyboard.press('?');
    await page.locator('#shortcuts').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#shortcuts').count(), 0);

    await pressAndGo('f', url('/console/search'));
    assert.equal(await focusedId(), 'q');
    await page.keyboard.type('Gruppovoy');  // the contact's name typed in Latin letters
    await actAndLoad(page, () => page.keyboard.press('Enter'));
    assert.equal((await page.locator('#total').textContent()).trim(), '1');
    await page.keyboard.press('Escape');  // the query field keeps focus after a search
    await page.keyboard.press('j');
    await pressAndGo('Enter', /\/console\/cases\/\d+$/);
    assert.equal((await page.locator('#name').textContent()).trim(), GROUP_CONTACT);
  });

  it('schedules a follow-up, finds it in today\'s queue and marks it done', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(url('/console/cases/13'));
    await page.keyboard.press('n');
    assert.equal(await focusedId(), 'kind');
    await page.locator('#kind').selectOption('check');
    await page.locator('#note').fill('синтетическая заметка');
    await submitForm('form[action$="/tasks"]');
    assert.equal(await page.locator('p.task', { hasText: 'синтетическая заметка' }).count(), 1);
    await page.goto(url('/console/today'));
    const done = page.locator('form[action$="/done"]');
    assert.equal(await done.count(), 1);
    await submitForm('form[action$="/done"]');
    assert.equal(await page.locator('form[action$="/done"]').count(), 0);
  });

  it('builds a group: members with receipts shown once, then a split kept in the history', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(url('/console/cases/13'));
    await pressAndGo('g', url('/console/cases/13/group'));
    for (const name of MEMBERS) {
      await page.keyboard.press('m');
      assert.equal(await focusedId(), 'member-name');
      await page.keyboard.type(name);
      await page.locator('#member-rank').fill('рядовой');
      await submitForm('form[action$="/members"]');
      assert.match((await page.locator('#member-receipt').textContent()).trim(), RECEIPT_RE);
    }
    await page.goto(url('/console/cases/13/group'));
    assert.equal(await page.locator('#member-receipt').count(), 0, 'a receipt was shown twice');
    const rows = page.locator('#members tbody tr');
    assert.equal(await rows.count(), 2);
    await rows.nth(1).locator('input[name="member"]').check();
    await rows.nth(1).locator('input[name="leader"]').check();
    await submitForm('form[action$="/split"]');
    assert.equal(await page.locator('#members tbody tr').count(), 1);
    assert.equal(await page.locator('#group-history li', { hasText: 'ушёл, чтобы вести свою группу' }).count(), 1);
  });

  it('draws the statistics with Chart.js, suppressed cells marked, never as zeros', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(url('/console/statistics'));
    await page.locator('#chart-by-channel[data-drawn="true"]').waitFor({ state: 'attached' });
    const today = await page.evaluate(() => {
      const chart = Chart.getChart(document.getElementById('chart-by-channel'));
      return Object.fromEntries(chart.data.datasets.map((d) => [d.label, d.data[d.data.length - 1]]));
    });
    // Hidden counts are null, and a cross on the baseline says so (a zero would have none).
    assert.deepEqual(today, { Telegram: TELEGRAM_APPLICATIONS + 1, Signal: null, 'без связи': null,
                              'скрыто: меньше 10': 0 });
    for (const id of ['chart-by-situation', 'chart-funnel', 'chart-backlog']) {
      assert.equal(await page.locator(`#${id}`).getAttribute('data-drawn'), 'true', id);
    }
    const box = await page.locator('#chart-by-channel').boundingBox();
    assert.ok(box.width > 100 && box.height > 100, `the chart has no size: ${JSON.stringify(box)}`);
  });

  it('keeps the wallboard live: a call that starts waiting shows without a reload', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(url('/console/wallboard'));
    await page.waitForFunction(() => Number(document.body.dataset.boardUpdates || 0) >= 1);
    assert.equal((await page.locator('#waiting').textContent()).trim(), '0');
    // The coordinator's session sends a call event, as the telephony side would.
    const csrf = await page.locator('input[name="csrf"]').first().getAttribute('value');
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const answer = await fetch(url('/api/v1/contact-centre/events'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      body: JSON.stringify({ event: 'offered', call: 'browser-call-1', language: 'ru' }),
    });
    assert.equal(answer.status, 200, await answer.text());
    await page.waitForFunction(() => document.getElementById('waiting').textContent.trim() === '1', null, { timeout: 5000 });
    assert.equal((await page.locator('#offered-today').textContent()).trim(), '1');
  });

  it('plans staffing in the console', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(url('/console/staffing'));
    for (const [id, value] of [['calls_per_hour', '360'], ['handle_seconds', '240'], ['answer_within', '20'], ['target', '0.8']]) {
      await page.locator(`#${id}`).fill(value);
    }
    await submitForm('form[action="/console/staffing"]');
    assert.equal((await page.locator('#operators-needed').textContent()).trim(), '29');
  });

  it('takes a safe callback for a caller and cancels it, never showing the number', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(url('/console/wallboard'));
    await actAndLoad(page, () => page.locator('a[href="/console/callbacks"]').click());
    await page.locator('#callback-number').fill('+7 900 000-00-88');
    await page.locator('#callback-windows').fill('mon-sun 00:00-23:59');
    await page.locator('#callback-language').selectOption('uk');
    await submitForm('form[action="/console/callbacks"]');
    await page.locator('[role="status"]', { hasText: /Заявка №\d+ принята/ }).waitFor();
    assert.equal(await page.locator('#callbacks tbody tr').count(), 1);
    assert.ok(!(await page.content()).includes('900'), 'the number came back to the page');
    await submitForm('form[action$="/cancel"]');
    await page.locator('[role="status"]', { hasText: 'номер уничтожен' }).waitFor();
    assert.equal(await page.locator('#callbacks-empty').count(), 1);
  });

  it('the browser reported no blocked or failed loads and no script errors', { timeout: TEST_TIMEOUT_MS }, () => {
    assert.deepEqual(browserProblems, []);
  });
});
