# Helpers of the cluster tests (tests/test-cluster-*.sh): three tally
# nodes and a front nginx on loopback ports from the kernel, in
# tests/tmp/cl-$name, stopped (and their runners killed) on exit.  Source
# it after setting name.  Uploads and reads go through the front ($BASE);
# a node's own port is NODE_PORT_i.
set -eu
: "${name:?set name before sourcing cluster.sh}"
VAR="$top_builddir/tests/tmp/cl-$name"
rm -rf "$VAR"
mkdir -p "$VAR"
. "$SRCDIR/nginx/cluster.sh"
. "$top_srcdir/tests/testlib.sh"
NODES=3
PORT=$(stack_port)
CLUSTER_NODE_PORTS="$(stack_port) $(stack_port) $(stack_port)"
set -- $CLUSTER_NODE_PORTS
NODE_PORT_1=$1 NODE_PORT_2=$2 NODE_PORT_3=$3
BASE="http://127.0.0.1:$PORT"
# One client address sends everything here: room for the bursts.
UPLOAD_BURST=200
API_BURST=2000
export UPLOAD_BURST API_BURST

cl_cleanup() {
	rc=$?
	set +e
	cluster_stop
	kill_runners "$VAR"
	if [ "$rc" -ne 0 ]; then
		echo "--- why the test failed ($name) ---" >&2
		for _f in "$VAR/up.out" "$VAR/body.out"; do
			[ -s "$_f" ] && { echo "== $_f"; cat "$_f"; echo; } >&2
		done
		tail -n 20 "$VAR"/front/logs/error.log "$VAR"/node*/logs/*.log \
		    >&2 2>/dev/null
	else
		rm -rf "$VAR"
	fi
	exit "$rc"
}
trap cl_cleanup EXIT
trap 'exit 1' INT TERM

cl_start() {
	cluster_start "$VAR" "$PORT" "$NODES" || fail "the cluster did not start"
	printf 'header = "Authorization: Bearer %s"\n' "$CLUSTER_KEY" \
	    > "$VAR/.curlrc"
	CURL_HOME=$VAR
	export CURL_HOME
}

# node_of ID: the node number an id names (its first two hex digits).
node_of() {
	echo $((0x$(echo "$1" | cut -c1-2)))
}

# wait_state ID STATE: wait on the job's record in its node's store.
wait_state() {
	python3 "$top_srcdir/tests/svcwait.py" \
	    "$VAR/node$(node_of "$1")/state/tally.db" "$1" state "$2" 300 \
	    2> "$VAR/wait.err" || fail "$1: $(cat "$VAR/wait.err")"
}
