#!/bin/sh
# Recovery: a runner killed with SIGKILL leaves its job failed
# ("interrupted"), not running, and no result; restarting tally-fcgi while
# a job runs does not disturb it: it finishes done with exact totals.  The
# test waits on events: the runner's pid in the store, then SIGSTOP holds
# it in place for as long as the test needs.
name=recovery
MAX_JOB_MBPS=1
. "$top_srcdir/tests/service.sh"
svc_start

"$GEN" -n 60000 -s 5 -o "$VAR/s.csv" -t "$VAR/truth.csv"	# ~5.5 MB

hold_next_start
a=$(upload "$VAR/s.csv")
hold_next_wait; set -- $HELD
[ "$1" = "$a" ] || fail "held job $1, not $a"
pid=$2
kill -KILL "$pid"
wait_state "$a" failed 30
case "$(json "$VAR/job.out" 'j["error"]')" in interrupted*) ;;
*) fail "error of a killed job: $(json "$VAR/job.out" 'j["error"]')" ;; esac
[ "$(req GET "/jobs/$a/result.csv")" = 404 ] || fail "killed job has a result"
[ -z "$(ls "$VAR/jobs/$a" 2>/dev/null | grep tmp || true)" ] ||
    fail "temporary files left"

# Restart the daemon under a running (held) job.
hold_next_start
b=$(upload "$VAR/s.csv")
hold_next_wait; set -- $HELD
[ "$1" = "$b" ] || fail "held job $1, not $b"
pid=$2
stack_stop_fcgi
stack_start_fcgi
wait_up
# The new daemon's start-up recovery has run: the held job is still running.
[ "$(sql "SELECT state FROM jobs WHERE id='$b'")" = running ] ||
    fail "a restart disturbed a live job: $(sql "SELECT state, error FROM jobs WHERE id='$b'")"
kill -CONT "$pid"
wait_state "$b" done 60
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$b/result.csv"
cmp "$VAR/truth.csv" "$VAR/r.csv" || fail "totals after a restart differ"
