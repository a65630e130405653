#!/bin/sh
# The upload page in headless Chromium: the list of past jobs with their
# states, opening one, its shareable URL (?job= and #job=), delete.
name=page-jobs
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start
# The jobs are the browser's: uploaded with the cookie Chromium will hold.
svc_as_cookie

printf 'department,number_of_sales\nA,1\nB,2\n' > "$VAR/first.csv"
printf 'department,number_of_sales\nZ,5\n' > "$VAR/second.csv"
printf 'department,number_of_sales\nA,1\nB,x\n' > "$VAR/third.csv"
a=$(upload "$VAR/first.csv" name=first.csv)
wait_state "$a" done
b=$(upload "$VAR/second.csv" name=second.csv)
wait_state "$b" done
c=$(upload "$VAR/third.csv" 'name=third.csv&strict=true')
wait_state "$c" failed
JOB_IDS="$a $b $c"
export JOB_IDS
browser_run jobs.mjs
