#!/bin/sh
# nginx's upload rate per client address: with a burst of 3 at one upload
# a minute, 4 uploads in a row are accepted and the 5th is a JSON 429,
# while the rest of the API still answers that address.
name=limit-uploads
UPLOAD_RATE=1r/m
UPLOAD_BURST=3
. "$top_srcdir/tests/service.sh"
svc_start

printf 'department,number_of_sales\nA,1\n' > "$VAR/s.csv"
ok=0 i=0
while [ $i -lt 8 ]; do
	code=$(curl -sS -o "$VAR/u.out" -w '%{http_code}' -T "$VAR/s.csv" \
	    "$BASE/api/jobs")
	[ "$code" = 429 ] && break
	[ "$code" = 202 ] || fail "upload $i gave $code"
	ok=$((ok + 1))
	i=$((i + 1))
done
[ "$ok" = 4 ] || fail "$ok uploads before a 429, not 4"
[ "$(json "$VAR/u.out" 'j["error"]["code"]')" = rate_limited ] ||
    fail "429 body: $(cat "$VAR/u.out")"
[ "$(req GET /api/jobs)" = 200 ] || fail "the API is limited too"
