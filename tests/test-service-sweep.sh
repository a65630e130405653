#!/bin/sh
# Leftovers are swept at start-up: a partial upload a dead nginx left in
# the body temp folder and a job folder with no record go once they are
# older than --upload-grace; finished jobs older than --keep-days go,
# record and files.  Cancelled jobs leave no folder behind, failed ones
# only their rejects.csv.
name=sweep
MAX_RUNNING=1
MAX_JOB_MBPS=1
UPLOAD_GRACE=2
. "$top_srcdir/tests/service.sh"

# Before the stack starts: what a crash left, dated 10 s ago.
mkdir -p "$VAR/body" "$VAR/jobs/0123456789abcdef0123456789abcdef"
head -c 100000 /dev/zero > "$VAR/body/0000000017"
echo x > "$VAR/jobs/0123456789abcdef0123456789abcdef/input"
touch -d '-10 seconds' "$VAR/body/0000000017" \
    "$VAR/jobs/0123456789abcdef0123456789abcdef"
# And an upload still in flight: too young to go.
echo y > "$VAR/body/0000000018"
svc_start
[ ! -e "$VAR/body/0000000017" ] || fail "a partial upload was left"
[ -e "$VAR/body/0000000018" ] || fail "an upload in flight was removed"
[ ! -e "$VAR/jobs/0123456789abcdef0123456789abcdef" ] ||
    fail "a folder without a job was left"
rm -f "$VAR/body/0000000018"

# A failed job and a cancelled (queued) one leave no folder.
"$GEN" -n 30000 -s 2 -o "$VAR/s.csv"
printf 'department,number_of_sales\nA,x\n' > "$VAR/bad.csv"
hold_next_start
a=$(upload "$VAR/s.csv")
hold_next_wait; set -- $HELD
[ "$1" = "$a" ] || fail "held job $1, not $a"
f=$(upload "$VAR/bad.csv" 'strict=1')
q=$(upload "$VAR/s.csv")
[ "$(req POST "/api/jobs/$q/cancel")" = 200 ] || fail "cancel queued"
[ ! -e "$VAR/jobs/$q" ] || fail "a cancelled job left $(ls -a "$VAR/jobs/$q")"
[ "$(req POST "/api/jobs/$a/cancel")" = 200 ] || fail "cancel running"
[ ! -e "$VAR/jobs/$a" ] || fail "a cancelled job left $(ls -a "$VAR/jobs/$a")"
wait_state "$f" failed
# A job failed by its rows keeps rejects.csv, which names them, and no more.
[ "$(ls -A "$VAR/jobs/$f")" = rejects.csv ] ||
    fail "a failed job left $(ls -A "$VAR/jobs/$f")"
[ "$(req DELETE "/api/jobs/$f")" = 204 ] || fail "delete failed job"

# Retention: with --keep-days 0 a restart removes every finished job.
printf 'department,number_of_sales\nA,1\n' > "$VAR/small.csv"
d=$(upload "$VAR/small.csv")
wait_state "$d" done
[ -e "$VAR/jobs/$d/result.csv" ] || fail "no result"
stack_stop_fcgi
KEEP_DAYS=0
stack_start_fcgi
wait_up
[ "$(req GET "/api/jobs/$d")" = 404 ] || fail "an expired job is still listed"
[ ! -e "$VAR/jobs/$d" ] || fail "an expired job's folder is left"
[ -z "$(ls "$VAR/jobs")" ] || fail "job folders left: $(ls "$VAR/jobs")"
