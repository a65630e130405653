// The Polars peer: `node polars.mjs FILE` prints department,sum_number_of_sales
// as CSV on standard output; `node polars.mjs --version` prints the version.
// The query is what a Polars user writes: a lazy scanCSV (Polars' parser
// handles quoted commas, doubled quotes and embedded newlines), group by,
// sum, collect.  Polars infers Int64 for number_of_sales, so the sum is
// exact below 2^63.  Polars' own writeCSV writes the result.
// `node polars.mjs --answers FILE` runs bench/answers' query instead, and
// `node polars.mjs --brc FILE` min, mean and max of temp per station.
import pl from 'nodejs-polars';
import { createRequire } from 'node:module';

const arg = process.argv[2];
if (arg === undefined) {
	console.error('usage: node polars.mjs FILE | --version');
	process.exit(1);
}
if (arg === '--version') {
	const pkg = createRequire(import.meta.url)('nodejs-polars/package.json');
	console.log(`nodejs-polars ${pkg.version}`);
	process.exit(0);
}

if (arg === '--answers') {
	// bench/answers: count, sum, distinct count and median of North's rows.
	const q = pl.scanCSV(process.argv[3])
		.filter(pl.col('region').eq(pl.lit('North')))
		.groupBy('department')
		.agg(pl.len().alias('count'),
		    pl.col('number_of_sales').sum().alias('sum_number_of_sales'),
		    pl.col('customer_email').nUnique().alias('distinct_customer_email'),
		    pl.col('unit_price').quantile(0.5, 'lower').alias('median_unit_price'))
		.sort('department')
		.collectSync();
	process.stdout.write(q.writeCSV());
	process.exit(0);
}
if (arg === '--brc') {
	// bench/run --shape brc: the One Billion Row Challenge's query.
	const q = pl.scanCSV(process.argv[3], { sep: ';' })
		.groupBy('station')
		.agg(pl.col('temp').min().alias('min_temp'),
		    pl.col('temp').mean().alias('mean_temp'),
		    pl.col('temp').max().alias('max_temp'))
		.sort('station')
		.collectSync();
	process.stdout.write(q.writeCSV());
	process.exit(0);
}
const df = pl.scanCSV(arg)
	.groupBy('department')
	.agg(pl.col('number_of_sales').sum().alias('sum_number_of_sales'))
	.sort('department')
	.collectSync();
process.stdout.write(df.writeCSV());
