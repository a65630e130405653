#!/bin/sh
# The upload page in headless Chromium: Cancel stops a running job (kept
# running by the read-rate cap) and aborts an upload in flight.
name=page-cancel
MAX_JOB_MBPS=1
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start

# About 18 MB: 18 s at 1 MB/s, far more than a loaded machine needs to
# see the job run and click Cancel (the test ends at the cancel).
"$GEN" -n 200000 -o "$VAR/slow.csv"
browser_run cancel.mjs
