#!/bin/sh
# Help: `tally --help` names the agg command and --help/--version, `tally
# agg --help` documents every option the command accepts (each long option
# in cli/tally.c's table, and the short ones), both on standard output with
# status 0; a bad option prints the usage on standard error with status 1.
set -eu
tmp="$top_builddir/tests/tmp/cli-help"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-cli-help: $*" >&2
	exit 1
}

"$TALLY" --help >"$tmp/main.txt"
for w in "tally agg" "--help" "--version"; do
	grep -q -F -- "$w" "$tmp/main.txt" || fail "tally --help lacks $w"
done

"$TALLY" agg --help >"$tmp/agg.txt"
# Every long option the code accepts, read from its option table.
longs=$(sed -n '/^cmd_agg(/,/{ NULL/ s/^[[:space:]]*{ "\([a-z-]*\)",.*/\1/p' \
    "$top_srcdir/cli/tally.c")
[ -n "$longs" ] || fail "no long options found in cli/tally.c"
for o in $longs; do
	grep -q -e "--$o\\b" "$tmp/agg.txt" || fail "agg --help lacks --$o"
done
for o in "-g, --group-by" "-a, --agg" "-d, --delimiter" "-o, --output" \
    "-f, --format" "-s, --sort" "-h, --help"; do
	grep -q -F -- "$o" "$tmp/agg.txt" || fail "agg --help lacks $o"
done
# The values the options take.
for w in count sum: min: max: mean: csv json key value tab; do
	grep -q -F -- "$w" "$tmp/agg.txt" || fail "agg --help lacks $w"
done

status=0
"$TALLY" agg --no-such-option x >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || fail "bad option exits $status, not 1"
[ ! -s "$tmp/out" ] || fail "bad option wrote to standard output"
grep -q -F -- "--group-by" "$tmp/err" || fail "bad option shows no usage"
