#!/bin/sh
# POST /api/sniff through the real stack, on each kind of file: plain CSV
# (columns, rows, the default query), the first MiB of a gzip file cut
# in the middle of its stream, and of a zstd file, latin-1 (accents in
# UTF-8), UTF-16 with a BOM, a header-less file (guessed, and named with header=false), a
# decimal-comma file with its options in the query string, and a ZIP
# (400 not_csv).
name=sniff
. "$top_srcdir/tests/service.sh"
svc_start

sniff() {	# FILE [query]: the answer in $VAR/s.out, the status printed
	curl -sS -o "$VAR/s.out" -w '%{http_code}' --data-binary @"$1" \
	    -H 'Content-Type: application/octet-stream' \
	    "$BASE/api/sniff${2:+?$2}"
}
has() {		# EXPR WANT
	_got=$(json "$VAR/s.out" "$1")
	[ "$_got" = "$2" ] || fail "$1 is $_got, want $2: $(cat "$VAR/s.out")"
}

"$GEN" -n 200000 -s 3 -o "$VAR/big.csv"
head -c 2000 "$VAR/big.csv" > "$VAR/small.csv"
[ "$(sniff "$VAR/small.csv")" = 200 ] || fail "plain: $(cat "$VAR/s.out")"
has 'j["compression"]' none
has 'j["encoding"]' utf-8
has 'j["delimiter"]' ,
has 'j["header"]' true
has '"department" in j["columns"]' true
has 'len(j["rows"])' 20
has 'j["default_query"]["group_by"]' department
has 'j["default_query"]["agg"]' sum:number_of_sales
has 'j["truncated"]' false

# The first MiB of a gzip file: its stream is cut, its rows are not.
gzip -c "$VAR/big.csv" | head -c 1048576 > "$VAR/cut.csv.gz"
[ "$(sniff "$VAR/cut.csv.gz")" = 200 ] || fail "gzip: $(cat "$VAR/s.out")"
has 'j["compression"]' gzip
has 'len(j["rows"])' 20
has 'j["columns"][0]' "$(head -n 1 "$VAR/big.csv" | cut -d, -f1)"

# The first MiB of a zstd file, cut likewise.
zstd -q -c "$VAR/big.csv" | head -c 1048576 > "$VAR/cut.csv.zst"
[ "$(sniff "$VAR/cut.csv.zst")" = 200 ] || fail "zstd: $(cat "$VAR/s.out")"
has 'j["compression"]' zstd
has 'len(j["rows"])' 20
has 'j["default_query"]["group_by"]' department

printf 'r\351gion;ventes\nZ\374rich;1,5\n' > "$VAR/latin1.csv"
[ "$(sniff "$VAR/latin1.csv")" = 200 ] || fail "latin-1"
has 'j["encoding"]' windows-1252
has 'j["delimiter"]' ';'
has 'j["columns"][0]' "$(printf 'r\303\251gion')"
has 'j["rows"][0][0]' "$(printf 'Z\303\274rich')"
has 'j["default_query"]' ''
[ "$(sniff "$VAR/latin1.csv" 'encoding=latin-1&decimal=comma')" = 200 ] ||
    fail "latin-1 named"
has 'j["encoding"]' latin-1
has 'j["decimal"]' comma

python3 -c 'import sys; sys.stdout.buffer.write("department\tn\r\nCafé\t2\r\n".encode("utf-16"))' > "$VAR/u16.csv"
[ "$(sniff "$VAR/u16.csv")" = 200 ] || fail "utf-16: $(cat "$VAR/s.out")"
has 'j["encoding"]' utf-16le
has 'j["delimiter"]' tab
has 'j["rows"][0][0]' "$(printf 'Caf\303\251')"

printf '1,Toys,5\n2,Books,7\n' > "$VAR/nohead.csv"
[ "$(sniff "$VAR/nohead.csv")" = 200 ] || fail "no header"
has 'j["header"]' false
has 'j["header_guessed"]' true
has 'j["columns"]' '["1", "2", "3"]'
has 'len(j["rows"])' 2
printf 'id,name\n1,x\n' > "$VAR/head.csv"
[ "$(sniff "$VAR/head.csv" 'header=false')" = 200 ] || fail "header=false"
has 'j["columns"]' '["1", "2"]'
has 'j["rows"][0]' '["id", "name"]'

printf 'PK\003\004\024\000\000\000\010\000' > "$VAR/book.xlsx"
[ "$(sniff "$VAR/book.xlsx")" = 400 ] || fail "zip: $(cat "$VAR/s.out")"
has 'j["error"]["code"]' not_csv
[ "$(sniff "$VAR/head.csv" 'encoding=ebcdic')" = 400 ] || fail "bad encoding"
[ "$(req GET /api/sniff)" = 405 ] || fail "GET /api/sniff"
exit 0
