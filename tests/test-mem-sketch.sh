#!/bin/sh
# approx_distinct and median keep small groups small: with 300,000 groups
# of 3 rows each (one thread), each costs at most 400 bytes of peak RSS a
# group beyond what count alone costs (README: "Answers"), not a 16 KiB
# HyperLogLog or a 4096-value array a group.
set -eu
tmp="$top_builddir/tests/tmp/mem-sketch"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-mem-sketch: $*" >&2
	exit 1
}

groups=300000
python3 -c '
import random, sys
r = random.Random(5)
n = int(sys.argv[1])
out = sys.stdout
out.write("k,v,t\n")
for i in range(3 * n):
    out.write("k%d,%d.%02d,c%d\n" % (i % n, r.randrange(1000), r.randrange(100), r.randrange(50000)))
' "$groups" > "$tmp/g.csv"

# Peak RSS in KiB of one run with aggregates $1.
peak() {
	"$TALLY" agg "$tmp/g.csv" -g k -a "$1" -j 1 --metrics --no-progress \
	    >"$tmp/out.csv" 2>"$tmp/metrics.json"
	n=$(($(wc -l <"$tmp/out.csv") - 1))
	[ "$n" -eq "$groups" ] || fail "$1: $n groups"
	sed -n 's/.*"peak_rss_kb":\([0-9][0-9]*\).*/\1/p' "$tmp/metrics.json"
}
# AddressSanitizer pads every allocation with red zones and keeps freed
# memory in quarantine, so a sanitized build is held to twice the bound:
# still far below a full sketch a group.
bound=400
[ -z "${SAN_CFLAGS:-}" ] || bound=800
base=$(peak count)
for a in approx_distinct:t median:v; do
	kb=$(peak "$a")
	per=$(( (kb - base) * 1024 / groups ))
	echo "$a: $kb KiB peak, count alone $base KiB: $per bytes a group"
	[ "$per" -le "$bound" ] || fail "$a costs $per bytes a group"
done
exit 0
