#!/bin/sh
# A queued job starts as soon as a slot is free: with one slot, a job
# queued behind a held one starts when the held one ends, woken by the
# finishing runner (the wake-up FIFO), not by the daemon's tick.  The
# tick is stretched to ten minutes here (TALLY_TICK_MS, a test-only
# variable of the daemon's environment), so the job can only start on
# that event; the wait is on the store, and its limit only bounds a hang.
name=kick
# Runners read at 2 MB/s: the held job cannot end before its runner is
# seen and stopped, however loaded the machine.
MAX_JOB_MBPS=2
MAX_RUNNING=1
TALLY_TICK_MS=600000
export TALLY_TICK_MS
. "$top_srcdir/tests/service.sh"
svc_start
"$GEN" -n 20000 -s 3 -o "$VAR/s.csv" -t "$VAR/truth.csv"

hold_next_start
a=$(upload "$VAR/s.csv")
hold_next_wait; set -- $HELD
[ "$1" = "$a" ] || fail "held job $1, not $a"
runner=$2
b=$(upload "$VAR/s.csv")
[ "$(sql "SELECT state FROM jobs WHERE id='$b'")" = queued ] ||
    fail "the second job did not queue behind the first: $(sql "SELECT state FROM jobs WHERE id='$b'")"
[ -p "$VAR/state/tally.db-wake" ] || fail "no wake-up FIFO beside the store"

kill -CONT "$runner"
wait_state "$a" done 120
# Only the first job's end can start the second now.
wait_state "$b" done 120
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$b/result.csv"
cmp "$VAR/truth.csv" "$VAR/r.csv" || fail "totals of the second job differ"
# For the log: how long the second job waited after the first ended.
echo "started $(sql "SELECT printf('%.3f', b.started - a.finished) FROM jobs a, jobs b WHERE a.id='$a' AND b.id='$b'") s after the first ended"
