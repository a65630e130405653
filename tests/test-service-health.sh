#!/bin/sh
# Health and supervision: /api/health reports the database, the workers
# and the jobs; a killed worker is replaced; SIGTERM stops the daemon.
name=health
WORKERS=3
. "$top_srcdir/tests/service.sh"
svc_start

[ "$(req GET /api/health)" = 200 ] || fail health
[ "$(json "$VAR/body.out" 'j["status"]')" = ok ] || fail status
[ "$(json "$VAR/body.out" 'j["database"]')" = ok ] || fail database
[ "$(json "$VAR/body.out" 'j["workers"]["alive"]')" = 3 ] || fail workers

w=$(pgrep -P "$STACK_FCGI_PID" | head -n 1)
[ -n "$w" ] || fail "no worker processes"
kill -KILL "$w"
sleep 0.5
[ "$(pgrep -P "$STACK_FCGI_PID" | wc -l)" = 3 ] || fail "worker not replaced"
[ "$(req GET /api/health)" = 200 ] || fail "health after a worker died"

kill -TERM "$STACK_FCGI_PID"
i=0
while kill -0 "$STACK_FCGI_PID" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done
! kill -0 "$STACK_FCGI_PID" 2>/dev/null || fail "SIGTERM did not stop it"
STACK_FCGI_PID=""
[ ! -e "$VAR/tally.sock" ] || fail "socket left after stop"
