#!/bin/sh
# `make run`: the whole service in the foreground on http://127.0.0.1:PORT
# (default 8080), with its data under VAR (default ./var).  A sample CSV is
# generated on first start.  Ctrl-C stops nginx and tally-fcgi.
set -u
: "${PORT:=8080}"
: "${VAR:=$PWD/var}"
mkdir -p "$VAR"
VAR=$(cd "$VAR" && pwd)
. "$SRCDIR/nginx/stack.sh"

if [ ! -f "$VAR/sample.csv" ]; then
	"$GEN" -n 200000 -s 1 -o "$VAR/sample.csv" -t "$VAR/sample-truth.csv"
fi
trap 'stack_stop; exit 0' INT TERM
stack_start "$VAR" "$PORT" || exit 1
cat <<MSG

tally is running: http://127.0.0.1:$PORT/

Try it with the generated sample ($VAR/sample.csv) and your API key
(made for this folder; it is kept in $VAR/local.key):
  curl -H 'Authorization: Bearer $STACK_KEY' -T $VAR/sample.csv http://127.0.0.1:$PORT/api/jobs
  curl -H 'Authorization: Bearer $STACK_KEY' -F file=@$VAR/sample.csv -F group_by=region,department http://127.0.0.1:$PORT/api/jobs
  curl -H 'Authorization: Bearer $STACK_KEY' http://127.0.0.1:$PORT/api/jobs
The page works with its own cookie; jobs are seen only by their owner.
Logs: $VAR/logs/.  Press Ctrl-C to stop.
MSG
wait "$STACK_FCGI_PID" "$STACK_NGINX_PID"
stack_stop
