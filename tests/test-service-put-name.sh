#!/bin/sh
# The README's first upload, curl -T FILE http://host/api/jobs/ (PUT
# /api/jobs/FILE), takes a file far over the 4 KiB body limit of the
# other API routes: nginx checks a body's size in the location it first
# finds, before the rewrite to /api/jobs, so PUT /api/jobs/FILE has a
# location of its own.  The job is named after the file and its totals
# are exact; other methods on such a URL still get the daemon's 404.
name=put-name
. "$top_srcdir/tests/service.sh"
svc_start

"$GEN" -n 20000 -s 9 -o "$VAR/march.csv" -t "$VAR/truth.csv"
[ "$(wc -c < "$VAR/march.csv")" -gt 100000 ] || fail "the file is too small"
code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$VAR/march.csv" \
    "$BASE/api/jobs/")
[ "$code" = 202 ] || fail "curl -T to /api/jobs/ gave $code: $(cat "$VAR/up.out")"
id=$(json "$VAR/up.out" 'j["id"]')
[ "$(json "$VAR/up.out" 'j["name"]')" = march.csv ] || fail "job name"
wait_state "$id" done
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$id/result.csv"
cmp "$VAR/truth.csv" "$VAR/r.csv" || fail "totals differ"
[ "$(req GET /api/jobs/march.csv)" = 404 ] || fail "GET /api/jobs/march.csv"
[ "$(json "$VAR/body.out" 'j["error"]["code"]')" = not_found ] ||
    fail "GET /api/jobs/march.csv: $(cat "$VAR/body.out")"
