# The few shell helpers every stack test needs, whether it runs one node
# (tests/service.sh) or a cluster (tests/cluster.sh), which source this.

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# json FILE EXPR: print a Python expression over the parsed JSON (as j).
json() {
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print("" if v is None else (json.dumps(v) if isinstance(v,(dict,list,bool)) else v))' "$1" "$2"
}

# kill_runners DIR: SIGKILL every runner whose database lies under DIR
# (runners are detached, and SIGKILL ends one held with SIGSTOP too).  A
# runner that finishes may start the next job meanwhile: repeat until none
# is left, a bounded number of times.
kill_runners() {
	_k=0
	while pkill -KILL -f "tally job --db $1/" 2>/dev/null &&
	    [ $_k -lt 100 ]; do
		sleep 0.05
		_k=$((_k + 1))
	done
}

# need_promtool: set PROMTOOL to the promtool ./setup put in tests/tools
# (under make distcheck, the one of the tree it was made from, or one on
# PATH); without one the test is skipped, since only the tool is missing.
need_promtool() {
	PROMTOOL=${PROMTOOL:-$top_srcdir/tests/tools/promtool}
	[ -x "$PROMTOOL" ] || [ -z "${PEER_MODULES:-}" ] ||
	    PROMTOOL=$(dirname "$(dirname "$PEER_MODULES")")/tools/promtool
	[ -x "$PROMTOOL" ] || PROMTOOL=$(command -v promtool || true)
	[ -n "$PROMTOOL" ] ||
	    { echo "promtool missing: run ./setup" >&2; exit 77; }
}

# hold_watch DB LIMIT DIR: start tests/svcwait.py hold-next on the store
# DB (LIMIT seconds at most; "ID PID" to DIR/hold.out, why not to
# DIR/hold.err) and wait until it watches (DIR/hold.ready).  HOLD_WATCHER
# is its pid, to wait(1) for.  A watcher that died is a zombie until
# waited for, which kill -0 still finds: its state tells.
hold_watch() {
	rm -f "$3/hold.ready"
	python3 "$top_srcdir/tests/svcwait.py" "$1" - hold-next "$2" \
	    "$3/hold.ready" >"$3/hold.out" 2>"$3/hold.err" &
	HOLD_WATCHER=$!
	_i=0
	until [ -e "$3/hold.ready" ]; do
		[ "$(cut -d' ' -f3 "/proc/$HOLD_WATCHER/stat" 2>/dev/null)" \
		    != Z ] && kill -0 "$HOLD_WATCHER" 2>/dev/null ||
		    fail "the hold watcher died: $(cat "$3/hold.err")"
		[ $_i -lt 30000 ] || fail "the hold watcher never started"
		sleep 0.01
		_i=$((_i + 1))
	done
}
