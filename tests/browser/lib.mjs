// Shared by the browser tests: start Debian's Chromium headless through
// playwright-core (never a downloaded browser) with a fresh, empty
// profile, and small helpers.  The shell wrapper (tests/test-page-*.sh)
// starts the real stack and passes BASE, VAR and SCREENS.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE = process.env.BASE;
export const VAR = process.env.VAR;
export const SCREENS = process.env.SCREENS;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

if (!BASE || !VAR || !SCREENS) {
  console.error('run me from tests/test-page-*.sh (BASE, VAR, SCREENS)');
  process.exit(99);
}
mkdirSync(SCREENS, { recursive: true });

// A persistent context in a new empty user-data-dir; close() removes it.
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'tally-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update',
      '--no-first-run'],
    acceptDownloads: true,
    viewport: { width: 1100, height: 900 },
    ...options,
  });
  // A bound for a broken page, not a wait: a loaded machine is slow.
  context.setDefaultTimeout(60000);
  // The owner cookie the shell uploaded with, when it made jobs for us.
  if (process.env.OWNER_COOKIE) {
    await context.addCookies([{ name: 'tally_owner',
      value: process.env.OWNER_COOKIE, url: BASE }]);
  }
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => d.accept());
  return {
    context, page, errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function shot(page, name, fullPage = true) {
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage });
}

// Parse CSV text (RFC 4180) into rows of strings.
export function parseCsv(text) {
  const rows = [];
  let row = [], f = '', inq = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inq) {
      if (c === '"' && text[i + 1] === '"') { f += '"'; i++; }
      else if (c === '"') inq = false;
      else f += c;
    } else if (c === '"') inq = true;
    else if (c === ',') { row.push(f); f = ''; }
    else if (c === '\n') { row.push(f.replace(/\r$/, '')); rows.push(row); row = []; f = ''; }
    else f += c;
  }
  if (f !== '' || row.length > 0) { row.push(f); rows.push(row); }
  return rows;
}

export function readCsv(path) {
  return parseCsv(readFileSync(path, 'utf8'));
}

export function check(cond, msg) {
  if (!cond) throw new Error(`FAIL: ${msg}`);
}

// Run the test body; any exception is a failure with a screenshot.
export async function run(name, body, options = {}) {
  const t0 = Date.now();
  const b = await launch(options);
  try {
    await body(b);
    check(b.errors.length === 0, `page errors: ${b.errors.join('; ')}`);
    console.log(`${name}: ok in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    console.error(e.stack || String(e));
    try { await shot(b.page, `${name}-failure`); } catch (_) { /* closed */ }
    await b.close();
    process.exit(1);
  }
  await b.close();
}
