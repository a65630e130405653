#!/bin/sh
# A profile's memory does not grow with the rows: `tally profile -` on
# 250,000 and on 1,000,000 generated sales rows (through a pipe, so on
# one thread) reports peak RSS within 4 MB (4096 KiB) of each other (four
# times the rows would be four times the memory if it grew with them; a
# busy machine moves the peak by a few MB through the pipe's buffers), the
# columns with many distinct values having reached their exact bound by
# then; the rows counted say both really read everything.
set -eu
fail() {
	echo "test-mem-profile: $*" >&2
	exit 1
}

# A sanitized build keeps freed memory in quarantine, which would grow
# with the tables a run replaces: none here, so memory is reused as in a
# plain build (red zones are the same in both runs).
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
export ASAN_OPTIONS

# rows and peak RSS in KiB of a profile of N generated rows.
peak() {
	m=$("$GEN" -n "$1" -s 5 | "$TALLY" profile - --metrics --no-progress \
	    2>&1 >/dev/null | tail -n 1)
	rows=$(echo "$m" | sed -n 's/.*"rows":\([0-9][0-9]*\).*/\1/p')
	[ "$rows" = "$1" ] || fail "profiled $rows rows of $1: $m"
	echo "$m" | sed -n 's/.*"peak_rss_kb":\([0-9][0-9]*\).*/\1/p'
}
small=$(peak 250000)
big=$(peak 1000000)
diff=$((big - small))
[ "$diff" -lt 0 ] && diff=$((-diff))
echo "peak RSS: $small KiB for 250000 rows, $big KiB for 1000000 rows"
[ "$diff" -lt 4096 ] || fail "peak RSS differs by $diff KiB (limit 4096)"
