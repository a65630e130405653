# Helpers for the shell tests that drive the real stack (nginx, tally-fcgi,
# runners, SQLite).  Source it after naming the test:
#
#	name=upload; . "$top_srcdir/tests/service.sh"; svc_start
#
# It gives a fresh run folder $VAR under tests/tmp/<name>, a free loopback
# port $PORT and $BASE=http://127.0.0.1:$PORT, stops everything on exit,
# and prints the service logs if the test fails.
#
# Every job has an owner.  After svc_start, every curl of the test sends
# the stack's local key ($STACK_KEY) through $VAR/.curlrc (CURL_HOME), so
# the test owns what it uploads; `curl -q ...` (-q first) sends nothing,
# as a stranger would, and `curl -q -H "Authorization: Bearer $K" ...`
# acts as the owner of key K.
set -eu
: "${name:?set name before sourcing service.sh}"
VAR="$top_builddir/tests/tmp/svc-$name"
rm -rf "$VAR"
mkdir -p "$VAR"
. "$SRCDIR/nginx/stack.sh"
. "$top_srcdir/tests/testlib.sh"
PORT=$(stack_port)
BASE="http://127.0.0.1:$PORT"

svc_cleanup() {
	rc=$?
	# Never let a failing stop (set -e) skip the rest: nginx must go.
	set +e
	stack_stop
	kill_runners "$VAR"
	if [ "${STACK_FCGI_RC:-0}" -ne 0 ] && [ "$rc" -eq 0 ]; then
		echo "FAIL: tally-fcgi exited with $STACK_FCGI_RC when stopped" \
		    "(a sanitizer report, if any, is above)" >&2
		rc=1
	fi
	if [ "$rc" -ne 0 ]; then
		echo "--- why the test failed ($name) ---" >&2
		for _f in "$VAR/job.out" "$VAR/body.out" "$VAR/up.out"; do
			[ -s "$_f" ] && { echo "== $_f"; cat "$_f"; echo; } >&2
		done
		tail -n 40 "$VAR/logs/tally.log" "$VAR/logs/error.log" >&2 \
		    2>/dev/null || true
		for _f in "$VAR"/jobs/*/*.log; do
			[ -f "$_f" ] && tail -n 20 "$_f" >&2
		done
	else
		rm -rf "$VAR"
	fi
	exit "$rc"
}
trap svc_cleanup EXIT
trap 'exit 1' INT TERM

svc_start() {
	stack_start "$VAR" "$PORT" || return 1
	printf 'header = "Authorization: Bearer %s"\n' "$STACK_KEY" \
	    > "$VAR/.curlrc"
	CURL_HOME=$VAR
	export CURL_HOME
}

# svc_as_cookie: from now on the test's curls are a browser with the owner
# cookie $OWNER_COOKIE (exported, so the browser tests' Chromium gets it
# too) instead of the key.
svc_as_cookie() {
	OWNER_COOKIE=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
	export OWNER_COOKIE
	printf 'cookie = "tally_owner=%s"\n' "$OWNER_COOKIE" > "$VAR/.curlrc"
}

# new_key NAME [--admin]: print a new API key of the stack's keys file.
new_key() {
	"$TALLY_FCGI" --keys "$VAR/keys" key add "$@" 2>/dev/null
}

# req METHOD PATH [curl args...]: the body goes to $VAR/body.out and the
# status code to stdout.
req() {
	_m=$1 _p=$2
	shift 2
	curl -sS -o "$VAR/body.out" -w '%{http_code}' -X "$_m" "$@" "$BASE$_p"
}

# upload FILE [query]: raw upload (PUT, like curl -T); prints the job id.
upload() {
	_code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$1" \
	    -H 'Content-Type: text/csv' "$BASE/api/jobs${2:+?$2}")
	[ "$_code" = 202 ] || fail "upload of $1 gave $_code: $(cat "$VAR/up.out")"
	json "$VAR/up.out" 'j["id"]'
}

# wait_state ID STATE [SECONDS]: wait for the job's record to reach
# STATE, polling the store from one process (tests/svcwait.py), then put
# GET /api/jobs/ID in $VAR/job.out.  Fails at once if the job ends in
# another state; SECONDS (300) only bounds a test that would hang.
# Helpers name their own variables with a leading underscore: shell
# functions share the caller's.
wait_state() {
	_rc=0
	python3 "$top_srcdir/tests/svcwait.py" "$VAR/state/tally.db" "$1" state \
	    "$2" "${3:-300}" 2> "$VAR/wait.err" || _rc=$?
	curl -sS -o "$VAR/job.out" "$BASE/api/jobs/$1" || true
	[ "$_rc" -eq 0 ] ||
	    fail "$(cat "$VAR/wait.err"): $(cat "$VAR/job.out")"
}

# wait_runner ID: wait until job ID runs with its runner's pid recorded
# in the store, and print that pid.
wait_runner() {
	python3 "$top_srcdir/tests/svcwait.py" "$VAR/state/tally.db" "$1" runner \
	    300 2> "$VAR/wait.err" || fail "$(cat "$VAR/wait.err")"
}

# The runner process of job ID, if it is running and alive.
runner_pid() {
	_p=$(sqlite3 -cmd '.timeout 5000' "$VAR/state/tally.db" \
	    "SELECT pid FROM jobs WHERE id='$1' AND state='running' AND pid>0")
	[ -n "$_p" ] && alive "$_p" && echo "$_p"
	return 0
}

# gone PID: wait until the process has exited.  A runner frees its job's
# lock as its descriptors close, a moment before the kernel marks it a
# zombie, so a cancel's answer may come while it still shows as running.
# The bound only keeps a broken stop from hanging the test.
gone() {
	_g=0
	while alive "$1"; do
		[ $_g -lt 3000 ] || return 1
		sleep 0.01
		_g=$((_g + 1))
	done
}

# alive PID: the process exists and is not a zombie (init may be slow to
# reap detached runners).
alive() {
	[ -r "/proc/$1/stat" ] || return 1
	_st=$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)
	[ "$_st" != Z ] && [ "$_st" != X ]
}

# sql QUERY: run one read-only query on the job store, from one process.
sql() {
	sqlite3 -cmd '.timeout 5000' "$VAR/state/tally.db" "$1"
}

# runner_of ID: wait for job ID's runner to record its pid in the store (an
# event, not a delay) and print it.
runner_of() {
	_i=0
	while [ $_i -lt 3000 ]; do
		_p=$(sql "SELECT pid FROM jobs WHERE id='$1' AND state='running' AND pid>0")
		[ -n "$_p" ] && { echo "$_p"; return 0; }
		case "$(sql "SELECT state FROM jobs WHERE id='$1'")" in
		done|failed|cancelled)
			fail "job $1 ended before its runner was seen" ;;
		esac
		sleep 0.02
		_i=$((_i + 1))
	done
	fail "job $1 never recorded a runner"
}

# hold_runner ID: wait for job ID's runner to record its pid in the store
# (an event, not a delay), stop it with SIGSTOP so it stays in place, and
# print the pid.  SIGCONT lets it go on.  One process polls and stops it
# at once (tests/svcwait.py).
hold_runner() {
	python3 "$top_srcdir/tests/svcwait.py" "$VAR/state/tally.db" "$1" hold \
	    300 2> "$VAR/wait.err" || fail "$(cat "$VAR/wait.err")"
}

# hold_next_start; upload ...; hold_next_wait; set -- $HELD: SIGSTOP the
# runner of the next job to start, whenever it starts, even before the
# upload answers.  hold_next_wait sets HELD to "ID PID", in the test's own
# shell, so that its fail ends the test.  The watcher runs in a subshell,
# which the test's shell could wait(1) for but not tell apart from a
# zombie while waiting for hold.ready, so it leaves its exit status in
# hold.rc, renamed into place once its output is complete, and that is
# waited on.  A job that ends before its runner is seen (too short to
# hold) is the watcher's second event: it fails at once, saying so.
hold_next_start() {
	rm -f "$VAR/hold.ready" "$VAR/hold.rc"
	# The status is taken with ||: under set -e a failing watcher
	# would end the subshell before it wrote hold.rc.
	(
		_rc=0
		python3 "$top_srcdir/tests/svcwait.py" "$VAR/state/tally.db" - \
		    hold-next 300 "$VAR/hold.ready" > "$VAR/hold.out" \
		    2> "$VAR/hold.err" || _rc=$?
		echo $_rc > "$VAR/hold.rc.tmp" && mv "$VAR/hold.rc.tmp" "$VAR/hold.rc"
	) &
	_i=0
	until [ -e "$VAR/hold.ready" ]; do
		[ ! -e "$VAR/hold.rc" ] ||
		    fail "the hold watcher died: $(cat "$VAR/hold.err")"
		[ $_i -lt 30000 ] || fail "the hold watcher never started"
		sleep 0.01
		_i=$((_i + 1))
	done
}
hold_next_wait() {
	# The watcher's own limit (300 s) ends it first.
	_i=0
	until [ -e "$VAR/hold.rc" ]; do
		[ $_i -lt 40000 ] || fail "the hold watcher never ended"
		sleep 0.01
		_i=$((_i + 1))
	done
	[ "$(cat "$VAR/hold.rc")" = 0 ] ||
	    fail "hold_next_wait: $(cat "$VAR/hold.err")"
	HELD=$(cat "$VAR/hold.out")
}

# wait_up: wait until the API answers again (after a restart).
wait_up() {
	_i=0
	until curl -fsS -o /dev/null "$BASE/api/health" 2>/dev/null; do
		[ $_i -lt 3000 ] || fail "the service did not come back"
		sleep 0.02
		_i=$((_i + 1))
	done
}
