#!/bin/sh
# Bad rows through the service: by default the job is done, with the bad
# rows counted and sampled (line, column, value, reason); with strict=true
# it fails with a message naming the line, column and value.
name=badrows
. "$top_srcdir/tests/service.sh"
svc_start

printf 'department,number_of_sales\nToys,3\nToys,abc\nBooks,"1,5"\nBooks,2\nToys\n' \
    > "$VAR/bad.csv"
id=$(upload "$VAR/bad.csv")
wait_state "$id" done
[ "$(json "$VAR/job.out" 'j["metrics"]["rows"]')" = 5 ] || fail "rows"
[ "$(json "$VAR/job.out" 'j["metrics"]["rejected"]')" = 3 ] || fail "rejected"
[ "$(json "$VAR/job.out" 'len(j["rejected_samples"])')" = 3 ] ||
    fail "samples"
[ "$(json "$VAR/job.out" 'j["rejected_samples"][0]')" = \
    '{"line": 3, "column": 2, "column_name": "number_of_sales", "value": "abc", "reason": "not a number"}' ] ||
    fail "first sample: $(json "$VAR/job.out" 'j["rejected_samples"][0]')"
[ "$(json "$VAR/job.out" 'j["rejected_samples"][1]["reason"]')" = \
    "a decimal comma is read only when asked for (--decimal-comma, API decimal=comma)" ] ||
    fail "second sample: $(json "$VAR/job.out" 'j["rejected_samples"][1]')"
[ "$(json "$VAR/job.out" 'j["rejected_samples"][2]["line"]')" = 6 ] ||
    fail "ragged row line"
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$id/result.csv"
printf 'department,sum_number_of_sales\nBooks,2\nToys,3\n' | cmp - "$VAR/r.csv" ||
    fail "totals of the good rows"

id=$(upload "$VAR/bad.csv" strict=true)
wait_state "$id" failed
msg=$(json "$VAR/job.out" 'j["error"]')
[ "$msg" = 'line 3, column 2 (number_of_sales), value "abc": not a number; the rejected rows are in rejects.csv' ] ||
    fail "strict message: $msg"
[ "$(json "$VAR/job.out" 'j["result_urls"]')" = "" ] ||
    fail "a failed job offers results"
[ "$(req GET "/jobs/$id/result.csv")" = 404 ] || fail "failed job has a result"
