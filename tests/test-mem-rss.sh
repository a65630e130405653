#!/bin/sh
# Memory does not grow with the input: tally agg --metrics on a 10 MB and
# on a 500 MB generated sales file must report peak RSS within 2 MB (2048
# KiB) of each other, and both results must match the generator's truth
# (so the big run really read everything).
set -eu
tmp="$top_builddir/tests/tmp/mem-rss"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-mem-rss: $*" >&2
	exit 1
}

# Peak RSS in KiB of `tally agg FILE --metrics`, checking the result.
peak() {
	"$TALLY" agg "$1" --metrics --no-progress >"$tmp/got.csv" \
	    2>"$tmp/metrics.json"
	cmp "$2" "$tmp/got.csv" || fail "$1: result differs from the truth"
	kb=$(sed -n 's/.*"peak_rss_kb":\([0-9][0-9]*\).*/\1/p' \
	    "$tmp/metrics.json")
	[ -n "$kb" ] || fail "no peak_rss_kb in: $(cat "$tmp/metrics.json")"
	echo "$kb"
}

# About 93 bytes a row.
"$GEN" -n 110000 -s 3 -o "$tmp/small.csv" -t "$tmp/small-truth.csv"
"$GEN" -n 5500000 -s 4 -o "$tmp/big.csv" -t "$tmp/big-truth.csv"
small_bytes=$(wc -c <"$tmp/small.csv")
big_bytes=$(wc -c <"$tmp/big.csv")
[ "$small_bytes" -ge 10000000 ] || fail "small file is $small_bytes bytes"
[ "$big_bytes" -ge 500000000 ] || fail "big file is $big_bytes bytes"

small=$(peak "$tmp/small.csv" "$tmp/small-truth.csv")
rm -f "$tmp/small.csv"
big=$(peak "$tmp/big.csv" "$tmp/big-truth.csv")
rm -f "$tmp/big.csv"

diff=$((big - small))
[ "$diff" -lt 0 ] && diff=$((-diff))
echo "peak RSS: $small KiB for $small_bytes bytes, $big KiB for $big_bytes bytes"
[ "$diff" -lt 2048 ] || fail "peak RSS differs by $diff KiB (limit 2048)"
