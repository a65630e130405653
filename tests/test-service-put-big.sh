#!/bin/sh
# curl -T FILE http://host/api/jobs/ (PUT /api/jobs/FILE) takes a file of
# any size up to the upload limit, not only what fits the 4 KiB allowed to
# other API calls: the job is named after the file and its totals exact.
name=put-big
. "$top_srcdir/tests/service.sh"
svc_start

"$GEN" -n 20000 -s 5 -o "$VAR/big sales.csv" -t "$VAR/truth.csv"
[ "$(wc -c < "$VAR/big sales.csv")" -gt 100000 ] || fail "the file is small"
code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$VAR/big sales.csv" \
    "$BASE/api/jobs/")
[ "$code" = 202 ] || fail "curl -T to /api/jobs/ gave $code"
[ "$(json "$VAR/up.out" 'j["name"]')" = "big sales.csv" ] ||
    fail "the name: $(cat "$VAR/up.out")"
id=$(json "$VAR/up.out" 'j["id"]')
wait_state "$id" done
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$id/result.csv"
cmp "$VAR/truth.csv" "$VAR/r.csv" || fail "totals differ"
# Other API calls still refuse a body over 4 KiB.
head -c 8192 "$VAR/big sales.csv" > "$VAR/8k"
code=$(curl -sS -o /dev/null -w '%{http_code}' -X DELETE \
    --data-binary @"$VAR/8k" "$BASE/api/jobs/$id")
[ "$code" = 413 ] || fail "a DELETE with 8 KiB of body gave $code"
