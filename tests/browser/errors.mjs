// Errors and bad rows on the page: a file without the default columns
// (the page asks for a group before uploading), one the server refuses
// (400: an aggregate the server does not know) and one larger than the
// limit (413) show the API's message as a sentence, never a raw body; bad rows are explained
// with line, column, value and reason; a sum beyond a double's digits is
// shown exactly.
import { BASE, VAR, run, shot, check } from './lib.mjs';

async function submit(page, file) {
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', file);
  await page.waitForSelector('#columns:not([hidden])');
  await page.click('#submit');
}

await run('page-errors', async ({ page }) => {
  // No department and no number_of_sales: the page has the header from
  // the sniffer and asks for a group before anything is sent.
  await submit(page, `${VAR}/invalid.csv`);
  await page.waitForSelector('#error:not([hidden])');
  let msg = await page.textContent('#error');
  check(/^Pick a column to group by\./.test(msg), `no group: ${msg}`);
  check(await page.isHidden('#run'), 'nothing uploaded');
  // A 400 from the server: an aggregate typed by hand that it does not
  // know (the page checks columns, the server the rest).
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', `${VAR}/bad.csv`);
  await page.waitForSelector('#columns:not([hidden])');
  await page.click('#options summary');
  await page.fill('#agg', 'total:number_of_sales');
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'rejected');
  msg = await page.textContent('#error');
  check(/could not accept/.test(msg) && /unknown aggregate "total"/.test(msg), `400 message: ${msg}`);
  check(!/[{}]/.test(msg), `raw JSON shown: ${msg}`);
  check(await page.evaluate(() => document.activeElement.id) === 'error', 'focus on the error');
  await shot(page, 'page-errors-1-invalid');

  // Larger than MAXBODY: nginx's 413, as JSON, shown as a sentence.
  await submit(page, `${VAR}/big.csv`);
  await page.waitForSelector('#error:not([hidden])');
  msg = await page.textContent('#error');
  check(/too large|larger than/.test(msg) && !/[{}]/.test(msg), `413 message: ${msg}`);
  await shot(page, 'page-errors-2-too-large');

  // Bad rows and exact decimals.
  await submit(page, `${VAR}/bad.csv`);
  // Done, but with rows rejected: done with warnings.
  await page.waitForFunction(() => document.getElementById('state').textContent === 'done with warnings');
  await page.waitForSelector('#table tbody tr');
  await page.waitForSelector('#bad:not([hidden])');
  const bad = await page.$$eval('#bad-rows tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  check(JSON.stringify(bad[0]) === JSON.stringify(['3', '2 (number_of_sales)', 'lots', 'not a number']), `bad row 1: ${bad[0]}`);
  check(bad.length === 2 && bad[1][0] === '5' && /fields|column/.test(bad[1][3]), `bad row 2: ${bad[1]}`);
  check(await page.textContent('#m-rejected') === '2', 'rejected count');
  const rows = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const a = rows.find((r) => r[0] === 'A');
  check(a && a[1] === '100,000,000,000,000,000,000.00', `exact sum, thousands separated: ${a}`);
  await shot(page, 'page-errors-3-bad-rows');
});
