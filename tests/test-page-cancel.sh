#!/bin/sh
# The upload page in headless Chromium: Cancel stops a running job (kept
# running by the read-rate cap) and aborts an upload in flight.
name=page-cancel
MAX_JOB_MBPS=2
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start

"$GEN" -n 100000 -o "$VAR/slow.csv"	# about 9 MB: 4 s at 2 MB/s
browser_run cancel.mjs
