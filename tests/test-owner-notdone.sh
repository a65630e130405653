#!/bin/sh
# nginx serves a job's result only while the job is done, even to its
# owner and even though the file is on disk: the download check reads the
# state.  Here a done job's record is set to failed behind the service's
# back; its result.csv is then a 404, while rejects.csv (kept for failed
# jobs) is still served; set to cancelled, nothing is.
name=owner-notdone
. "$top_srcdir/tests/service.sh"
svc_start

printf 'department,number_of_sales\nA,1\nB,x\n' > "$VAR/s.csv"
id=$(upload "$VAR/s.csv")
wait_state "$id" done
[ "$(req GET "/jobs/$id/result.csv")" = 200 ] || fail "done: result.csv"
sql "UPDATE jobs SET state = 'failed' WHERE id = '$id'" > /dev/null
[ -f "$VAR/jobs/$id/result.csv" ] || fail "the result file is gone"
[ "$(req GET "/jobs/$id/result.csv")" = 404 ] ||
    fail "a failed job's result.csv was served"
[ "$(req GET "/jobs/$id/result.parquet")" = 404 ] ||
    fail "a failed job's result.parquet was served"
[ "$(req GET "/jobs/$id/rejects.csv")" = 200 ] ||
    fail "a failed job's rejects.csv"
# Cancelled is neither: nothing is served.
sql "UPDATE jobs SET state = 'cancelled' WHERE id = '$id'" > /dev/null
[ "$(req GET "/jobs/$id/rejects.csv")" = 404 ] ||
    fail "a cancelled job's rejects.csv was served"
