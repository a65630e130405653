// Upload a generated file through the page: the header's columns appear
// with the defaults preset, both progress stages reach 100%, the table
// equals the generator's truth (exact digits), sorting works, the chart
// is drawn, and the downloaded CSV equals the truth byte for byte.
import { readFileSync } from 'node:fs';
import { BASE, VAR, run, shot, check, readCsv } from './lib.mjs';

await run('page-upload', async ({ page }) => {
  await page.goto(BASE + '/');
  await shot(page, 'page-upload-1-empty');
  await page.setInputFiles('#file', `${VAR}/sales.csv`);
  await page.waitForSelector('#columns:not([hidden])');
  const cols = await page.$$eval('#group-list label', (ls) => ls.map((l) => l.textContent));
  check(cols.includes('number_of_sales') && cols.includes('department'),
    `columns read from the header: ${cols}`);
  check(await page.isChecked('#group-list input[value="3"]'), 'department preset');
  check(await page.inputValue('#group_by') === 'department', 'group_by field');
  check(await page.inputValue('#agg') === 'sum:number_of_sales', 'agg field');
  await shot(page, 'page-upload-2-columns');

  // Watch both bars from inside the page: record their highest values.
  await page.evaluate(() => {
    window.seen = { up: 0, proc: 0, running: false };
    const look = () => {
      window.seen.up = Math.max(window.seen.up, document.getElementById('up-bar').value);
      window.seen.proc = Math.max(window.seen.proc, document.getElementById('proc-bar').value);
      if (document.getElementById('state').textContent === 'running') window.seen.running = true;
    };
    new MutationObserver(look).observe(document.getElementById('run'), { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'done', null, { timeout: 60000 });
  await page.waitForSelector('#table tbody tr');
  const seen = await page.evaluate(() => window.seen);
  check(seen.up === 100, `upload bar reached ${seen.up}`);
  check(seen.proc === 100, `processing bar reached ${seen.proc}`);
  check(/100%/.test(await page.textContent('#up-text')), 'upload text says 100%');
  check(/100%/.test(await page.textContent('#proc-text')), 'processing text says 100%');
  check(/[?&]job=[0-9a-f]{34}/.test(page.url()), `the URL names the job: ${page.url()}`);

  // The table against the truth, cell by cell, as exact text.
  const truth = readCsv(`${VAR}/truth.csv`);
  const head = await page.$$eval('#table thead th', (ths) => ths.map((t) => t.querySelector('button').firstChild.textContent));
  check(JSON.stringify(head) === JSON.stringify(truth[0]), `table head ${head}`);
  // Numbers are shown with thousands separators: compare their digits.
  const rows = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => (c.tagName === 'TD' ? c.textContent.replace(/,/g, '') : c.textContent))));
  const key = (r) => r.join('\u0001');
  const want = truth.slice(1).map(key).sort();
  const got = rows.map(key).sort();
  check(JSON.stringify(got) === JSON.stringify(want), `table differs from the truth:\n${got.join('\n')}\n---\n${want.join('\n')}`);
  check(await page.textContent('#m-rows') === Number(process.env.ROWS).toLocaleString('en-US'), 'metrics rows');
  check(await page.textContent('#m-groups') === String(want.length), 'metrics groups');
  const bars = await page.$$('#chart svg g.bar');
  check(bars.length === want.length, `chart bars ${bars.length}`);

  // Sort by the sum: largest first, then (second click) smallest first.
  const sortedSums = () => page.$$eval('#table tbody td', (tds) => tds.map((t) => BigInt(t.textContent.replace(/,/g, ''))));
  await page.click('#table thead th:nth-child(2) button');
  let sums = await sortedSums();
  check(sums.every((v, i) => i === 0 || sums[i - 1] >= v), 'sorted by sum, descending');
  check(await page.getAttribute('#table thead th:nth-child(2)', 'aria-sort') === 'descending', 'aria-sort descending');
  await page.keyboard.press('Enter');	// the button keeps the focus
  sums = await sortedSums();
  check(sums.every((v, i) => i === 0 || sums[i - 1] <= v), 'sorted by sum, ascending, from the keyboard');
  check(await page.getAttribute('#table thead th:nth-child(2)', 'aria-sort') === 'ascending', 'aria-sort ascending');
  await page.click('#table thead th:nth-child(2) button');
  await shot(page, 'page-upload-3-result');

  // The CSV download equals the truth.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#dl-csv')]);
  const path = `${VAR}/downloaded.csv`;
  await dl.saveAs(path);
  check(readFileSync(path, 'utf8') === readFileSync(`${VAR}/truth.csv`, 'utf8'), 'downloaded CSV differs from the truth');
  const [dj] = await Promise.all([page.waitForEvent('download'), page.click('#dl-json')]);
  await dj.saveAs(`${VAR}/downloaded.json`);
  check(JSON.parse(readFileSync(`${VAR}/downloaded.json`, 'utf8')).rows.length === want.length, 'JSON download');

  // A phone-sized screen: nothing wider than the viewport.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.waitForTimeout(300);	// the chart redraws at the new width
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 375, `page is ${wide}px wide on a phone`);
  await shot(page, 'page-upload-4-phone');
});
