#!/bin/sh
# Every service job writes result.parquet beside result.csv and
# result.json; nginx serves it as an attachment of its own media type, the
# API lists its URL, and it reads back through DuckDB and Polars as
# exactly the job's CSV, others and total rows included.
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
# limit, others and total: result.parquet holds the others and total
# rows too, marked by a first "kind" column, as result.csv.
id=$(upload "$VAR/sales.csv" \
    'group_by=region,department&agg=count,sum:number_of_sales,mean:unit_price&limit=3&others=true&total=true')
wait_state "$id" done
curl -sS -o "$VAR/k.parquet" "$BASE/jobs/$id/result.parquet"
curl -sS -o "$VAR/k.csv" "$BASE/jobs/$id/result.csv"
[ "$(tail -n 2 "$VAR/k.csv" | cut -d, -f1 | tr '\n' ' ')" = "others total " ] ||
    fail "no others and total rows: $(cat "$VAR/k.csv")"
peer_run parquet.mjs "$VAR/k.parquet" "$VAR/k.csv" 3 ||
    fail "result.parquet with others and total differs from result.csv"
# No temporary result file is left beside the results.
ls "$VAR/jobs/$id" | grep -q tmp && fail "a temporary file was left"
# json_numbers=string: decimals as JSON strings, counts as numbers; the
# default stays numbers.
printf 'department,number_of_sales\nA,12345678901234567890123456789.5\nA,1\n' \
    >"$VAR/big.csv"
id=$(upload "$VAR/big.csv" 'agg=sum:number_of_sales,count&json_numbers=string')
wait_state "$id" done
[ "$(json "$VAR/job.out" 'j["options"]["json_numbers"]')" = string ] ||
    fail "options.json_numbers"
curl -sS -o "$VAR/s.json" "$BASE/jobs/$id/result.json"
grep -q '{"department":"A","sum_number_of_sales":"12345678901234567890123456790.5","count":2}' \
    "$VAR/s.json" || fail "json_numbers=string: $(head -c 300 "$VAR/s.json")"
id=$(upload "$VAR/big.csv" 'agg=sum:number_of_sales,count')
wait_state "$id" done
curl -sS -o "$VAR/n.json" "$BASE/jobs/$id/result.json"
grep -q '{"department":"A","sum_number_of_sales":12345678901234567890123456790.5,"count":2}' \
    "$VAR/n.json" || fail "default numbers: $(head -c 300 "$VAR/n.json")"
code=$(curl -sS -o "$VAR/bad.out" -w '%{http_code}' -T "$VAR/big.csv" \
    "$BASE/api/jobs?json_numbers=float")
[ "$code" = 400 ] || fail "json_numbers=float gave $code"
exit 0
