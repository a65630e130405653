#!/bin/sh
# Issue 9's profile against DuckDB on a seeded generated file
# (tests/peers/profile.mjs): types, counts, empties, exact distincts, min,
# max and mean identical, estimated distincts within their bound, 1 and 4
# threads the same.
set -eu
name=peers-profile
. "$top_srcdir/tests/peers/peers.sh"
peer_run profile.mjs "$tmp" 150000 9 || fail "tally and DuckDB differ"
exit 0
