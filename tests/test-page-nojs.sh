#!/bin/sh
# The upload form with JavaScript off in headless Chromium: the post lands
# on the server-rendered /job/{id} page, which refreshes until done and
# shows metrics, downloads and bad rows; refusals are HTML pages.
name=page-nojs
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start

ROWS=50000
"$GEN" -n "$ROWS" -s 11 -o "$VAR/sales.csv" -t "$VAR/truth.csv"
printf '%s\n' department,number_of_sales A,1 'B,<b>x</b>' > "$VAR/bad.csv"
printf 'a,b\n1,2\n' > "$VAR/invalid.csv"
export ROWS
browser_run nojs.mjs
