// Columns named "Region, EU" and "Net: total": picked in the builder, they
// are written quoted into the form's group_by and agg (a comma or colon
// would split a bare name), the page's check lets them through, and the
// job groups and sums the right columns.
import { BASE, VAR, run, shot, check } from './lib.mjs';

await run('page-quoted-names', async ({ page }) => {
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', `${VAR}/quoted.csv`);
  await page.waitForSelector('#columns:not([hidden])');
  await page.check('#group-list input[value="0"]');
  await page.selectOption('#agg-list .agg-kind', 'sum');
  await page.selectOption('#agg-list .agg-col', '1');
  const gb = await page.inputValue('#group_by');
  const agg = await page.inputValue('#agg');
  check(gb === '"Region, EU"', `group_by ${gb}`);
  check(agg === 'sum:"Net: total"', `agg ${agg}`);
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'done');
  await page.waitForSelector('#table tbody tr');
  const head = await page.$$eval('#table thead th', (ths) => ths.map((t) => t.textContent.replace(/ *↕$/, '')));
  const rows = (await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)))).sort();
  check(head.join('|') === 'Region, EU|sum_net_total', `head ${JSON.stringify(head)}`);
  check(JSON.stringify(rows) === '[["North, A","3.5"],["South","3.0"]]', `rows ${JSON.stringify(rows)}`);
  await shot(page, 'page-quoted-names-1-result');
});
