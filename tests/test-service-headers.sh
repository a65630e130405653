#!/bin/sh
# Long but legal headers are read, not refused: every API call with a
# 4 KB Accept (and a 4 KB User-Agent beside it) answers as it would with
# a short one, through the real nginx; a 4 KB Accept that starts with
# text/html still gets the page's HTML answer.
name=headers
. "$top_srcdir/tests/service.sh"
svc_start

accept="application/json"
while [ ${#accept} -lt 4096 ]; do
	accept="$accept, application/x-tally-filler-$((${#accept} % 97));q=0.1"
done
ua=$(printf 'agent-%04d ' $(seq 1 400))
[ ${#accept} -ge 4096 ] && [ ${#ua} -ge 4000 ] || fail "headers too short"

[ "$(req GET /api/health -H "Accept: $accept" -A "$ua")" = 200 ] ||
    fail "health with a 4 KB Accept: $(cat "$VAR/body.out")"
printf 'department,number_of_sales\nA,1\nA,2\n' > "$VAR/s.csv"
code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$VAR/s.csv" \
    -H 'Content-Type: text/csv' -H "Accept: $accept" -A "$ua" \
    "$BASE/api/jobs")
[ "$code" = 202 ] || fail "upload with a 4 KB Accept gave $code"
id=$(json "$VAR/up.out" 'j["id"]')
wait_state "$id" done
[ "$(req GET "/api/jobs/$id" -H "Accept: $accept")" = 200 ] ||
    fail "status with a 4 KB Accept: $(cat "$VAR/body.out")"
[ "$(req GET /api/jobs -H "Accept: $accept")" = 200 ] ||
    fail "list with a 4 KB Accept: $(cat "$VAR/body.out")"
[ "$(req GET "/jobs/$id/result.csv" -H "Accept: $accept")" = 200 ] ||
    fail "result with a 4 KB Accept"
[ "$(cat "$VAR/body.out")" = "$(printf 'department,sum_number_of_sales\nA,3')" ] ||
    fail "result: $(cat "$VAR/body.out")"

# A browser's Accept, made long: still the HTML answer.
[ "$(req GET "/job/$id" -H "Accept: text/html,$accept")" = 200 ] ||
    fail "the job page with a 4 KB Accept: $(cat "$VAR/body.out")"
grep -qi '<html' "$VAR/body.out" || fail "the job page is not HTML"
