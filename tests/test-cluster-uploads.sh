#!/bin/sh
# Three nodes behind a front nginx: 30 concurrent uploads through the front
# land on every node and are all exact through the front's URLs; one
# owner's list through the front shows all 30, another owner's none; the
# front's health names every node.  An id of another node sent straight to
# a node is a 404, and so is an id whose prefix names no node at the front.
name=uploads
. "$top_srcdir/tests/cluster.sh"
cl_start

n=30
"$GEN" -n 3000 -s 7 -g 25 -o "$VAR/in.csv" -t "$VAR/truth.csv"
i=1 curls=""
while [ $i -le $n ]; do
	curl -sS -o "$VAR/up$i.out" -w '%{http_code}\n' -T "$VAR/in.csv" \
	    "$BASE/api/jobs" > "$VAR/code$i" &
	curls="$curls $!"
	i=$((i + 1))
done
for p in $curls; do
	wait "$p"
done
: > "$VAR/ids"
i=1
while [ $i -le $n ]; do
	[ "$(cat "$VAR/code$i")" = 202 ] ||
	    fail "upload $i: $(cat "$VAR/code$i") $(cat "$VAR/up$i.out")"
	id=$(json "$VAR/up$i.out" 'j["id"]')
	[ "$(json "$VAR/up$i.out" 'j["node"]')" = "node$(node_of "$id")" ] ||
	    fail "upload $i: the job's node is not its id's: $(cat "$VAR/up$i.out")"
	echo "$id" >> "$VAR/ids"
	i=$((i + 1))
done
for k in 1 2 3; do
	grep -q "^0$k" "$VAR/ids" || fail "no upload landed on node $k"
done
while read -r id; do
	wait_state "$id" done
	curl -sS -o "$VAR/r.csv" "$BASE/jobs/$id/result.csv"
	cmp -s "$VAR/truth.csv" "$VAR/r.csv" ||
	    fail "job $id: totals through the front differ"
done < "$VAR/ids"

# The owner's list, from whichever node the front picks, has all 30.
curl -sS -o "$VAR/list.out" "$BASE/api/jobs?limit=50"
python3 - "$VAR/list.out" "$VAR/ids" "$VAR" <<'PY' || fail "the list (in $VAR/list.out)"
import json, sqlite3, sys
j = json.load(open(sys.argv[1]))
want = set(open(sys.argv[2]).read().split())
got = [x["id"] for x in j["jobs"]]
assert set(got) == want and len(got) == len(want), (len(got), len(want))
assert j["total"] == 30 and j["unavailable"] == [], (j["total"], j["unavailable"])
# Each node's jobs keep that node's own order, newest first.
for k in (1, 2, 3):
    mine = [r[0] for r in sqlite3.connect("%s/node%d/state/tally.db" % (sys.argv[3], k))
            .execute("SELECT id FROM jobs ORDER BY seq DESC")]
    assert [i for i in got if i.startswith("%02x" % k)] == mine, k
PY
# Paged: two pages of 20 and 10, no job twice.
curl -sS -o "$VAR/p1.out" "$BASE/api/jobs?limit=20"
curl -sS -o "$VAR/p2.out" "$BASE/api/jobs?limit=20&offset=20"
python3 - "$VAR/p1.out" "$VAR/p2.out" <<'PY' || fail "paging the list"
import json, sys
a = [x["id"] for x in json.load(open(sys.argv[1]))["jobs"]]
b = [x["id"] for x in json.load(open(sys.argv[2]))["jobs"]]
assert len(a) == 20 and len(b) == 10 and not set(a) & set(b), (len(a), len(b))
PY
# Another owner (a cookie) sees none of them, and cannot read one.
other=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
curl -q -sS -o "$VAR/other.out" -b "tally_owner=$other" \
    "$BASE/api/jobs?limit=50"
[ "$(json "$VAR/other.out" 'len(j["jobs"])')" = 0 ] ||
    fail "another owner sees jobs: $(cat "$VAR/other.out")"
id=$(head -n 1 "$VAR/ids")
code=$(curl -q -sS -o /dev/null -w "%{http_code}" \
    -b "tally_owner=$other" "$BASE/api/jobs/$id")
[ "$code" = 404 ] || fail "another owner read $id through the front: $code"

# Health through the front: every node.
curl -sS -o "$VAR/health.out" "$BASE/api/health"
python3 - "$VAR/health.out" <<'PY' || fail "health: $(head -c 600 "$VAR/health.out")"
import json, sys
j = json.load(open(sys.argv[1]))
names = {j["node"]} | {n["node"] for n in j["nodes"]}
assert names == {"node1", "node2", "node3"}, names
assert all(n["status"] == "ok" for n in j["nodes"]), j
PY

# Straight to node 1, an id of node 2's: 404, not another node's job.
rest=$(echo "$id" | cut -c3-)
for k in 1 2 3; do
	other_node=$(( k % 3 + 1 ))
	eval "p=\$NODE_PORT_$k"
	code=$(curl -sS -o "$VAR/body.out" -w '%{http_code}' \
	    "http://127.0.0.1:$p/api/jobs/0$other_node$rest")
	[ "$code" = 404 ] || fail "node $k answered $code for node $other_node's id"
done
# At the front, a prefix that names no node.
for forged in "09$rest" "00$rest" "ff$rest"; do
	code=$(curl -sS -o "$VAR/body.out" -w '%{http_code}' \
	    "$BASE/api/jobs/$forged")
	[ "$code" = 404 ] || fail "the front answered $code for $forged"
	code=$(curl -sS -o /dev/null -w '%{http_code}' \
	    "$BASE/jobs/$forged/result.csv")
	[ "$code" = 404 ] || fail "the front served a download for $forged: $code"
done
