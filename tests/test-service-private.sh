#!/bin/sh
# Only result files are served: the database, a job's input (kept here on
# purpose), temporary result files, folder listings and paths around the
# jobs location all give 404.
name=private
KEEP_INPUT=1
. "$top_srcdir/tests/service.sh"
svc_start

"$GEN" -n 1000 -o "$VAR/s.csv"
id=$(upload "$VAR/s.csv")
wait_state "$id" done
[ -f "$VAR/jobs/$id/input" ] || fail "input not kept with --keep-input"
: > "$VAR/jobs/$id/result.csv.tmp.abcdef"

[ "$(req GET "/jobs/$id/result.csv")" = 200 ] || fail "result.csv"
[ "$(req GET "/jobs/$id/result.json")" = 200 ] || fail "result.json"
for p in "/jobs/$id/input" "/jobs/$id/result.csv.tmp.abcdef" "/jobs/$id/" \
    "/jobs/" "/jobs/$id" /tally.db /var/tally.db /jobs/../tally.db \
    /state/tally.db /state/ /var/state/tally.db \
    "/jobs/$id/../../tally.db" /nginx.conf /logs/tally.log \
    /jobs/%2e%2e/tally.db; do
	code=$(curl -sS --path-as-is -o /dev/null -w '%{http_code}' "$BASE$p")
	[ "$code" = 404 ] || fail "$p gave $code"
done
