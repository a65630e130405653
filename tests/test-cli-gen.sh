#!/bin/sh
# The command line on generated files: the default query and the full
# composite query both match the generator's integer truth, byte for byte,
# on 1M+ rows with quoted commas, doubled quotes and embedded newlines.
set -eu
tmp="$top_builddir/tests/tmp/cli-gen"
rm -rf "$tmp" && mkdir -p "$tmp"

"$GEN" -n 1100000 -s 7 -o "$tmp/sales.csv" -t "$tmp/truth.csv" \
    -T "$tmp/full.csv"
"$TALLY" agg "$tmp/sales.csv" -o "$tmp/got.csv"
cmp "$tmp/truth.csv" "$tmp/got.csv"

"$TALLY" agg "$tmp/sales.csv" -g region,department \
    -a sum:number_of_sales,count,min:unit_price,max:unit_price \
    > "$tmp/got-full.csv"
cmp "$tmp/full.csv" "$tmp/got-full.csv"
rm -rf "$tmp"
