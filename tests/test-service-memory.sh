#!/bin/sh
# The per-job memory budget and the result cap in the service: with
# --max-job-memory 1M a job with many distinct keys fails with the sentence
# naming the budget, its groups so far and the option; one that fits is
# done.  With --max-result-size 64K a job whose results are larger fails
# with a sentence and leaves no result file.
name=memory
MAX_JOB_MEMORY=1M
MAX_RESULT_SIZE=64K
. "$top_srcdir/tests/service.sh"
svc_start

"$GEN" -n 40000 -g 40000 -s 3 -o "$VAR/many.csv"
"$GEN" -n 2000 -s 3 -o "$VAR/few.csv" -t "$VAR/few-truth.csv"

a=$(upload "$VAR/many.csv" 'group_by=id')
wait_state "$a" failed 60
msg=$(json "$VAR/job.out" 'j["error"]')
echo "$msg" | grep -Eq '^the job needs more than 1 MiB of memory for its groups \([0-9]+ groups so far\); raise --max-job-memory$' ||
    fail "error of a job over its budget: $msg"
[ "$(req GET "/jobs/$a/result.csv")" = 404 ] || fail "a failed job has a result"

b=$(upload "$VAR/few.csv")
wait_state "$b" done 60
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$b/result.csv"
cmp "$VAR/few-truth.csv" "$VAR/r.csv" || fail "totals under a budget differ"

# 3,000 groups of about 30 bytes: over 64 KiB of result.csv.
"$GEN" -n 3000 -g 3000 -s 4 -o "$VAR/wide.csv"
c=$(upload "$VAR/wide.csv" 'group_by=id')
wait_state "$c" failed 60
msg=$(json "$VAR/job.out" 'j["error"]')
case "$msg" in "the results of the job are larger than 64 KiB (3000 groups); raise --max-result-size") ;;
*) fail "error of a job over the result cap: $msg" ;; esac
ls "$VAR/jobs/$c" 2>/dev/null | grep -q result && fail "result files left: $(ls "$VAR/jobs/$c")"
exit 0
