#!/bin/sh
# tally profile --format parquet: the profile's CSV columns, one row per
# profiled column, read back by DuckDB and Polars with every value the
# CSV's and the types the README states (tests/peers/profile-parquet.mjs),
# for integers, decimals with empty cells, non-ASCII text, dates,
# booleans, a spoiled integer column and an empty column; into a pipe
# too; never onto a terminal.
set -eu
name=profile-parquet
. "$top_srcdir/tests/peers/peers.sh"

cat >"$tmp/in.csv" <<'CSV'
id,price,city,day,flag,qty,nothing
1,1.50,Zürich,2026-01-31,yes,3,
2,,東京,2026-02-28,No,n/a,
3,12345678901234.25,"a,b",2025-12-01,TRUE,7,
4,-0.125,Zürich,2026-03-01,false,12,
CSV
"$TALLY" profile "$tmp/in.csv" --format csv -o "$tmp/p.csv" ||
    fail "profile as csv"
"$TALLY" profile "$tmp/in.csv" --format parquet -o "$tmp/p.parquet" ||
    fail "profile as parquet"
peer_run profile-parquet.mjs "$tmp/p.parquet" "$tmp/p.csv" ||
    fail "the Parquet profile differs from the CSV one"
# Into a pipe: the same file.
"$TALLY" profile "$tmp/in.csv" --format parquet | cat >"$tmp/pipe.parquet"
cmp -s "$tmp/pipe.parquet" "$tmp/p.parquet" || fail "piped Parquet differs"
# Never binary onto a terminal.
python3 -c 'import pty, sys; sys.exit(pty.spawn(sys.argv[1:]) >> 8)' \
    "$TALLY" profile "$tmp/in.csv" --format parquet >"$tmp/tty.out" 2>&1 &&
    fail "Parquet written to a terminal"
grep -q "not to a terminal" "$tmp/tty.out" ||
    fail "no message refusing the terminal: $(cat "$tmp/tty.out")"
exit 0
