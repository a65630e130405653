#!/bin/sh
# Exit statuses: 0 when the job is done (bad rows skipped included), 1
# for usage and system errors (bad options, missing file), 2 when the
# input itself is bad (strict mode, overflow, an open quote, limits).
# Failures print a message on standard error and nothing on standard
# output.
set -eu
tmp="$top_builddir/tests/tmp/cli-exit"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-cli-exit: $*" >&2
	exit 1
}

# expect STATUS ARGS...: run tally ARGS and check its exit status.
expect() {
	want=$1
	shift
	status=0
	"$TALLY" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
	[ "$status" -eq "$want" ] ||
	    fail "tally $* exits $status, not $want: $(cat "$tmp/err")"
	if [ "$want" -ne 0 ]; then
		[ -s "$tmp/err" ] || fail "tally $*: no message"
		[ ! -s "$tmp/out" ] || fail "tally $*: output on failure"
	fi
}

n9=99999999999999999999999999999999999999
printf 'department,number_of_sales\nA,1\nA,x\n' >"$tmp/bad-row.csv"
printf 'department,number_of_sales\nA,%s\nA,%s\n' $n9 $n9 >"$tmp/overflow.csv"
printf 'department,number_of_sales\nA,"1\n' >"$tmp/open-quote.csv"
printf 'department,number_of_sales\nA,1\nB,2\n' >"$tmp/two.csv"
: >"$tmp/empty.csv"

# 0: done, with a bad row skipped and reported.
expect 0 agg "$tmp/bad-row.csv"
grep -q "1 bad row" "$tmp/err" || fail "the bad row is not reported"
[ "$(cat "$tmp/out")" = "department,sum_number_of_sales
A,1" ] || fail "wrong result: $(cat "$tmp/out")"
expect 0 --help
expect 0 --version

# 1: usage and system errors.
expect 1
expect 1 frobnicate
expect 1 agg
expect 1 agg "$tmp/two.csv" "$tmp/two.csv"
expect 1 agg "$tmp/no-such-file.csv"
expect 1 agg "$tmp/two.csv" --format xml
expect 1 agg "$tmp/two.csv" --sort size
expect 1 agg "$tmp/two.csv" --block-size 0
expect 1 agg "$tmp/two.csv" --max-groups -1
expect 1 agg "$tmp/two.csv" -d ab
expect 1 agg "$tmp/two.csv" -a sum
expect 1 agg "$tmp/two.csv" -a mode:number_of_sales
expect 1 agg "$tmp/two.csv" -o "$tmp/no-such-dir/out.csv"

# 2: the input is bad.
expect 2 agg "$tmp/bad-row.csv" --strict
grep -q 'line 3, column 2 (number_of_sales), value "x": not a number' \
    "$tmp/err" || fail "strict message: $(cat "$tmp/err")"
expect 2 agg "$tmp/overflow.csv"
expect 2 agg "$tmp/open-quote.csv"
expect 2 agg "$tmp/empty.csv"
expect 2 agg "$tmp/two.csv" --max-groups 1
expect 0 agg "$tmp/two.csv" --max-groups 2
