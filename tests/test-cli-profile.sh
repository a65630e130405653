#!/bin/sh
# tally profile on the command line: JSON when not on a terminal, CSV and
# the table on request, the same input handling as agg (standard input,
# gzip, --no-header, --delimiter), --help, and exit statuses.
set -eu
tmp="$top_builddir/tests/tmp/cli-profile"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
has() { grep -qF -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "no $2 in $1"; }; }

printf 'id,price,day,ok\n1,2.50,2024-01-01,yes\n2,3,2024-02-29,No\n3,,2024-03-01,TRUE\n' > "$tmp/a.csv"
"$TALLY" profile "$tmp/a.csv" > "$tmp/out.json"
has "$tmp/out.json" '"rows":3,"rejected":0,"columns":[{"name":"id","type":"integer"'
has "$tmp/out.json" '{"name":"price","type":"decimal","precision":3,"scale":2,"count":2,"empty":1,'
has "$tmp/out.json" '"min":2.50,"max":3,"mean":2.75,'
has "$tmp/out.json" '{"name":"day","type":"date"'
has "$tmp/out.json" '{"name":"ok","type":"boolean"'
# The JSON is one valid document.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["preview"])==3 and d["columns"][0]["distinct"]==3' "$tmp/out.json"

# Standard input, gzip: the same profile, compression named.
gzip -c "$tmp/a.csv" | "$TALLY" profile - > "$tmp/gz.json"
has "$tmp/gz.json" '"compression":"gzip"'
has "$tmp/gz.json" '"min":2.50,"max":3,"mean":2.75,'

# --no-header and --delimiter.
printf '1;x\n2;y\n' | "$TALLY" profile --no-header -d ';' - > "$tmp/nh.json"
has "$tmp/nh.json" '"delimiter":";"'
has "$tmp/nh.json" '"header":false'
has "$tmp/nh.json" '"rows":2,'
has "$tmp/nh.json" '{"name":"1","type":"integer"'

# CSV: one row per column; table on request.
"$TALLY" profile -f csv "$tmp/a.csv" > "$tmp/out.csv"
has "$tmp/out.csv" 'name,type,precision,scale,count,empty,distinct,'
has "$tmp/out.csv" 'price,decimal,3,2,2,1,2,true,2.50,3,2.75,'
[ "$(wc -l < "$tmp/out.csv")" -eq 5 ] || fail "csv rows"
"$TALLY" profile -f table "$tmp/a.csv" > "$tmp/out.txt"
has "$tmp/out.txt" '3 rows, 4 columns'
has "$tmp/out.txt" 'decimal(3,2)'
# -o writes the file.
"$TALLY" profile -o "$tmp/o.json" "$tmp/a.csv"
has "$tmp/o.json" '"columns":['

# --help, usage errors (1), bad input (2).
"$TALLY" profile --help > "$tmp/help.txt"
has "$tmp/help.txt" 'usage: tally profile'
"$TALLY" --help > "$tmp/help.txt"
has "$tmp/help.txt" 'profile'
rc=0; "$TALLY" profile -f xml "$tmp/a.csv" 2>/dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "bad format gave $rc"
printf 'a\n"open\n' > "$tmp/bad.csv"
rc=0; "$TALLY" profile "$tmp/bad.csv" > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "unterminated quote gave $rc"
echo ok
