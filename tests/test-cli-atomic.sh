#!/bin/sh
# -o writes atomically: the result goes to a temporary file that is
# renamed over the target, so the old file is replaced whole (a hard link
# to it keeps the old bytes), a reader never sees a part-written result,
# and no temporary file is left, after success or failure.
set -eu
tmp="$top_builddir/tests/tmp/cli-atomic"
rm -rf "$tmp" && mkdir -p "$tmp/out"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-cli-atomic: $*" >&2
	exit 1
}

no_temp_files() {
	left=$(ls -A "$tmp/out" | grep -v -x -e result.csv -e old.csv \
	    -e dir || true)
	[ -z "$left" ] || fail "left behind after $1: $left"
}

# Many groups make a result of a few MB, long enough to watch.
"$GEN" -n 300000 -g 150000 -S narrow -s 5 -o "$tmp/in.csv" \
    -t "$tmp/truth.csv"
groups=$(grep -c '^Dept' "$tmp/truth.csv")

printf 'old\n' >"$tmp/out/result.csv"
ln "$tmp/out/result.csv" "$tmp/out/old.csv"
"$TALLY" agg "$tmp/in.csv" -o "$tmp/out/result.csv" &
pid=$!
# Whenever the target exists it is the old file or the whole result.
while kill -0 "$pid" 2>/dev/null; do
	n=$(grep -c '^Dept' "$tmp/out/result.csv" || true)
	[ "$n" -eq 0 ] || [ "$n" -eq "$groups" ] ||
	    fail "saw a partial result: $n of $groups groups"
done
wait "$pid" || fail "tally -o failed"
cmp "$tmp/truth.csv" "$tmp/out/result.csv" || fail "wrong result"
[ "$(cat "$tmp/out/old.csv")" = old ] ||
    fail "the old file was written in place, not replaced"
no_temp_files success

# A failed rename (the target is a folder) leaves no temporary file.
mkdir "$tmp/out/dir"
status=0
"$TALLY" agg "$tmp/in.csv" -o "$tmp/out/dir" 2>/dev/null || status=$?
[ "$status" -eq 1 ] || fail "-o onto a folder exits $status, not 1"
[ -d "$tmp/out/dir" ] && [ -z "$(ls -A "$tmp/out/dir")" ] ||
    fail "the folder was changed"
no_temp_files "a failed rename"

# Bad input never touches the target.
printf 'department,number_of_sales\nA,x\n' >"$tmp/bad.csv"
status=0
"$TALLY" agg "$tmp/bad.csv" --strict -o "$tmp/out/result.csv" \
    2>/dev/null || status=$?
[ "$status" -eq 2 ] || fail "bad input exits $status, not 2"
cmp "$tmp/truth.csv" "$tmp/out/result.csv" || fail "target changed"
no_temp_files "bad input"
