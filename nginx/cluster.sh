# A cluster on loopback for `make run-cluster` and the tests: NODES tally
# stacks (nginx/stack.sh), node i on port PORT+i (or the i-th of
# CLUSTER_NODE_PORTS, a space-separated list) with its data in
# VAR/node<i>, and a front nginx (nginx/front.conf.in) on PORT.  Every node
# knows the others (--peer) and trusts the front's X-Real-IP; all share one
# keys file, so a key and an owner cookie work on every node.  Source it
# (after stack.sh's variables: TALLY, TALLY_FCGI, NGINX_BIN, SRCDIR), then:
#
#	cluster_start VAR PORT NODES
#	cluster_stop_node I	# stop node I (cluster_kill_node I: kill -9)
#	cluster_start_node I	# start it again
#	cluster_stop
#
# CLUSTER_KEY holds the shared API key (also in VAR/local.key).

. "$SRCDIR/nginx/stack.sh"

# cluster_node_port I: node I's port.
cluster_node_port() {
	if [ -n "${CLUSTER_NODE_PORTS:-}" ]; then
		set -- $1 $CLUSTER_NODE_PORTS
		shift "$1"
		echo "$1"
	else
		echo $((CLUSTER_PORT + $1))
	fi
}

# cluster_render_front VAR PORT NODES: the front's config in VAR/front.
cluster_render_front() {
	_v=$1/front _p=$2 _n=$3
	mkdir -p "$_v/logs" "$_v/tmp"
	: > "$_v/nodes.conf"
	: > "$_v/node-map.conf"
	{
		echo "upstream tally_nodes {"
		echo "	least_conn;"
		_i=1
		while [ $_i -le "$_n" ]; do
			echo "	server 127.0.0.1:$(cluster_node_port $_i) max_fails=1 fail_timeout=10s;"
			_i=$((_i + 1))
		done
		echo "}"
		_i=1
		while [ $_i -le "$_n" ]; do
			printf 'upstream tally_node_%02x {\n' $_i
			echo "	server 127.0.0.1:$(cluster_node_port $_i);"
			echo "}"
			_i=$((_i + 1))
		done
	} > "$_v/nodes.conf"
	_i=1
	while [ $_i -le "$_n" ]; do
		printf '"~^/(api/jobs|jobs|job)/%02x[0-9a-f]{32}(/|$)"\ttally_node_%02x;\n' \
		    $_i $_i >> "$_v/node-map.conf"
		_i=$((_i + 1))
	done
	# Started as root, the front's workers are the stack's user too.
	stack_user
	_user=""
	[ -n "$STACK_USER" ] && _user="user $STACK_USER $STACK_GROUP;"
	sed -e "s|@USER@|$_user|" -e "s|@VAR@|$_v|g" \
	    -e "s|@LISTEN@|127.0.0.1:$_p|g" -e "s|@PORT@|$_p|g" \
	    -e "s|@MAXBODY@|${MAXBODY:-21474836480}|g" \
	    -e "s|@WORKER_CONNECTIONS@|${WORKER_CONNECTIONS:-4096}|g" \
	    "$SRCDIR/nginx/front.conf.in" > "$_v/nginx.conf"
}

# cluster_start_node I: start node I of the cluster cluster_start made.
cluster_start_node() {
	_i=$1 _peers="" _j=1
	while [ $_j -le "$CLUSTER_NODES" ]; do
		[ $_j -ne "$_i" ] &&
		    _peers="$_peers $_j=http://127.0.0.1:$(cluster_node_port $_j)"
		_j=$((_j + 1))
	done
	mkdir -p "$CLUSTER_VAR/node$_i"
	cp "$CLUSTER_VAR/keys" "$CLUSTER_VAR/local.key" "$CLUSTER_VAR/node$_i/"
	NODE=$_i PEERS=$_peers REAL_IP_FROM=127.0.0.1 \
	    stack_start "$CLUSTER_VAR/node$_i" "$(cluster_node_port "$_i")" ||
	    return 1
	eval "CLUSTER_FCGI_$_i=\$STACK_FCGI_PID CLUSTER_NGINX_$_i=\$STACK_NGINX_PID"
	STACK_FCGI_PID="" STACK_NGINX_PID=""
}

# cluster_stop_node I: stop node I's nginx and tally-fcgi gently.
cluster_stop_node() {
	eval "STACK_FCGI_PID=\${CLUSTER_FCGI_$1:-} STACK_NGINX_PID=\${CLUSTER_NGINX_$1:-}"
	stack_stop
	eval "CLUSTER_FCGI_$1='' CLUSTER_NGINX_$1=''"
}

# cluster_kill_node I: kill -9 every process of node I (nginx master and
# workers, tally-fcgi master and workers, runners), as a crash would.
cluster_kill_node() {
	eval "_f=\${CLUSTER_FCGI_$1:-} _g=\${CLUSTER_NGINX_$1:-}"
	# nginx's workers do not name the folder in their command line, and
	# a live master would replace them: stop it, kill them, kill it.
	if [ -n "$_g" ]; then
		kill -STOP "$_g" 2>/dev/null
		pkill -KILL -P "$_g" 2>/dev/null
		kill -KILL "$_g" 2>/dev/null
	fi
	pkill -KILL -f "$CLUSTER_VAR/node$1/" 2>/dev/null || true
	for _pid in $_f $_g; do
		wait "$_pid" 2>/dev/null || true
	done
	eval "CLUSTER_FCGI_$1='' CLUSTER_NGINX_$1=''"
}

cluster_start() {
	CLUSTER_VAR=$1 CLUSTER_PORT=$2 CLUSTER_NODES=$3
	mkdir -p "$CLUSTER_VAR"
	if [ ! -s "$CLUSTER_VAR/local.key" ]; then
		(umask 077 && "$TALLY_FCGI" --keys "$CLUSTER_VAR/keys" key add \
		    "local-$(date +%s)-$$" > "$CLUSTER_VAR/local.key" \
		    2>/dev/null) || return 1
	fi
	CLUSTER_KEY=$(cat "$CLUSTER_VAR/local.key")
	_k=1
	while [ $_k -le "$CLUSTER_NODES" ]; do
		cluster_start_node $_k || { cluster_stop; return 1; }
		_k=$((_k + 1))
	done
	cluster_render_front "$CLUSTER_VAR" "$CLUSTER_PORT" "$CLUSTER_NODES"
	"$NGINX_BIN" -p "$CLUSTER_VAR/front" -c "$CLUSTER_VAR/front/nginx.conf" \
	    -e "$CLUSTER_VAR/front/logs/error.log" &
	CLUSTER_FRONT_PID=$!
	_k=0
	while [ $_k -lt 1200 ]; do
		curl -fsS -o /dev/null "http://127.0.0.1:$CLUSTER_PORT/api/health" \
		    2>/dev/null && return 0
		stack_alive "$CLUSTER_FRONT_PID" || break
		sleep 0.05
		_k=$((_k + 1))
	done
	echo "cluster: the front did not come up on port $CLUSTER_PORT" >&2
	cat "$CLUSTER_VAR/front/logs/error.log" >&2 2>/dev/null
	cluster_stop
	return 1
}

cluster_stop() {
	if [ -n "${CLUSTER_FRONT_PID:-}" ]; then
		stack_reap "$CLUSTER_FRONT_PID" QUIT
		CLUSTER_FRONT_PID=""
	fi
	_k=1
	while [ $_k -le "${CLUSTER_NODES:-0}" ]; do
		cluster_stop_node $_k
		_k=$((_k + 1))
	done
}
