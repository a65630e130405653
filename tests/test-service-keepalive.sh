#!/bin/sh
# nginx keeps its connections to tally-fcgi open between requests
# (upstream keepalive, fastcgi_keep_conn), and one worker serves them all:
# - sequential job reads reuse the worker's connections: the ones it holds
#   after ten reads are all still open after twenty more, and there are
#   at most two (one per nginx worker process);
# - on those kept connections a stranger still gets 404 and the owner
#   200, request after request;
# - while nginx holds them idle, an upload (which connects anew) is
#   answered and its job read: a worker in libfcgi's own accept loop
#   would wait on an idle connection for ever.
name=keepalive
WORKERS=1
API_RATE=1000r/s
API_BURST=1000
. "$top_srcdir/tests/service.sh"
svc_start

printf 'department,number_of_sales\nA,1\nB,2\n' >"$VAR/s.csv"
id=$(upload "$VAR/s.csv")
wait_state "$id" done

worker=$(pgrep -P "$STACK_FCGI_PID")
[ "$(echo "$worker" | wc -l)" -eq 1 ] || fail "not one worker: $worker"
listener=$(ls -l "/proc/$STACK_FCGI_PID/fd" |
    sed -n 's/.*socket:\[\([0-9]*\)\]$/\1/p' | sort)
# The worker's connections: its sockets but the listening ones.
conns() {
	ls -l "/proc/$worker/fd" | sed -n 's/.*socket:\[\([0-9]*\)\]$/\1/p' |
	    sort | comm -23 - "$VAR/listener"
}
echo "$listener" >"$VAR/listener"

# reads N: N reads of the job, each 200 and done.  grep, not one python3
# a read: on a loaded machine the reads stay far inside the 60 s that nginx
# keeps an idle connection.
reads() {
	_i=0
	while [ $_i -lt "$1" ]; do
		[ "$(req GET "/api/jobs/$id")" = 200 ] || fail "read $_i"
		grep -q '"state":"done"' "$VAR/body.out" ||
		    fail "read $_i: $(cat "$VAR/body.out")"
		_i=$((_i + 1))
	done
}
reads 10
conns >"$VAR/c1"
[ -s "$VAR/c1" ] || fail "the worker kept no connection after 10 reads"
reads 20
conns >"$VAR/c2"
[ -z "$(comm -23 "$VAR/c1" "$VAR/c2")" ] ||
    fail "kept connections were closed: before $(cat "$VAR/c1"), after $(cat "$VAR/c2")"
[ "$(wc -l <"$VAR/c2")" -le 2 ] ||
    fail "a connection a request: $(wc -l <"$VAR/c2") held"

# Owners stay exact from one request to the next on the same connections.
for i in 1 2 3 4; do
	code=$(curl -q -sS -o /dev/null -w '%{http_code}' "$BASE/api/jobs/$id")
	[ "$code" = 404 ] || fail "a stranger got $code for the job"
	[ "$(req GET "/api/jobs/$id")" = 200 ] || fail "the owner lost the job"
done

# nginx holds the worker's connections idle; a new one still gets in.
# (--max-time only bounds a worker that would wait for ever.)
code=$(curl -sS -m 60 -o "$VAR/up.out" -w '%{http_code}' -T "$VAR/s.csv" \
    -H 'Content-Type: text/csv' "$BASE/api/jobs") || code="no answer"
[ "$code" = 202 ] || fail "an upload beside idle kept connections: $code"
id2=$(json "$VAR/up.out" 'j["id"]')
wait_state "$id2" done
[ "$(req GET "/api/jobs/$id2")" = 200 ] || fail "the new job is not read"
