#!/bin/sh
# Recovery: a runner killed with SIGKILL leaves its job failed
# ("interrupted"), not running, and no result; restarting tally-fcgi while
# a job runs does not disturb it: it finishes done with exact totals.
name=recovery
MAX_JOB_MBPS=4
. "$top_srcdir/tests/service.sh"
svc_start

"$GEN" -n 60000 -s 5 -o "$VAR/s.csv" -t "$VAR/truth.csv"	# ~5.5 MB

a=$(upload "$VAR/s.csv")
wait_state "$a" running
i=0
while [ -z "$(runner_pid "$a")" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
pid=$(runner_pid "$a")
[ -n "$pid" ] || fail "no runner"
kill -KILL "$pid"
wait_state "$a" failed 10
case "$(json "$VAR/job.out" 'j["error"]')" in interrupted*) ;;
*) fail "error of a killed job: $(json "$VAR/job.out" 'j["error"]')" ;; esac
[ "$(req GET "/jobs/$a/result.csv")" = 404 ] || fail "killed job has a result"
[ -z "$(ls "$VAR/jobs/$a" 2>/dev/null | grep tmp || true)" ] ||
    fail "temporary files left"

# Restart the daemon under a running job.
b=$(upload "$VAR/s.csv")
wait_state "$b" running
stack_stop_fcgi
sleep 0.3
"$TALLY_FCGI" --socket "$VAR/tally.sock" --db "$VAR/tally.db" \
    --jobs "$VAR/jobs" --body-temp "$VAR/body" --tally "$TALLY" \
    --log "$VAR/logs/tally.log" --max-job-mbps 4 &
STACK_FCGI_PID=$!
wait_state "$b" done 30
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$b/result.csv"
cmp "$VAR/truth.csv" "$VAR/r.csv" || fail "totals after a restart differ"
