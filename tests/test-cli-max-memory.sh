#!/bin/sh
# tally agg --max-memory SIZE: many distinct keys under a small budget fail
# with exit status 2 and the sentence naming the budget and the option; a
# budget that fits gives the totals; a size that is not one is a usage error.
set -eu
: "${TALLY:?}" "${GEN:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$GEN" -n 50000 -g 50000 -s 7 -o "$tmp/in.csv"

rc=0
"$TALLY" agg "$tmp/in.csv" -g id --max-memory 1M --no-progress \
    -o "$tmp/out.csv" 2>"$tmp/err" || rc=$?
[ "$rc" -eq 2 ] || { echo "exit $rc, want 2"; cat "$tmp/err"; exit 1; }
grep -Eq '^tally: .*: the job needs more than 1 MiB of memory for its groups \([0-9]+ groups so far\); raise --max-memory$' \
    "$tmp/err" || { echo "wrong message:"; cat "$tmp/err"; exit 1; }
[ ! -e "$tmp/out.csv" ] || { echo "a result was written"; exit 1; }

"$TALLY" agg "$tmp/in.csv" -g id -a count --max-memory 64M --no-progress \
    -o "$tmp/out.csv"
lines=$(wc -l < "$tmp/out.csv")
[ "$lines" -eq 50001 ] || { echo "$lines lines, want 50001"; exit 1; }

rc=0
"$TALLY" agg "$tmp/in.csv" --max-memory 64MB 2>"$tmp/err" || rc=$?
[ "$rc" -eq 1 ] || { echo "exit $rc for 64MB, want 1"; exit 1; }
grep -q 'max-memory: "64MB" is not a size' "$tmp/err" ||
    { echo "wrong message:"; cat "$tmp/err"; exit 1; }
