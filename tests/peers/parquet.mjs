// Read a Parquet result back with two independent readers, DuckDB
// (@duckdb/node-api) and Polars (nodejs-polars), and compare it with the
// CSV result of the same run: the same columns in the same order, the
// same rows in the same order, every value identical, and the types that
// README.md states (keys VARCHAR/String, counts BIGINT/Int64, every other
// aggregate DECIMAL(38, s) with s the most fraction digits the CSV column
// prints, a missing value a null).  Shared by tests/test-parquet-*.sh.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const modules = process.env.PEER_MODULES;
if (!modules) {
  console.error('PEER_MODULES is not set: run me from make check');
  process.exit(99);
}
const require = createRequire(modules.replace(/\/?$/, '/'));
const { DuckDBInstance } = require('@duckdb/node-api');
const pl = require('nodejs-polars');

// RFC 4180, as tally writes it: quoted cells may hold , " CR LF.
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      cell += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(cell); cell = ''; i++; continue; }
    if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; continue; }
    cell += c; i++;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

// A decimal's text without trailing fraction zeros: "2.000" and "2" agree.
function norm(s) {
  if (s === null) return null;
  let t = String(s);
  if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
  if (t === '-0') t = '0';
  return t;
}

function fracDigits(s) {
  const k = s.indexOf('.');
  return k < 0 ? 0 : s.length - k - 1;
}

// The types the CSV says each column must have, as [duckdb, polars] or a
// regular expression when the scale cannot be known (no values).
function expectedTypes(header, body, nkeys) {
  return header.map((name, j) => {
    if (j < nkeys) return ['VARCHAR', 'String'];
    if (name === 'count' || /^(count|distinct|approx_distinct)_/.test(name)) return ['BIGINT', 'Int64'];
    const vals = body.map(r => r[j]).filter(v => v !== '');
    // A min or max of text is text.
    if (vals.some(v => !/^-?\d+(\.\d+)?$/.test(v))) return ['VARCHAR', 'String'];
    if (vals.length === 0) return [/^DECIMAL\(38,\d+\)$/, /^Decimal\(38,\s*\d+\)$/];
    // A min or max over text cells is text (numbers sort before text).
    if (vals.some(v => !/^-?\d+(\.\d+)?$/.test(v))) return ['VARCHAR', 'String'];
    const s = vals.reduce((m, v) => Math.max(m, fracDigits(v)), 0);
    const ints = vals.reduce((m, v) => Math.max(m, v.replace(/^-/, '').split('.')[0].replace(/^0+/, '').length), 0);
    // More than 38 digits at that scale: the exact text instead.
    if (ints + s > 38) return ['VARCHAR', 'String'];
    return [`DECIMAL(38,${s})`, `Decimal(38,${s})`];
  });
}

function typeOk(got, want) {
  return want instanceof RegExp ? want.test(got) : got === want;
}

let duck = null;
async function duckCon() {
  if (duck === null) duck = await (await DuckDBInstance.create(':memory:')).connect();
  return duck;
}

// Compare file (Parquet) with csvText (tally's CSV of the same run, with
// --raw-keys) through both readers.  Returns null, or the first mismatch.
export async function check(file, csvText, nkeys) {
  const all = parseCsv(csvText);
  const header = all[0], body = all.slice(1);
  const types = expectedTypes(header, body, nkeys);
  const ncols = header.length;
  const text = types.map(t => t[0] === 'VARCHAR');
  // With others and total rows, a first column "kind" (counted in nkeys)
  // marks them, and their keys, empty in CSV, are nulls in Parquet.
  const marked = header[0] === 'kind';
  const keyOf = (r, v, j) => marked && j > 0 && r[0] !== 'group' && v === '' ? null : v;
  const want = body.map(r => r.map((v, j) => j < nkeys ? keyOf(r, v, j) : (v === '' ? null : text[j] ? v : norm(v))));
  const lit = file.replace(/'/g, "''");

  // DuckDB.
  const con = await duckCon();
  const desc = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${lit}')`)).getRowObjects();
  if (desc.length !== ncols) return `duckdb: ${desc.length} columns, the CSV has ${ncols}`;
  for (let j = 0; j < ncols; j++) {
    if (desc[j].column_name !== header[j]) return `duckdb: column ${j} is ${desc[j].column_name}, not ${header[j]}`;
    if (!typeOk(desc[j].column_type, types[j][0])) return `duckdb: ${header[j]} is ${desc[j].column_type}, not ${types[j][0]}`;
  }
  const rows = (await con.runAndReadAll(`SELECT * FROM read_parquet('${lit}')`)).getRowsJson();
  if (rows.length !== want.length) return `duckdb: ${rows.length} rows, the CSV has ${want.length}`;
  for (let i = 0; i < rows.length; i++)
    for (let j = 0; j < ncols; j++) {
      const g = j < nkeys || text[j] ? rows[i][j] : norm(rows[i][j]);
      if (g !== want[i][j]) return `duckdb: row ${i + 1} ${header[j]}: ${JSON.stringify(rows[i][j])}, CSV ${JSON.stringify(body[i][j])}`;
    }

  // Polars.
  const df = pl.readParquet(file);
  if (df.height !== want.length) return `polars: ${df.height} rows, the CSV has ${want.length}`;
  const names = df.columns;
  if (names.length !== ncols) return `polars: ${names.length} columns, the CSV has ${ncols}`;
  for (let j = 0; j < ncols; j++) {
    if (names[j] !== header[j]) return `polars: column ${j} is ${names[j]}, not ${header[j]}`;
    const s = df.getColumn(names[j]);
    const dt = s.dtype.toString().replace(/^DataType\((.*)\)$/, '$1');
    if (!typeOk(dt, types[j][1])) return `polars: ${header[j]} is ${dt}, not ${types[j][1]}`;
    const vals = s.cast(pl.Utf8).toArray();
    for (let i = 0; i < vals.length; i++) {
      const g = j < nkeys || text[j] ? vals[i] : norm(vals[i]);
      if (g !== want[i][j]) return `polars: row ${i + 1} ${header[j]}: ${JSON.stringify(vals[i])}, CSV ${JSON.stringify(body[i][j])}`;
    }
  }
  return null;
}

// As a program: node parquet.mjs FILE.parquet FILE.csv NKEYS [ROWGROUPS]
if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, csv, nkeys, groups] = process.argv.slice(2);
  const bad = await check(file, readFileSync(csv, 'utf8'), Number(nkeys));
  if (bad) { console.error(`${file}: ${bad}`); process.exit(1); }
  if (groups !== undefined) {
    const con = await duckCon();
    const r = (await con.runAndReadAll(`SELECT count(DISTINCT row_group_id) FROM parquet_metadata('${file.replace(/'/g, "''")}')`)).getRowsJson();
    if (Number(r[0][0]) !== Number(groups)) {
      console.error(`${file}: ${r[0][0]} row groups, expected ${groups}`);
      process.exit(1);
    }
  }
  console.log(`${file}: ok`);
}
