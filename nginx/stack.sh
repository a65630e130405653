# The tally stack for `make run` and the shell tests: render nginx's config
# into a run folder, start tally-fcgi and nginx on a loopback port, wait
# until the API answers, and stop both again.  Source it, then:
#
#	stack_start VAR PORT	# VAR: an absolute run folder
#	stack_stop
#
# It needs these variables: TALLY (the tally binary), TALLY_FCGI, NGINX_BIN,
# SRCDIR (the source tree).  Optional: MAXBODY (bytes), WORKERS,
# MAX_RUNNING, MAX_QUEUED, MAX_QUEUED_PER_OWNER, MIN_FREE, KEEP_INPUT=1,
# MAX_JOB_MBPS, MAX_JOB_MEMORY (a size: 64M), MAX_RESULT_SIZE, KEEP_DAYS,
# UPLOAD_GRACE (seconds), EXTRA_NGINX_CONF (directives added to the server
# block); for a node of a cluster (nginx/cluster.sh): NODE (its number),
# PEERS (--peer values, space-separated), REAL_IP_FROM (the front's
# addresses, space-separated: their X-Real-IP names the client).
#
# nginx's limits, per client address unless said otherwise, with defaults:
#	UPLOAD_RATE=2r/s UPLOAD_BURST=20	uploads (POST/PUT /api/jobs)
#	API_RATE=30r/s API_BURST=120		every other API call, the job
#						page and result downloads
#	CONN_PER_ADDR=32			requests in flight at once
#	WORKER_CONNECTIONS=4096			per nginx worker (2 workers)
#	HEADER_TIMEOUT=10s BODY_TIMEOUT=60s	a silent client is dropped
#	KEEPALIVE_TIMEOUT=15s SEND_TIMEOUT=60s
#
# stack_start also makes an API key for the local user, once per run
# folder: its name is "local-<time>-<pid>", its hash is in VAR/keys (the
# file --keys reads) and the key itself in VAR/local.key (mode 0600), for
# the curl examples; STACK_KEY holds it.
#
# Started as root, nothing of the stack parses a request as root: nginx's
# workers and tally-fcgi (which binds its socket, then drops root) run as
# STACK_USER, "tally" if that user exists and "nobody" otherwise (its
# primary group, no supplementary groups), and runners inherit that.  The
# service's own folders are given to that user: VAR/state (the database
# and the socket), VAR/jobs, VAR/body (nginx's body temp folder, which
# both use), and the keys file and tally-fcgi's log.  The rest of VAR
# (nginx's config, its logs, the key) stays root's.  STACK_DB is the
# database's path.

# stack_user: set STACK_USER and STACK_GROUP, the unprivileged user and
# group of the stack's processes when started as root (empty otherwise).
stack_user() {
	STACK_USER="" STACK_GROUP=""
	[ "$(id -u)" -eq 0 ] || return 0
	STACK_USER=nobody
	id -u tally >/dev/null 2>&1 && STACK_USER=tally
	STACK_GROUP=$(id -gn "$STACK_USER")
}

stack_render() {
	var=$1 port=$2
	user=""
	[ -n "$STACK_USER" ] && user="user $STACK_USER $STACK_GROUP;"
	realip=""
	for a in ${REAL_IP_FROM:-}; do
		realip="$realip set_real_ip_from $a;"
	done
	[ -n "$realip" ] && realip="$realip real_ip_header X-Real-IP;"
	sed -e "s|@USER@|$user|" -e "s|@VAR@|$var|g" -e "s|@PORT@|$port|g" \
	    -e "s|@REALIP@|$realip|" \
	    -e "s|@WWW@|$SRCDIR/www|g" -e "s|@SOCKET@|$var/state/tally.sock|g" \
	    -e "s|@MAXBODY@|${MAXBODY:-21474836480}|g" \
	    -e "s|@UPLOAD_RATE@|${UPLOAD_RATE:-2r/s}|g" \
	    -e "s|@UPLOAD_BURST@|${UPLOAD_BURST:-20}|g" \
	    -e "s|@API_RATE@|${API_RATE:-30r/s}|g" \
	    -e "s|@API_BURST@|${API_BURST:-120}|g" \
	    -e "s|@CONN_PER_ADDR@|${CONN_PER_ADDR:-32}|g" \
	    -e "s|@WORKER_CONNECTIONS@|${WORKER_CONNECTIONS:-4096}|g" \
	    -e "s|@WORKER_NOFILE@|$(( ${WORKER_CONNECTIONS:-4096} * 2 ))|g" \
	    -e "s|@HEADER_TIMEOUT@|${HEADER_TIMEOUT:-10s}|g" \
	    -e "s|@BODY_TIMEOUT@|${BODY_TIMEOUT:-60s}|g" \
	    -e "s|@KEEPALIVE_TIMEOUT@|${KEEPALIVE_TIMEOUT:-15s}|g" \
	    -e "s|@SEND_TIMEOUT@|${SEND_TIMEOUT:-60s}|g" \
	    "$SRCDIR/nginx/tally.conf.in" > "$var/nginx.conf"
	cp "$SRCDIR/nginx/fastcgi.conf" "$var/fastcgi.conf"
	printf '%s\n' "${EXTRA_NGINX_CONF:-}" > "$var/extra.conf"
}

stack_start() {
	STACK_VAR=$1 STACK_PORT=$2
	STACK_DB=$STACK_VAR/state/tally.db
	stack_user
	mkdir -p "$STACK_VAR/logs" "$STACK_VAR/body" "$STACK_VAR/jobs" \
	    "$STACK_VAR/tmp" "$STACK_VAR/state"
	# A run folder from before state/ existed keeps its jobs; the old
	# path stays, a link that SQLite follows (its -wal goes beside the
	# real file), for scripts that read the store there.
	if [ -f "$STACK_VAR/tally.db" ] && [ ! -L "$STACK_VAR/tally.db" ] &&
	    [ ! -e "$STACK_VAR/state/tally.db" ]; then
		for _f in tally.db tally.db-wal tally.db-shm; do
			[ ! -e "$STACK_VAR/$_f" ] ||
			    mv "$STACK_VAR/$_f" "$STACK_VAR/state/$_f"
		done
	fi
	[ -e "$STACK_VAR/tally.db" ] || [ -L "$STACK_VAR/tally.db" ] ||
	    ln -s state/tally.db "$STACK_VAR/tally.db"
	stack_render "$STACK_VAR" "$STACK_PORT"
	if [ ! -s "$STACK_VAR/local.key" ]; then
		(umask 077 && "$TALLY_FCGI" --keys "$STACK_VAR/keys" key add \
		    "local-$(date +%s)-$$" > "$STACK_VAR/local.key" \
		    2>/dev/null) || return 1
	fi
	if [ -n "$STACK_USER" ]; then
		chmod 0750 "$STACK_VAR/state"
		chown -R "$STACK_USER:$STACK_GROUP" "$STACK_VAR/state" \
		    "$STACK_VAR/jobs" "$STACK_VAR/body" "$STACK_VAR/keys" ||
		    return 1
		if [ -e "$STACK_VAR/logs/tally.log" ]; then
			chown "$STACK_USER:$STACK_GROUP" \
			    "$STACK_VAR/logs/tally.log" || return 1
		fi
	fi
	STACK_KEY=$(cat "$STACK_VAR/local.key")
	stack_start_fcgi
	"$NGINX_BIN" -p "$STACK_VAR" -c "$STACK_VAR/nginx.conf" \
	    -e "$STACK_VAR/logs/error.log" &
	STACK_NGINX_PID=$!
	# Until the API answers or a process dies; the bound only keeps a
	# broken start from hanging (a loaded machine may take seconds).
	i=0
	while [ $i -lt 1200 ]; do
		if curl -fsS -o /dev/null \
		    "http://127.0.0.1:$STACK_PORT/api/health" 2>/dev/null; then
			return 0
		fi
		if ! stack_alive "$STACK_FCGI_PID" ||
		    ! stack_alive "$STACK_NGINX_PID"; then
			break
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "stack: did not come up on port $STACK_PORT" >&2
	cat "$STACK_VAR/logs/error.log" "$STACK_VAR/logs/tally.log" >&2 \
	    2>/dev/null
	stack_stop
	return 1
}

# stack_alive PID: the process exists and has not exited (a child that
# exited stays a zombie until waited for, and kill -0 still finds it).
stack_alive() {
	[ -r "/proc/$1/stat" ] || return 1
	case "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" in
	Z|X|"") return 1 ;;
	esac
	return 0
}

# stack_reap PID SIGNAL: send SIGNAL, wait for the process to exit (60 s
# at most, then SIGKILL to it and its children), and set STACK_RC to its
# exit status.  Never fails, so a cleanup trap always gets to the end.
stack_reap() {
	kill -"$2" "$1" 2>/dev/null || true
	_n=0
	while stack_alive "$1" && [ $_n -lt 3000 ]; do
		sleep 0.02
		_n=$((_n + 1))
	done
	if stack_alive "$1"; then
		echo "stack: process $1 did not stop on SIG$2; killing it" >&2
		pkill -KILL -P "$1" 2>/dev/null || true
		kill -KILL "$1" 2>/dev/null || true
	fi
	STACK_RC=0
	wait "$1" 2>/dev/null || STACK_RC=$?
}

# Start tally-fcgi alone (stack_start does; so does a restart after
# stack_stop_fcgi), with the options the variables above ask for.
stack_start_fcgi() {
	set -- --socket "$STACK_VAR/state/tally.sock" --db "$STACK_DB" \
	    --jobs "$STACK_VAR/jobs" --body-temp "$STACK_VAR/body" \
	    --tally "$TALLY" --log "$STACK_VAR/logs/tally.log" \
	    --socket-mode 0660 --keys "$STACK_VAR/keys" \
	    --nginx-refusals "$STACK_VAR/logs/refusals.log"
	[ -n "$STACK_USER" ] && set -- "$@" --user "$STACK_USER"
	[ -n "${WORKERS:-}" ] && set -- "$@" --workers "$WORKERS"
	[ -n "${MAX_RUNNING:-}" ] && set -- "$@" --max-running "$MAX_RUNNING"
	[ -n "${MAX_QUEUED:-}" ] && set -- "$@" --max-queued "$MAX_QUEUED"
	[ -n "${MAX_QUEUED_PER_OWNER:-}" ] &&
	    set -- "$@" --max-queued-per-owner "$MAX_QUEUED_PER_OWNER"
	[ -n "${MIN_FREE:-}" ] && set -- "$@" --min-free "$MIN_FREE"
	[ "${KEEP_INPUT:-0}" = 1 ] && set -- "$@" --keep-input
	[ -n "${MAX_JOB_MBPS:-}" ] && set -- "$@" --max-job-mbps "$MAX_JOB_MBPS"
	[ -n "${MAX_JOB_MEMORY:-}" ] &&
	    set -- "$@" --max-job-memory "$MAX_JOB_MEMORY"
	[ -n "${MAX_RESULT_SIZE:-}" ] &&
	    set -- "$@" --max-result-size "$MAX_RESULT_SIZE"
	[ -n "${KEEP_DAYS:-}" ] && set -- "$@" --keep-days "$KEEP_DAYS"
	[ -n "${UPLOAD_GRACE:-}" ] && set -- "$@" --upload-grace "$UPLOAD_GRACE"
	[ -n "${NODE:-}" ] && set -- "$@" --node "$NODE"
	for p in ${PEERS:-}; do
		set -- "$@" --peer "$p"
	done
	"$TALLY_FCGI" "$@" &
	STACK_FCGI_PID=$!
}

# Stop tally-fcgi only (to restart it), waiting for it to exit; its exit
# status is kept in STACK_FCGI_RC (non-zero: it failed, for example a
# sanitizer's leak report at exit).
stack_stop_fcgi() {
	if [ -n "${STACK_FCGI_PID:-}" ]; then
		stack_reap "$STACK_FCGI_PID" TERM
		[ "$STACK_RC" -eq 0 ] || STACK_FCGI_RC=$STACK_RC
		STACK_FCGI_PID=""
	fi
}

stack_stop() {
	stack_stop_fcgi
	if [ -n "${STACK_NGINX_PID:-}" ]; then
		stack_reap "$STACK_NGINX_PID" QUIT
		STACK_NGINX_PID=""
	fi
}

# A free loopback port, at random below the ephemeral range.
stack_port() {
	python3 -c '
import random, socket
# Below the kernel'"'"'s ephemeral range, so that no client socket (a curl,
# an nginx upstream) can take the port between this check and the bind.
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
for _ in range(1000):
	p = random.randrange(10000, max(low, 10001))
	s = socket.socket()
	try:
		s.bind(("127.0.0.1", p))
	except OSError:
		continue
	finally:
		s.close()
	print(p)
	break
else:
	raise SystemExit("no free loopback port below %d" % low)
'
}
