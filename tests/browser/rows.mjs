// A big result (100,000 groups, over what the page loads whole) is shown
// a page at a time through /api/jobs/{id}/rows: every page drawn is
// exactly result.csv's rows in the order asked for, the table never holds
// more than one page, and result.json is never fetched.
import { BASE, VAR, run, shot, check, readCsv } from './lib.mjs';

const id = process.env.JOB_ID;
const csv = readCsv(`${VAR}/result.csv`);
const body = csv.slice(1);
const byTotal = body.map((r, i) => [r, i]).sort((a, b) => Number(b[0][1]) - Number(a[0][1]) || a[1] - b[1]).map((x) => x[0]);

// The table's rows as result.csv writes them (no thousands separators).
async function tableRows(page) {
  return page.$$eval('#table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.replace(/,/g, ''))));
}

async function expectPage(page, want, first, what) {
  const status = `Rows ${(first + 1).toLocaleString('en-US')}–${(first + want.length).toLocaleString('en-US')} of 100,000`;
  await page.waitForFunction((s) => document.getElementById('rows-status').textContent.trim() === s, status);
  // A new order keeps the status ("Rows 1–100"), and may keep the first
  // row too: wait for the page drawn to be the one asked for, then check
  // every row (a page that never comes is reported row by row below).
  try {
    await page.waitForFunction((w) => JSON.stringify([...document.querySelectorAll('#table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent.replace(/,/g, '')))) === w,
      JSON.stringify(want), { timeout: 60000 });
  } catch (e) {
    // Not drawn: the checks below say what the table holds.
  }
  const got = await tableRows(page);
  check(got.length === want.length, `${what}: ${got.length} rows drawn`);
  for (let i = 0; i < want.length; i++)
    check(JSON.stringify(got[i]) === JSON.stringify(want[i]), `${what}: row ${first + i + 1} is ${JSON.stringify(got[i])}, result.csv has ${JSON.stringify(want[i])}`);
}

await run('page-rows', async ({ page }) => {
  const asked = [];
  page.on('request', (r) => asked.push(r.url()));
  await page.goto(`${BASE}/?job=${id}`);
  await page.waitForSelector('#rows-pager:not([hidden])');
  check(await page.textContent('#m-groups') === '100,000', 'groups metric');
  await expectPage(page, body.slice(0, 100), 0, 'first page');
  check(await page.isDisabled('#rows-prev') && await page.isDisabled('#rows-first'), 'no page before the first');
  await shot(page, 'page-rows-1-first');

  await page.click('#rows-next');
  await expectPage(page, body.slice(100, 200), 100, 'next page');
  await page.click('#rows-prev');
  await expectPage(page, body.slice(0, 100), 0, 'previous page');
  await page.click('#rows-last');
  await expectPage(page, body.slice(99900), 99900, 'last page');
  check(await page.isDisabled('#rows-next') && await page.isDisabled('#rows-last'), 'no page after the last');
  await page.fill('#rows-goto', '50001');
  await page.press('#rows-goto', 'Enter');
  await expectPage(page, body.slice(50000, 50100), 50000, 'row 50,001');

  // The totals column: largest first, then smallest first.
  await page.click('#table thead th:nth-child(2) button');
  await expectPage(page, byTotal.slice(0, 100), 0, 'largest totals');
  check(await page.getAttribute('#table thead th:nth-child(2)', 'aria-sort') === 'descending', 'aria-sort descending');
  await page.click('#rows-next');
  await expectPage(page, byTotal.slice(100, 200), 100, 'largest totals, page 2');
  await page.click('#table thead th:nth-child(2) button');
  await expectPage(page, byTotal.slice().reverse().slice(0, 100), 0, 'smallest totals');
  // Keys descending.
  await page.click('#table thead th:nth-child(1) button');
  await expectPage(page, body.slice(0, 100), 0, 'keys ascending');
  await page.click('#table thead th:nth-child(1) button');
  await expectPage(page, body.slice().reverse().slice(0, 100), 0, 'keys descending');
  await shot(page, 'page-rows-2-sorted');

  check(!asked.some((u) => /result\.json/.test(u)), 'result.json was fetched');
  const pages = asked.filter((u) => u.includes(`/api/jobs/${id}/rows?`));
  check(pages.length >= 10 && pages.every((u) => /limit=100(&|$)/.test(u)), `rows requests: ${pages.length}`);
});
