#!/bin/sh
# The upload page in headless Chromium: a job that rejected 4 of its 7
# rows shows a yellow "done with warnings" badge (job view and list) and
# "4 of 7 rows rejected: see why" at the top of the result, linking to
# rejects.csv; a strict failure says where it stopped.
name=page-warnings
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start
# The jobs are the browser's: uploaded with the cookie Chromium will hold.
svc_as_cookie

printf 'department,number_of_sales\nA,1\nB,x\nC\nA,2\nD,1,2\nB,3\nE,abc\n' \
    >"$VAR/warned.csv"
printf 'department,number_of_sales\nA,1\nB,x\nC,2\n' >"$VAR/strict.csv"
a=$(upload "$VAR/warned.csv" name=warned.csv)
wait_state "$a" done
b=$(upload "$VAR/strict.csv" 'name=strict.csv&strict=true')
wait_state "$b" failed
JOB_IDS="$a $b"
export JOB_IDS
browser_run warnings.mjs
exit 0
