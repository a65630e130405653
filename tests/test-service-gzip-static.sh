#!/bin/sh
# The runner writes gzip copies of result.csv and result.json; nginx
# serves them (gzip_static) to clients that accept gzip, and the plain
# files to the others; both decode to the same bytes.
name=service-gzip-static
. "$top_srcdir/tests/service.sh"
svc_start

"$GEN" -n 20000 -s 8 -o "$VAR/sales.csv"
id=$(upload "$VAR/sales.csv" 'group_by=region,department')
wait_state "$id" done
[ -s "$VAR/jobs/$id/result.csv.gz" ] && [ -s "$VAR/jobs/$id/result.json.gz" ] ||
    fail "no gzip copies: $(ls "$VAR/jobs/$id")"
for f in result.csv result.json; do
	curl -sS -D "$VAR/plain.h" -o "$VAR/plain" "$BASE/jobs/$id/$f"
	grep -qi '^Content-Encoding' "$VAR/plain.h" &&
	    fail "$f: encoded for a client that did not ask"
	curl -sS -D "$VAR/gz.h" -o "$VAR/gz" -H 'Accept-Encoding: gzip' \
	    "$BASE/jobs/$id/$f"
	grep -qi '^Content-Encoding: gzip' "$VAR/gz.h" ||
	    fail "$f: not gzip: $(cat "$VAR/gz.h")"
	grep -qi '^Content-Disposition: attachment' "$VAR/gz.h" ||
	    fail "$f.gz: not an attachment"
	gzip -dc "$VAR/gz" | cmp - "$VAR/plain" || fail "$f: gzip copy differs"
	[ "$(wc -c <"$VAR/gz")" -lt "$(wc -c <"$VAR/plain")" ] ||
	    fail "$f: the gzip copy is not smaller"
done
[ "$(curl -sS -o /dev/null -w '%{http_code}' "$BASE/jobs/$id/result.csv.gz")" = 404 ] ||
    fail "the .gz file has a URL of its own"
exit 0
