// Past jobs: the list shows every job with its state; opening one shows
// it and puts it in the URL; that URL, opened in a new page, shows the
// same job (a bookmark or a shared link); delete removes it.
import { BASE, VAR, run, shot, check } from './lib.mjs';

await run('page-jobs', async ({ page, context }) => {
  const ids = (process.env.JOB_IDS || '').split(' ');
  const [doneA, doneB, failed] = ids;
  await page.goto(BASE + '/');
  await page.waitForSelector('#job-list li[data-id]');
  const listed = await page.$$eval('#job-list li[data-id]', (lis) => lis.map((l) => [l.dataset.id, l.querySelector('.badge').textContent]));
  check(listed.length === 3, `three jobs listed: ${JSON.stringify(listed)}`);
  check(listed[0][0] === failed && listed[0][1] === 'failed', 'newest first, failed');
  check(listed[2][0] === doneA && listed[2][1] === 'done', 'oldest is done');
  await shot(page, 'page-jobs-1-list');

  // Open one from the list: its result, and the URL names it.
  await page.click(`#job-list li[data-id="${doneB}"] a`);
  await page.waitForSelector('#table tbody tr');
  check(page.url() === `${BASE}/?job=${doneB}`, `URL ${page.url()}`);
  check(await page.textContent('#run-name') === 'second.csv', 'name shown');
  const keys = await page.$$eval('#table tbody th', (ths) => ths.map((t) => t.textContent));
  check(JSON.stringify(keys) === '["Z"]', `second job's table: ${keys}`);

  // Back goes to the list-only page; forward shows the job again.
  await page.goBack();
  await page.waitForFunction(() => document.getElementById('run').hidden);
  await page.goForward();
  await page.waitForSelector('#result:not([hidden]) #table tbody tr');

  // The shared URL in a fresh page; the hash form works too.
  const other = await context.newPage();
  await other.goto(`${BASE}/?job=${doneA}`);
  await other.waitForSelector('#table tbody tr');
  check(await other.textContent('#state') === 'done', 'shared URL shows the job');
  check(await other.textContent('#run-name') === 'first.csv', 'shared URL name');
  await shot(other, 'page-jobs-2-shared');
  await other.goto(`${BASE}/#job=${failed}`);
  await other.waitForSelector('#error:not([hidden])');
  check(/failed/.test(await other.textContent('#error')), 'a failed job shows its error');
  await other.goto(`${BASE}/?job=${'f'.repeat(34)}`);
  await other.waitForSelector('#error:not([hidden])');
  check(/no such job/i.test(await other.textContent('#error')), 'unknown job message');
  await other.close();

  // Delete from the list (the confirm dialog is accepted).
  await page.click(`#job-list li[data-id="${doneB}"] button`);
  await page.waitForSelector(`#job-list li[data-id="${doneB}"]`, { state: 'detached' });
  check(await page.isHidden('#run'), 'the deleted job is no longer shown');
  check(page.url() === `${BASE}/`, `URL after delete: ${page.url()}`);
  const r = await page.request.get(`${BASE}/api/jobs/${doneB}`);
  check(r.status() === 404, 'deleted in the API');
  await shot(page, 'page-jobs-3-deleted');
});
