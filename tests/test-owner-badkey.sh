#!/bin/sh
# A key the keys file does not list is a 401 with a JSON body and
# WWW-Authenticate, on the API and on a download; so is an Authorization
# header that is not "Bearer KEY".  A key added while the daemon runs works
# at once.
name=owner-badkey
. "$top_srcdir/tests/service.sh"
svc_start

printf 'department,number_of_sales\nA,1\n' > "$VAR/s.csv"
id=$(upload "$VAR/s.csv")
wait_state "$id" done

bad=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
for path in /api/jobs "/api/jobs/$id" "/jobs/$id/result.csv"; do
	code=$(curl -q -sS -D "$VAR/h.out" -o "$VAR/b.out" -w '%{http_code}' \
	    -H "Authorization: Bearer $bad" "$BASE$path")
	[ "$code" = 401 ] || fail "$path with an unknown key gave $code"
	grep -qi '^WWW-Authenticate: Bearer' "$VAR/h.out" ||
	    fail "$path: no WWW-Authenticate"
	[ "$(json "$VAR/b.out" 'j["error"]["code"]')" = unauthorized ] ||
	    fail "$path: body $(cat "$VAR/b.out")"
done
code=$(curl -q -sS -o "$VAR/b.out" -w '%{http_code}' \
    -H "Authorization: Basic dXNlcjpwYXNz" "$BASE/api/jobs")
[ "$code" = 401 ] || fail "Basic auth gave $code"

# Added now, used now.
k=$(new_key late)
code=$(curl -q -sS -o "$VAR/b.out" -w '%{http_code}' \
    -H "Authorization: Bearer $k" "$BASE/api/jobs")
[ "$code" = 200 ] || fail "a new key gave $code"
# Only the hash is on disk.
! grep -q "$k" "$VAR/keys" || fail "the keys file holds a key"
