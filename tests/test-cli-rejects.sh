#!/bin/sh
# --rejects FILE: a file with 10,000 bad rows of every kind (not a number,
# short and long rows, a key over 1024 bytes, a number too long, thousands
# separators, NaN, hex, a huge exponent, too many digits, a quoted record
# over several lines) gives a rejects.csv with every one of them, in order,
# with its line, byte offset (the record's bytes are there in the input),
# column, value, reason and raw record; memory stays flat with twenty
# times as many; the run still exits 0 with a one-line summary.
# --max-bad at N passes and at N - 1 stops with exit 2 at the right line,
# saying how many of how many and pointing at the rejects file; the same
# as a percentage.
set -eu
name=cli-rejects
tmp="$top_builddir/tests/tmp/$name"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-$name: $*" >&2
	exit 1
}

# gen BAD: one good row, then one bad row of the next kind, BAD times.
gen() {
	awk -v bad="$1" 'BEGIN {
		long = sprintf("%1100s", ""); gsub(/ /, "k", long)
		num = sprintf("%1100s", ""); gsub(/ /, "1", num)
		print "department,number_of_sales,unit_price"
		for (i = 0; i < bad; i++) {
			print "A,1,2"
			k = i % 11
			if (k == 0) print "B,abc,1"
			else if (k == 1) print "C,1"
			else if (k == 2) print "D,1,2,3"
			else if (k == 3) print long ",1,2"
			else if (k == 4) print "E," num ",1"
			else if (k == 5) print "F,\"1,234\",1"
			else if (k == 6) print "G,NaN,1"
			else if (k == 7) print "H,0x10,1"
			else if (k == 8) print "I,1e99999,1"
			else if (k == 9) print "J,1234567890123456789012345678901234567890,1"
			else print "\"K\nL\",zz,1"
		}
	}'
}
gen 10000 >"$tmp/in.csv"
"$TALLY" agg "$tmp/in.csv" -a sum:number_of_sales,mean:unit_price \
    --rejects "$tmp/rejects.csv" --metrics >"$tmp/out.csv" \
    2>"$tmp/err" || fail "exit $? with bad rows: $(cat "$tmp/err")"
grep -q '^department,sum_number_of_sales,mean_unit_price$' "$tmp/out.csv" ||
    fail "no result"
grep -q '^A,10000,2$' "$tmp/out.csv" || fail "good rows: $(cat "$tmp/out.csv")"
grep -q "^tally: 10000 of 20000 rows rejected (10000 bad rows skipped); every one is in $tmp/rejects.csv\$" \
    "$tmp/err" || fail "summary: $(cat "$tmp/err")"

python3 - "$tmp/in.csv" "$tmp/rejects.csv" <<'PY' || fail "rejects.csv"
import csv, sys
data = open(sys.argv[1], "rb").read()
rows = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
assert rows[0] == ["line", "offset", "column", "column_name", "value",
                   "reason", "record"], rows[0]
rows = rows[1:]
assert len(rows) == 10000, len(rows)
reasons = {
    0: ("2", "number_of_sales", "abc", "not a number"),
    1: ("", "", "", "row has 2 fields, the header has 3"),
    2: ("", "", "", "row has 4 fields, the header has 3"),
    3: ("1", "department", None, "key longer than 1024 bytes"),
    4: ("2", "number_of_sales", None, "number too long"),
    5: ("2", "number_of_sales", "1,234", None),
    6: ("2", "number_of_sales", "NaN", None),
    7: ("2", "number_of_sales", "0x10", None),
    8: ("2", "number_of_sales", "1e99999", None),
    9: ("2", "number_of_sales", None, None),
    10: ("2", "number_of_sales", "zz", "not a number"),
}
line = 1
for i, r in enumerate(rows):
    line += 2
    k = i % 11
    assert r[0] == str(line), (i, r[0], line)
    col, name, value, reason = reasons[k]
    assert r[2] == col and r[3] == name, (i, r)
    if value is not None:
        assert r[4] == value, (i, r)
    if reason is not None:
        assert r[5] == reason, (i, r)
    assert r[5], (i, r)
    off = int(r[1])
    rec = r[6]
    if rec.endswith("..."):
        assert len(rec.encode()) == 256 + 3, (i, len(rec))
        rec = rec[:-3]
    assert data[off:off + len(rec.encode())] == rec.encode(), (i, off, rec[:40])
    assert data[off - 1:off] == b"\n", (i, off)
    if k == 10:
        line += 1
print("ok")
PY

# Twenty times as many bad rows: memory stays flat.
rss() { sed -n 's/.*"peak_rss_kb":\([0-9]*\).*/\1/p' "$1"; }
gen 200000 >"$tmp/big.csv"
"$TALLY" agg "$tmp/big.csv" -a sum:number_of_sales -j 1 \
    --rejects "$tmp/big-rejects.csv" --metrics >/dev/null 2>"$tmp/big.err" ||
    fail "200000 bad rows: $(cat "$tmp/big.err")"
"$TALLY" agg "$tmp/in.csv" -a sum:number_of_sales -j 1 \
    --rejects "$tmp/small-rejects.csv" --metrics >/dev/null 2>"$tmp/small.err"
csvrows() {
	python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$1"
}
[ "$(csvrows "$tmp/big-rejects.csv")" -eq 200000 ] ||
    fail "not every bad row of 200000 is in rejects.csv"
small=$(rss "$tmp/small.err") big=$(rss "$tmp/big.err")
[ $((big - small)) -lt 4096 ] ||
    fail "peak RSS grew from $small KB to $big KB with 20x the bad rows"

# --max-bad N: 10000 passes, 9999 stops at the 10000th bad row's line.
"$TALLY" agg "$tmp/in.csv" --max-bad 10000 >/dev/null 2>"$tmp/err" ||
    fail "--max-bad 10000 with 10000 bad rows failed: $(cat "$tmp/err")"
set +e
"$TALLY" agg "$tmp/in.csv" --max-bad 9999 --rejects "$tmp/r2.csv" \
    >/dev/null 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] || fail "--max-bad 9999 exited $rc"
last=$(python3 -c 'import csv,sys; print(list(csv.reader(open(sys.argv[1], newline="")))[-1][0])' "$tmp/rejects.csv")
grep -q "more than 9999 bad rows: 10000 of 20000 rows read were rejected; stopped at line $last; the rejected rows are in $tmp/r2.csv" \
    "$tmp/err" || fail "--max-bad message: $(cat "$tmp/err")"
[ "$(csvrows "$tmp/r2.csv")" -eq 10000 ] || fail "r2.csv rows"
# Also on several threads, where the chunks each see fewer bad rows.
set +e
"$TALLY" agg "$tmp/in.csv" --max-bad 9999 -j 4 >/dev/null 2>"$tmp/err4"
rc=$?
set -e
[ $rc -eq 2 ] && grep -q "stopped at line $last" "$tmp/err4" ||
    fail "--max-bad on 4 threads: $rc $(cat "$tmp/err4")"
# --max-bad 0: the first bad row stops it.
set +e
"$TALLY" agg "$tmp/in.csv" --max-bad 0 >/dev/null 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] && grep -q "stopped at line 3;" "$tmp/err" ||
    fail "--max-bad 0: $rc $(cat "$tmp/err")"

# --max-bad P%: half the rows are bad.
"$TALLY" agg "$tmp/in.csv" --max-bad 50% >/dev/null 2>"$tmp/err" ||
    fail "--max-bad 50% with 50% bad failed: $(cat "$tmp/err")"
set +e
"$TALLY" agg "$tmp/in.csv" --max-bad 49.99% >/dev/null 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] || fail "--max-bad 49.99% exited $rc"
grep -q "10000 of 20000 rows read were rejected (50.00%), more than the limit of 49.99%" \
    "$tmp/err" || fail "--max-bad % message: $(cat "$tmp/err")"
for bad in x -1 101% %; do
	set +e
	"$TALLY" agg "$tmp/in.csv" --max-bad "$bad" >/dev/null 2>&1
	rc=$?
	set -e
	[ $rc -eq 1 ] || fail "--max-bad $bad exited $rc, not 1"
done
exit 0
