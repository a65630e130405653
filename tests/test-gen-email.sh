#!/bin/sh
# The generator's --email column: the file with it, less its last column,
# is the file without it byte for byte (other benchmarks keep their
# meaning), and customer_email has exactly one address per customer, so
# its distinct counts per group equal the customer column's.
set -eu
tmp="$top_builddir/tests/tmp/gen-email"
rm -rf "$tmp" && mkdir -p "$tmp"

"$GEN" -n 20000 -s 5 -o "$tmp/plain.csv"
"$GEN" -n 20000 -s 5 --email -o "$tmp/email.csv"
head -n 1 "$tmp/email.csv" | grep -q ',channel,customer_email$'
sed 's/,c[0-9]\{6\}@[a-z.]*$//; 1s/,customer_email$//' "$tmp/email.csv" |
    cmp - "$tmp/plain.csv"
"$TALLY" agg "$tmp/email.csv" -g region -a distinct:customer \
    --no-progress | sed 1d > "$tmp/a.csv"
"$TALLY" agg "$tmp/email.csv" -g region -a distinct:customer_email \
    --no-progress | sed 1d > "$tmp/b.csv"
cmp "$tmp/a.csv" "$tmp/b.csv"
[ "$(wc -l < "$tmp/a.csv")" -eq 5 ]
rm -rf "$tmp"
