// A job done with rejected rows is done with a warning: a yellow badge
// (in the job view and in the list) and, at the top of the result, "4 of
// 7 rows rejected: see why" linking to the rejects download.  A strict
// job that failed says where it stopped instead of "1 row was skipped".
import { BASE, run, shot, check } from './lib.mjs';

await run('page-warnings', async ({ page }) => {
  const [warned, strict] = (process.env.JOB_IDS || '').split(' ');
  await page.goto(`${BASE}/?job=${warned}`);
  await page.waitForSelector('#result:not([hidden]) #table tbody tr');
  const badge = await page.$eval('#state', (b) => [b.textContent, b.className, getComputedStyle(b).backgroundColor]);
  check(badge[0] === 'done with warnings', `badge text: ${badge[0]}`);
  check(/state-warning/.test(badge[1]), `badge class: ${badge[1]}`);
  check(badge[2] === 'rgb(255, 240, 179)', `badge is yellow: ${badge[2]}`);
  check(await page.isVisible('#result-warning'), 'the warning is shown');
  const text = (await page.textContent('#result-warning')).trim();
  check(text === '4 of 7 rows rejected: see why', `warning text: ${text}`);
  // It is at the top of the result, before the metrics.
  const first = await page.$eval('#result', (r) => r.querySelector('h2').nextElementSibling.id);
  check(first === 'result-warning', `first under the heading: ${first}`);
  const href = await page.getAttribute('#see-why', 'href');
  check(href === `/jobs/${warned}/rejects.csv`, `see why links to ${href}`);
  const r = await page.request.get(BASE + href);
  check(r.status() === 200, `rejects.csv: ${r.status()}`);
  const lines = (await r.text()).trim().split('\n');
  check(lines.length === 5 && lines[0].startsWith('line,offset,column'), `rejects.csv rows: ${lines.length}`);
  await shot(page, 'page-warnings-1-job');

  // The list shows the yellow badge too.
  await page.waitForSelector(`#job-list li[data-id="${warned}"] .badge`);
  const listed = await page.$eval(`#job-list li[data-id="${warned}"] .badge`, (b) => [b.textContent, b.className]);
  check(listed[0] === 'done with warnings' && /state-warning/.test(listed[1]), `list badge: ${listed}`);

  // A strict failure: where it stopped, not "skipped".
  await page.goto(`${BASE}/?job=${strict}`);
  await page.waitForSelector('#bad:not([hidden])');
  const summary = await page.textContent('#bad-summary');
  check(/^Stopped at line 3, with 1 bad row\./.test(summary), `strict summary: ${summary}`);
  check(!/skipped/.test(summary), 'nothing is said to be skipped');
  check(await page.$eval('#state', (b) => b.textContent) === 'failed', 'strict job failed');
  await shot(page, 'page-warnings-2-strict');
});
