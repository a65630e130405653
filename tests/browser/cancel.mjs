// Cancel on the page: a job kept running by the read-rate cap shows its
// processing progress, and the Cancel button leaves it cancelled, with no
// result; an upload in flight is aborted by the same button.
import { BASE, VAR, run, shot, check } from './lib.mjs';

await run('page-cancel', async ({ page }) => {
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', `${VAR}/slow.csv`);
  await page.waitForSelector('#columns:not([hidden])');
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'running');
  await page.waitForFunction(() => document.getElementById('proc-bar').value > 0);
  const text = await page.textContent('#proc-text');
  check(/rows/.test(text) && /MB\/s/.test(text), `processing text: ${text}`);
  await shot(page, 'page-cancel-1-running');
  await page.click('#cancel');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'cancelled');
  check(await page.isHidden('#cancel'), 'cancel button hidden after cancel');
  check(await page.isHidden('#result'), 'no result for a cancelled job');
  const id = new URL(page.url()).searchParams.get('job');
  const j = await (await page.request.get(`${BASE}/api/jobs/${id}`)).json();
  check(j.state === 'cancelled', `API state ${j.state}`);
  await page.waitForSelector(`#job-list li[data-id="${id}"] .state-cancelled`);
  await shot(page, 'page-cancel-2-cancelled');

  // An upload in flight: hold the request so it cannot finish, then cancel.
  await page.route('**/api/jobs', () => { /* never answered */ });
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', `${VAR}/slow.csv`);
  await page.waitForSelector('#columns:not([hidden])');
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'uploading');
  await page.click('#cancel');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'cancelled');
  check(/cancelled/i.test(await page.textContent('#up-text')), 'upload text says cancelled');
});
