#!/bin/sh
# An admin key sees every owner's jobs: the list holds both owners' jobs,
# and it reads, downloads and deletes a job it does not own.
name=owner-admin
. "$top_srcdir/tests/service.sh"
svc_start

printf 'department,number_of_sales\nA,1\nB,2\n' > "$VAR/s.csv"
mine=$(upload "$VAR/s.csv")
theirs=$(curl -q -sS -b "$VAR/jar" -c "$VAR/jar" -T "$VAR/s.csv" \
    "$BASE/api/jobs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
wait_state "$mine" done
admin=$(new_key boss --admin)
[ -n "$admin" ] || fail "no admin key"

as_admin() {
	curl -q -sS -o "$VAR/a.out" -w '%{http_code}' \
	    -H "Authorization: Bearer $admin" -X "$1" "$BASE$2"
}
[ "$(as_admin GET /api/jobs)" = 200 ] || fail "admin list"
ids=$(json "$VAR/a.out" '",".join(sorted(x["id"] for x in j["jobs"]))')
want=$(printf '%s\n%s\n' "$mine" "$theirs" | sort | paste -sd, -)
[ "$ids" = "$want" ] || fail "admin sees $ids, not $want"
[ "$(as_admin GET "/api/jobs/$theirs")" = 200 ] || fail "admin get"
# Done in the store (one process polls it), before the download.
wait_state "$theirs" done
[ "$(as_admin GET "/jobs/$theirs/result.csv")" = 200 ] ||
    fail "admin download"
grep -q '^A,1$' "$VAR/a.out" || fail "admin got $(cat "$VAR/a.out")"
[ "$(as_admin DELETE "/api/jobs/$theirs")" = 204 ] || fail "admin delete"
# The plain key still sees only its own.
[ "$(req GET /api/jobs)" = 200 ] || fail "list"
[ "$(json "$VAR/body.out" '[x["id"] for x in j["jobs"]]')" = "[\"$mine\"]" ] ||
    fail "owner sees $(cat "$VAR/body.out")"
