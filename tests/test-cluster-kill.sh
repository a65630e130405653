#!/bin/sh
# kill -9 of every process of one node while it runs a job: uploads through
# the front keep succeeding on the other nodes and finish exact; the dead
# node's job answers 503 node_unavailable through the front and the list
# names the node unavailable; after the node's restart its job is failed
# "interrupted", not stuck.
name=kill
# Jobs read at 2 MB/s, so a runner lives long enough for the hold below to
# see it start even on a busy machine (a 20,000-row job can otherwise end
# between two of its polls).
MAX_JOB_MBPS=2
export MAX_JOB_MBPS
. "$top_srcdir/tests/cluster.sh"
cl_start

"$GEN" -n 20000 -s 3 -g 30 -o "$VAR/in.csv" -t "$VAR/truth.csv"
# A job on node 2, held mid-run: its runner is stopped the moment it starts.
hold_watch "$VAR/node2/state/tally.db" 300 "$VAR"
hold=$HOLD_WATCHER
code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$VAR/in.csv" \
    "http://127.0.0.1:$NODE_PORT_2/api/jobs")
[ "$code" = 202 ] || fail "upload to node 2: $code"
held=$(json "$VAR/up.out" 'j["id"]')
wait "$hold" || fail "no runner held: $(cat "$VAR/hold.err")"
[ "$(cut -d' ' -f1 "$VAR/hold.out")" = "$held" ] || fail "held another job"

cluster_kill_node 2

# Uploads go on, to nodes 1 and 3, and finish exact.
: > "$VAR/ids"
i=1
while [ $i -le 6 ]; do
	code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$VAR/in.csv" \
	    "$BASE/api/jobs")
	[ "$code" = 202 ] || fail "upload $i with node 2 dead: $code"
	json "$VAR/up.out" 'j["id"]' >> "$VAR/ids"
	i=$((i + 1))
done
grep -q '^02' "$VAR/ids" && fail "an upload went to the dead node"
while read -r id; do
	wait_state "$id" done
	curl -sS -o "$VAR/r.csv" "$BASE/jobs/$id/result.csv"
	cmp -s "$VAR/truth.csv" "$VAR/r.csv" || fail "job $id: totals differ"
done < "$VAR/ids"

# The dead node's job: 503 node_unavailable, for the API and downloads.
code=$(curl -sS -o "$VAR/body.out" -w '%{http_code}' "$BASE/api/jobs/$held")
[ "$code" = 503 ] || fail "the dead node's job answered $code"
[ "$(json "$VAR/body.out" 'j["error"]["code"]')" = node_unavailable ] ||
    fail "not node_unavailable: $(cat "$VAR/body.out")"
code=$(curl -sS -o /dev/null -w '%{http_code}' "$BASE/jobs/$held/result.csv")
[ "$code" = 503 ] || fail "the dead node's download answered $code"
# The list: every live node's jobs, and the dead one named.
curl -sS -o "$VAR/list.out" "$BASE/api/jobs?limit=50"
python3 - "$VAR/list.out" "$VAR/ids" <<'PY' || fail "the list (in $VAR/list.out)"
import json, sys
j = json.load(open(sys.argv[1]))
want = set(open(sys.argv[2]).read().split())
assert j["unavailable"] == ["node2"], j["unavailable"]
assert want <= {x["id"] for x in j["jobs"]}
PY

# Back again: the interrupted job is failed, nothing stays running.
cluster_start_node 2 || fail "node 2 did not restart"
wait_state "$held" failed
code=$(curl -sS -o "$VAR/body.out" -w '%{http_code}' "$BASE/api/jobs/$held")
[ "$code" = 200 ] || fail "after the restart the job answered $code"
json "$VAR/body.out" 'j["error"]' | grep -qi interrupted ||
    fail "not interrupted: $(cat "$VAR/body.out")"
[ "$(sqlite3 "$VAR/node2/state/tally.db" \
    "SELECT count(*) FROM jobs WHERE state IN ('running','queued')")" = 0 ] ||
    fail "node 2 has jobs stuck"
