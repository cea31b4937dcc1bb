// Browser end-to-end test: a real Chromium, with JavaScript switched off, walks the public
// intake pages (form, receipt, status) and the operator console (login, case list, case,
// reply), against a `lifeline serve` started on a fresh data folder.
//
// Run with ./run.sh (support.mjs lists the environment it reads).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

import {
  ADMIN, ADMIN_PASSWORD, CHROMIUM_ARGS, CHROMIUM_BIN, RECEIPT_RE, TEST_TIMEOUT_MS, actAndLoad, startFreshLifeline,
  tearDown, watchPage,
} from './support.mjs';

// Administrators do not read cases; the console walk-through signs in as an operator.
const OPERATOR = 'op.browser';
const OPERATOR_PASSWORD = 'synthetic-operator-pw';
const APPLICANT_NAME = 'Браузеров Тест';
const REPLY_TEXT = 'Ответ оператора';
const APPLICANT_REPLY = 'Ответ заявителя через форму';
// The application form's own submit button (the page's other forms are links made buttons).
const APPLY = 'form:has(input[name="go"][value="apply"]) button[type="submit"]';

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
    context.on('page', (page) => watchPage(page, browserProblems));
    return context;
  }

  async function checkStatus(page, typedReceipt) {
    await page.goto(url('/'));
    await actAndLoad(page, () => page.getByRole('button', { name: 'Узнать статус заявки' }).click());
    assert.equal(page.url(), url('/'));
    await page.locator('#receipt').fill(typedReceipt);
    await actAndLoad(page, () => page.locator('form:has(input[name="go"][value="check"]) button[type="submit"]').click());
    assert.equal(page.url(), url('/'), 'the address changed');
  }

  before(async () => {
    ({ dir, server, baseUrl } = await startFreshLifeline(
      [{ name: OPERATOR, role: 'operator', password: OPERATOR_PASSWORD }], serverLog));
    browser = await chromium.launch({
      executablePath: CHROMIUM_BIN,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  after(() => tearDown(browser, server, dir));

  it('takes an application in Russian, then in English, and gives a receipt', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(url('/'));
      assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
      assert.equal((await page.locator('h1').textContent()).trim(), 'Горячая линия: заявка');

      // Every link is a button posting back to "/": the address never changes.
      await actAndLoad(page, () => page.getByRole('button', { name: 'English' }).click());
      assert.equal(page.url(), url('/'));
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal((await page.locator('h1').textContent()).trim(), 'Hotline: application');

      await page.locator('#situation').selectOption('at_front');
      await page.locator('#contact_channel').selectOption('signal');
      await page.locator('#contact_handle').fill('@synthetic_browser');
      await page.locator('#safe_windows').fill('Mon-Fri 7-9pm');
      await page.locator('#name').fill(APPLICANT_NAME);
      await page.locator('#message').fill('synthetic');
      await actAndLoad(page, () => page.locator(APPLY).click());
      assert.equal(page.url(), url('/'));
      // The safe window as it was read, to confirm by sending again.
      assert.match(await page.locator('#windows-read').textContent(), /weekdays, 19:00–21:00/);
      assert.equal(await page.locator('#safe_windows').inputValue(), 'Mon-Fri 7-9pm');
      await actAndLoad(page, () => page.locator(APPLY).click());
      assert.equal(page.url(), url('/'));

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
      assert.equal((await field('Связь').textContent()).trim(), 'Signal: @synthetic_browser');
      assert.equal((await field('Когда можно связываться').textContent()).trim(),
                   'по будням, 19:00–21:00 (время заявителя, UTC+03:00)');
      assert.equal((await field('Группа').textContent()).trim(), 'один');

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
      await actAndLoad(page, () => page.locator('form:has(input[name="go"][value="message"]) button[type="submit"]').click());
      await page.locator('article.own-message', { hasText: APPLICANT_REPLY }).waitFor({ state: 'visible' });
    } finally {
      await applicant.close();
    }
  });

  it('applies in Ukrainian with safe times typed naturally, read back before storing', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(url('/?lang=uk'));
      assert.equal(await page.locator('html').getAttribute('lang'), 'uk');
      await page.locator('#situation').selectOption('serving');
      await page.locator('#contact_channel').selectOption('telegram');
      await page.locator('#contact_handle').fill('@synthetic_uk');
      await page.locator('#safe_windows').fill('Пн-Пт 19-21; нд 10.00 - 12.00');
      await actAndLoad(page, () => page.locator(APPLY).click());
      const read = await page.locator('#windows-read').textContent();
      assert.match(read, /у будні, 19:00–21:00; нд, 10:00–12:00/);
      assert.match(read, /за вашим часом/);
      assert.equal(await page.locator('#receipt').count(), 0, 'stored before it was confirmed');
      await actAndLoad(page, () => page.locator(APPLY).click());
      assert.match((await page.locator('#receipt').textContent()).trim(), RECEIPT_RE);
      assert.equal(await page.locator('html').getAttribute('lang'), 'uk');
    } finally {
      await context.close();
    }
  });

  it('shows the legal page in Belarusian and Ukrainian, not the Russian one', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(url('/?lang=be'));
      await actAndLoad(page, () => page.locator('#legal-link').click());
      assert.equal(await page.locator('html').getAttribute('lang'), 'be');
      assert.match(await page.locator('#penalties').textContent(), /дэзерцірства ва ўмовах ваеннага часу/);
      assert.match(await page.locator('#penalties').textContent(), /ад 5 да 15 гадоў/);
      await actAndLoad(page, () => page.getByRole('button', { name: 'Українська' }).click());
      assert.equal(await page.locator('html').getAttribute('lang'), 'uk');
      assert.match(await page.locator('#penalties').textContent(), /від 5 до 15 років/);
      assert.doesNotMatch(await page.locator('body').textContent(), /Наказания|лет\b/);
    } finally {
      await context.close();
    }
  });

  it('lands an administrator on a menu with sign-out', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(url('/console/'));
      await page.locator('#name').fill(ADMIN);
      await page.locator('#password').fill(ADMIN_PASSWORD);
      await actAndLoad(page, () => page.locator('form[action="/console/login"] button[type="submit"]').click());
      assert.equal((await page.locator('h1').textContent()).trim(), 'Администрирование');
      assert.equal(await page.locator('#admin-menu a[href="/console/security"]').count(), 1);
      assert.match(await page.locator('nav').textContent(), /администратор/);
      await actAndLoad(page, () => page.locator('form[action="/console/logout"] button[type="submit"]').click());
      assert.equal(await page.locator('form[action="/console/login"]').count(), 1);
    } finally {
      await context.close();
    }
  });

  it('the browser reported no blocked or failed loads (Content-Security-Policy)', { timeout: TEST_TIMEOUT_MS }, () => {
    assert.deepEqual(browserProblems, []);
  });
});
