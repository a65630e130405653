#!/bin/sh
# Chaos: 20 times, kill -9 every process of the stack (nginx master and
# workers, tally-fcgi master and workers, runners) at a random point of a
# job (mid-upload, queued, running, publishing, done), then start the
# stack again as `make run` does.  Afterwards every job is done with exact
# totals or failed "interrupted", none is queued or running, the store
# passes PRAGMA integrity_check, and nothing is left behind: no partial
# upload, no folder without a job, no temporary or lock file.  Each kill
# waits on an event (a file appearing, a row or a pid in the store), never
# on time.  CHAOS_SEED replays a run; CHAOS_ROUNDS changes the count.
name=chaos
MAX_RUNNING=2
MAX_JOB_MBPS=2
UPLOAD_GRACE=0
WORKERS=2
. "$top_srcdir/tests/service.sh"

seed=${CHAOS_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
seed0=$seed
rounds=${CHAOS_ROUNDS:-20}
echo "chaos: seed $seed, $rounds rounds (CHAOS_SEED=$seed replays it)"
# rand N: a number below N into $r, from a 31-bit LCG, so the same seed
# kills at the same points.  (Not echoed: a $(...) would lose the state.)
rand() {
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$(( seed / 65536 % $1 ))
}

"$GEN" -n 4000 -s 9 -o "$VAR/s.csv" -t "$VAR/truth.csv"	# ~350 KB

# until_event DESCRIPTION COMMAND...: poll COMMAND (from this shell) until
# it succeeds; bounded, so a lost event fails the test instead of hanging.
until_event() {
	_what=$1
	shift
	_i=0
	until "$@"; do
		[ $_i -lt 1500 ] || fail "round $round: no $_what"
		sleep 0.02
		_i=$((_i + 1))
	done
}

body_file() { [ -n "$(ls -A "$VAR/body" 2>/dev/null)" ]; }
job_recorded() { [ "$(sql "SELECT count(*) FROM jobs")" -gt "$jobs_before" ]; }
# A runner in the store, or (a short job) the newest job already over.
runner_recorded() {
	[ -n "$(sql "SELECT pid FROM jobs WHERE state='running' AND pid>0 LIMIT 1")" ] && return 0
	job_recorded && [ -z "$(sql "SELECT id FROM jobs WHERE state IN ('queued','running') LIMIT 1")" ]
}
# The newest job's results on their way into place, or its end.
publishing() {
	_id=$(sql "SELECT id FROM jobs ORDER BY seq DESC LIMIT 1")
	[ -n "$_id" ] || return 1
	ls "$VAR/jobs/$_id"/result.* >/dev/null 2>&1 && return 0
	[ "$(sql "SELECT state FROM jobs WHERE id='$_id'")" != running ] &&
	    [ "$(sql "SELECT state FROM jobs WHERE id='$_id'")" != queued ]
}
settled() {
	[ "$(sql "SELECT count(*) FROM jobs WHERE state IN ('queued','running')")" = 0 ]
}
# Kill every process of the stack at once (nginx workers are found as the
# master's children: their titles do not name the run folder), and wait
# until each is gone.
kill_all() {
	# The masters first: a master that outlived a worker would start
	# another.
	_pids="$STACK_NGINX_PID $STACK_FCGI_PID \
	    $(pgrep -P "$STACK_NGINX_PID" || true) \
	    $(pgrep -f "tally-fcgi --socket $VAR/" || true) \
	    $(pgrep -f "tally job --db $VAR/" || true)"
	# shellcheck disable=SC2086
	kill -KILL $_pids 2>/dev/null || true
	wait "$STACK_FCGI_PID" "$STACK_NGINX_PID" 2>/dev/null || true
	STACK_FCGI_PID="" STACK_NGINX_PID=""
	for _p in $_pids; do
		until_event "end of process $_p" dead "$_p"
	done
	# A runner started just before the kill, by a worker killed with it.
	until_event "end of late runners" no_runner
	[ -z "${up_pid:-}" ] || wait "$up_pid" 2>/dev/null || true
	up_pid=""
}
dead() { ! alive "$1"; }
no_runner() {
	for _p in $(pgrep -f "tally job --db $VAR/" || true); do
		kill -KILL "$_p" 2>/dev/null
		alive "$_p" && return 1
	done
	return 0
}

svc_start
round=1
while [ $round -le "$rounds" ]; do
	jobs_before=$(sql "SELECT count(*) FROM jobs")
	rand 5
	point=$r
	# The upload runs in the background, slowed so it can be caught.
	rate=""
	[ "$point" = 0 ] && rate="--limit-rate 100k"
	# shellcheck disable=SC2086
	curl -sS -o /dev/null $rate -T "$VAR/s.csv" \
	    -H 'Content-Type: text/csv' "$BASE/api/jobs" 2>/dev/null &
	up_pid=$!
	case $point in
	0) until_event "partial upload" body_file ;;
	1) until_event "job record" job_recorded ;;
	2) until_event "runner" runner_recorded ;;
	3) until_event "result file" publishing ;;
	4) until_event "job record" job_recorded
	   until_event "end of the job" settled ;;
	esac
	kill_all
	svc_start
	round=$((round + 1))
done

# Let every job that survived in the queue finish, then look.
until_event "settled store" settled
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check: $(sql "PRAGMA integrity_check")"
n_done=0 n_int=0
for id in $(sql "SELECT id FROM jobs"); do
	st=$(sql "SELECT state FROM jobs WHERE id='$id'")
	case $st in
	done)
		curl -sS -o "$VAR/r.csv" "$BASE/jobs/$id/result.csv"
		cmp -s "$VAR/truth.csv" "$VAR/r.csv" ||
		    fail "job $id is done with wrong totals"
		left=$(ls -A "$VAR/jobs/$id" | grep -v '^result\.\|^rejects\.csv$' || true)
		[ -z "$left" ] || fail "done job $id left: $left"
		n_done=$((n_done + 1)) ;;
	failed)
		err=$(sql "SELECT error FROM jobs WHERE id='$id'")
		case $err in interrupted*) ;;
		*) fail "job $id failed: $err" ;; esac
		[ ! -e "$VAR/jobs/$id" ] ||
		    fail "interrupted job $id left $(ls -A "$VAR/jobs/$id")"
		n_int=$((n_int + 1)) ;;
	*)	fail "job $id is $st" ;;
	esac
done
for d in "$VAR"/jobs/*; do
	[ -e "$d" ] || continue
	[ -n "$(sql "SELECT id FROM jobs WHERE id='$(basename "$d")'")" ] ||
	    fail "a folder without a job: $d"
done
[ -z "$(ls -A "$VAR/body")" ] || fail "partial uploads left: $(ls -A "$VAR/body")"
echo "chaos: $n_done done, $n_int interrupted, seed $seed0"
