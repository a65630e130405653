// The plain form without JavaScript: posting it lands on /job/{id}, a
// server-rendered page that refreshes itself until the job is done and
// then shows the metrics, download links and bad rows; a refused file
// shows an HTML error page, not JSON.
import { readFileSync } from 'node:fs';
import { BASE, VAR, run, shot, check } from './lib.mjs';

async function stateOf(page) {
  for (let i = 0; i < 100; i++) {
    try {
      const s = await page.textContent('#state strong', { timeout: 1000 });
      if (!/queued|running/.test(s)) return s;
    } catch (e) { /* reloading */ }
    await page.waitForTimeout(200);
  }
  return 'timeout';
}

await run('page-nojs', async ({ page }) => {
  await page.goto(BASE + '/');
  check(await page.isHidden('#columns'), 'the column chooser needs JavaScript');
  await page.setInputFiles('#file', `${VAR}/sales.csv`);
  await Promise.all([page.waitForURL(/\/job\/[0-9a-f]{34}$/), page.click('#submit')]);
  const first = await page.content();
  if (/running|queued/.test(await page.textContent('#state')))
    check(/http-equiv="refresh"/.test(first), 'a live job page refreshes itself');
  check(await stateOf(page) === 'done', 'the job page reached done');
  check(!/http-equiv="refresh"/.test(await page.content()), 'a done page stops refreshing');
  check(await page.textContent('#m-rows') === Number(process.env.ROWS).toLocaleString('en-US'), 'rows on the page, with separators');
  const href = await page.getAttribute('#dl-csv', 'href');
  const csv = await (await page.request.get(BASE + href)).text();
  check(csv === readFileSync(`${VAR}/truth.csv`, 'utf8'), 'the CSV link serves the truth');
  await shot(page, 'page-nojs-1-done');

  // Bad rows, escaped: a key with markup stays text.
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', `${VAR}/bad.csv`);
  await Promise.all([page.waitForURL(/\/job\//), page.click('#submit')]);
  check(await stateOf(page) === 'done with warnings', 'a job with a bad row is done with warnings');
  const bad = await page.$$eval('#bad-rows tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  check(bad.length === 1 && bad[0][0] === '3' && bad[0][2] === '<b>x</b>' && bad[0][3] === 'not a number', `bad rows: ${JSON.stringify(bad)}`);
  await shot(page, 'page-nojs-2-bad-rows');

  // A refused file: an HTML page with the message.
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', `${VAR}/invalid.csv`);
  const [resp] = await Promise.all([page.waitForNavigation(), page.click('#submit')]);
  check(resp.status() === 400, `refused upload status ${resp.status()}`);
  check(/text\/html/.test(resp.headers()['content-type']), 'an HTML error page');
  const msg = await page.textContent('.error');
  check(/department/.test(msg), `error page message: ${msg}`);
  await shot(page, 'page-nojs-3-refused');

  // An unknown job: an HTML 404.
  const r404 = await page.goto(`${BASE}/job/${'0'.repeat(34)}`);
  check(r404.status() === 404 && /no such job/i.test(await page.textContent('.error')), 'unknown job page');
}, { javaScriptEnabled: false });
