#!/bin/sh
# Uploads through the real stack: a raw body (curl -T), --data-binary and
# a multipart form all end done with totals equal to the generator's
# truth, downloadable from nginx as attachments; the JSON result and the
# job list agree.
name=upload
. "$top_srcdir/tests/service.sh"
svc_start

"$GEN" -n 200000 -s 3 -o "$VAR/sales.csv" -t "$VAR/truth.csv" \
    -T "$VAR/full.csv"

# Raw body with curl -T (PUT).
id1=$(upload "$VAR/sales.csv")
wait_state "$id1" done
code=$(curl -sS -D "$VAR/h.out" -o "$VAR/r1.csv" -w '%{http_code}' \
    "$BASE/jobs/$id1/result.csv")
[ "$code" = 200 ] || fail "result.csv gave $code"
cmp "$VAR/truth.csv" "$VAR/r1.csv" || fail "raw upload totals differ"
grep -qi '^Content-Disposition: attachment' "$VAR/h.out" ||
    fail "result.csv is not served as an attachment"
[ "$(json "$VAR/job.out" 'j["metrics"]["rows"]')" = 200000 ] ||
    fail "metrics rows"
[ "$(json "$VAR/job.out" 'j["progress"]["percent"]')" = 100.0 ] ||
    fail "progress percent of a done job"

# POST with --data-binary and options in the query string.
code=$(curl -sS -o "$VAR/up2.out" -w '%{http_code}' \
    --data-binary @"$VAR/sales.csv" -H 'Content-Type: text/csv' \
    "$BASE/api/jobs?group_by=region,department&agg=sum:number_of_sales,count,min:unit_price,max:unit_price&name=full")
[ "$code" = 202 ] || fail "data-binary upload gave $code"
id2=$(json "$VAR/up2.out" 'j["id"]')
[ "$(json "$VAR/up2.out" 'j["status_url"]')" = "/api/jobs/$id2" ] ||
    fail "status_url"
wait_state "$id2" done
curl -sS -o "$VAR/r2.csv" "$BASE/jobs/$id2/result.csv"
cmp "$VAR/full.csv" "$VAR/r2.csv" || fail "composite totals differ"

# A multipart form, options as form fields, the file between them.
code=$(curl -sS -o "$VAR/up3.out" -w '%{http_code}' \
    -F group_by=department -F file=@"$VAR/sales.csv" -F strict=false \
    "$BASE/api/jobs")
[ "$code" = 202 ] || fail "multipart upload gave $code: $(cat "$VAR/up3.out")"
id3=$(json "$VAR/up3.out" 'j["id"]')
[ "$(json "$VAR/up3.out" 'j["name"]')" = sales.csv ] ||
    fail "multipart name is not the file name"
wait_state "$id3" done
curl -sS -o "$VAR/r3.csv" "$BASE/jobs/$id3/result.csv"
cmp "$VAR/truth.csv" "$VAR/r3.csv" || fail "multipart totals differ"

# result.json carries the same totals as numbers.
curl -sS -o "$VAR/r3.json" "$BASE/jobs/$id3/result.json"
python3 - "$VAR/r3.json" "$VAR/truth.csv" <<'PY' || fail "result.json differs"
import csv, json, sys
got = {r["department"]: r["sum_number_of_sales"]
       for r in json.load(open(sys.argv[1]))["rows"]}
want = {r["department"]: int(r["sum_number_of_sales"])
        for r in csv.DictReader(open(sys.argv[2], newline=""))}
sys.exit(0 if got == want else 1)
PY

# The list: newest first, paginated, with the total.
[ "$(req GET '/api/jobs?limit=2')" = 200 ] || fail "list"
[ "$(json "$VAR/body.out" 'j["total"]')" = 3 ] || fail "list total"
[ "$(json "$VAR/body.out" '[x["id"] for x in j["jobs"]]')" = \
    "[\"$id3\", \"$id2\"]" ] || fail "list order: $(cat "$VAR/body.out")"
[ "$(req GET '/api/jobs?limit=2&offset=2')" = 200 ] || fail "list page 2"
[ "$(json "$VAR/body.out" 'j["jobs"][0]["id"]')" = "$id1" ] ||
    fail "list page 2 order"

# Inputs are removed when jobs end; nothing is left in nginx's temp.
[ -z "$(ls "$VAR/body")" ] || fail "upload temp files left behind"
[ ! -e "$VAR/jobs/$id1/input" ] || fail "input kept after the job"
