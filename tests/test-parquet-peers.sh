#!/bin/sh
# --format parquet read back by DuckDB and Polars (tests/peers/parquet.mjs):
# every value identical to the CSV result of the same run and the types
# README.md states, for one key, composite keys, every aggregate, nulls,
# non-ASCII and CSV-special keys, both codecs, a million groups (eight row
# groups), an empty result and a result whose rows were all rejected,
# and results with others and total rows (a "kind" column, null keys).
# Parquet is refused on a terminal.
set -eu
name=parquet-peers
. "$top_srcdir/tests/peers/peers.sh"

# both IN NKEYS GROUPS AGGS [EXTRA...]: CSV and Parquet of one run, compared.
both() {
	in=$1 nk=$2 g=$3 a=$4
	shift 4
	out="$tmp/$(basename "$in" .csv)-$nk"
	"$TALLY" agg "$in" -g "$g" -a "$a" --raw-keys --no-progress \
	    -o "$out.csv" 2>/dev/null || fail "tally (csv) on $in"
	"$TALLY" agg "$in" -g "$g" -a "$a" --raw-keys --no-progress \
	    -f parquet -o "$out.parquet" "$@" 2>/dev/null ||
	    fail "tally (parquet) on $in"
	peer_run parquet.mjs "$out.parquet" "$out.csv" "$nk" ||
	    fail "$in: Parquet differs from CSV"
}

# One key: the generator's sales file.
"$GEN" -n 20000 -s 14 -o "$tmp/sales.csv"
both "$tmp/sales.csv" 1 department sum:number_of_sales

# Composite keys, every aggregate, nulls (a column with empty cells, a
# group with no values at all), non-ASCII and CSV-special keys, big and
# negative numbers, mixed scales, a bad row.
cat >"$tmp/mixed.csv" <<'CSV'
region,department,number_of_sales,unit_price
Nord,Café,3,1.5
Nord,Café,4,
Süd,"a,""b",10.25,2
Süd,=x,-7,0.333
東京,日本語 ✓,12345678901234567890123456789.5,
東京,日本語 ✓,1,-0.0001
Nord,,,
Nord,Café,oops,1
CSV
both "$tmp/mixed.csv" 2 region,department \
    count,count:unit_price,sum:number_of_sales,min:unit_price,max:unit_price,mean:unit_price,mean:number_of_sales,sum:unit_price
both "$tmp/mixed.csv" 2 region,department \
    count,sum:number_of_sales,mean:unit_price --compression none
both "$tmp/mixed.csv" 1 region \
    distinct:department,approx_distinct:department,median:unit_price,p90:number_of_sales,stddev:unit_price,var:number_of_sales,min:department

# --others and --total: a first column "kind" (group, others, total) and
# null keys on those rows, as in CSV (empty keys) and JSON (null keys).
for extra in "--limit 2 --others --total" "--total" "--limit 1 --others"; do
	# shellcheck disable=SC2086
	"$TALLY" agg "$tmp/mixed.csv" -g region,department --raw-keys \
	    -a count,sum:number_of_sales,min:unit_price,mean:unit_price,median:unit_price \
	    $extra --no-progress -o "$tmp/shaped.csv" 2>/dev/null ||
	    fail "tally (csv) $extra"
	# shellcheck disable=SC2086
	"$TALLY" agg "$tmp/mixed.csv" -g region,department --raw-keys \
	    -a count,sum:number_of_sales,min:unit_price,mean:unit_price,median:unit_price \
	    $extra --no-progress -f parquet -o "$tmp/shaped.parquet" \
	    2>/dev/null || fail "tally (parquet) $extra"
	head -n 1 "$tmp/shaped.csv" | grep -q '^kind,' || fail "no kind column"
	grep -q '^total,\|^others,' "$tmp/shaped.csv" || fail "no extra row"
	peer_run parquet.mjs "$tmp/shaped.parquet" "$tmp/shaped.csv" 3 ||
	    fail "$extra: Parquet differs from CSV"
done
printf 'department,number_of_sales\n' >"$tmp/empty.csv"
"$TALLY" agg "$tmp/empty.csv" --total --no-progress -o "$tmp/et.csv"
"$TALLY" agg "$tmp/empty.csv" --total --no-progress -f parquet \
    -o "$tmp/et.parquet"
peer_run parquet.mjs "$tmp/et.parquet" "$tmp/et.csv" 2 ||
    fail "an empty result's total: Parquet differs from CSV"

# An empty result (header only), and one whose every row was rejected.
printf 'department,number_of_sales\n' >"$tmp/empty.csv"
both "$tmp/empty.csv" 1 department sum:number_of_sales,count,mean:number_of_sales
printf 'department,number_of_sales\nA,x\nB,y\n' >"$tmp/allbad.csv"
both "$tmp/allbad.csv" 1 department count,sum:number_of_sales

# A million groups: eight row groups of at most 131072 rows.
awk 'BEGIN { print "key,v"; for (i = 0; i < 1000000; i++) {
	printf "k%07d,%d.%02d\n", i, i % 1000, i % 100
	if (i % 7 == 0) printf "k%07d,\n", i } }' >"$tmp/big.csv"
"$TALLY" agg "$tmp/big.csv" -g key -a count,sum:v,mean:v,min:v \
    --no-progress -o "$tmp/big.out.csv"
"$TALLY" agg "$tmp/big.csv" -g key -a count,sum:v,mean:v,min:v \
    --no-progress -f parquet -o "$tmp/big.parquet"
peer_run parquet.mjs "$tmp/big.parquet" "$tmp/big.out.csv" 1 8 ||
    fail "a million groups: Parquet differs from CSV"

# Never binary onto a terminal.
python3 -c 'import pty, sys; sys.exit(pty.spawn(sys.argv[1:]) >> 8)' \
    "$TALLY" agg "$tmp/sales.csv" -f parquet >"$tmp/tty.out" 2>&1 &&
    fail "Parquet written to a terminal"
grep -q "not to a terminal" "$tmp/tty.out" ||
    fail "no message refusing the terminal: $(cat "$tmp/tty.out")"
exit 0
