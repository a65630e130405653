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
