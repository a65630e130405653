#!/bin/sh
# Refusals through the real stack, each a JSON error with the right status:
# a bad header names the columns (400), an empty upload (400), bad options
# (400), an upload over the limit (413 from nginx, still JSON), unknown and
# path-like ids (404), wrong methods (405).  Refused uploads leave no file.
name=errors
MAXBODY=100000
. "$top_srcdir/tests/service.sh"
svc_start

printf 'id,region,amount\n1,North,5\n' > "$VAR/nodept.csv"
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/nodept.csv" \
    "$BASE/api/jobs")
[ "$code" = 400 ] || fail "bad header gave $code"
[ "$(json "$VAR/e.out" 'j["error"]["code"]')" = bad_header ] ||
    fail "bad header code"
msg=$(json "$VAR/e.out" 'j["error"]["message"]')
case "$msg" in *'"department"'*'id, region, amount'*) ;;
*) fail "the message does not name the columns: $msg" ;; esac

# Same with multipart and an explicit unknown column.
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -F group_by=nope \
    -F file=@"$VAR/nodept.csv" "$BASE/api/jobs")
[ "$code" = 400 ] || fail "unknown column gave $code"
case "$(json "$VAR/e.out" 'j["error"]["message"]')" in
*'"nope"'*region*) ;; *) fail "unknown column message" ;; esac

# Empty uploads.
: > "$VAR/empty.csv"
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/empty.csv" \
    "$BASE/api/jobs")
[ "$code" = 400 ] || fail "empty upload gave $code"
[ "$(json "$VAR/e.out" 'j["error"]["code"]')" = empty_upload ] ||
    fail "empty upload code: $(cat "$VAR/e.out")"

# Bad options.
printf 'department,number_of_sales\nA,1\n' > "$VAR/ok.csv"
for q in 'agg=mode:x' 'strict=maybe' 'delimiter=ab' 'group_by=a,,b' \
    'bogus=1' 'agg=%zz'; do
	code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/ok.csv" \
	    "$BASE/api/jobs?$q")
	[ "$code" = 400 ] || fail "option $q gave $code"
	[ "$(json "$VAR/e.out" 'j["error"]["code"]')" = bad_request ] ||
	    fail "option $q code: $(cat "$VAR/e.out")"
done

# A misspelled form field is refused, not ignored.
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -F group-by=region \
    -F file=@"$VAR/ok.csv" "$BASE/api/jobs")
[ "$code" = 400 ] || fail "unknown form field gave $code"
case "$(json "$VAR/e.out" 'j["error"]["message"]')" in
*'"group-by"'*) ;; *) fail "unknown form field message" ;; esac

# Too large: nginx answers 413 itself, with a JSON body.
head -c 200000 /dev/zero | tr '\0' 'x' > "$VAR/big.csv"
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/big.csv" \
    "$BASE/api/jobs")
[ "$code" = 413 ] || fail "too large gave $code"
[ "$(json "$VAR/e.out" 'j["error"]["code"]')" = too_large ] ||
    fail "413 body: $(cat "$VAR/e.out")"

# Unknown and path-like ids.
for p in /api/jobs/0123456789abcdef0123456789abcdef \
    /api/jobs/../../tally.db /api/jobs/..%2f..%2ftally.db \
    /api/jobs/0123456789ABCDEF0123456789ABCDEF \
    /api/jobs/0123456789abcdef0123456789abcdef0 /api/jobs/x \
    /api/nope; do
	code=$(curl -sS --path-as-is -o "$VAR/e.out" -w '%{http_code}' \
	    "$BASE$p")
	[ "$code" = 404 ] || fail "$p gave $code"
	# nginx folds "/api/jobs/../.." away before the API sees it.
	case "$p" in *..*) continue ;; esac
	[ "$(json "$VAR/e.out" 'j["error"]["code"]')" = not_found ] ||
	    fail "$p body: $(cat "$VAR/e.out")"
done

# Wrong methods.
[ "$(req DELETE /api/jobs)" = 405 ] || fail "DELETE /api/jobs"
[ "$(req POST /api/health)" = 405 ] || fail "POST /api/health"

# Nothing of the refused uploads is left.
[ -z "$(ls "$VAR/body")" ] || fail "refused uploads left files: $(ls "$VAR/body")"
[ -z "$(ls "$VAR/jobs")" ] || fail "refused uploads left job folders"
[ "$(req GET /api/jobs)" = 200 ] || fail "list"
[ "$(json "$VAR/body.out" 'j["total"]')" = 0 ] || fail "refused jobs recorded"

# The trailing-slash form of the create route stores bodies the same way.
# (curl -T would append the file's name to a URL ending in a slash.)
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' \
    --data-binary @"$VAR/ok.csv" "$BASE/api/jobs/")
[ "$code" = 202 ] || fail "upload to /api/jobs/ gave $code: $(cat "$VAR/e.out")"
