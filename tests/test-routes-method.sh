#!/bin/sh
# Routes are one table: a path it has with a method it lacks is a JSON 405
# whose Allow header lists the path's methods; a path it lacks is a 404.
name=routes-method
. "$top_srcdir/tests/service.sh"
svc_start

id=000123456789abcdef0123456789abcdef
allow() {
	code=$(curl -sS -D "$VAR/h.out" -o "$VAR/b.out" -w '%{http_code}' \
	    -X "$1" "$BASE$2")
	[ "$code" = 405 ] || fail "$1 $2 gave $code"
	got=$(sed -n 's/^[Aa]llow: \(.*\)\r$/\1/p' "$VAR/h.out")
	[ "$got" = "$3" ] || fail "$1 $2: Allow \"$got\", not \"$3\""
	[ "$(json "$VAR/b.out" 'j["error"]["code"]')" = method_not_allowed ] ||
	    fail "$1 $2: body $(cat "$VAR/b.out")"
}
allow DELETE /api/jobs "POST, PUT, GET"
allow DELETE /api/jobs/ "POST, PUT, GET"
allow POST /api/health "GET"
allow PUT "/api/jobs/$id" "GET, DELETE"
allow GET "/api/jobs/$id/cancel" "POST"
allow POST "/job/$id" "GET, HEAD"
[ "$(req GET /api/nope)" = 404 ] || fail "unknown route"
[ "$(req GET "/api/jobs/$id/nope")" = 404 ] || fail "unknown subroute"
