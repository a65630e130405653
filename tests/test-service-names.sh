#!/bin/sh
# A raw upload with curl -T FILE http://host/api/jobs/ (curl sends PUT
# /api/jobs/FILE) is named after its file, spaces and non-ASCII letters
# included; a name= of the caller's wins over it; a plain PUT keeps the
# default name.  Downloads are named after the job: march sales.totals.csv,
# .totals.json, .totals.parquet, .rejects.csv, with RFC 6266's filename*
# for non-ASCII names and the name sanitised.
name=service-names
. "$top_srcdir/tests/service.sh"
svc_start

printf 'department,number_of_sales\nA,1\n' >"$VAR/march sales.csv"
cp "$VAR/march sales.csv" "$VAR/ventes été.csv"
cp "$VAR/march sales.csv" "$VAR/r&d=1+2%.csv"

# put FILE [query]: curl -T FILE to /api/jobs/ (the name in the URL).
put() {
	_code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -T "$1" \
	    -H 'Content-Type: text/csv' "$BASE/api/jobs/${2:+?$2}")
	[ "$_code" = 202 ] || fail "curl -T $1 gave $_code: $(cat "$VAR/up.out")"
	json "$VAR/up.out" 'j["id"]'
}

a=$(put "$VAR/march sales.csv")
[ "$(json "$VAR/up.out" 'j["name"]')" = "march sales.csv" ] ||
    fail "name from curl -T: $(cat "$VAR/up.out")"
wait_state "$a" done
b=$(put "$VAR/ventes été.csv")
[ "$(json "$VAR/up.out" 'j["name"]')" = "ventes été.csv" ] ||
    fail "non-ASCII name from curl -T: $(cat "$VAR/up.out")"
e=$(put "$VAR/r&d=1+2%.csv")
[ "$(json "$VAR/up.out" 'j["name"]')" = "r&d=1+2%.csv" ] ||
    fail "a name with & = + %: $(cat "$VAR/up.out")"
wait_state "$e" done
# disp ID FILE: the Content-Disposition nginx sends for the job's FILE.
disp() {
	curl -sS -D "$VAR/h.out" -o /dev/null "$BASE/jobs/$1/$2"
	sed -n 's/^[Cc]ontent-[Dd]isposition: \(.*\)\r$/\1/p' "$VAR/h.out"
}
wait_state "$a" done
for f in result.csv:totals.csv result.json:totals.json \
    result.parquet:totals.parquet rejects.csv:rejects.csv; do
	got=$(disp "$a" "${f%%:*}")
	want="attachment; filename=\"march sales.${f#*:}\"; filename*=UTF-8''march%20sales.${f#*:}"
	[ "$got" = "$want" ] || fail "${f%%:*}: $got"
done
wait_state "$b" done
got=$(disp "$b" result.csv)
[ "$got" = "attachment; filename=\"ventes _t_.totals.csv\"; filename*=UTF-8''ventes%20%C3%A9t%C3%A9.totals.csv" ] ||
    fail "non-ASCII download name: $got"
got=$(disp "$e" result.json)
[ "$got" = "attachment; filename=\"r&d=1+2_.totals.json\"; filename*=UTF-8''r&d%3D1+2_.totals.json" ] ||
    fail "sanitised download name: $got"
c=$(put "$VAR/march sales.csv" name=totals.csv)
[ "$(json "$VAR/up.out" 'j["name"]')" = "totals.csv" ] ||
    fail "name= does not win: $(cat "$VAR/up.out")"
d=$(upload "$VAR/march sales.csv")
[ "$(json "$VAR/up.out" 'j["name"]')" = "upload.csv" ] ||
    fail "PUT /api/jobs without a name: $(cat "$VAR/up.out")"
# GET and DELETE of a job are not uploads, nor is PUT to a job's URL.
[ "$(req PUT "/api/jobs/$a")" = 405 ] || fail "PUT to a job's URL"
[ "$(req GET "/api/jobs/$a")" = 200 ] || fail "GET a job"
wait_state "$b" done
[ "$(req DELETE "/api/jobs/$b")" = 204 ] || [ "$(cat "$VAR/body.out")" ] ||
    fail "DELETE a job"
exit 0
