#!/bin/sh
# A job's results are complete and in place, with no temporary file
# beside them, by the time `done` can be read: one process polls the
# store from before the upload and looks at the job's folder the moment
# it first reads `done`.  The input is renamed out of the way before the
# record (input.tmp.gone) and unlinked after it, so once the runner has
# exited nothing of it is left.
name=done-complete
. "$top_srcdir/tests/service.sh"
svc_start

"$GEN" -n 200000 -s 5 -o "$VAR/sales.csv" -t "$VAR/truth.csv"

rm -f "$VAR/watch.ready"
python3 - "$VAR/state/tally.db" "$VAR/jobs" "$VAR/truth.csv" \
    "$VAR/watch.ready" > "$VAR/watch.out" 2>&1 <<'PY' &
import json, os, sqlite3, sys, time
db, jobs, truth, ready = sys.argv[1:5]
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
open(ready, "w").close()
deadline = time.monotonic() + 300
while time.monotonic() < deadline:
    try:
        rows = con.execute("SELECT id, state FROM jobs").fetchall()
    except sqlite3.OperationalError:
        rows = None
    if rows and rows[0][1] in ("failed", "cancelled"):
        sys.exit("the job ended %s" % rows[0][1])
    if rows and rows[0][1] == "done":
        break
    time.sleep(0.001)
else:
    sys.exit("the job never ended")
d = os.path.join(jobs, rows[0][0])
names = sorted(os.listdir(d))
bad = []
if open(os.path.join(d, "result.csv"), "rb").read() != \
        open(truth, "rb").read():
    bad.append("result.csv differs from the truth")
json.load(open(os.path.join(d, "result.json")))
pq = open(os.path.join(d, "result.parquet"), "rb").read()
if pq[:4] != b"PAR1" or pq[-4:] != b"PAR1":
    bad.append("result.parquet is not a whole Parquet file")
for n in ("result.csv.gz", "result.json.gz", "result.idx", "rejects.csv"):
    if n not in names:
        bad.append(n + " is missing")
# The input may still be on its way out, under its temporary name.
for n in names:
    if n == "input" or (".tmp." in n and n != "input.tmp.gone"):
        bad.append(n + " is there")
print(rows[0][0])
if bad:
    sys.exit("when done was first read, in %s: %s" % (names, "; ".join(bad)))
PY
watcher=$!
until [ -e "$VAR/watch.ready" ]; do
	alive "$watcher" || fail "the watcher died: $(cat "$VAR/watch.out")"
	sleep 0.01
done
id=$(upload "$VAR/sales.csv")
wait "$watcher" || fail "$(cat "$VAR/watch.out")"
[ "$(head -n 1 "$VAR/watch.out")" = "$id" ] ||
    fail "the watcher saw another job: $(cat "$VAR/watch.out")"

# Once the runner is gone, so is the renamed input.
pid=$(sql "SELECT pid FROM jobs WHERE id='$id'")
[ -n "$pid" ] && [ "$pid" -gt 0 ] || fail "no runner pid recorded"
gone "$pid" || fail "the runner did not exit"
ls "$VAR/jobs/$id" > "$VAR/left.out"
! grep -q '^input' "$VAR/left.out" ||
    fail "left in the job folder: $(cat "$VAR/left.out")"
