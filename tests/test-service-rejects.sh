#!/bin/sh
# Rejected rows through the service: a job done with bad rows says so in
# the API (warnings with the count, rejects_url) and nginx serves every
# bad row at /jobs/ID/rejects.csv as an attachment; a clean job has no
# warning; a strict failure keeps its rejects.csv and points at it; 10,000
# bad rows are all there.
name=service-rejects
. "$top_srcdir/tests/service.sh"
svc_start

rows() {
	python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$1"
}

printf 'department,number_of_sales\nA,1\nB,x\nC\nA,2\nD,1,2\nB,3\nE,abc\n' \
    >"$VAR/warned.csv"
a=$(upload "$VAR/warned.csv")
wait_state "$a" done
[ "$(json "$VAR/job.out" 'j["warnings"][0]["code"]')" = rows_rejected ] ||
    fail "no warning: $(cat "$VAR/job.out")"
[ "$(json "$VAR/job.out" 'j["warnings"][0]["count"]')" = 4 ] || fail "count"
[ "$(json "$VAR/job.out" 'j["warnings"][0]["rows"]')" = 7 ] || fail "rows"
[ "$(json "$VAR/job.out" 'j["warnings"][0]["message"]')" = \
    "4 of 7 rows rejected" ] || fail "message"
[ "$(json "$VAR/job.out" 'j["rejects_url"]')" = "/jobs/$a/rejects.csv" ] ||
    fail "rejects_url"
code=$(curl -sS -D "$VAR/h.out" -o "$VAR/r.csv" -w '%{http_code}' \
    "$BASE/jobs/$a/rejects.csv")
[ "$code" = 200 ] || fail "rejects.csv gave $code"
grep -qi '^Content-Disposition: attachment' "$VAR/h.out" ||
    fail "rejects.csv is not an attachment"
[ "$(rows "$VAR/r.csv")" = 4 ] || fail "rejects.csv: $(cat "$VAR/r.csv")"
grep -q '^3,31,2,number_of_sales,x,not a number,"B,x"$' "$VAR/r.csv" ||
    fail "first bad row: $(cat "$VAR/r.csv")"
# The list says it too.
curl -sS -o "$VAR/list.out" "$BASE/api/jobs"
[ "$(json "$VAR/list.out" 'j["jobs"][0]["warnings"][0]["count"]')" = 4 ] ||
    fail "list warnings"

printf 'department,number_of_sales\nA,1\n' >"$VAR/clean.csv"
b=$(upload "$VAR/clean.csv")
wait_state "$b" done
[ "$(json "$VAR/job.out" 'j["warnings"]')" = "[]" ] || fail "clean warnings"
[ -z "$(json "$VAR/job.out" 'j["rejects_url"]')" ] || fail "clean rejects_url"

c=$(upload "$VAR/warned.csv" strict=true)
wait_state "$c" failed
json "$VAR/job.out" 'j["error"]' |
    grep -q '^line 3, column 2 (number_of_sales), value "x": not a number; the rejected rows are in rejects.csv$' ||
    fail "strict error: $(json "$VAR/job.out" 'j["error"]')"
[ "$(json "$VAR/job.out" 'j["warnings"]')" = "[]" ] || fail "failed warnings"
[ "$(json "$VAR/job.out" 'j["rejects_url"]')" = "/jobs/$c/rejects.csv" ] ||
    fail "failed rejects_url"
curl -sS -o "$VAR/r3.csv" "$BASE/jobs/$c/rejects.csv"
[ "$(rows "$VAR/r3.csv")" = 1 ] || fail "strict rejects.csv"

awk 'BEGIN { print "department,number_of_sales"
	for (i = 0; i < 10000; i++) { print "A,1"; print "B,bad" i } }' \
    >"$VAR/many.csv"
d=$(upload "$VAR/many.csv")
wait_state "$d" done
curl -sS -o "$VAR/r4.csv" "$BASE/jobs/$d/rejects.csv"
[ "$(rows "$VAR/r4.csv")" = 10000 ] || fail "10000 bad rows"
[ "$(json "$VAR/job.out" 'len(j["rejected_samples"])')" = 100 ] ||
    fail "the job record keeps the first 100 samples"
# max_bad: at N the job is done; at N - 1 it fails, saying how many of how
# many and pointing at rejects.csv; as a percentage too; a bad value is a
# 400.
e=$(upload "$VAR/warned.csv" max_bad=4)
wait_state "$e" done
[ "$(json "$VAR/job.out" 'j["options"]["max_bad"]')" = 4 ] || fail "options"
e=$(upload "$VAR/warned.csv" max_bad=3)
wait_state "$e" failed
json "$VAR/job.out" 'j["error"]' |
    grep -q '^more than 3 bad rows: 4 of 7 rows read were rejected; stopped at line 8; the rejected rows are in rejects.csv$' ||
    fail "max_bad error: $(json "$VAR/job.out" 'j["error"]')"
curl -sS -o "$VAR/r5.csv" "$BASE/jobs/$e/rejects.csv"
[ "$(rows "$VAR/r5.csv")" = 4 ] || fail "max_bad rejects.csv"
e=$(upload "$VAR/warned.csv" max_bad=50%25)
wait_state "$e" failed
json "$VAR/job.out" 'j["error"]' | grep -q '^4 of 7 rows read were rejected (57.14%), more than the limit of 50%' ||
    fail "max_bad % error: $(json "$VAR/job.out" 'j["error"]')"
e=$(upload "$VAR/warned.csv" max_bad=60%25)
wait_state "$e" done
code=$(curl -sS -o "$VAR/bad.out" -w '%{http_code}' -T "$VAR/warned.csv" \
    "$BASE/api/jobs?max_bad=lots")
[ "$code" = 400 ] || fail "max_bad=lots gave $code"
exit 0
