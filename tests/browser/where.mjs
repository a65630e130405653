// The where builder and the others bar.  Pick a file, add two conditions
// with the builder (one needing quotes), submit: the table holds only the
// matching groups, the filtered rows are counted, and the hidden fields
// carry the expressions.  Then a job with 20 big groups and 200 small
// ones: the chart's others bar is cut at the edge (it would flatten the
// rest) and its value, with thousands separators, is written beside it.
import { BASE, run, shot, check } from './lib.mjs';

await run('page-where', async ({ page }) => {
  const [manyId] = (process.env.JOB_IDS || '').split(' ');
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', `${process.env.VAR}/where.csv`);
  await page.waitForSelector('#columns:not([hidden])');
  await page.selectOption('#where-col', { label: 'region' });
  await page.selectOption('#where-op', '=');
  await page.fill('#where-val', 'North');
  await page.click('#where-add');
  await page.selectOption('#where-col', { label: 'department' });
  await page.selectOption('#where-op', 'in');
  await page.fill('#where-val', 'Toys|Home Garden');
  await page.click('#where-add');
  const exprs = await page.$$eval('#where-list input[name="where"]', (is) => is.map((i) => i.value));
  check(JSON.stringify(exprs) === JSON.stringify(['region=North', 'department in Toys|"Home Garden"']), `where fields: ${exprs}`);
  const shown = await page.$$eval('#where-list code', (cs) => cs.map((c) => c.textContent));
  check(shown[1] === 'department in Toys|"Home Garden"', `shown: ${shown}`);
  // "is empty" needs no value.
  await page.selectOption('#where-op', 'empty');
  check(await page.isHidden('#where-val'), 'no value box for "is empty"');
  await page.selectOption('#where-op', '=');
  await shot(page, 'page-where-1-builder');
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'done', null, { timeout: 60000 });
  await page.waitForSelector('#table tbody tr');
  const rows = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  check(JSON.stringify(rows) === JSON.stringify([['Home Garden', '1,500'], ['Toys', '2']]), `filtered table: ${JSON.stringify(rows)}`);
  check(await page.textContent('#m-filtered') === '3', `filtered metric: ${await page.textContent('#m-filtered')}`);
  const q = await page.textContent('#result-query');
  check(q === 'Where region=North and department in Toys|"Home Garden": 3 rows filtered out.', `query note: ${q}`);
  await shot(page, 'page-where-2-result');

  // The others bar does not flatten the top 20.
  await page.goto(`${BASE}/?job=${manyId}`);
  await page.waitForSelector('#chart svg g.bar.others');
  const geo = await page.$$eval('#chart svg g.bar', (gs) => gs.map((g) => {
    const r = g.querySelector('rect');
    return { others: g.classList.contains('others'), broken: g.classList.contains('broken'), w: r ? Number(r.getAttribute('width')) : 0, v: g.querySelector('text.value').textContent };
  }));
  check(geo.length === 21, `bars: ${geo.length}`);
  const o = geo[20];
  check(o.others && o.broken, `the others bar is broken: ${JSON.stringify(o)}`);
  check(o.v === '19,800', `others value: ${o.v}`);
  const top = Math.max(...geo.slice(0, 20).map((g) => g.w));
  check(geo.slice(0, 20).every((g) => g.w > top * 0.9), 'the top bars keep their length');
  check(o.w <= top + 0.5, `the others bar stays within the scale: ${o.w} vs ${top}`);
  check(await page.$$eval('#chart svg g.bar.broken line.break', (ls) => ls.length) === 2, 'a break mark');
  check(/cut at the edge/.test(await page.textContent('#chart-note')), 'a note says why');
  await shot(page, 'page-where-3-others');
});
