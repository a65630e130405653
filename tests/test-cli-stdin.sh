#!/bin/sh
# `-` reads standard input, from a redirected file (seekable) or a pipe
# (not seekable), and gives exactly what the file path gives, matching the
# generator's truth, with CR LF and a BOM too.
set -eu
tmp="$top_builddir/tests/tmp/cli-stdin"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-cli-stdin: $*" >&2
	exit 1
}

"$GEN" -n 30000 -s 11 --crlf --bom -o "$tmp/in.csv" -t "$tmp/truth.csv" \
    -T "$tmp/full.csv"
"$TALLY" agg "$tmp/in.csv" >"$tmp/path.csv"
cmp "$tmp/truth.csv" "$tmp/path.csv" || fail "file path: wrong result"
"$TALLY" agg - <"$tmp/in.csv" >"$tmp/redirect.csv"
cmp "$tmp/truth.csv" "$tmp/redirect.csv" || fail "redirect: wrong result"
# A pipe in small blocks, so records straddle many reads.
cat "$tmp/in.csv" | "$TALLY" agg - --block-size 4093 \
    -g region,department \
    -a sum:number_of_sales,count,min:unit_price,max:unit_price \
    >"$tmp/pipe.csv"
cmp "$tmp/full.csv" "$tmp/pipe.csv" || fail "pipe: wrong result"
