// The preview before the upload, from the engine's own sniffer (POST
// /api/sniff): a .csv.gz shows its columns and first rows; a Latin-1 file
// shows its accents right, read as latin-1 once the user says so, and
// totals with them; a group-by or aggregate column the file lacks blocks
// the upload with a sentence, and nothing is sent.
import { readFileSync } from 'node:fs';
import { BASE, VAR, run, shot, check, readCsv } from './lib.mjs';

const cells = (page, sel) => page.$$eval(sel, (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));

await run('page-preview', async ({ page }) => {
  let sniffs = 0, uploads = 0;
  page.on('request', (r) => {
    if (r.method() !== 'POST') return;
    if (r.url().includes('/api/sniff')) sniffs++;
    else if (r.url().includes('/api/jobs')) uploads++;
  });

  // A gzip file: its columns and its first 20 rows, decompressed.
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', `${VAR}/sales.csv.gz`);
  await page.waitForSelector('#columns:not([hidden])');
  const plain = readCsv(`${VAR}/sales.csv`);
  const head = await page.$$eval('#preview-table thead th', (ths) => ths.map((t) => t.textContent));
  check(JSON.stringify(head) === JSON.stringify(plain[0]), `preview head ${head}`);
  const rows = await cells(page, '#preview-table tbody tr');
  check(rows.length === 20, `${rows.length} preview rows`);
  check(JSON.stringify(rows) === JSON.stringify(plain.slice(1, 21)), `preview rows differ: ${rows[0]} / ${plain[1]}`);
  check(/gzip/.test(await page.textContent('#sniff-info')), `info: ${await page.textContent('#sniff-info')}`);
  const cols = await page.$$eval('#group-list label', (ls) => ls.map((l) => l.textContent));
  check(JSON.stringify(cols) === JSON.stringify(plain[0]), `columns ${cols}`);
  check(await page.inputValue('#group_by') === 'department', 'the default group preset');
  check(sniffs === 1, `${sniffs} sniff requests`);
  await shot(page, 'page-preview-1-gzip');

  // A column the file lacks: a sentence, and no upload.
  await page.click('#options summary');
  await page.fill('#group_by', 'departmnet');
  await page.click('#submit');
  await page.waitForSelector('#error:not([hidden])');
  let msg = await page.textContent('#error');
  check(/^The file has no column named "departmnet"\./.test(msg), `missing column: ${msg}`);
  check(await page.isHidden('#run'), 'the upload did not start');
  await page.fill('#group_by', 'department');
  await page.fill('#agg', 'sum:numbr_of_sales');
  await page.click('#submit');
  await page.waitForFunction(() => /numbr_of_sales/.test(document.getElementById('error').textContent));
  await page.fill('#agg', 'sum:number_of_sales');
  await page.fill('#group_by', '');
  await page.click('#submit');
  await page.waitForFunction(() => /^Pick a column to group by\./.test(document.getElementById('error').textContent));
  check(await page.isHidden('#run'), 'the upload did not start');
  await shot(page, 'page-preview-2-blocked');
  check(uploads === 0, `${uploads} uploads sent`);

  // Latin-1: detected as windows-1252 (the same letters here), then read
  // as latin-1 when chosen; the accents are right either way.
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', `${VAR}/latin1.csv`);
  await page.waitForSelector('#columns:not([hidden])');
  const latin = async () => ({
    head: await page.$$eval('#preview-table thead th', (ths) => ths.map((t) => t.textContent)),
    rows: await cells(page, '#preview-table tbody tr'),
  });
  let got = await latin();
  check(JSON.stringify(got.head) === '["région","ventes"]', `latin-1 head ${got.head}`);
  check(got.rows[0][0] === 'Zürich' && got.rows[1][0] === 'Genève', `latin-1 rows ${JSON.stringify(got.rows)}`);
  check(/windows-1252/.test(await page.textContent('#sniff-info')), 'detected as windows-1252');
  await page.selectOption('#encoding', 'latin-1');
  await page.waitForFunction(() => /latin-1/.test(document.getElementById('sniff-info').textContent));
  await page.check('#decimal');
  await page.waitForFunction(() => /decimal commas/.test(document.getElementById('sniff-info').textContent));
  got = await latin();
  check(got.rows[0][0] === 'Zürich' && got.rows[0][1] === '1,5', `latin-1 rows ${JSON.stringify(got.rows)}`);
  await shot(page, 'page-preview-3-latin1');

  // And the job reads it so: the totals keep the accents.
  await page.check('#group-list input[value="0"]');
  await page.selectOption('#agg-list .agg-kind', 'sum');
  await page.selectOption('#agg-list .agg-col', '1');
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'done');
  await page.waitForSelector('#table tbody tr');
  const res = (await cells(page, '#table tbody tr')).sort();
  check(JSON.stringify(res) === '[["Genève","2.25"],["Zürich","1.75"]]', `totals ${JSON.stringify(res)}`);
  await shot(page, 'page-preview-4-latin1-result');
});
