// Browser end-to-end test of the caseworker's console for people abroad, with JavaScript on
// and the console's Content-Security-Policy: a record refused for an unknown stay overlap and
// then saved, an extradition hearing that puts him first on the risk board with an alert, a
// pathway's checklist, a referral refused without consent and then sealed, and the public
// legal-information page.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_BIN, TEST_TIMEOUT_MS, actAndLoad, startFreshLifeline, tearDown, watchPage } from './support.mjs';

const CASEWORKER = 'case.browser';
const CASEWORKER_PASSWORD = 'synthetic-caseworker-pw';
const NAME = 'Браузерный Уехавший';
const day = (offset) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

describe('the console for people abroad', { timeout: 6 * TEST_TIMEOUT_MS }, () => {
  let dir;
  let server;
  let browser;
  let page;
  let baseUrl;
  const serverLog = [];
  const browserProblems = [];
  const url = (p) => new URL(p, baseUrl).toString();

  async function submitForm(selector) {
    await actAndLoad(page, () => page.locator(`${selector} button[type="submit"]`).click());
  }

  before(async () => {
    ({ dir, server, baseUrl } = await startFreshLifeline(
      [{ name: CASEWORKER, role: 'caseworker', password: CASEWORKER_PASSWORD }], serverLog));
    browser = await chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ javaScriptEnabled: true, locale: 'ru-RU' });
    context.on('page', (p) => watchPage(p, browserProblems));
    page = await context.newPage();
    await page.goto(url('/console/'));
    await page.locator('#name').fill(CASEWORKER);
    await page.locator('#password').fill(CASEWORKER_PASSWORD);
    await Promise.all([page.waitForURL(url('/console/abroad')), page.locator('form[action="/console/login"] button').click()]);
  });

  after(() => tearDown(browser, server, dir));

  it('opens on an empty risk board and refuses overlapping stays, keeping what was typed', { timeout: TEST_TIMEOUT_MS }, async () => {
    assert.equal(await page.locator('#board-empty').count(), 1);
    await actAndLoad(page, () => page.locator('#new-person').click());
    await page.locator('#name').fill(NAME);
    await page.locator('#country').selectOption('KZ');
    await page.locator('#city').fill('Вымышленск');
    await page.locator('#arrived_on').fill(day(-80));
    await page.locator('#wanted').selectOption('interstate_list');
    await page.locator('input[name="need"][value="legal"]').check();
    await page.locator('#doc_kind_1').selectOption('internal_passport');
    await page.locator('#doc_expires_1').fill(day(300));
    // A second document: the form brings another row, keeping what was typed.
    await actAndLoad(page, () => page.locator('#add-documents').click());
    assert.equal(await page.locator('#doc_expires_1').inputValue(), day(300));
    await page.locator('#doc_kind_2').selectOption('international_passport');
    await page.locator('#doc_expires_2').fill(day(20));
    assert.equal(await page.locator('#doc_kind_3').count(), 1);
    await page.locator('#case_article_1').selectOption('338.3');
    await page.locator('#stay_country_1').selectOption('AM');
    await page.locator('#stay_entered_1').fill(day(-100));
    await page.locator('#stay_left_1').fill(day(-70));  // after he reached Kazakhstan
    await actAndLoad(page, () => page.locator('#save-person').click());
    assert.match(await page.getByRole('alert').textContent(), /Пребывания пересекаются/);
    assert.equal(await page.locator('#name').inputValue(), NAME);
    await page.locator('#stay_left_1').fill(day(-85));
    await Promise.all([page.waitForURL(/\/console\/abroad\/people\/\d+$/), page.locator('#save-person').click()]);
    assert.equal((await page.locator('#person-name').textContent()).trim(), NAME);
    // Kazakhstan: 90 days in 180, since 80 days ago: the last legal day is in 10 days.
    assert.match(await page.locator('#stay').textContent(), new RegExp(day(9)));
    assert.match(await page.locator('#cases').textContent(), /дезертирство.*5–15/);
  });

  it('puts an extradition hearing first on the board, with an alert', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.locator('#proceeding-kind').selectOption('extradition');
    await page.locator('#filed_on').fill(day(-5));
    await submitForm('#new-proceeding');
    const proceeding = page.locator('section.proceeding').first();
    await proceeding.locator('select[name="kind"]').selectOption('hearing');
    await proceeding.locator('input[name="on"]').fill(day(-1));
    await actAndLoad(page, () => proceeding.locator('form[action$="/events"] button').click());
    assert.match(await page.getByRole('alert').textContent(), /не могут быть в прошлом/);
    const again = page.locator('section.proceeding').first();
    await again.locator('select[name="kind"]').selectOption('hearing');
    await again.locator('input[name="on"]').fill(day(6));
    await actAndLoad(page, () => again.locator('form[action$="/events"] button').click());
    assert.match(await page.locator('#risks').textContent(), /слушание об экстрадиции/);

    await page.goto(url('/console/abroad'));
    const first = page.locator('#board tbody tr').first();
    assert.match(await first.textContent(), /слушание об экстрадиции/);
    assert.match(await first.getAttribute('class'), /alert/);
    // His other dates inside their lead time stand beside it: the end of his stay, a passport.
    const beside = await first.locator('ul.beside').textContent();
    assert.match(beside, /конец разрешённого пребывания/);
    assert.match(beside, /истекает документ/);
    assert.doesNotMatch(await page.locator('#board').textContent(), new RegExp(NAME));
    await actAndLoad(page, () => page.locator('#alerts-only').click());
    assert.equal(await page.locator('#board tbody tr').count(), 1);
  });

  it('keeps a pathway\'s checklist and refers only with consent', { timeout: TEST_TIMEOUT_MS }, async () => {
    await actAndLoad(page, () => page.locator('#board tbody tr a').first().click());
    await page.locator('#pathway-kind').selectOption('humanitarian_visa');
    await page.locator('#target_country').selectOption('DE');
    await submitForm('#new-pathway');
    const pathway = page.locator('section.pathway').first();
    assert.equal((await pathway.locator('.missing').textContent()).trim(), '8');
    const passport = pathway.locator('form:has(input[name="step"][value="passport_valid"])');
    assert.match(await passport.locator('select').getAttribute('aria-label'), /^Загранпаспорт/);
    await passport.locator('select').selectOption('done');
    await actAndLoad(page, () => passport.locator('button').click());
    assert.equal((await page.locator('section.pathway .missing').first().textContent()).trim(), '7');

    // No partner is registered yet: the form offers none, and a referral is refused.
    await page.locator('input[name="field"][value="name"]').check();
    await submitForm('#new-referral');
    assert.match(await page.getByRole('alert').textContent(), /Проверьте поле «(партнёр|согласие)»/);
  });

  it('serves the public legal-information page in Russian and English', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(url('/'));
    await actAndLoad(page, () => page.locator('#legal-link').click());
    assert.match(await page.locator('#penalties').textContent(), /338\.3/);
    assert.match(await page.locator('#asylum-facts').textContent(), /C-238\/19/);
    await actAndLoad(page, () => page.getByRole('button', { name: 'English' }).click());
    assert.match(await page.locator('h1').textContent(), /Legal information/);
  });

  it('the browser reported no blocked or failed loads and no script errors', () => {
    assert.deepEqual(browserProblems, []);
  });
});
