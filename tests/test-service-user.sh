#!/bin/sh
# Least privilege, against the real stack started as root (as CI runs):
# nginx's workers, tally-fcgi's master and workers and a job's runner all
# run with a non-zero uid and gid in every slot, no supplementary group
# (nginx's: only their own group) and no capability, read from /proc/PID/status while the runner is held
# in place with SIGSTOP; the job still ends done with exact totals and
# its result downloads.  tally-fcgi refuses, with a sentence naming the
# path, a database folder its user cannot write.  Run as another user
# there is no drop to check: skipped.
name=user
# Runners read at 2 MB/s: the held job cannot end before its runner is
# seen and stopped, however loaded the machine.
MAX_JOB_MBPS=2
[ "$(id -u)" -eq 0 ] || { echo "SKIP: not root, nothing to drop"; exit 77; }
. "$top_srcdir/tests/service.sh"
svc_start
[ -n "$STACK_USER" ] || fail "stack.sh chose no user as root"

# unprivileged WHAT PID [GROUPS]: the process's ids are all non-zero, its
# supplementary groups are GROUPS (none by default) and it has no
# effective capabilities.  nginx's workers call initgroups(), which lists
# the worker's own group once: that adds nothing.
unprivileged() {
	_s=/proc/$2/status
	[ -r "$_s" ] || fail "$1 (pid $2) is gone"
	_uid=$(awk '/^Uid:/ { print $2, $3, $4, $5 }' "$_s")
	_gid=$(awk '/^Gid:/ { print $2, $3, $4, $5 }' "$_s")
	_groups=$(awk '/^Groups:/ { $1 = ""; print }' "$_s" | tr -d ' ')
	_cap=$(awk '/^CapEff:/ { print $2 }' "$_s")
	for _id in $_uid $_gid; do
		[ "$_id" -ne 0 ] || fail "$1 (pid $2) runs as uid $_uid, gid $_gid"
	done
	[ "$_uid" = "$(id -u "$STACK_USER") $(id -u "$STACK_USER") $(id -u "$STACK_USER") $(id -u "$STACK_USER")" ] ||
	    fail "$1 (pid $2) is uid $_uid, not $STACK_USER"
	[ "$_groups" = "${3:-}" ] || fail "$1 (pid $2) keeps groups $_groups"
	[ "$_cap" = 0000000000000000 ] || fail "$1 (pid $2) keeps capabilities $_cap"
	checked=$((checked + 1))
}
checked=0

"$GEN" -n 20000 -s 7 -o "$VAR/s.csv" -t "$VAR/truth.csv"
hold_next_start
a=$(upload "$VAR/s.csv")
hold_next_wait; set -- $HELD
[ "$1" = "$a" ] || fail "held job $1, not $a"
runner=$2
unprivileged runner "$runner"
[ "$(awk '/^NoNewPrivs:/ { print $2 }' "/proc/$runner/status")" = 1 ] ||
    fail "the runner may gain privileges"

unprivileged "tally-fcgi master" "$STACK_FCGI_PID"
for p in $(ps -o pid= --ppid "$STACK_FCGI_PID"); do
	unprivileged "tally-fcgi worker" "$p"
done
n=$checked
for p in $(ps -o pid= --ppid "$STACK_NGINX_PID"); do
	unprivileged "nginx worker" "$p" "$(id -g "$STACK_USER")"
done
[ "$checked" -ge $((n + 2)) ] || fail "no nginx workers seen"
[ "$n" -ge 3 ] || fail "no tally-fcgi workers seen"

kill -CONT "$runner"
wait_state "$a" done 120
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$a/result.csv"
cmp "$VAR/truth.csv" "$VAR/r.csv" || fail "totals differ"
[ "$(stat -c %U "$VAR/state/tally.db")" = "$STACK_USER" ] ||
    fail "the database is not $STACK_USER's"

# A database folder the user cannot write: refused, with the reason.
mkdir -m 0700 "$VAR/rootonly"
rc=0
"$TALLY_FCGI" --socket "$VAR/rootonly/x.sock" --db "$VAR/rootonly/x.db" \
    --jobs "$VAR/jobs" --body-temp "$VAR/body" --tally "$TALLY" \
    2> "$VAR/e.out" || rc=$?
[ "$rc" -eq 1 ] || fail "a root-only database folder gave exit $rc"
grep -q "the database folder $VAR/rootonly is not usable by user $STACK_USER" \
    "$VAR/e.out" || fail "no reason given: $(cat "$VAR/e.out")"
[ ! -e "$VAR/rootonly/x.db" ] || fail "a database was made as root"
