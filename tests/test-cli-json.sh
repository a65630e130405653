#!/bin/sh
# --format json prints valid JSON (python3 -m json.tool accepts it) whose
# rows hold the generator's exact totals as JSON numbers, with the metrics
# and the bad-row samples, to standard output or atomically to -o.
set -eu
tmp="$top_builddir/tests/tmp/cli-json"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-cli-json: $*" >&2
	exit 1
}

"$GEN" -n 20000 -s 9 -o "$tmp/in.csv" -t "$tmp/truth.csv"
# Two bad rows at the end: a bad number and a ragged row.
printf '1,2024-01-01,North,Toys,SKU,"d",1.00,oops,C,store\nragged\n' \
    >>"$tmp/in.csv"

"$TALLY" agg "$tmp/in.csv" --format json >"$tmp/out.json" 2>/dev/null
python3 -m json.tool "$tmp/out.json" >/dev/null || fail "invalid JSON"
"$TALLY" agg "$tmp/in.csv" --format json -o "$tmp/file.json" 2>/dev/null
python3 -m json.tool "$tmp/file.json" >/dev/null ||
    fail "invalid JSON from -o"

cat >"$tmp/check.py" <<'EOF'
import csv, json, sys

doc = json.load(open(sys.argv[1]))
truth = list(csv.reader(open(sys.argv[2], newline="")))
lines = open(sys.argv[3], "rb").read().count(b"\n")
other = json.load(open(sys.argv[4]))

assert doc["columns"] == truth[0], doc["columns"]
got = [[r["department"], str(r["sum_number_of_sales"])] for r in doc["rows"]]
assert got == truth[1:], (got[:3], truth[1:4])
assert all(type(r["sum_number_of_sales"]) is int for r in doc["rows"])
m = doc["metrics"]
assert m["rows"] == 20002 and m["rejected"] == 2, m
assert m["groups"] == len(truth) - 1, m
for k in ("bytes", "seconds", "mb_per_s", "peak_rss_kb"):
    assert k in m, k
bad, ragged = doc["rejected"]
assert bad == {"line": lines - 1, "column": 8,
    "column_name": "number_of_sales", "value": "oops",
    "reason": "not a number"}, bad
assert ragged == {"line": lines, "column": 0, "column_name": None,
    "value": None, "reason": "row has 1 field, the header has 10"}, ragged
assert other["columns"] == doc["columns"] and other["rows"] == doc["rows"]
EOF
python3 "$tmp/check.py" "$tmp/out.json" "$tmp/truth.csv" "$tmp/in.csv" \
    "$tmp/file.json" || fail "the JSON does not hold the expected values"
