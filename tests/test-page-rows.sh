#!/bin/sh
# A 100,000-group result in headless Chromium pages through
# GET /api/jobs/{id}/rows (www/rows.js) instead of loading it whole: the
# first page, Next, Last, a row number to go to and both sort orders of
# the total column show exactly result.csv's rows, 100 at a time, and
# result.json is never fetched.
name=page-rows
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start
# The job is the browser's: uploaded with the cookie Chromium will hold.
svc_as_cookie

awk 'BEGIN { print "key,v"; for (i = 0; i < 100000; i++)
	printf "k%06d,%d\n", (i * 7) % 100000, (i * 7919) % 100003 - 50000 }' \
    >"$VAR/in.csv"
JOB_ID=$(upload "$VAR/in.csv" 'name=big.csv&group_by=key&agg=sum:v,count')
wait_state "$JOB_ID" done
curl -sS -o "$VAR/result.csv" "$BASE/jobs/$JOB_ID/result.csv"
export JOB_ID
browser_run rows.mjs
exit 0
