#!/bin/sh
# The preview on the upload page in headless Chromium: a .csv.gz shows its
# columns and first rows, a Latin-1 file its accents, and a missing column
# blocks the upload with a sentence (tests/browser/preview.mjs).
name=page-preview
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start

"$GEN" -n 5000 -s 5 -o "$VAR/sales.csv"
gzip -c "$VAR/sales.csv" >"$VAR/sales.csv.gz"
printf 'r\351gion;ventes\nZ\374rich;1,5\nGen\350ve;2,25\nZ\374rich;0,25\n' \
    >"$VAR/latin1.csv"
browser_run preview.mjs
