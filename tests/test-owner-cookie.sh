#!/bin/sh
# A browser without an owner cookie gets one from the page and from any API
# answer: 32 hex digits, HttpOnly, SameSite=Lax, long-lived, not Secure over
# plain HTTP.  The cookie is the owner: jobs uploaded with it are listed
# and read with it, and a request that has one gets no new one.
name=owner-cookie
. "$top_srcdir/tests/service.sh"
svc_start

check_cookie() {
	line=$(grep -i '^Set-Cookie: tally_owner=' "$1" | tr -d '\r')
	[ -n "$line" ] || fail "$2: no owner cookie"
	case "$line" in *'; HttpOnly'*) ;; *) fail "$2: not HttpOnly: $line" ;; esac
	case "$line" in *'; SameSite=Lax'*) ;; *) fail "$2: SameSite: $line" ;; esac
	case "$line" in *'; Path=/'*) ;; *) fail "$2: Path: $line" ;; esac
	case "$line" in *Secure*) fail "$2: Secure over http: $line" ;; esac
	age=$(printf '%s\n' "$line" | sed -n 's/.*Max-Age=\([0-9]*\).*/\1/p')
	[ "${age:-0}" -ge 31536000 ] || fail "$2: Max-Age $age"
	printf '%s\n' "$line" | grep -Eq 'tally_owner=[0-9a-f]{32};' ||
	    fail "$2: value: $line"
}
curl -q -sS -D "$VAR/h1" -o /dev/null "$BASE/"
check_cookie "$VAR/h1" "the page"
curl -q -sS -D "$VAR/h2" -o /dev/null "$BASE/api/jobs"
check_cookie "$VAR/h2" "the API"

# Upload with a fresh jar: the cookie comes with the 202 and owns the job.
printf 'department,number_of_sales\nA,1\n' > "$VAR/s.csv"
curl -q -sS -c "$VAR/jar" -D "$VAR/h3" -o "$VAR/up.out" -T "$VAR/s.csv" \
    "$BASE/api/jobs"
check_cookie "$VAR/h3" "the upload"
id=$(json "$VAR/up.out" 'j["id"]')
curl -q -sS -b "$VAR/jar" -D "$VAR/h4" -o "$VAR/l.out" "$BASE/api/jobs"
[ "$(json "$VAR/l.out" '[x["id"] for x in j["jobs"]]')" = "[\"$id\"]" ] ||
    fail "the cookie's list: $(cat "$VAR/l.out")"
! grep -qi '^Set-Cookie' "$VAR/h4" || fail "a second cookie was set"
