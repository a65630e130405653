// DuckDB's SUMMARIZE, the peer of `tally profile`: `node summarize.mjs
// FILE` prints SUMMARIZE of the CSV (every column's type, min, max,
// approximate distinct count, mean, standard deviation, quartiles, count
// and null percentage) as CSV on standard output (SUMMARIZE cannot be
// COPY's query, so the rows are read and printed here: a few lines).  read_csv is told the
// dialect as bench/duckdb.mjs tells it.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (file === undefined) {
	console.error('usage: node summarize.mjs FILE');
	process.exit(1);
}
const f = file.replaceAll("'", "''");
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const r = await con.runAndReadAll(`
	SUMMARIZE SELECT * FROM read_csv('${f}', header = true, delim = ',',
	    quote = '"', escape = '"')`);
const q = (v) => (v == null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
console.log(r.columnNames().join(','));
for (const row of r.getRowsJson())
	console.log(row.map(q).join(','));
