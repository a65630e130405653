#!/bin/sh
# The server-rendered job page (no JavaScript), fetched from the real
# stack: a job done with 4 of its 7 rows rejected shows the yellow "done
# with warnings" badge and "4 of 7 rows rejected: see why" linking to its
# rejects.csv, which nginx serves; a clean job shows the plain done badge
# and no warning; a strict failure links its rejects.csv and says where
# it stopped ("Stopped at line 3", never "skipped").
name=page-nojs-warnings
. "$top_srcdir/tests/service.sh"
svc_start

printf 'department,number_of_sales\nA,1\nB,x\nC\nA,2\nD,1,2\nB,3\nE,abc\n' \
    >"$VAR/warned.csv"
printf 'department,number_of_sales\nA,1\n' >"$VAR/clean.csv"

a=$(upload "$VAR/warned.csv")
wait_state "$a" done
code=$(curl -sS -o "$VAR/a.html" -w '%{http_code}' -H 'Accept: text/html' \
    "$BASE/job/$a")
[ "$code" = 200 ] || fail "job page gave $code"
grep -q '<strong class="badge state-done state-warning">done with warnings</strong>' \
    "$VAR/a.html" || fail "no warning badge: $(cat "$VAR/a.html")"
grep -q "<p class=\"warning\" role=\"status\" id=\"result-warning\">4 of 7 rows rejected: <a id=\"see-why\" href=\"/jobs/$a/rejects.csv\" download>see why</a></p>" \
    "$VAR/a.html" || fail "no 'see why' line: $(cat "$VAR/a.html")"
# The link works: nginx serves every rejected row to the owner.
href=$(sed -n 's/.*id="see-why" href="\([^"]*\)".*/\1/p' "$VAR/a.html")
code=$(curl -sS -o "$VAR/r.csv" -w '%{http_code}' "$BASE$href")
[ "$code" = 200 ] || fail "see why link gave $code"
[ "$(grep -c . "$VAR/r.csv")" = 5 ] || fail "rejects.csv: $(cat "$VAR/r.csv")"

b=$(upload "$VAR/clean.csv")
wait_state "$b" done
curl -sS -o "$VAR/b.html" -H 'Accept: text/html' "$BASE/job/$b"
grep -q '<strong class="badge state-done">done</strong>' "$VAR/b.html" ||
    fail "clean job badge: $(cat "$VAR/b.html")"
! grep -q 'result-warning\|state-warning\|rejects.csv' "$VAR/b.html" ||
    fail "a clean job shows a warning"

c=$(upload "$VAR/warned.csv" strict=true)
wait_state "$c" failed
curl -sS -o "$VAR/c.html" -H 'Accept: text/html' "$BASE/job/$c"
grep -q '<strong class="badge state-failed">failed</strong>' "$VAR/c.html" ||
    fail "failed badge"
grep -q 'id="error">line 3, column 2 (number_of_sales), value &quot;x&quot;: not a number' \
    "$VAR/c.html" || fail "strict failure line: $(cat "$VAR/c.html")"
grep -q "id=\"dl-rejects\" href=\"/jobs/$c/rejects.csv\"" "$VAR/c.html" ||
    fail "failed job links no rejects.csv"
! grep -q 'result-warning' "$VAR/c.html" || fail "failed job warns as done"
grep -q '<p id="bad-summary">Stopped at line 3, with 1 bad row.</p>' \
    "$VAR/c.html" || fail "strict summary: $(cat "$VAR/c.html")"
! grep -q 'skipped' "$VAR/c.html" || fail "a strict failure skipped rows"
grep -q '<p id="bad-summary">4 rows were skipped.</p>' "$VAR/a.html" ||
    fail "done summary: $(cat "$VAR/a.html")"
exit 0
