#!/bin/sh
# tally-fcgi --help documents every option of fcgi/main.c's table, each
# with its default (a "[...]" on its entry), on standard output with
# status 0; the shipped deploy/tally-fcgi.conf names only real options;
# and a daemon started from a --config file serves, with the command
# line winning over the file (--workers 5 over the file's workers 3).
set -eu
tmp="$top_builddir/tests/tmp/fcgi-config"
rm -rf "$tmp" && mkdir -p "$tmp"
pid=""
cleanup() {
	rc=$?
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ "$rc" -eq 0 ] && rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
	echo "test-fcgi-config: $*" >&2
	[ -f "$tmp/log" ] && cat "$tmp/log" >&2
	exit 1
}

"$TALLY_FCGI" --help >"$tmp/help.txt" || fail "--help exited non-zero"
longs=$(sed -n '/longopts\[\] = {/,/{ NULL/ s/^[[:space:]]*{ "\([a-z-]*\)",.*/\1/p' \
    "$top_srcdir/fcgi/main.c")
[ "$(echo "$longs" | wc -w)" -ge 20 ] || fail "too few options found in main.c"
for o in $longs; do
	grep -q -e "--$o\\b" "$tmp/help.txt" || fail "--help lacks --$o"
	case $o in
	help|admin|socket|db|jobs|body-temp) continue ;;
	esac
	# The option's entry (its line and the next two) gives a default.
	grep -A2 -e "^  --$o\\b" "$tmp/help.txt" | grep -q '\[' ||
	    fail "--help gives no default for --$o"
done

# Every option the shipped file names, commented out or not, exists.
for o in $(sed -n 's/^#\{0,1\}\([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p' \
    "$top_srcdir/deploy/tally-fcgi.conf"); do
	echo "$longs" | grep -qx -- "$o" ||
	    fail "deploy/tally-fcgi.conf names an unknown option $o"
done

# Started as root, tally-fcgi becomes tally (or nobody) once its socket is
# bound, and its database folder must be that user's.
if [ "$(id -u)" -eq 0 ]; then
	u=nobody
	id -u tally >/dev/null 2>&1 && u=tally
	chown "$u" "$tmp"
fi
cat >"$tmp/tally-fcgi.conf" <<CONF
# a test's options
socket $tmp/tally.sock
db $tmp/tally.db
jobs $tmp/jobs
body-temp $tmp/body
workers 3
tally $TALLY
CONF
"$TALLY_FCGI" --config "$tmp/tally-fcgi.conf" --workers 5 \
    --log "$tmp/log" &
pid=$!
i=0
until grep -q "workers on" "$tmp/log" 2>/dev/null; do
	kill -0 "$pid" 2>/dev/null || fail "tally-fcgi exited"
	[ $i -lt 600 ] || fail "tally-fcgi did not start"
	i=$((i + 1))
	sleep 0.05
done
grep -q "5 workers on $tmp/tally.sock" "$tmp/log" ||
    fail "the command line's --workers 5 did not win"
# Its log lines: time, level, program, pid, then the quoted message.
grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z level=info prog=tally-fcgi pid=[0-9]+ msg="5 workers on ' "$tmp/log" ||
    fail "the start-up log line: $(cat "$tmp/log")"
[ -S "$tmp/tally.sock" ] || fail "no socket"
[ -f "$tmp/tally.db" ] || fail "no database"
kill "$pid"
wait "$pid" || fail "tally-fcgi exited with $? on SIGTERM"
pid=""

# A bad file stops it at once, naming the line.
printf 'socket %s\nworker 3\n' "$tmp/s" >"$tmp/bad.conf"
if "$TALLY_FCGI" --config "$tmp/bad.conf" 2>"$tmp/err"; then
	fail "a bad --config file was accepted"
fi
grep -q 'bad.conf:2: unknown option "worker"' "$tmp/err" ||
    fail "the error does not name the line: $(cat "$tmp/err")"
echo "test-fcgi-config: ok"
