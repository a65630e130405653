#!/bin/sh
# The upload page in headless Chromium: a refused file (400) and one over
# the size limit (413) show readable messages; bad rows are explained; a
# sum with more digits than a double holds is shown exactly.
name=page-errors
MAXBODY=1000000
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start

printf 'a,b\n1,2\n' > "$VAR/invalid.csv"
"$GEN" -n 30000 -o "$VAR/big.csv"	# about 2.7 MB
printf '%s\n' department,number_of_sales A,99999999999999999999.25 \
    B,lots A,0.75 'B,1,2' B,3 > "$VAR/bad.csv"
browser_run errors.mjs
