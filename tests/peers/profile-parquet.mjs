// A profile written as Parquet (tally profile --format parquet, a profile
// job's result.parquet) read back by DuckDB and Polars: the columns of
// the profile's CSV in order, one row per profiled column, every value
// the CSV's (empty cells nulls; decimals equal whatever their trailing
// zeros), and the types README.md states: counts BIGINT/Int64, mean and
// stddev DECIMAL(38, s), the rest VARCHAR/String.
// node profile-parquet.mjs FILE.parquet FILE.csv
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parseCsv } from './parquet.mjs';

const require = createRequire(process.env.PEER_MODULES.replace(/\/?$/, '/'));
const { DuckDBInstance } = require('@duckdb/node-api');
const pl = require('nodejs-polars');

const COUNTS = ['precision', 'scale', 'count', 'empty', 'distinct', 'min_length', 'max_length', 'not_type_count', 'not_type_first_line'];
const DECS = ['mean', 'stddev'];
const norm = (s) => {
  if (s === null) return null;
  let t = String(s);
  if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
};

const [file, csvFile] = process.argv.slice(2);
const all = parseCsv(readFileSync(csvFile, 'utf8'));
const header = all[0], body = all.slice(1);
const want = body.map((r) => r.map((v, j) => (v === '' ? null : DECS.includes(header[j]) ? norm(v) : v)));
const fail = (m) => { console.error(`${file}: ${m}`); process.exit(1); };

const con = await (await DuckDBInstance.create(':memory:')).connect();
const lit = file.replace(/'/g, "''");
const desc = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${lit}')`)).getRowObjects();
if (desc.length !== header.length) fail(`duckdb: ${desc.length} columns, the CSV has ${header.length}`);
desc.forEach((d, j) => {
  if (d.column_name !== header[j]) fail(`duckdb: column ${j} is ${d.column_name}`);
  const t = COUNTS.includes(header[j]) ? /^BIGINT$/ : DECS.includes(header[j]) ? /^DECIMAL\(38,\d+\)$/ : /^VARCHAR$/;
  if (!t.test(d.column_type)) fail(`duckdb: ${header[j]} is ${d.column_type}`);
});
const rows = (await con.runAndReadAll(`SELECT * FROM read_parquet('${lit}')`)).getRowsJson();
if (rows.length !== want.length) fail(`duckdb: ${rows.length} rows, the CSV has ${want.length}`);
rows.forEach((r, i) => r.forEach((v, j) => {
  const g = v === null ? null : DECS.includes(header[j]) ? norm(v) : String(v);
  if (g !== want[i][j]) fail(`duckdb: row ${i + 1} ${header[j]}: ${JSON.stringify(v)}, CSV ${JSON.stringify(body[i][j])}`);
}));

const df = pl.readParquet(file);
if (df.height !== want.length) fail(`polars: ${df.height} rows`);
df.columns.forEach((name, j) => {
  if (name !== header[j]) fail(`polars: column ${j} is ${name}`);
  const s = df.getColumn(name);
  const dt = s.dtype.toString().replace(/^DataType\((.*)\)$/, '$1');
  const t = COUNTS.includes(name) ? /^Int64$/ : DECS.includes(name) ? /^Decimal\(38,\s*\d+\)$/ : /^(String|Utf8)$/;
  if (!t.test(dt)) fail(`polars: ${name} is ${dt}`);
  s.cast(pl.Utf8).toArray().forEach((v, i) => {
    const g = v === null ? null : DECS.includes(name) ? norm(v) : v;
    if (g !== want[i][j]) fail(`polars: row ${i + 1} ${name}: ${JSON.stringify(v)}, CSV ${JSON.stringify(body[i][j])}`);
  });
});
console.log(`${file}: ok`);
