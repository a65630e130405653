#!/bin/sh
# The disk guard: when the jobs filesystem has less free space than
# --min-free (here 100%, which no real disk has), an upload is a 507 with a
# sentence, and nothing of it is left behind.
name=diskguard
MIN_FREE=100%
. "$top_srcdir/tests/service.sh"
svc_start

printf 'department,number_of_sales\nA,1\n' > "$VAR/s.csv"
code=$(curl -sS -o "$VAR/u.out" -w '%{http_code}' -T "$VAR/s.csv" \
    "$BASE/api/jobs")
[ "$code" = 507 ] || fail "upload gave $code: $(cat "$VAR/u.out")"
[ "$(json "$VAR/u.out" 'j["error"]["code"]')" = insufficient_storage ] ||
    fail "code: $(cat "$VAR/u.out")"
case "$(json "$VAR/u.out" 'j["error"]["message"]')" in
*"short of disk space"*) ;; *) fail "message: $(cat "$VAR/u.out")" ;; esac
[ -z "$(ls -A "$VAR/body")" ] || fail "the body was left: $(ls "$VAR/body")"
[ -z "$(ls -A "$VAR/jobs")" ] || fail "a job folder was made"
[ "$(req GET /api/health)" = 200 ] || fail "health"
