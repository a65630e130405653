// The DuckDB peer: `node duckdb.mjs FILE` prints department,sum_number_of_sales
// as CSV on standard output; `node duckdb.mjs --version` prints the versions.
// read_csv is told the dialect (comma, '"' quoting and escaping, a header) so
// the quoted commas, doubled quotes and embedded newlines are parsed as CSV;
// the sum is taken over HUGEINT so it is exact whatever the row count.
// DuckDB's own COPY writes the result, so its CSV quoting is DuckDB's.
// `node duckdb.mjs --answers FILE` runs bench/answers' query instead, and
// `node duckdb.mjs --brc FILE` min, mean and max of temp per station.
import { DuckDBInstance, version } from '@duckdb/node-api';
import { createRequire } from 'node:module';

const arg = process.argv[2];
if (arg === undefined) {
	console.error('usage: node duckdb.mjs FILE | --version');
	process.exit(1);
}
if (arg === '--version') {
	const pkg = createRequire(import.meta.url)('@duckdb/node-api/package.json');
	console.log(`DuckDB ${version()} (@duckdb/node-api ${pkg.version})`);
	process.exit(0);
}

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
if (arg === '--answers') {
	// bench/answers: count, sum, distinct count and median of North's rows.
	const f = process.argv[3].replaceAll("'", "''");
	await con.run(`
COPY (
	SELECT department, count(*) AS count,
	    SUM(CAST(number_of_sales AS HUGEINT)) AS sum_number_of_sales,
	    count(DISTINCT customer_email) AS distinct_customer_email,
	    quantile_disc(unit_price, 0.5) AS median_unit_price
	FROM read_csv('${f}', header = true, delim = ',', quote = '"',
	    escape = '"')
	WHERE region = 'North'
	GROUP BY department
	ORDER BY department
) TO '/dev/stdout' (FORMAT csv, HEADER true)`);
	process.exit(0);
}
if (arg === '--brc') {
	// bench/run --shape brc: the One Billion Row Challenge's query.
	const f = process.argv[3].replaceAll("'", "''");
	await con.run(`
COPY (
	SELECT station, min(temp) AS min_temp, avg(temp) AS mean_temp,
	    max(temp) AS max_temp
	FROM read_csv('${f}', header = true, delim = ';',
	    columns = {'station': 'VARCHAR', 'temp': 'DOUBLE'})
	GROUP BY station
	ORDER BY station
) TO '/dev/stdout' (FORMAT csv, HEADER true)`);
	process.exit(0);
}
const file = arg.replaceAll("'", "''");
await con.run(`
COPY (
	SELECT department,
	    SUM(CAST(number_of_sales AS HUGEINT)) AS sum_number_of_sales
	FROM read_csv('${file}', header = true, delim = ',', quote = '"',
	    escape = '"')
	GROUP BY department
	ORDER BY department
) TO '/dev/stdout' (FORMAT csv, HEADER true)`);
