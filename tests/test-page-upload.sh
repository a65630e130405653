#!/bin/sh
# The upload page in headless Chromium: a generated file goes through
# both progress stages; the table, chart and downloads equal the
# generator's truth.  Screenshots land in tests/tmp/screens/.
name=page-upload
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start

ROWS=200000
"$GEN" -n "$ROWS" -s 7 -o "$VAR/sales.csv" -t "$VAR/truth.csv"
export ROWS
browser_run upload.mjs
