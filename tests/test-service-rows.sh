#!/bin/sh
# Paged results through the real stack: GET /api/jobs/{id}/rows on a
# 100,000-group job answers pages at the start, middle and end that are
# exactly result.csv's rows (and the default page is 100), sorts by the
# first key and the first aggregate both ways, and refuses what it must:
# 400 naming the bad field, 404 for another owner's job, 409 for a job
# that is not done, 405 for another method.
name=service-rows
. "$top_srcdir/tests/service.sh"
svc_start

awk 'BEGIN { print "key,v"; for (i = 0; i < 100000; i++) {
	printf "k%06d,%d.%d\n", (i * 7) % 100000, i % 1000 - 500, i % 10
	if (i % 9 == 0) printf "\"q,\"\"%06d\"\"\",1\n", i } }' >"$VAR/in.csv"
id=$(upload "$VAR/in.csv" 'group_by=key&agg=sum:v,count')
wait_state "$id" done
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$id/result.csv"

# page OFFSET LIMIT [SORT]: GET the page into $VAR/p.json.
page() {
	code=$(curl -sS -o "$VAR/p.json" -w '%{http_code}' \
	    "$BASE/api/jobs/$id/rows?offset=$1&limit=$2${3:+&sort=$3}")
	[ "$code" = 200 ] || fail "page $1 $2 $3 gave $code: $(cat "$VAR/p.json")"
}
# same OFFSET LIMIT [SORT]: the page is result.csv's rows in that order.
same() {
	page "$@"
	python3 - "$VAR/r.csv" "$VAR/p.json" "$@" <<'PY' || fail "page $*"
import csv, json, sys
from decimal import Decimal
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
head, body = rows[0], rows[1:]
off, lim = int(sys.argv[3]), int(sys.argv[4])
sort = sys.argv[5] if len(sys.argv) > 5 else ""
if sort == "-key":
    body = body[::-1]
elif sort in ("sum_v", "-sum_v"):
    # Largest first, ties in row order; ascending is its exact reverse.
    body = sorted(body, key=lambda r: -Decimal(r[1]))
    if sort[0] != "-":
        body = body[::-1]
p = json.load(open(sys.argv[2]))
assert p["total"] == len(rows) - 1, p["total"]
assert p["columns"] == head, p["columns"]
assert p["offset"] == off and p["limit"] == lim, (p["offset"], p["limit"])
want = body[off:off + lim]
assert p["rows"] == want, (p["rows"][:2], want[:2])
PY
}
same 0 1000
same 50000 1000
same 99950 100
same 100000 10
same 111111 10
same 31 1
same 0 1000 -key
same 99990 100 -key
same 0 50 -sum_v
same 500 50 sum_v
# The default page: 100 rows from the start.
code=$(curl -sS -o "$VAR/p.json" -w '%{http_code}' "$BASE/api/jobs/$id/rows")
[ "$code" = 200 ] || fail "default page gave $code"
[ "$(json "$VAR/p.json" 'len(j["rows"])')" = 100 ] || fail "default limit"
# The quoted keys ("q,""000009""") sort last: the end pages hold them.
page 111100 12
json "$VAR/p.json" 'j["rows"][-1][0]' | grep -q '^q,"' ||
    fail "quoted key: $(cat "$VAR/p.json")"
same 111112 10

# Refusals, each naming what was wrong.
bad() {
	code=$(curl -sS -o "$VAR/e.json" -w '%{http_code}' "$BASE/api/jobs/$id/rows?$1")
	[ "$code" = 400 ] || fail "$1 gave $code"
	json "$VAR/e.json" 'j["error"]["message"]' | grep -q "$2" ||
	    fail "$1: $(cat "$VAR/e.json")"
}
bad limit=0 '^limit must be'
bad limit=1001 '^limit must be a whole number from 1 to 1000'
bad limit=ten '^limit must be'
bad offset=-1 '^offset must be'
bad offset=x '^offset must be'
bad page=2 'unknown parameter "page"'
bad sort=count 'sort takes key or sum_v'
code=$(curl -q -sS -o "$VAR/e.json" -w '%{http_code}' "$BASE/api/jobs/$id/rows")
[ "$code" = 404 ] || fail "another owner's rows gave $code"
code=$(curl -sS -o "$VAR/e.json" -w '%{http_code}' -X POST "$BASE/api/jobs/$id/rows")
[ "$code" = 405 ] || fail "POST rows gave $code"
printf 'department,number_of_sales\nA,x\n' >"$VAR/strict.csv"
f=$(upload "$VAR/strict.csv" strict=true)
wait_state "$f" failed
code=$(curl -sS -o "$VAR/e.json" -w '%{http_code}' "$BASE/api/jobs/$f/rows")
[ "$code" = 409 ] || fail "a failed job's rows gave $code"
json "$VAR/e.json" 'j["error"]["message"]' | grep -q 'the job is failed' ||
    fail "409 message: $(cat "$VAR/e.json")"
# The index is never served by nginx.
code=$(curl -sS -o /dev/null -w '%{http_code}' "$BASE/jobs/$id/result.idx")
[ "$code" = 404 ] || fail "result.idx served: $code"
exit 0
