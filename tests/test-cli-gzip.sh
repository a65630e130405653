#!/bin/sh
# Compressed input from the command line: a .csv.gz (one member and two,
# as `cat a.gz b.gz` makes), a .zst, and either through a pipe, each give
# the generator's exact truth, whatever their name; --metrics reports the
# compressed bytes read (all of them) and the decoded bytes; a truncated
# file and a ZIP fail with exit status 2 and a sentence saying so.
set -eu
tmp="$top_builddir/tests/tmp/cli-gzip"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-cli-gzip: $*" >&2
	exit 1
}
command -v gzip >/dev/null && command -v zstd >/dev/null || {
	echo "test-cli-gzip: gzip or zstd missing" >&2
	exit 77
}

"$GEN" -n 30000 -s 5 -o "$tmp/in.csv" -t "$tmp/truth.csv"
gzip -c "$tmp/in.csv" >"$tmp/in.csv.gz"
zstd -q -c "$tmp/in.csv" >"$tmp/in.csv.zst"
# A gzip file with a name that says nothing.
cp "$tmp/in.csv.gz" "$tmp/data.bin"
head -n 15000 "$tmp/in.csv" | gzip -c >"$tmp/two.gz"
tail -n +15001 "$tmp/in.csv" | gzip -c >>"$tmp/two.gz"

for f in in.csv.gz in.csv.zst data.bin two.gz; do
	"$TALLY" agg "$tmp/$f" >"$tmp/out.csv" || fail "$f: exit $?"
	cmp "$tmp/truth.csv" "$tmp/out.csv" || fail "$f: wrong result"
done
gzip -c "$tmp/in.csv" | "$TALLY" agg - >"$tmp/pipe.csv" ||
    fail "gzip pipe: exit $?"
cmp "$tmp/truth.csv" "$tmp/pipe.csv" || fail "gzip pipe: wrong result"
zstd -q -c "$tmp/in.csv" | "$TALLY" agg - --block-size 1000 \
    >"$tmp/pipe.csv" || fail "zstd pipe: exit $?"
cmp "$tmp/truth.csv" "$tmp/pipe.csv" || fail "zstd pipe: wrong result"

# Metrics: every compressed byte read, and the CSV's size decoded.
"$TALLY" agg "$tmp/in.csv.gz" --metrics >/dev/null 2>"$tmp/m.json"
python3 - "$tmp/m.json" "$(wc -c <"$tmp/in.csv.gz")" \
    "$(wc -c <"$tmp/in.csv")" <<'PY' || fail "metrics: $(cat "$tmp/m.json")"
import json, sys
m = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
assert m["compression"] == "gzip", m
assert m["bytes"] == int(sys.argv[2]), m
assert m["bytes_decoded"] == int(sys.argv[3]), m
PY

# Truncated: exit 2, and where it ends.
size=$(wc -c <"$tmp/in.csv.gz")
head -c $((size / 2)) "$tmp/in.csv.gz" >"$tmp/cut.gz"
rc=0
"$TALLY" agg "$tmp/cut.gz" >/dev/null 2>"$tmp/err" || rc=$?
[ "$rc" -eq 2 ] || fail "truncated: exit $rc, want 2"
grep -q "the gzip stream ends early, after $((size / 2)) compressed bytes" \
    "$tmp/err" || fail "truncated: $(cat "$tmp/err")"

# A ZIP archive (an .xlsx is one): exit 2, and what to do.
printf 'PK\003\004\024\000\006\000rest of a workbook' >"$tmp/book.xlsx"
rc=0
"$TALLY" agg "$tmp/book.xlsx" >/dev/null 2>"$tmp/err" || rc=$?
[ "$rc" -eq 2 ] || fail "zip: exit $rc, want 2"
grep -q "ZIP archive, for example an Excel .xlsx workbook: save it as CSV" \
    "$tmp/err" || fail "zip: $(cat "$tmp/err")"
exit 0
