#!/bin/sh
# --sort value orders groups by the first aggregate, largest first, ties
# by key and groups without a value last; --sort key (the default) orders
# by key bytes; any other order is a usage error.
set -eu
tmp="$top_builddir/tests/tmp/cli-sort"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-cli-sort: $*" >&2
	exit 1
}

printf 'department,number_of_sales\nb,5\na,1\nc,5\nd,\ne,-2\na,10\nf,0.5\n' \
    >"$tmp/in.csv"

"$TALLY" agg "$tmp/in.csv" --sort value >"$tmp/value.csv"
printf 'department,sum_number_of_sales\na,11.0\nb,5.0\nc,5.0\nf,0.5\ne,-2.0\nd,\n' \
    >"$tmp/want-value.csv"
cmp "$tmp/want-value.csv" "$tmp/value.csv" || fail "--sort value"

"$TALLY" agg "$tmp/in.csv" --sort key >"$tmp/key.csv"
"$TALLY" agg "$tmp/in.csv" >"$tmp/default.csv"
printf 'department,sum_number_of_sales\na,11.0\nb,5.0\nc,5.0\nd,\ne,-2.0\nf,0.5\n' \
    >"$tmp/want-key.csv"
cmp "$tmp/want-key.csv" "$tmp/key.csv" || fail "--sort key"
cmp "$tmp/want-key.csv" "$tmp/default.csv" || fail "default order"

# By count, with -s.
"$TALLY" agg "$tmp/in.csv" -s value -a count,sum:number_of_sales \
    >"$tmp/count.csv"
printf 'department,count,sum_number_of_sales\na,2,11.0\nb,1,5.0\nc,1,5.0\nd,1,\ne,1,-2.0\nf,1,0.5\n' \
    >"$tmp/want-count.csv"
cmp "$tmp/want-count.csv" "$tmp/count.csv" || fail "--sort value by count"

status=0
"$TALLY" agg "$tmp/in.csv" --sort random >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || fail "--sort random exits $status, not 1"
