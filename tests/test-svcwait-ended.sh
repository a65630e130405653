#!/bin/sh
# The service tests' hold-next watcher (tests/svcwait.py, through
# hold_next_start/hold_next_wait in tests/service.sh) ends on either of
# two events: the next job's runner records its pid (it is stopped and
# "ID PID" printed), or that job ends first, unseen (exit 2, saying which
# job and how it ended), instead of waiting for its limit.  Jobs that had
# ended before it watched are not news.  A store of three columns
# stands in for the service's, written from here.
set -eu
. "$top_srcdir/tests/testlib.sh"
tmp="$top_builddir/tests/tmp/svcwait-ended"
rm -rf "$tmp" && mkdir -p "$tmp"
db="$tmp/tally.db"
w=""
victim=""
cleanup() {
	rc=$?
	[ -n "$w" ] && kill "$w" 2>/dev/null
	[ -n "$victim" ] && kill -KILL "$victim" 2>/dev/null
	[ "$rc" -eq 0 ] && rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

sql() {
	python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()' "$db" "$1"
}

# watch: start the watcher (its limit of 60 s only bounds a test that
# would otherwise hang), once it watches.
watch() {
	hold_watch "$db" 60 "$tmp"
	w=$HOLD_WATCHER
}

sql "CREATE TABLE jobs (id TEXT PRIMARY KEY, state TEXT, pid INTEGER)"
sql "INSERT INTO jobs VALUES ('old', 'done', 0)"

# The next job runs and ends between two looks at the store.
watch
sql "INSERT INTO jobs VALUES ('fast', 'done', 0)"
rc=0
wait "$w" || rc=$?
w=""
[ "$rc" = 2 ] || fail "a job that ended unseen gave $rc, not 2: $(cat "$tmp/hold.err")"
grep -q "job fast is done, ended before its runner was seen" "$tmp/hold.err" ||
    fail "the message: $(cat "$tmp/hold.err")"
[ ! -s "$tmp/hold.out" ] || fail "it printed $(cat "$tmp/hold.out")"

# The next job is seen running: its runner is stopped, the ended ones
# (old, fast) are not news.
sleep 60 &
victim=$!
watch
sql "INSERT INTO jobs VALUES ('slow', 'running', $victim)"
wait "$w" || fail "a job seen running: $(cat "$tmp/hold.err")"
w=""
[ "$(cat "$tmp/hold.out")" = "slow $victim" ] || fail "it printed $(cat "$tmp/hold.out")"
[ "$(awk '{ print $3 }' "/proc/$victim/stat")" = T ] ||
    fail "the runner $victim is not stopped"
echo "test-svcwait-ended: ok"
