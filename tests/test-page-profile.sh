#!/bin/sh
# The page in headless Chromium: the Profile button runs a profile job of
# the chosen file and shows one card per column (type, counts, range, top
# values as bars, the values that spoiled a type), and the cards' "Group
# by this" and "Total this" fill the aggregate form, which then totals.
name=page-profile
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/browser/browser.sh"
svc_start

printf 'region,qty,day,note\nNorth,2,2024-01-01,a\nSouth,5,2024-01-02,b\nNorth,8,2024-01-03,c\nEast,1,2026-02-30,d\nNorth,4,2024-01-05,e\n' \
    > "$VAR/profile.csv"
browser_run profile.mjs
