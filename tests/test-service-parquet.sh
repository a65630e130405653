#!/bin/sh
# Every service job writes result.parquet beside result.csv and
# result.json; nginx serves it as an attachment of its own media type, the
# API lists its URL, and it reads back through DuckDB and Polars as
# exactly the job's CSV.
name=service-parquet
. "$top_srcdir/tests/service.sh"
. "$top_srcdir/tests/peers/peers.sh"
svc_start

"$GEN" -n 20000 -s 5 -o "$VAR/sales.csv"
id=$(upload "$VAR/sales.csv" \
    'group_by=region,department&agg=count,sum:number_of_sales,mean:unit_price,min:unit_price')
wait_state "$id" done
[ "$(json "$VAR/job.out" 'j["result_urls"]["parquet"]')" = \
    "/jobs/$id/result.parquet" ] || fail "result_urls.parquet"
code=$(curl -sS -D "$VAR/h.out" -o "$VAR/r.parquet" -w '%{http_code}' \
    "$BASE/jobs/$id/result.parquet")
[ "$code" = 200 ] || fail "result.parquet gave $code"
grep -qi '^Content-Type: application/vnd.apache.parquet' "$VAR/h.out" ||
    fail "result.parquet media type: $(cat "$VAR/h.out")"
grep -qi '^Content-Disposition: attachment' "$VAR/h.out" ||
    fail "result.parquet is not served as an attachment"
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$id/result.csv"
peer_run parquet.mjs "$VAR/r.parquet" "$VAR/r.csv" 2 ||
    fail "result.parquet differs from result.csv"
# No temporary result file is left beside the results.
ls "$VAR/jobs/$id" | grep -q tmp && fail "a temporary file was left"
exit 0
