#!/bin/sh
# The per-owner cap on queued jobs is exact under concurrent uploads: with
# one job running (held with SIGSTOP) and a cap of 3, 8 uploads at once
# from one owner give exactly 3 queued jobs and 5 JSON 429s; another owner
# still queues.  The count and the insert are one transaction.
name=owner-queue-cap
MAX_RUNNING=1
MAX_QUEUED_PER_OWNER=3
MAX_JOB_MBPS=1
. "$top_srcdir/tests/service.sh"
svc_start

# The first job reads 4.5 MB at 1 MB/s: its runner is there to be stopped.
"$GEN" -n 50000 -o "$VAR/big.csv"
printf 'department,number_of_sales\nA,1\n' > "$VAR/s.csv"
a=$(upload "$VAR/big.csv")
# Seen in the store and stopped at once, by one process (svcwait.py).
pid=$(hold_runner "$a")
# Killed, not continued, after the daemon stops: a runner that went on
# would start the queued jobs while the folder is being removed.
trap 'rc=$?; stack_stop_fcgi; kill -KILL $pid 2>/dev/null; (exit $rc); svc_cleanup' EXIT
[ "$(req GET "/api/jobs/$a")" = 200 ] || fail "get"
[ "$(json "$VAR/body.out" 'j["state"]')" = running ] ||
    fail "the held job is $(json "$VAR/body.out" 'j["state"]')"

n=0 pids=""
while [ $n -lt 8 ]; do
	curl -sS -o "$VAR/c$n.out" -w '%{http_code}\n' -T "$VAR/s.csv" \
	    "$BASE/api/jobs" > "$VAR/c$n.code" &
	pids="$pids $!"
	n=$((n + 1))
done
for p in $pids; do
	wait "$p"
done
accepted=$(cat "$VAR"/c*.code | grep -c '^202$' || true)
refused=$(cat "$VAR"/c*.code | grep -c '^429$' || true)
[ "$accepted" = 3 ] && [ "$refused" = 5 ] ||
    fail "$accepted accepted and $refused refused, not 3 and 5"
grep -l owner_queue_full "$VAR"/c*.out | wc -l | grep -qx 5 ||
    fail "the 429s are not owner_queue_full"
# Another owner is not held back by this one's share.
code=$(curl -q -sS -o "$VAR/o.out" -w '%{http_code}' -T "$VAR/s.csv" \
    "$BASE/api/jobs")
[ "$code" = 202 ] || fail "another owner gave $code"
