#!/bin/sh
# Refusals nginx makes itself, before tally-fcgi sees the request, show
# in GET /api/metrics: an upload over client_max_body_size (413) and one
# over the upload rate (429) each add one to
# tally_uploads_refused_total{...,by="nginx"}, counted from nginx's
# refusals log (one line a refusal, written only when no upstream
# answered), and promtool still passes.  An upload tally-fcgi takes is not
# in that log.  Renamed and reopened as logrotate does it, the log is
# still counted exactly.
name=refusals
MAXBODY=1024
UPLOAD_RATE=1r/m
UPLOAD_BURST=1
. "$top_srcdir/tests/service.sh"
need_promtool
svc_start
ADMIN=$(new_key ops --admin)
LOG="$VAR/logs/refusals.log"

metric() {
	awk -v m="$1" '$1 == m { print $2 }' "$VAR/metrics.out"
}
scrape() {
	_code=$(curl -q -sS -o "$VAR/metrics.out" -w '%{http_code}' \
	    -H "Authorization: Bearer $ADMIN" "$BASE/api/metrics")
	[ "$_code" = 200 ] || fail "metrics gave $_code: $(cat "$VAR/metrics.out")"
	"$PROMTOOL" check metrics < "$VAR/metrics.out" ||
	    fail "promtool check metrics: $(cat "$VAR/metrics.out")"
}
# await COMMAND...: wait until COMMAND succeeds (nginx logs a request
# after answering it); 1 if it never does.  The bound only stops a test
# that would hang.
await() {
	_i=0
	until "$@"; do
		[ $_i -lt 1200 ] || return 1
		sleep 0.05
		_i=$((_i + 1))
	done
}
# logged N [FILE...]: whether nginx has logged N refusals in FILEs (LOG).
logged() {
	_n=$1
	shift
	[ $# -gt 0 ] || set -- "$LOG"
	[ "$(cat "$@" 2>/dev/null | wc -l)" -ge "$_n" ]
}
# lines N [FILE...]: wait until nginx has logged N refusals in FILEs.
lines() {
	await logged "$@" ||
	    fail "nginx logged $(cat "$LOG" 2>/dev/null | wc -l) refusals, not $1"
}
too_large='tally_uploads_refused_total{code="too_large",status="413",by="nginx"}'
rate_limited='tally_uploads_refused_total{code="rate_limited",status="429",by="nginx"}'

scrape
[ "$(metric "$too_large")" = 0 ] || fail "413s at start: $(metric "$too_large")"
[ "$(metric "$rate_limited")" = 0 ] || fail "429s at start"

"$GEN" -n 100 -s 3 -o "$VAR/big.csv" 2>/dev/null
head -c 500 "$VAR/big.csv" | sed '$d' > "$VAR/small.csv"
[ "$(wc -c < "$VAR/big.csv")" -gt 1024 ] || fail "the big file is small"
code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$VAR/big.csv" "$BASE/api/jobs/")
[ "$code" = 413 ] || fail "a body over the limit gave $code"
lines 1
# One a minute with a burst of one (nginx refuses burst=0): two pass.
for n in 1 2; do
	code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$VAR/small.csv" "$BASE/api/jobs/")
	[ "$code" = 202 ] || fail "small upload $n gave $code: $(cat "$VAR/up.out")"
done
code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$VAR/small.csv" "$BASE/api/jobs/")
[ "$code" = 429 ] || fail "an upload over the rate gave $code"
lines 2

scrape
[ "$(metric "$too_large")" = 1 ] || fail "413s: $(metric "$too_large")"
[ "$(metric "$rate_limited")" = 1 ] || fail "429s: $(metric "$rate_limited")"
[ "$(wc -l < "$LOG")" -eq 2 ] || fail "an upload tally-fcgi took is in the log: $(cat "$LOG")"
# A second scrape reads nothing new and counts nothing twice.
scrape
[ "$(metric "$too_large")" = 1 ] && [ "$(metric "$rate_limited")" = 1 ] ||
    fail "a second scrape counted again"

# Rotated as deploy/tally.logrotate does it: renamed, then nginx reopens
# its logs (SIGUSR1).  A refusal nginx writes to the renamed file before
# it reopens and one after are each counted once.
mv "$LOG" "$LOG.1"
code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$VAR/big.csv" "$BASE/api/jobs/")
[ "$code" = 413 ] || fail "a body over the limit gave $code"
lines 3 "$LOG.1"
kill -USR1 "$STACK_NGINX_PID"
await test -e "$LOG" || fail "nginx did not reopen its refusals log"
code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$VAR/big.csv" "$BASE/api/jobs/")
[ "$code" = 413 ] || fail "a body over the limit gave $code"
# In the new file, or in the old one if its worker had not reopened yet.
lines 4 "$LOG" "$LOG.1"
scrape
[ "$(metric "$too_large")" = 3 ] && [ "$(metric "$rate_limited")" = 1 ] ||
    fail "after rotation: 413s $(metric "$too_large"), 429s $(metric "$rate_limited")"
scrape
[ "$(metric "$too_large")" = 3 ] || fail "a scrape after rotation counted again"
