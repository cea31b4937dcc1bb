// Browser end-to-end test of the console in each account's language (issue 20), JavaScript on:
// the sign-in page follows the browser's languages until someone signs in; then the account's
// own choice (on the security page) rules every page, <html lang> included, and the console's
// scripts speak it too (the keyboard help, the charts' labels, the live wallboard's status
// line), under the console's Content-Security-Policy.
//
// Run with ./run.sh (support.mjs lists the environment it reads).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

import {
  CHROMIUM_ARGS, CHROMIUM_BIN, TEST_TIMEOUT_MS, actAndLoad, startFreshLifeline, tearDown, watchPage,
} from './support.mjs';

const COORDINATOR = 'coord.languages';
const COORDINATOR_PASSWORD = 'synthetic-coordinator-pw';

describe('the console in Ukrainian and English', { timeout: 6 * TEST_TIMEOUT_MS }, () => {
  let dir;
  let server;
  let browser;
  let context;
  let page;
  let baseUrl;
  const serverLog = [];
  const browserProblems = [];
  const url = (p) => new URL(p, baseUrl).toString();
  const lang = () => page.locator('html').getAttribute('lang');

  async function chooseLanguage(code) {
    await page.goto(url('/console/security'));
    await page.locator('#console-language').selectOption(code);
    await actAndLoad(page, () => page.locator('form[action="/console/security/language"] button').click());
    assert.equal(await lang(), code);
  }

  // The labels of a chart's datasets, as Chart.js drew them.
  async function chartLabels(id) {
    await page.goto(url('/console/statistics'));
    await page.locator(`#${id}[data-drawn="true"]`).waitFor({ state: 'attached' });
    return page.evaluate((canvas) => Chart.getChart(document.getElementById(canvas)).data.datasets.map((d) => d.label), id);
  }

  before(async () => {
    ({ dir, server, baseUrl } = await startFreshLifeline(
      [{ name: COORDINATOR, role: 'coordinator', password: COORDINATOR_PASSWORD }], serverLog));
    const answer = await fetch(url('/api/v1/applications'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ situation: 'serving', name: 'Синтетический Языков',
                             contact: { channel: 'sms', handle: '+7 900 000-00-41' } }),
    });
    assert.equal(answer.status, 201, await answer.text());
    browser = await chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS });
    // A browser that prefers English: the sign-in page follows it.
    context = await browser.newContext({ javaScriptEnabled: true, locale: 'en-GB' });
    context.on('page', (p) => watchPage(p, browserProblems));
    page = await context.newPage();
  });

  after(async () => {
    await tearDown(browser, server, dir);
  });

  it('signs in in the browser\'s language, then speaks the account\'s', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(url('/console/'));
    assert.equal(await lang(), 'en');
    assert.equal((await page.locator('form[action="/console/login"] button').textContent()).trim(), 'Sign in');
    await page.locator('#name').fill(COORDINATOR);
    await page.locator('#password').fill(COORDINATOR_PASSWORD);
    await actAndLoad(page, () => page.locator('form[action="/console/login"] button').click());
    // The account has chosen nothing: Russian, the console's default, whatever the browser says.
    assert.equal(await lang(), 'ru');
    assert.match(await page.locator('nav').first().textContent(), /Безопасность/);
  });

  it('speaks Ukrainian once the account chooses it, its scripts too', { timeout: TEST_TIMEOUT_MS }, async () => {
    await chooseLanguage('uk');
    assert.match(await page.locator('nav').first().textContent(), /Безпека/);
    assert.equal(await page.locator('#console-language').inputValue(), 'uk');
    await page.goto(url('/console/'));
    await page.keyboard.press('?');
    assert.equal((await page.locator('#shortcuts h2').textContent()).trim(), 'Клавіші');
    await page.keyboard.press('Escape');
  });

  it('speaks English once the account chooses it, on every page it opens', { timeout: TEST_TIMEOUT_MS }, async () => {
    await chooseLanguage('en');
    assert.match(await page.locator('nav').first().textContent(), /Security/);
    // The charts' words come from the page's catalogue too: a hidden (small) count says so.
    assert.deepEqual(await chartLabels('chart-by-channel'), ['SMS', 'hidden: under 10']);
    assert.deepEqual(await chartLabels('chart-funnel'), ['people', 'hidden: under 10']);
    await page.goto(url('/console/wallboard'));
    await page.waitForFunction(() => Number(document.body.dataset.boardUpdates || 0) >= 1);
    assert.equal((await page.locator('#live').textContent()).trim(), 'Updates every second.');
    for (const path of ['/console/', '/console/today', '/console/statistics', '/console/search']) {
      await page.goto(url(path));
      assert.equal(await lang(), 'en', path);
      const text = await page.locator('main').evaluate((main) => {
        const copy = main.cloneNode(true);
        for (const element of copy.querySelectorAll('script, [lang]:not([lang="en"])')) element.remove();
        return copy.textContent;
      });
      // The applicant's own name, as he typed it, is the only Cyrillic allowed.
      assert.doesNotMatch(text.replaceAll('Синтетический Языков', ''), /[\u0400-\u04FF]/, path);
    }
  });

  it('the browser reported no blocked or failed loads and no script errors', () => {
    assert.deepEqual(browserProblems, []);
  });
});
