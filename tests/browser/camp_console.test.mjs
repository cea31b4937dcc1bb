// Browser end-to-end test of the camp administrator's console, with JavaScript on and the
// console's Content-Security-Policy: a camp refused under GC III Art. 62 and then created, a
// prisoner registered, his account posted to, the overdue capture card printed and marked
// sent, and the information bureau's list sent.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_BIN, TEST_TIMEOUT_MS, actAndLoad, startFreshLifeline, tearDown, watchPage } from './support.mjs';

const CAMP_ADMIN = 'camp.browser';
const CAMP_ADMIN_PASSWORD = 'synthetic-camp-admin-pw';
const SURNAME = 'Браузеров';
// The day he arrived, ten days ago: his capture card is overdue, and prints it as the day taken prisoner.
const ARRIVED = new Date(Date.now() - 10 * 86400_000).toISOString().slice(0, 10);

describe('the camp console', { timeout: 6 * TEST_TIMEOUT_MS }, () => {
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
      [{ name: CAMP_ADMIN, role: 'camp_admin', password: CAMP_ADMIN_PASSWORD }], serverLog));
    browser = await chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ javaScriptEnabled: true, locale: 'ru-RU' });
    context.on('page', (p) => watchPage(p, browserProblems));
    page = await context.newPage();
    await page.goto(url('/console/'));
    await page.locator('#name').fill(CAMP_ADMIN);
    await page.locator('#password').fill(CAMP_ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(url('/console/camps')), page.locator('form[action="/console/login"] button').click()]);
  });

  after(() => tearDown(browser, server, dir));

  it('refuses working pay below a quarter franc, then sets the camp up', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.locator('#name').fill('Лагерь браузерный');
    await page.locator('#uah_per_chf').fill('47.00');
    await page.locator('#canteen').fill('чай; 25.00; 28.00');
    await submitForm('form[action="/console/camps"]');
    const alert = await page.getByRole('alert').textContent();
    assert.match(alert, /ст\. 62/);
    assert.match(alert, /11\.75 UAH/);
    await page.locator('#name').fill('Лагерь браузерный');
    await page.locator('#uah_per_chf').fill('38.00');
    await page.locator('#canteen').fill('чай; 25.00; 28.00');
    await Promise.all([page.waitForURL(/\/console\/camps\/\d+$/), page.locator('form[action="/console/camps"] button').click()]);
    assert.equal(await page.locator('#prisoners-empty').count(), 1);
  });

  it('registers a prisoner and keeps his account', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const [id, value] of [['surname', SURNAME], ['first_names', 'Пробный'], ['service_number', 'B-000777'],
                               ['arrived_on', ARRIVED], ['person_to_inform', 'Браузерова Анна']]) {
      await page.locator(`#${id}`).fill(value);
    }
    await Promise.all([page.waitForURL(/\/console\/prisoners\/\d+/), page.locator('form[action$="/prisoners"] button').click()]);
    assert.match(await page.locator('#fields').textContent(), new RegExp(SURNAME));
    await page.locator('#kind').selectOption('working_pay');
    await page.locator('#days').fill('3');
    await submitForm('form[action$="/postings"]');
    await page.locator('[role="status"]', { hasText: 'Проведено' }).waitFor();
    assert.equal((await page.locator('#balance').textContent()).trim(), '30.00 грн');
    await page.locator('#kind').selectOption('canteen_purchase');
    await page.locator('#item').selectOption('чай');
    await page.locator('#quantity').fill('2');
    await submitForm('form[action$="/postings"]');
    assert.match(await page.getByRole('alert').textContent(), /недостаточно средств/);
    assert.equal((await page.locator('#balance').textContent()).trim(), '30.00 грн');
    assert.equal(await page.locator('#statement tbody tr').count(), 3);  // opening, the pay, closing
  });

  it('lists the overdue capture card, prints it in both languages and marks it sent', { timeout: TEST_TIMEOUT_MS }, async () => {
    const prisonerUrl = page.url().replace(/\/postings$/, '');  // the last form answered at its own address
    await actAndLoad(page, () => page.locator('a[href^="/console/camps/"]').first().click());
    await page.locator('#overdue-cards').waitFor();
    assert.equal(await page.locator('#overdue-cards li').count(), 1);
    await page.goto(prisonerUrl);
    await actAndLoad(page, () => page.locator('#capture-card-link').click());
    const card = await page.locator('#capture-card').textContent();
    assert.match(card, /Фамилия \/ Прізвище/);  // his language, then the camp's
    assert.match(card, new RegExp(SURNAME));
    assert.match(card, new RegExp(ARRIVED));  // taken prisoner on: not given, the day he arrived
    assert.match(card, /здоров \/ здоровий/);  // his health in Annex IV's words, both languages
    assert.doesNotMatch(card, /captured|good/);
    await page.goto(prisonerUrl);
    await submitForm('form[action$="/capture-card/sent"]');
    await page.locator('[role="status"]', { hasText: 'карточка отправлена' }).waitFor();
    await actAndLoad(page, () => page.locator('a[href^="/console/camps/"]').first().click());
    await page.locator('#overdue-none').waitFor();
  });

  it('sends the information bureau its list once', { timeout: TEST_TIMEOUT_MS }, async () => {
    await actAndLoad(page, () => page.locator('a[href$="/bureau"]').click());
    assert.equal(await page.locator('#bureau tbody tr').count(), 1);
    assert.match(await page.locator('#bureau').textContent(), new RegExp(SURNAME));
    await submitForm('form[action$="/bureau"]');
    await page.locator('#bureau-empty').waitFor();
  });

  it('keeps labour within the Convention and runs the phone line for the guard', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(url('/console/camps'));
    await actAndLoad(page, () => page.locator('#camps a').first().click());
    await actAndLoad(page, () => page.locator('#prisoners a').first().click());
    await page.locator('#shift-hours').fill('08:00-12:00');
    await submitForm('form[action$="/shifts"]');
    assert.match(await page.getByRole('alert').textContent(), /ст\. 55/);
    await submitForm('form[action$="/phone-list"]');
    await page.locator('[role="status"]', { hasText: 'В очереди на телефон' }).waitFor();
    await actAndLoad(page, () => page.locator('a[href^="/console/camps/"]').first().click());
    await actAndLoad(page, () => page.locator('#phone-link').click());
    assert.equal(await page.locator('#rota tbody tr').count(), 1);  // one prisoner waiting: one slot
    await page.locator('#rota form select[name="outcome"]').first().selectOption('completed');
    await submitForm('#rota form');
    await page.locator('[role="status"]', { hasText: 'Записано' }).waitFor();
    assert.match(await page.locator('#rota tbody tr').first().textContent(), /состоялся/);
  });

  it('the browser reported no blocked or failed loads and no script errors', { timeout: TEST_TIMEOUT_MS }, () => {
    assert.deepEqual(browserProblems, []);
  });
});
