#!/bin/sh
# The reported silent wrong total, through the real stack: a form whose
# text field of "A,1000" lines (over 64 KiB) comes after the file must be
# refused or give exact totals, never A=10000004.  Then a file of over
# 64 KiB with its options after it, and one with options before it, both
# end done with the generator's totals.
name=multipart
. "$top_srcdir/tests/service.sh"
svc_start

printf 'k,v\nA,4\n' > "$VAR/small.csv"
i=0
: > "$VAR/note.txt"
while [ $i -lt 100 ]; do
	printf 'A,1000\nA,1000\nA,1000\nA,1000\nA,1000\nA,1000\nA,1000\nA,1000\nA,1000\nA,1000\n' >> "$VAR/note.txt"
	i=$((i + 1))
done
# 1,000 lines, 7 KB; ten copies make 70 KB.
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$VAR/note.txt"; done > "$VAR/note70k.txt"
[ "$(wc -c < "$VAR/note70k.txt")" -gt 65536 ] || fail "note too small"

code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' \
    -F file=@"$VAR/small.csv" -F group_by=k -F agg=sum:v \
    -F note=\<"$VAR/note70k.txt" "$BASE/api/jobs")
case "$code" in
400)
	grep -q 'note' "$VAR/up.out" ||
	    fail "the refusal does not name the field: $(cat "$VAR/up.out")" ;;
202)
	id=$(json "$VAR/up.out" 'j["id"]')
	wait_state "$id" done
	curl -sS -o "$VAR/r.csv" "$BASE/jobs/$id/result.csv"
	[ "$(cat "$VAR/r.csv")" = "$(printf 'k,sum_v\nA,4')" ] ||
	    fail "silently wrong totals: $(cat "$VAR/r.csv")" ;;
*)
	fail "the form gave $code: $(cat "$VAR/up.out")" ;;
esac
[ "$(req GET /api/jobs)" = 200 ] || fail "list"

# Fields after and before a file larger than any fixed window.
"$GEN" -n 20000 -s 5 -o "$VAR/sales.csv" -t "$VAR/truth.csv"
[ "$(wc -c < "$VAR/sales.csv")" -gt 200000 ] || fail "sales too small"
code=$(curl -sS -o "$VAR/up2.out" -w '%{http_code}' \
    -F file=@"$VAR/sales.csv" -F group_by=department \
    -F agg=sum:number_of_sales "$BASE/api/jobs")
[ "$code" = 202 ] || fail "fields after the file gave $code: $(cat "$VAR/up2.out")"
id2=$(json "$VAR/up2.out" 'j["id"]')
code=$(curl -sS -o "$VAR/up3.out" -w '%{http_code}' \
    -F group_by=department -F agg=sum:number_of_sales \
    -F file=@"$VAR/sales.csv" "$BASE/api/jobs")
[ "$code" = 202 ] || fail "fields before the file gave $code: $(cat "$VAR/up3.out")"
id3=$(json "$VAR/up3.out" 'j["id"]')
for id in "$id2" "$id3"; do
	wait_state "$id" done
	curl -sS -o "$VAR/r-$id.csv" "$BASE/jobs/$id/result.csv"
	cmp "$VAR/truth.csv" "$VAR/r-$id.csv" || fail "job $id totals differ"
done
