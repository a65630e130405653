#!/bin/sh
# The page in headless Chromium with columns whose names hold a comma and
# a colon, as Excel exports name them: the builder writes them quoted into
# group_by and agg, the page's own check accepts them, and the job's
# totals come back under the right names.
name=page-quoted-names
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start

printf '%s\n' '"Region, EU",Net: total,n' '"North, A",1.5,1' \
    '"North, A",2,2' 'South,3,3' > "$VAR/quoted.csv"
browser_run quoted-names.mjs
