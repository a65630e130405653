#!/bin/sh
# The Parquet writer's property test: 60 seeded random results of random
# shapes round-trip through DuckDB and Polars (tests/peers/parquet-random.mjs).
set -eu
name=parquet-random
. "$top_srcdir/tests/peers/peers.sh"
peer_run parquet-random.mjs "$tmp" 60 14 || fail "a random result differs"
exit 0
