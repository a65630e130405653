#!/bin/sh
# The page in headless Chromium: a profile job is sent the dialect the
# page's controls say (encoding, header, decimal comma), so a header-less
# Latin-1 file with decimal commas shows cards named 1, 2, 3 with their
# accents and a decimal column.
name=page-profile-dialect
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start

printf 'Gen\350ve;Cr\350me;1,5\nZ\374rich;Br\373l\351e;2,25\nGen\350ve;Cr\350me;3,5\n' \
    > "$VAR/dialect.csv"
browser_run profile-dialect.mjs
