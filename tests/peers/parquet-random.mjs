// The property test of the Parquet writer: random CSV inputs of random
// shapes (key columns, value columns, aggregates, scales, magnitudes,
// missing and bad values, non-ASCII and CSV-special keys, codecs), from a
// seeded generator, each aggregated by tally to CSV and to Parquet; the
// Parquet file must read back through DuckDB and Polars as exactly the
// CSV (see parquet.mjs).  Usage: node parquet-random.mjs DIR [RUNS] [SEED]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from './parquet.mjs';

const [dir, runsArg, seedArg] = process.argv.slice(2);
const TALLY = process.env.TALLY;
const runs = Number(runsArg || 25);
const seed0 = Number(seedArg || 14);

// mulberry32: small, seeded, good enough to pick shapes.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ATOMS = ['a', 'b', 'Z', '7', ' ', 'é', 'ß', '中', '😀', ',', '"', '=', '-', 'x y', 'Ω'];

function csvCell(s) {
  return /[,"\r\n]/.test(s) || /^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function shape(r) {
  const int = (n) => Math.floor(r() * n);
  const nk = 1 + int(3), nv = 1 + int(3);
  const pools = [];
  for (let k = 0; k < nk; k++) {
    const pool = new Set();
    const size = 1 + int(40);
    while (pool.size < size) {
      let s = '';
      const len = int(5);
      for (let i = 0; i < len; i++) s += ATOMS[int(ATOMS.length)];
      pool.add(s);
      if (pool.size < size && r() < 0.02) break;
    }
    pools.push([...pool]);
  }
  const scales = Array.from({ length: nv }, () => int(7));
  const big = Array.from({ length: nv }, () => r() < 0.2);
  const rows = int(5) === 0 ? int(3) : int(1500);
  const head = [];
  for (let k = 0; k < nk; k++) head.push(`k${k + 1}${r() < 0.3 ? 'ü' : ''}`);
  for (let v = 0; v < nv; v++) head.push(`v${v + 1}`);
  const lines = [head.map(csvCell).join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = [];
    for (let k = 0; k < nk; k++) cells.push(pools[k][int(pools[k].length)]);
    for (let v = 0; v < nv; v++) {
      const p = r();
      if (p < 0.12) { cells.push(''); continue; }
      if (p < 0.14) { cells.push('oops'); continue; }
      const digits = big[v] ? 1 + int(20) : 1 + int(6);
      let t = '';
      for (let d = 0; d < digits; d++) t += String(int(10));
      const sc = int(scales[v] + 1);
      let frac = '';
      for (let d = 0; d < sc; d++) frac += String(int(10));
      cells.push((r() < 0.3 ? '-' : '') + t + (sc ? '.' + frac : ''));
    }
    lines.push(cells.map(csvCell).join(','));
  }
  const kinds = [];
  kinds.push('count');
  for (let v = 0; v < nv; v++)
    for (const k of ['count', 'sum', 'min', 'max', 'mean', 'distinct',
      'approx_distinct', 'median', 'stddev', 'var'])
      kinds.push(`${k}:v${v + 1}`);
  const aggs = kinds.filter(() => r() < 0.4);
  if (aggs.length === 0) aggs.push(kinds[int(kinds.length)]);
  const groups = head.slice(0, nk);
  return { text: lines.join('\n') + '\n', groups, aggs,
    codec: r() < 0.5 ? 'zstd' : 'none' };
}

let failed = 0;
for (let n = 0; n < runs; n++) {
  const seed = seed0 * 1000 + n;
  const s = shape(rng(seed));
  const inp = join(dir, `r${n}.csv`), outc = join(dir, `r${n}.out.csv`),
    outp = join(dir, `r${n}.parquet`);
  writeFileSync(inp, s.text);
  const common = ['agg', inp, '-g', s.groups.join(','), '-a', s.aggs.join(','),
    '--raw-keys', '--no-progress'];
  const a = spawnSync(TALLY, [...common, '-o', outc], { encoding: 'utf8' });
  const b = spawnSync(TALLY, [...common, '-f', 'parquet', '--compression', s.codec,
    '-o', outp], { encoding: 'utf8' });
  if (a.status !== 0 || b.status !== 0) {
    console.error(`seed ${seed}: tally failed: ${a.stderr}${b.stderr}`);
    failed++;
    continue;
  }
  const bad = await check(outp, readFileSync(outc, 'utf8'), s.groups.length);
  if (bad) {
    console.error(`seed ${seed} (${inp}, -g ${s.groups} -a ${s.aggs}): ${bad}`);
    failed++;
  }
}
console.log(`${runs - failed} of ${runs} random results round-tripped`);
process.exit(failed ? 1 : 0);
