#!/bin/sh
# A job queued by a tally before schema 6 kept its where conditions and
# shaping in jobs/<id>/query, not in its record.  After an upgrade its
# runner still reads that file: the result is filtered and limited as
# asked, and the record counts the filtered rows.
set -eu
tmp="$top_builddir/tests/tmp/runner-old-query"
rm -rf "$tmp" && mkdir -p "$tmp/jobs"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "test-runner-old-query: $*" >&2
	exit 1
}

# The runner sandboxes itself (seccomp: no ptrace), and LeakSanitizer's
# check at exit needs ptrace: a sanitized runner would fail at its very
# end for that alone.  The engine it runs is leak-checked through the
# command line tests.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

id=0123456789abcdef0123456789abcdef01
# The store, made by tally itself: a run for a job it does not have.
"$TALLY" job --db "$tmp/tally.db" --jobs "$tmp/jobs" "$id" 2>/dev/null || true
[ -f "$tmp/tally.db" ] || fail "no database"
mkdir "$tmp/jobs/$id"
printf 'region,department,number_of_sales\nNorth,A,1\nNorth,B,2\nSouth,A,4\nNorth,C,8\nEast,A,16\n' \
    > "$tmp/jobs/$id/input"
printf 'where region in North|East\nwhere number_of_sales>1\nlimit 1\nothers\n' \
    > "$tmp/jobs/$id/query"
# The record as an old tally left it when its scheduler claimed the job.
python3 - "$tmp/tally.db" "$id" "$(wc -c < "$tmp/jobs/$id/input")" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO jobs (id, state, created, started, name, groups, aggs,"
    " input_size, input_len) VALUES (?, 'running', ?, ?, 'old.csv',"
    " 'department', 'sum:number_of_sales', ?, -1)",
    (sys.argv[2], time.time(), time.time(), int(sys.argv[3])))
db.commit()
PY
"$TALLY" job --db "$tmp/tally.db" --jobs "$tmp/jobs" --threads 1 "$id" ||
    fail "the runner failed"
want='kind,department,sum_number_of_sales
group,A,16
others,,10'
[ "$(cat "$tmp/jobs/$id/result.csv")" = "$want" ] ||
    fail "result: $(cat "$tmp/jobs/$id/result.csv")"
got=$(python3 - "$tmp/tally.db" "$id" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(*db.execute("SELECT state, rows, filtered, error FROM jobs WHERE id = ?",
    (sys.argv[2],)).fetchone())
PY
)
[ "$got" = "done 5 2 " ] || fail "record: $got"
exit 0
