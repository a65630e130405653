#!/bin/sh
# An output that exists and is not a regular file (a FIFO here; /dev/null
# and terminals alike) is written in place, never replaced by a rename:
# `tally agg f.csv -o /dev/null` run as root once swapped the machine's
# /dev/null for a plain file and every service test failed after it.
# Checked for -o, --rejects and tally profile -o.
set -eu
tmp="$top_builddir/tests/tmp/cli-outdev"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-cli-outdev: $*" >&2
	exit 1
}

printf 'department,number_of_sales\nA,1\nB,x\nA,2\n' >"$tmp/in.csv"
mkfifo "$tmp/fifo"

# through CMD...: run CMD with the FIFO as its output while a reader
# copies what comes through into $tmp/got; the FIFO must stay a FIFO.
through() {
	cat "$tmp/fifo" >"$tmp/got" &
	reader=$!
	"$@" || fail "$* failed"
	if [ ! -p "$tmp/fifo" ]; then
		kill "$reader" 2>/dev/null || true
		fail "$* replaced the FIFO with a file"
	fi
	# Opened read-write, a FIFO never blocks: this frees a reader
	# still waiting for a writer, and its close ends the reader's copy.
	exec 4<>"$tmp/fifo"
	exec 4>&-
	wait "$reader" || fail "the reader of $* failed"
	[ -z "$(ls "$tmp" | grep '\.tmp\.')" ] ||
	    fail "$* left a temporary file"
}

through "$TALLY" agg "$tmp/in.csv" -o "$tmp/fifo"
printf 'department,sum_number_of_sales\nA,3\n' | cmp - "$tmp/got" ||
    fail "-o: wrong result through the FIFO"

through "$TALLY" agg "$tmp/in.csv" --rejects "$tmp/fifo" -o "$tmp/r.csv"
grep -q '^3,.*not a number' "$tmp/got" || fail "--rejects: no bad row"

through "$TALLY" profile "$tmp/in.csv" -o "$tmp/fifo"
grep -q department "$tmp/got" || fail "profile -o: no profile"
