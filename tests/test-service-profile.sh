#!/bin/sh
# Profile jobs through the real stack: kind=profile as a query option and
# as a form field gives a job whose record says its kind and whose result
# is result.json (the profile's columns) and result.csv; a running one
# cancels; a bad kind and a profile with group_by are refused at the edge
# with a 400.
name=service-profile
# Runners read at 2 MB/s: the held job cannot end before its runner is
# seen and stopped, however loaded the machine.
MAX_JOB_MBPS=2
. "$top_srcdir/tests/service.sh"
svc_start

printf 'id,price,day,note\n1,2.50,2024-01-01,a\n2,3,2024-02-29,n/a\n3,,2026-02-30,b\n' \
    >"$VAR/p.csv"
a=$(upload "$VAR/p.csv" kind=profile)
wait_state "$a" done
[ "$(json "$VAR/job.out" 'j["kind"]')" = profile ] ||
    fail "kind: $(cat "$VAR/job.out")"
[ "$(json "$VAR/job.out" 'j["result_urls"]["json"]')" = \
    "/jobs/$a/result.json" ] || fail "result_urls: $(cat "$VAR/job.out")"
[ "$(json "$VAR/job.out" 'j["metrics"]["rows"]')" = 3 ] || fail "rows"
code=$(curl -sS -o "$VAR/r.json" -w '%{http_code}' "$BASE/jobs/$a/result.json")
[ "$code" = 200 ] || fail "result.json gave $code"
[ "$(json "$VAR/r.json" '[c["name"] + ":" + c["type"] for c in j["columns"]]')" = \
    '["id:integer", "price:decimal", "day:text", "note:text"]' ] ||
    fail "columns: $(cat "$VAR/r.json")"
[ "$(json "$VAR/r.json" 'j["columns"][1]["mean"]')" = 2.75 ] || fail "mean"
[ "$(json "$VAR/r.json" 'j["columns"][2]["not_type"]["first_value"]')" = \
    2026-02-30 ] || fail "not_type: $(cat "$VAR/r.json")"
[ "$(json "$VAR/r.json" 'len(j["preview"])')" = 3 ] || fail "preview"
code=$(curl -sS -o "$VAR/r.csv" -w '%{http_code}' "$BASE/jobs/$a/result.csv")
[ "$code" = 200 ] || fail "result.csv gave $code"
grep -q '^price,decimal,3,2,2,1,' "$VAR/r.csv" || fail "csv: $(cat "$VAR/r.csv")"

# Its columns page like groups.
[ "$(req GET "/api/jobs/$a/rows?offset=1&limit=2")" = 200 ] ||
    fail "rows: $(cat "$VAR/body.out")"
[ "$(json "$VAR/body.out" 'j["total"]')" = 4 ] || fail "rows total"
[ "$(json "$VAR/body.out" '[r[0] + ":" + r[1] for r in j["rows"]]')" = \
    '["price:decimal", "day:text"]' ] || fail "rows: $(cat "$VAR/body.out")"
[ "$(req GET "/api/jobs/$a/rows?sort=name")" = 200 ] || fail "a sorted page"
[ "$(json "$VAR/body.out" '[r[0] for r in j["rows"]]')" = \
    '["day", "id", "note", "price"]' ] || fail "sorted: $(cat "$VAR/body.out")"

# The form field, as the page sends it.
code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -F kind=profile \
    -F "file=@$VAR/p.csv;type=text/csv" "$BASE/api/jobs")
[ "$code" = 202 ] || fail "multipart gave $code: $(cat "$VAR/up.out")"
b=$(json "$VAR/up.out" 'j["id"]')
wait_state "$b" done
[ "$(json "$VAR/job.out" 'j["kind"]')" = profile ] || fail "form kind"

# An agg job says so too.
printf 'department,number_of_sales\nA,1\n' >"$VAR/a.csv"
c=$(upload "$VAR/a.csv")
wait_state "$c" done
[ "$(json "$VAR/job.out" 'j["kind"]')" = agg ] || fail "agg kind"

# A running profile job cancels like any job: its runner gone, no result.
"$GEN" -n 50000 -o "$VAR/s.csv"
hold_next_start
d=$(upload "$VAR/s.csv" kind=profile)
hold_next_wait; set -- $HELD
[ "$1" = "$d" ] || fail "held job $1, not $d"
[ "$(req POST "/api/jobs/$d/cancel")" = 200 ] || fail "cancel: $(cat "$VAR/body.out")"
[ "$(json "$VAR/body.out" 'j["state"]')" = cancelled ] || fail "cancelled state"
gone "$2" || fail "runner $2 still alive after cancel"
[ ! -e "$VAR/jobs/$d/result.json" ] || fail "a cancelled profile has a result"

# Refused at the edge.
code=$(curl -sS -o "$VAR/bad.out" -w '%{http_code}' -T "$VAR/p.csv" \
    "$BASE/api/jobs?kind=summary")
[ "$code" = 400 ] || fail "kind=summary gave $code"
grep -q 'kind must be agg or profile' "$VAR/bad.out" || fail "$(cat "$VAR/bad.out")"
code=$(curl -sS -o "$VAR/bad.out" -w '%{http_code}' -T "$VAR/p.csv" \
    "$BASE/api/jobs?kind=profile&group_by=note")
[ "$code" = 400 ] || fail "profile with group_by gave $code"
grep -q 'takes no group_by' "$VAR/bad.out" || fail "$(cat "$VAR/bad.out")"
echo ok
