#!/bin/sh
# Every JSON the service writes is valid UTF-8, whatever the upload held:
# an error about a binary header read as UTF-8 shows its bad bytes as
# U+FFFD (and read as detected, windows-1252, its letters); a NUL in a
# value is shown in the bad-row sample ("3\u0000") and in the strict-mode
# error, not cut.
name=utf8
. "$top_srcdir/tests/service.sh"
svc_start

# strict_json FILE: the file is valid UTF-8 and valid JSON.
strict_json() {
	python3 -c 'import json,sys; json.loads(open(sys.argv[1],"rb").read().decode("utf-8"))' "$1" ||
	    fail "$1 is not UTF-8 JSON: $(od -c "$1" | head)"
}

printf 'k\377\376x,v\nA,1\n' > "$VAR/binary.csv"
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/binary.csv" \
    -H 'Content-Type: text/csv' "$BASE/api/jobs?group_by=nope&encoding=utf-8")
[ "$code" = 400 ] || fail "binary header gave $code"
strict_json "$VAR/e.out"
[ "$(json "$VAR/e.out" '"k\ufffd\ufffdx" in j["error"]["message"]')" = true ] ||
    fail "bad bytes not shown as U+FFFD: $(cat "$VAR/e.out")"
# Without encoding=utf-8 the header is read as the job would: not UTF-8,
# so windows-1252.
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/binary.csv" \
    -H 'Content-Type: text/csv' "$BASE/api/jobs?group_by=nope")
[ "$code" = 400 ] || fail "binary header gave $code"
strict_json "$VAR/e.out"
[ "$(json "$VAR/e.out" '"k\u00ff\u00fex" in j["error"]["message"]')" = true ] ||
    fail "the header is not read as windows-1252: $(cat "$VAR/e.out")"

printf 'k,v\nA,1\nA,3\000\nA,2\n' > "$VAR/nul.csv"
id=$(upload "$VAR/nul.csv" 'group_by=k&agg=sum:v')
wait_state "$id" done
strict_json "$VAR/job.out"
[ "$(json "$VAR/job.out" 'j["rejected_samples"][0]["value"] == "3\x00"')" = true ] ||
    fail "the NUL is not in the sample: $(cat "$VAR/job.out")"
grep -q '"3\\u0000"' "$VAR/job.out" || fail "sample not written as 3\\u0000"
curl -sS -o "$VAR/r.json" "$BASE/jobs/$id/result.json"
strict_json "$VAR/r.json"

id=$(upload "$VAR/nul.csv" 'group_by=k&agg=sum:v&strict=true')
wait_state "$id" failed
strict_json "$VAR/job.out"
[ "$(json "$VAR/job.out" '"value \"3\\u0000\"" in j["error"]')" = true ] ||
    fail "strict error cuts the NUL: $(cat "$VAR/job.out")"
