#!/bin/sh
# Issue 8's aggregates and filters against DuckDB on a seeded generated
# file (tests/peers/answers.mjs): exact ones identical, approximate ones
# within their bounds, 1 and 4 threads the same.
set -eu
name=peers-answers
. "$top_srcdir/tests/peers/peers.sh"
peer_run answers.mjs "$tmp" 150000 8 || fail "tally and DuckDB differ"
exit 0
