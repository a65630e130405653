#!/bin/sh
# The dialect options on the command line: --decimal-comma with a comma
# delimiter reads quoted "1,5" and says an unquoted one splits its row
# (exit 0, the row skipped and named); a windows-1252 file through a pipe
# (whose first bytes decide its encoding) and a UTF-16 file through a pipe
# give UTF-8 keys and the same totals as the file; a run whose every row is
# bad says so on stderr; an unknown encoding is a usage error.
set -eu
tmp="$top_builddir/tests/tmp/cli-dialect"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-cli-dialect: $*" >&2
	exit 1
}

printf 'department,number_of_sales\nA,"1,5"\nA,2,5\nA,"0,25"\n' \
    >"$tmp/comma.csv"
"$TALLY" agg "$tmp/comma.csv" --decimal-comma >"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/out")" = "$(printf 'department,sum_number_of_sales\nA,1.75')" ] ||
    fail "--decimal-comma, comma file: $(cat "$tmp/out")"
grep -q 'line 3.*a decimal comma must be quoted' "$tmp/err" ||
    fail "unquoted decimal comma: $(cat "$tmp/err")"
printf 'department;number_of_sales\nA;1,5\n' >"$tmp/eu.csv"
"$TALLY" agg "$tmp/eu.csv" --decimal-comma >"$tmp/out"
[ "$(cat "$tmp/out")" = "$(printf 'department,sum_number_of_sales\nA,1.5')" ] ||
    fail "--decimal-comma: $(cat "$tmp/out")"

"$TALLY" agg "$tmp/eu.csv" >"$tmp/out" 2>"$tmp/err"
grep -q "every row was a bad row, so the result is empty" "$tmp/err" ||
    fail "every row bad: $(cat "$tmp/err")"

st=0; "$TALLY" agg "$tmp/eu.csv" --encoding ebcdic 2>"$tmp/err" || st=$?
[ "$st" = 1 ] || fail "--encoding ebcdic: exit $st, want 1"

printf 'department,number_of_sales\n\200 zone,1\nCaf\351,2\n\200 zone,4\n' \
    >"$tmp/cp.csv"
want="$(printf 'department,sum_number_of_sales\nCaf\303\251,2\n\342\202\254 zone,5')"
[ "$("$TALLY" agg "$tmp/cp.csv")" = "$want" ] || fail "windows-1252 file"
[ "$(cat "$tmp/cp.csv" | "$TALLY" agg -)" = "$want" ] ||
    fail "windows-1252 pipe"

# The same in UTF-16 LE with a BOM, through a pipe.
python3 -c 'import sys; sys.stdout.buffer.write("department\tnumber_of_sales\r\nCafé\t2\r\n€ zone\t5\r\n".encode("utf-16"))' \
    >"$tmp/u16.csv"
[ "$(cat "$tmp/u16.csv" | "$TALLY" agg - --block-size 7)" = "$want" ] ||
    fail "utf-16 pipe: $(cat "$tmp/u16.csv" | "$TALLY" agg - 2>&1)"
[ "$("$TALLY" agg "$tmp/u16.csv" -e utf-16 --parser libcsv)" = "$want" ] ||
    fail "utf-16 file"

printf '1,x\n2,y\n1,z\n' | "$TALLY" agg - --no-header -g 1 -a count >"$tmp/out"
[ "$(cat "$tmp/out")" = "$(printf '1,count\n1,2\n2,1')" ] ||
    fail "--no-header: $(cat "$tmp/out")"
exit 0
