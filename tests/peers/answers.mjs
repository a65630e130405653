// Issue 8's answers against DuckDB, on seeded generated files with text,
// ISO dates, decimals, empty cells and many groups: every exact aggregate
// (count, count:COL, sum, min and max of numbers and of text, distinct,
// median/pNN/quantile, which are exact below 4096 values a group) and
// every --where operator give what DuckDB gives; approx_distinct is within
// 3 standard errors (2.5%); stddev and var (exact in tally, doubles in
// DuckDB) agree to 1e-9 relative; and 1 and 4 threads print the same
// bytes.  node answers.mjs DIR ROWS SEED
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TALLY = process.env.TALLY;
const [dir, rowsArg, seedArg] = process.argv.slice(2);
const ROWS = Number(rowsArg || 150000);
let seed = BigInt(seedArg || 8);
function rnd() {
  seed = (seed + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  let z = seed;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
  return Number((z ^ (z >> 31n)) % 1000000007n) / 1000000007;
}
const int = (n) => Math.floor(rnd() * n);
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'Epsilon', 'zeta', 'éta', 'theta', 'iota', 'kappa',
  'lambda', 'mu', 'nu', 'xi', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'phi', 'chi', 'psi', 'omega', '10x', 'a b'];

const lines = ['g,t,d,v,n'];
for (let i = 0; i < ROWS; i++) {
  const g = `g${int(2000)}`;
  const t = rnd() < 0.1 ? '' : WORDS[int(WORDS.length)] + (rnd() < 0.3 ? String(int(50)) : '');
  const d = rnd() < 0.1 ? '' : `${2023 + int(2)}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
  const v = rnd() < 0.1 ? '' : `${rnd() < 0.2 ? '-' : ''}${int(1000)}.${String(int(100)).padStart(2, '0')}`;
  const n = String(int(1000));
  lines.push([g, t.includes(' ') ? `"${t}"` : t, d, v, n].join(','));
}
const file = join(dir, 'answers.csv');
writeFileSync(file, lines.join('\n') + '\n');

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run(`CREATE TABLE s AS SELECT * FROM read_csv('${file}', header = true, all_varchar = true)`);
await con.run(`CREATE TABLE x AS SELECT g, t, d, CAST(v AS DECIMAL(38,2)) AS v, CAST(n AS BIGINT) AS n FROM s`);

function tally(args, threads) {
  const r = spawnSync(TALLY, ['agg', file, '-g', 'g', '--no-progress', '-j', String(threads), ...args],
    { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`tally ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
function parse(text) {
  const rows = text.trim().split('\n').map((l) => l.split(','));
  return { head: rows[0], rows: rows.slice(1) };
}
const num = (s) => (s === '' || s == null ? null : Number(s));
const decEq = (a, b) => (a === '' || a == null) ? (b === '' || b == null) : (b !== '' && b != null && Number(a) === Number(b) && String(Number(a)) === String(Number(b)));

let failed = 0;
function fail(msg) { console.error(msg); failed++; }

// aggs: [tally spec, SQL expression, compare], where: [tally expr, SQL]
async function compare(name, aggs, where) {
  const args = ['-a', aggs.map((a) => a[0]).join(',')];
  for (const w of where) args.push('--where', w[0]);
  const one = tally(args, 1);
  const four = tally(args, 4);
  if (one !== four) fail(`${name}: 1 and 4 threads differ`);
  const got = parse(one);
  const sql = `SELECT g, ${aggs.map((a) => a[1]).join(', ')} FROM x ${where.length ? 'WHERE ' + where.map((w) => `(${w[1]})`).join(' AND ') : ''} GROUP BY g ORDER BY g`;
  const want = (await con.runAndReadAll(sql)).getRowsJson();
  const byKey = new Map(got.rows.map((r) => [r[0], r]));
  if (got.rows.length !== want.length) fail(`${name}: ${got.rows.length} groups, DuckDB ${want.length}`);
  for (const w of want) {
    const r = byKey.get(w[0]);
    if (!r) { fail(`${name}: group ${w[0]} missing`); continue; }
    aggs.forEach((a, j) => {
      const g = r[j + 1], e = w[j + 1];
      let ok;
      if (a[2] === 'text') ok = (e == null ? g === '' : g === String(e));
      else if (a[2] === 'approx') ok = Math.abs(Number(g) - Number(e)) <= Math.max(0, 0.025 * Number(e));
      else if (a[2] === 'float') ok = e == null ? g === '' : Math.abs(Number(g) - Number(e)) <= 1e-9 * Math.max(1, Math.abs(Number(e)));
      else ok = e == null ? g === '' : Number(g) === Number(e);
      if (!ok) fail(`${name}: group ${w[0]} ${got.head[j + 1]}: tally ${g}, DuckDB ${e}`);
    });
  }
  console.log(`${name}: ${want.length} groups compared`);
}

const EXACT = [
  ['count', 'count(*)'], ['count:t', 'count(t)'], ['count:v', 'count(v)'],
  ['sum:v', 'sum(v)'], ['sum:n', 'sum(n)'],
  ['min:v', 'min(v)'], ['max:v', 'max(v)'],
  ['min:d', 'min(d)', 'text'], ['max:d', 'max(d)', 'text'],
  ['distinct:t', 'count(DISTINCT t)'], ['distinct:v', 'count(DISTINCT v)'],
  ['median:v', 'quantile_disc(v, 0.5)'], ['p90:v', 'quantile_disc(v, 0.9)'],
  ['quantile:v:0.999', 'quantile_disc(v, 0.999)'], ['quantile:n:0.25', 'quantile_disc(n, 0.25)'],
];
await compare('exact', EXACT, []);
// Text extremes: numbers sort before text; the words here are never numbers
// except "10x"-like, which are text too.
await compare('text', [['min:t', 'min(t)', 'text'], ['max:t', 'max(t)', 'text']], []);
await compare('approx', [['approx_distinct:t', 'count(DISTINCT t)', 'approx'],
  ['approx_distinct:n', 'count(DISTINCT n)', 'approx']], []);
await compare('moments', [['stddev:v', 'stddev_samp(v)', 'float'], ['var:v', 'var_samp(v)', 'float'],
  ['mean:v', 'avg(v)', 'float']], []);
const SOME = [['count', 'count(*)'], ['sum:v', 'sum(v)'], ['median:v', 'quantile_disc(v, 0.5)']];
const WHERE = [
  ['eq', ['t=alpha', "t = 'alpha'"]], ['ne', ['t!=alpha', "t <> 'alpha'"]],
  ['lt-num', ['v<10', 'v < 10']], ['le-num', ['v<=10.5', 'v <= 10.5']],
  ['gt-num', ['v>500', 'v > 500']], ['ge-num', ['n>=900', 'n >= 900']],
  ['lt-date', ['d<2024-06-01', "d < '2024-06-01'"]], ['ge-text', ['t>=p', "t >= 'p'"]],
  ['contains', ['t~ph', "contains(t, 'ph')"]], ['prefix', ['d^=2024-0', "starts_with(d, '2024-0')"]],
  ['in', ['t in alpha|beta|"a b"', "t IN ('alpha', 'beta', 'a b')"]],
  ['empty', ['t=', 't IS NULL']], ['not-empty', ['d!=', 'd IS NOT NULL']],
];
for (const [name, w] of WHERE) await compare(`where-${name}`, SOME, [w]);
await compare('where-all', SOME, [['t^=a', "starts_with(t, 'a')"], ['v>=0', 'v >= 0'], ['d!=', 'd IS NOT NULL']]);
if (failed) { console.error(`${failed} differences`); process.exit(1); }
