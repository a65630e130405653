#!/bin/sh
# rejects.csv keeps every byte of a value and a record, NULs included: a
# bad value "3<NUL>" is written raw inside a quoted field (never cut at
# the NUL, never replaced), so Python's csv reads back the 2-byte value
# and the whole record; a NUL past the 64-byte sample cut is kept up to
# the cut; a NUL-free value stays unquoted.
set -eu
name=cli-rejects-nul
tmp="$top_builddir/tests/tmp/$name"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-$name: $*" >&2
	exit 1
}

printf 'department,number_of_sales\nA,1\nB,3\000\nC,x\000y\000\nD,abc\n' \
    >"$tmp/in.csv"
printf 'E,x\000%s\n' "$(printf '%070d' 7)" >>"$tmp/in.csv"
for parser in fast libcsv; do
	"$TALLY" agg "$tmp/in.csv" --parser "$parser" \
	    --rejects "$tmp/rejects.csv" >"$tmp/out.csv" 2>"$tmp/err" ||
	    fail "$parser: exit $?: $(cat "$tmp/err")"
	python3 - "$tmp/rejects.csv" "$parser" <<'PY' || fail "$parser: rejects.csv"
import csv, sys
raw = open(sys.argv[1], "rb").read()
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))[1:]
assert len(rows) == 4, rows
libcsv = sys.argv[2] == "libcsv"
want = [("3", "B,3\0", "3\0"), ("4", "C,x\0y\0", "x\0y\0"),
        ("5", "D,abc", "abc")]
for r, (line, record, value) in zip(rows, want):
    assert r[0] == line, r
    assert r[4] == value, (r, value)
    assert r[6] == ("" if libcsv else record), (r, record)
# A value cut at 64 bytes keeps the NUL before the cut ("..." marks it).
assert rows[3][4] == "x\0" + "0" * 62 + "...", rows[3]
assert b'"3\x00"' in raw and b',abc,' in raw, raw
PY
done
exit 0
