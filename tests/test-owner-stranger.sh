#!/bin/sh
# Another owner's job is a 404 on every route, as if it did not exist: the
# API (get, cancel, delete), the job page, and both result downloads (nginx
# asks tally-fcgi first); and its list is empty.  Checked for a browser
# with its own cookie and for another key; the owner still has it all.
name=owner-stranger
. "$top_srcdir/tests/service.sh"
svc_start

# One bad row, so that the job has a rejects.csv too.
printf 'department,number_of_sales\nA,1\nB,2\nC,x\n' > "$VAR/s.csv"
id=$(upload "$VAR/s.csv")
wait_state "$id" done
other=$(new_key other)
[ -n "$other" ] || fail "no second key"

# as_stranger WHO METHOD PATH: the status, as a cookie or as key "other".
as_stranger() {
	if [ "$1" = cookie ]; then
		curl -q -sS -o "$VAR/s.out" -w '%{http_code}' \
		    -b "$VAR/jar" -c "$VAR/jar" -X "$2" "$BASE$3"
	else
		curl -q -sS -o "$VAR/s.out" -w '%{http_code}' \
		    -H "Authorization: Bearer $other" -X "$2" "$BASE$3"
	fi
}

for who in cookie key; do
	for route in "GET /api/jobs/$id" "POST /api/jobs/$id/cancel" \
	    "DELETE /api/jobs/$id" "GET /job/$id" \
	    "GET /jobs/$id/result.csv" "GET /jobs/$id/result.json" \
	    "GET /jobs/$id/result.parquet" "GET /jobs/$id/rejects.csv"; do
		# shellcheck disable=SC2086
		code=$(as_stranger $who $route)
		[ "$code" = 404 ] || fail "$who: $route gave $code"
	done
	[ "$(as_stranger $who GET /api/jobs)" = 200 ] || fail "$who: list"
	[ "$(json "$VAR/s.out" 'j["total"]')" = 0 ] &&
	    [ "$(json "$VAR/s.out" 'len(j["jobs"])')" = 0 ] ||
	    fail "$who sees jobs: $(cat "$VAR/s.out")"
done
grep -q tally_owner "$VAR/jar" || fail "the stranger got no cookie"

# Untouched, and the owner's still.
[ "$(req GET "/api/jobs/$id")" = 200 ] || fail "owner lost the job"
[ "$(json "$VAR/body.out" 'j["state"]')" = done ] || fail "job changed"
for f in result.csv result.json result.parquet rejects.csv; do
	[ "$(req GET "/jobs/$id/$f")" = 200 ] || fail "owner's $f"
done
[ "$(req GET "/job/$id")" = 200 ] || fail "owner's page"
