#!/bin/sh
# doc/openapi.json, the API's description: @readme/openapi-parser finds it
# valid OpenAPI 3.1; GET /api/openapi.json serves exactly that file; and
# every documented path, method and status is asked of the real stack
# (through nginx), each answer checked against the document
# (tests/openapi/contract.mjs: documented status, body valid against its
# schema, every route of fcgi/api.c's table documented, every documented
# status seen or explained).  Statuses that need other settings (413,
# 429, 507) come from restarts of tally-fcgi with those settings.
name=openapi
MAXBODY=300000
# Runners read at 1 MB/s: the held job (180 KB) cannot end before its
# runner is seen and stopped, however loaded the machine.
MAX_JOB_MBPS=1
. "$top_srcdir/tests/service.sh"
command -v node >/dev/null || fail "node is missing: run ./setup"
OPENAPI_MODULES=${OPENAPI_MODULES:-$top_srcdir/tests/openapi/node_modules}
if [ ! -d "$OPENAPI_MODULES/@readme/openapi-parser" ] && [ -n "${PEER_MODULES:-}" ]; then
	# make distcheck: the modules of the tree it was made from.
	OPENAPI_MODULES=$(dirname "$(dirname "$PEER_MODULES")")/openapi/node_modules
fi
[ -d "$OPENAPI_MODULES/@readme/openapi-parser" ] ||
    fail "@readme/openapi-parser is missing: run ./setup (npm install in tests/openapi)"
export OPENAPI_MODULES
DOC="$top_srcdir/doc/openapi.json"
node "$top_srcdir/tests/openapi/validate.mjs" "$DOC" ||
    fail "the document is not valid OpenAPI"

svc_start
ADMIN=$(new_key ops --admin)
SEEN="$VAR/seen.tsv"
: >"$SEEN"
n=0
# rec METHOD TEMPLATE PATH [curl args...]: ask, record the answer in SEEN
# and set got to its status (and the body's file to $VAR/r$n).  curl -q: no .curlrc, so each call names its own
# credentials (the helpers below).
rec() {
	_m=$1 _t=$2 _p=$3
	shift 3
	n=$((n + 1))
	if [ "$_m" = HEAD ]; then
		_out=$(curl -q -sS -I -o /dev/null -w '%{http_code}\t%{content_type}' \
		    "$@" "$BASE$_p")
	else
		_out=$(curl -q -sS -o "$VAR/r$n" -w '%{http_code}\t%{content_type}' \
		    -X "$_m" "$@" "$BASE$_p")
	fi
	printf '%s\t%s\t%s\t%s\n' "$_m" "$_t" "$_out" "$VAR/r$n" >>"$SEEN"
	got=${_out%%	*}
}
K="Authorization: Bearer $STACK_KEY"
A="Authorization: Bearer $ADMIN"
BAD="Authorization: Basic Zm9vOmJhcg=="
expect() {	# expect STATUS WHAT: the status rec got was STATUS
	[ "$got" = "$1" ] || fail "$2: got $got, wanted $1"
}

"$GEN" -n 2000 -s 4 -o "$VAR/in.csv" -t "$VAR/truth.csv" 2>/dev/null
head -c 400000 /dev/zero | tr '\0' 'x' >"$VAR/big"

rec GET /api/health /api/health; expect 200 health
rec GET /api/openapi.json /api/openapi.json; expect 200 openapi
cmp "$DOC" "$VAR/r$n" || fail "GET /api/openapi.json is not doc/openapi.json"
rec GET /api/metrics /api/metrics -H "$A"; expect 200 metrics
rec GET /api/metrics /api/metrics; expect 401 "metrics, no key"
rec GET /api/metrics /api/metrics -H "$K"; expect 403 "metrics, plain key"

for m in POST PUT; do
	rec $m /api/jobs /api/jobs -H "$K" -H 'Content-Type: text/csv' \
	    --data-binary @"$VAR/in.csv"; expect 202 "$m upload"
	rec $m /api/jobs '/api/jobs?group_by=nope' -H "$K" \
	    --data-binary @"$VAR/in.csv"; expect 400 "$m bad column"
	rec $m /api/jobs /api/jobs -H "$BAD" --data-binary @"$VAR/in.csv"
	expect 401 "$m bad credentials"
	rec $m /api/jobs /api/jobs -H "$K" --data-binary @"$VAR/big"
	expect 413 "$m too large"
done
rec POST /api/jobs /api/jobs -H "$K" -H 'Accept: text/html' \
    -F file=@"$VAR/in.csv"; expect 303 "plain form"

# The first upload's answer (the first POST 202) names the job.
id=$(awk -F'\t' '$1 == "POST" && $3 == 202 { print $5; exit }' "$SEEN")
id=$(json "$id" 'j["id"]')
wait_state "$id" done
other=$(upload "$VAR/in.csv")
wait_state "$other" done

rec GET /api/jobs /api/jobs -H "$K"; expect 200 list
rec GET /api/jobs '/api/jobs?limit=x' -H "$K"; expect 400 "list, bad limit"
rec GET /api/jobs /api/jobs -H "$BAD"; expect 401 "list, bad key"
rec GET /api/jobs/{id} "/api/jobs/$id" -H "$K"; expect 200 get
rec GET /api/jobs/{id} "/api/jobs/$id" -H "$BAD"; expect 401 "get, bad key"
rec GET /api/jobs/{id} /api/jobs/0000000000000000000000000000000000 -H "$K"
expect 404 "get, no such job"
rec POST /api/jobs/{id}/cancel "/api/jobs/$id/cancel" -H "$K"
expect 409 "cancel a done job"
rec POST /api/jobs/{id}/cancel /api/jobs/0000000000000000000000000000000000/cancel -H "$K"
expect 404 "cancel, no such job"
rec POST /api/jobs/{id}/cancel "/api/jobs/$id/cancel" -H "$BAD"
expect 401 "cancel, bad key"
rec GET /api/jobs/{id}/rows "/api/jobs/$id/rows?limit=5" -H "$K"; expect 200 rows
rec GET /api/jobs/{id}/rows "/api/jobs/$id/rows?limit=x" -H "$K"; expect 400 "rows, bad limit"
rec GET /api/jobs/{id}/rows "/api/jobs/$id/rows" -H "$BAD"; expect 401 "rows, bad key"
rec GET /api/jobs/{id}/rows /api/jobs/0000000000000000000000000000000000/rows -H "$K"
expect 404 "rows, no such job"
rec GET /jobs/{id}/{file} "/jobs/$id/result.csv" -H "$K"; expect 200 download
cmp "$VAR/truth.csv" "$VAR/r$n" || fail "the downloaded totals"
rec GET /jobs/{id}/{file} "/jobs/$id/result.csv" -H "$BAD"; expect 401 "download, bad key"
rec GET /jobs/{id}/{file} "/jobs/$id/result.csv"; expect 404 "download, nobody's"
rec GET /job/{id} "/job/$id" -H "$K"; expect 200 page
rec GET /job/{id} /job/0000000000000000000000000000000000 -H "$K"; expect 404 "page, no such job"
rec HEAD /job/{id} "/job/$id" -H "$K"; expect 200 "page, HEAD"
rec POST /api/sniff /api/sniff -H 'Content-Type: application/octet-stream' \
    --data-binary @"$VAR/in.csv"; expect 200 sniff
rec POST /api/sniff /api/sniff -H 'Content-Type: application/octet-stream' \
    --data-binary ''; expect 400 "sniff, empty"
rec DELETE /api/jobs/{id} "/api/jobs/$other" -H "$BAD"; expect 401 "delete, bad key"
rec DELETE /api/jobs/{id} "/api/jobs/$other" -H "$K"; expect 204 delete
rec DELETE /api/jobs/{id} "/api/jobs/$other" -H "$K"; expect 404 "delete again"

# A running job, held, cancelled.
hold_next_start
held=$(upload "$VAR/in.csv")
hold_next_wait; set -- $HELD
[ "$1" = "$held" ] || fail "held $1, not $held"
rec GET /api/jobs/{id}/rows "/api/jobs/$held/rows" -H "$K"
expect 409 "rows of a running job"
rec POST /api/jobs/{id}/cancel "/api/jobs/$held/cancel" -H "$K"
expect 200 "cancel a running job"
kill -CONT "$2" 2>/dev/null || true

# The queue full (--max-queued 0), then the disk guard (--min-free 100%).
stack_stop_fcgi
MAX_QUEUED=0 stack_start_fcgi
wait_up
for m in POST PUT; do
	rec $m /api/jobs /api/jobs -H "$K" --data-binary @"$VAR/in.csv"
	expect 429 "$m, queue full"
done
stack_stop_fcgi
MIN_FREE=100% stack_start_fcgi
wait_up
for m in POST PUT; do
	rec $m /api/jobs /api/jobs -H "$K" --data-binary @"$VAR/in.csv"
	expect 507 "$m, disk guard"
done

node "$top_srcdir/tests/openapi/contract.mjs" "$DOC" "$SEEN" \
    "$top_srcdir/fcgi/api.c" || fail "the stack and doc/openapi.json disagree"
