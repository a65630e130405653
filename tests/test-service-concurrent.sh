#!/bin/sh
# Twenty simultaneous uploads of different files all finish done with
# exact totals, while never more than max-running jobs run at once.
name=concurrent
MAX_RUNNING=2
. "$top_srcdir/tests/service.sh"
svc_start

n=20
i=1
while [ $i -le $n ]; do
	"$GEN" -n 20000 -s $i -g 40 -o "$VAR/in$i.csv" -t "$VAR/truth$i.csv"
	i=$((i + 1))
done
i=1 curls=""
while [ $i -le $n ]; do
	curl -sS -o "$VAR/up$i.out" -w '%{http_code}\n' -T "$VAR/in$i.csv" \
	    "$BASE/api/jobs" > "$VAR/code$i" &
	curls="$curls $!"
	i=$((i + 1))
done
# Only the uploads: a bare wait would wait for nginx and tally-fcgi too.
for p in $curls; do
	wait "$p"
done
i=1
while [ $i -le $n ]; do
	[ "$(cat "$VAR/code$i")" = 202 ] || fail "upload $i: $(cat "$VAR/up$i.out")"
	i=$((i + 1))
done
i=1
while [ $i -le $n ]; do
	id=$(json "$VAR/up$i.out" 'j["id"]')
	wait_state "$id" done 60
	curl -sS -o "$VAR/r$i.csv" "$BASE/jobs/$id/result.csv"
	cmp "$VAR/truth$i.csv" "$VAR/r$i.csv" || fail "job $i totals differ"
	i=$((i + 1))
done
# From the recorded start and end times: at most 2 overlapped.
[ "$(req GET '/api/jobs?limit=50')" = 200 ] || fail list
python3 - "$VAR/state/tally.db" <<'PY' || fail "more than 2 jobs ran at once"
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT started, finished FROM jobs").fetchall()
events = sorted([(s, 1) for s, f in rows] + [(f, -1) for s, f in rows],
                key=lambda e: (e[0], e[1]))
cur = peak = 0
for _, d in events:
    cur += d
    peak = max(peak, cur)
print("peak concurrent jobs:", peak)
sys.exit(0 if peak <= 2 else 1)
PY
