// A profile job reads the file as the page's dialect controls say, as an
// aggregate would: a Latin-1 file with semicolons, decimal commas and no
// header line, read as latin-1, "is data" and "decimal comma" once the
// user sets them, gives cards named 1, 2, 3 (not after its first row),
// the accents right, a decimal third column, and a dialect line that says
// latin-1 (the sniffer alone guesses windows-1252 and a header).
import { BASE, VAR, run, shot, check } from './lib.mjs';

await run('page-profile-dialect', async ({ page }) => {
  await page.goto(BASE + '/');
  await page.setInputFiles('#file', `${VAR}/dialect.csv`);
  await page.waitForSelector('#columns:not([hidden])');
  check(/windows-1252/.test(await page.textContent('#sniff-info')), 'sniffed as windows-1252');
  check(await page.inputValue('#header') === 'true', 'sniffed with a header line');

  await page.selectOption('#encoding', 'latin-1');
  await page.waitForFunction(() => /latin-1/.test(document.getElementById('sniff-info').textContent));
  await page.selectOption('#header', 'false');
  await page.waitForFunction(() => /without a header line/.test(document.getElementById('sniff-info').textContent));
  await page.check('#decimal');
  await page.waitForFunction(() => /decimal commas/.test(document.getElementById('sniff-info').textContent));

  await page.click('#profile-btn');
  await page.waitForSelector('#profile-cards article.col-card');
  check(await page.textContent('#state') === 'done', 'the profile job is done');

  const cards = await page.$$eval('#profile-cards article', (as) => as.map((a) => ({
    name: a.dataset.column,
    type: a.querySelector('.badge').textContent,
    count: a.querySelector('.st-count dd').textContent,
    top: a.querySelector('.top-list li .top-value') ? a.querySelector('.top-list li .top-value').textContent : '',
    mean: a.querySelector('.st-mean dd') ? a.querySelector('.st-mean dd').textContent : '',
  })));
  check(cards.map((c) => `${c.name}:${c.type}:${c.count}`).join(' ') === '1:text:3 2:text:3 3:decimal(3,2):3',
    `cards: ${JSON.stringify(cards)}`);
  check(cards[0].top === 'Genève' && cards[1].top === 'Crème', `accents: ${JSON.stringify(cards)}`);
  check(/^2\.41666667/.test(cards[2].mean), `mean of the decimal-comma column: ${cards[2].mean}`);
  const info = await page.textContent('#profile-info');
  check(/^3 rows, 3 columns, separated by semicolon, latin-1$/.test(info), `profile info: ${info}`);
  await shot(page, 'page-profile-dialect-1-cards');
});
