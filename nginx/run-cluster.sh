#!/bin/sh
# `make run-cluster NODES=3`: NODES tally nodes and a front nginx in the
# foreground, the front on http://127.0.0.1:PORT (default 8080) and node i
# on PORT+i, with their data under VAR/node<i> (default ./var-cluster).
# Ctrl-C stops them all.
set -u
: "${PORT:=8080}"
: "${NODES:=3}"
: "${VAR:=$PWD/var-cluster}"
mkdir -p "$VAR"
VAR=$(cd "$VAR" && pwd)
. "$SRCDIR/nginx/cluster.sh"

if [ ! -f "$VAR/sample.csv" ]; then
	"$GEN" -n 200000 -s 1 -o "$VAR/sample.csv" -t "$VAR/sample-truth.csv"
fi
trap 'cluster_stop; exit 0' INT TERM
cluster_start "$VAR" "$PORT" "$NODES" || exit 1
cat <<MSG

tally is running as $NODES nodes behind a front: http://127.0.0.1:$PORT/
(node i answers on port $PORT+i; its data is in $VAR/node<i>).

With the shared API key (kept in $VAR/local.key):
  curl -H 'Authorization: Bearer $CLUSTER_KEY' -T $VAR/sample.csv http://127.0.0.1:$PORT/api/jobs/
  curl -H 'Authorization: Bearer $CLUSTER_KEY' http://127.0.0.1:$PORT/api/jobs
  curl http://127.0.0.1:$PORT/api/health
Press Ctrl-C to stop.
MSG
wait "$CLUSTER_FRONT_PID"
cluster_stop
