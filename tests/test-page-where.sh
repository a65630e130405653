#!/bin/sh
# The page in headless Chromium: the where builder (conditions as hidden
# form fields, quoting, a filtered result) and the chart's others bar,
# broken at the edge rather than flattening the top 20 groups.
name=page-where
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start
# The jobs are the browser's: uploaded with the cookie Chromium will hold.
svc_as_cookie

printf 'region,department,number_of_sales\nNorth,Toys,2\nNorth,Home Garden,1500\nSouth,Toys,4\nNorth,Books,8\nEast,Toys,16\n' \
    > "$VAR/where.csv"
python3 -c '
import sys
print("department,number_of_sales")
for g in range(20):
    print("big%02d,100" % g)
for g in range(200):
    print("small%03d,99" % g)
' > "$VAR/many.csv"
a=$(upload "$VAR/many.csv" name=many.csv)
wait_state "$a" done
JOB_IDS="$a"
export JOB_IDS
browser_run where.mjs
