#!/bin/sh
# Compressed uploads through the real stack: a gzipped raw body, a gzip
# file in a multipart form and a zstd raw body end done with the
# generator's exact totals, progress at 100% of the compressed bytes; a
# gzip file cut short is accepted (its header is fine) and the job fails
# saying where the stream ends; a ZIP (an .xlsx) is refused at upload with
# 400 not_csv, and so is a file whose header line holds NUL bytes.  The
# job JSON reports the compression, the compressed bytes read and the
# bytes they decoded to.
name=gzip
. "$top_srcdir/tests/service.sh"
command -v gzip >/dev/null && command -v zstd >/dev/null || {
	echo "test-service-gzip: gzip or zstd missing" >&2
	exit 77
}
svc_start

"$GEN" -n 100000 -s 9 -o "$VAR/sales.csv" -t "$VAR/truth.csv"
gzip -c "$VAR/sales.csv" >"$VAR/sales.csv.gz"
zstd -q -c "$VAR/sales.csv" >"$VAR/sales.csv.zst"
gzsize=$(wc -c <"$VAR/sales.csv.gz")

# Raw gzip body.
id1=$(upload "$VAR/sales.csv.gz")
wait_state "$id1" done
curl -sS -o "$VAR/r1.csv" "$BASE/jobs/$id1/result.csv"
cmp "$VAR/truth.csv" "$VAR/r1.csv" || fail "raw gzip totals differ"
[ "$(json "$VAR/job.out" 'j["progress"]["bytes_done"]')" = "$gzsize" ] ||
    fail "progress of a gzip job is not its compressed size"
[ "$(json "$VAR/job.out" 'j["progress"]["percent"]')" = 100.0 ] ||
    fail "progress of a gzip job does not reach 100%"
# The metrics: compressed bytes read, and the CSV bytes they decoded to.
[ "$(json "$VAR/job.out" 'j["metrics"]["compression"]')" = gzip ] ||
    fail "compression: $(cat "$VAR/job.out")"
[ "$(json "$VAR/job.out" 'j["metrics"]["bytes_read"]')" = "$gzsize" ] ||
    fail "bytes_read: $(cat "$VAR/job.out")"
[ "$(json "$VAR/job.out" 'j["metrics"]["bytes_decoded"]')" = \
    "$(wc -c <"$VAR/sales.csv")" ] || fail "bytes_decoded: $(cat "$VAR/job.out")"

# Multipart, the gzip file as the file field.
code=$(curl -sS -o "$VAR/up2.out" -w '%{http_code}' \
    -F group_by=department -F file=@"$VAR/sales.csv.gz" "$BASE/api/jobs")
[ "$code" = 202 ] || fail "multipart gzip gave $code: $(cat "$VAR/up2.out")"
id2=$(json "$VAR/up2.out" 'j["id"]')
wait_state "$id2" done
curl -sS -o "$VAR/r2.csv" "$BASE/jobs/$id2/result.csv"
cmp "$VAR/truth.csv" "$VAR/r2.csv" || fail "multipart gzip totals differ"

# Raw zstd body.
id3=$(upload "$VAR/sales.csv.zst")
wait_state "$id3" done
curl -sS -o "$VAR/r3.csv" "$BASE/jobs/$id3/result.csv"
cmp "$VAR/truth.csv" "$VAR/r3.csv" || fail "raw zstd totals differ"
[ "$(json "$VAR/job.out" 'j["metrics"]["compression"]')" = zstd ] ||
    fail "zstd compression: $(cat "$VAR/job.out")"
[ "$(json "$VAR/job.out" 'j["metrics"]["bytes_read"]')" = \
    "$(wc -c <"$VAR/sales.csv.zst")" ] || fail "zstd bytes_read"
[ "$(json "$VAR/job.out" 'j["progress"]["percent"]')" = 100.0 ] ||
    fail "progress of a zstd job does not reach 100%"

# Cut short after its header: accepted, then failed with where it ends.
head -c $((gzsize / 2)) "$VAR/sales.csv.gz" >"$VAR/cut.gz"
id4=$(upload "$VAR/cut.gz")
wait_state "$id4" failed
case "$(json "$VAR/job.out" 'j["error"]')" in
*"the gzip stream ends early, after $((gzsize / 2)) compressed bytes"*) ;;
*) fail "truncated gzip: $(cat "$VAR/job.out")" ;;
esac

# A ZIP archive: 400 not_csv at upload, nothing queued.
printf 'PK\003\004\024\000\006\000[Content_Types].xml' >"$VAR/book.xlsx"
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/book.xlsx" \
    "$BASE/api/jobs")
[ "$code" = 400 ] || fail "zip upload gave $code"
[ "$(json "$VAR/e.out" 'j["error"]["code"]')" = not_csv ] ||
    fail "zip upload: $(cat "$VAR/e.out")"
case "$(json "$VAR/e.out" 'j["error"]["message"]')" in
*"ZIP archive, for example an Excel .xlsx workbook: save it as CSV"*) ;;
*) fail "zip message: $(cat "$VAR/e.out")" ;;
esac
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' \
    -F file=@"$VAR/book.xlsx" "$BASE/api/jobs")
[ "$code" = 400 ] || fail "multipart zip upload gave $code"
[ "$(json "$VAR/e.out" 'j["error"]["code"]')" = not_csv ] ||
    fail "multipart zip upload: $(cat "$VAR/e.out")"

# NUL bytes in the header line.
printf 'id\000\000\000,name\n1,2\n' >"$VAR/nul.csv"
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/nul.csv" \
    "$BASE/api/jobs")
[ "$code" = 400 ] || fail "NUL header gave $code"
[ "$(json "$VAR/e.out" 'j["error"]["code"]')" = not_csv ] ||
    fail "NUL header: $(cat "$VAR/e.out")"
exit 0
