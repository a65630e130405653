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
# Wait for the event: three workers again, none of them the killed one.
i=0
until [ "$(pgrep -P "$STACK_FCGI_PID" | grep -vx "$w" | wc -l)" = 3 ]; do
	[ $i -lt 3000 ] || fail "worker not replaced: $(pgrep -P "$STACK_FCGI_PID")"
	sleep 0.02; i=$((i + 1))
done
[ "$(req GET /api/health)" = 200 ] || fail "health after a worker died"

stack_reap "$STACK_FCGI_PID" TERM
[ "$STACK_RC" -eq 0 ] || fail "tally-fcgi exited with $STACK_RC on SIGTERM"
STACK_FCGI_PID=""
[ ! -e "$VAR/state/tally.sock" ] || fail "socket left after stop"
