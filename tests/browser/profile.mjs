// The profile cards and their shortcuts.  Choose a file, press Profile:
// a kind=profile job runs and the page shows a card per column with its
// type, counts, range, a bar list of its top values and what spoiled a
// type.  "Group by this" on region and "Total this" on qty fill the
// aggregate form (the builder and the text fields that are sent), and
// the aggregate then runs with them.
import { BASE, run, shot, check } from './lib.mjs';

await run('page-profile', async ({ page }) => {
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', `${process.env.VAR}/profile.csv`);
  await page.waitForSelector('#columns:not([hidden])');
  check(await page.isVisible('#profile-btn'), 'a Profile button');
  await page.click('#profile-btn');
  await page.waitForSelector('#profile-cards article.col-card');
  check(await page.textContent('#state') === 'done', 'the profile job is done');
  const cards = await page.$$eval('#profile-cards article', (as) => as.map((a) => ({
    name: a.dataset.column,
    type: a.querySelector('.badge').textContent,
    count: a.querySelector('.st-count dd').textContent,
    range: a.querySelector('.st-range dd') ? a.querySelector('.st-range dd').textContent : '',
    mean: a.querySelector('.st-mean dd') ? a.querySelector('.st-mean dd').textContent : '',
    bars: a.querySelectorAll('.top-list li').length,
    top: a.querySelector('.top-list li .top-value') ? a.querySelector('.top-list li .top-value').textContent : '',
    notType: a.querySelector('.not-type') ? a.querySelector('.not-type').textContent : '',
    total: !a.querySelector('.total-this').disabled,
  })));
  check(cards.length === 4, `cards: ${cards.length}`);
  check(cards.map((c) => `${c.name}:${c.type}`).join(' ') === 'region:text qty:integer day:text note:text',
    `types: ${JSON.stringify(cards)}`);
  const [region, qty, day] = cards;
  check(region.count === '5' && region.bars === 3 && region.top === 'North', `region card: ${JSON.stringify(region)}`);
  check(qty.range === '1 – 8' && qty.mean === '4', `qty card: ${JSON.stringify(qty)}`);
  check(/^date except 1 value, the first at line 5: "2026-02-30"$/.test(day.notType), `day: ${day.notType}`);
  check(qty.total && !region.total, 'Total this only for numbers');
  const w = await page.$eval('#profile-cards article[data-column="region"] .top-list li .top-bar span', (s) => s.style.width);
  check(w === '100%', `the top bar is full: ${w}`);
  await shot(page, 'page-profile-1-cards');

  // The shortcuts fill the form.
  await page.click('#profile-cards article[data-column="region"] .group-this');
  await page.click('#profile-cards article[data-column="qty"] .total-this');
  const gb = await page.inputValue('#group_by');
  const agg = await page.inputValue('#agg');
  check(gb === 'region', `group_by: ${gb}`);
  check(agg.split(',').includes('sum:qty'), `agg: ${agg}`);
  check(await page.isChecked('#g-0'), 'region is checked in the builder');
  await shot(page, 'page-profile-2-form');

  // And the aggregate runs with them.
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'done'
    && !document.getElementById('result').hidden, null, { timeout: 60000 });
  await page.waitForSelector('#table tbody tr');
  check(await page.isHidden('#profile'), 'the profile gives way to the result');
  const rows = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const north = rows.find((r) => r[0] === 'North');
  check(north && north.includes('14'), `North's total: ${JSON.stringify(rows)}`);
  await shot(page, 'page-profile-3-total');
});
