#!/bin/sh
# where, limit, others and total through the real stack: query parameters
# and form fields (same names, where repeatable) shape result.csv and
# result.json; a bad expression is a 400 that quotes it with a caret, an
# unknown where column a 400 that lists the header.
name=where
. "$top_srcdir/tests/service.sh"
svc_start

printf 'region,department,number_of_sales\nNorth,A,1\nNorth,B,2\nSouth,A,4\nNorth,C,8\nEast,A,16\n' \
    > "$VAR/s.csv"

# Query parameters: where twice, then limit and others.
id=$(upload "$VAR/s.csv" 'group_by=department&agg=sum:number_of_sales&where=region%20in%20North%7CEast&where=number_of_sales%3E1&limit=1&others=true')
wait_state "$id" done
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$id/result.csv"
want='kind,department,sum_number_of_sales
group,A,16
others,,10'
[ "$(cat "$VAR/r.csv")" = "$want" ] || fail "result.csv: $(cat "$VAR/r.csv")"
curl -sS -o "$VAR/r.json" "$BASE/jobs/$id/result.json"
[ "$(json "$VAR/r.json" 'j["rows"][1]["kind"]')" = others ] ||
    fail "result.json: $(cat "$VAR/r.json")"
[ "$(json "$VAR/r.json" 'j["metrics"]["filtered"]')" = 2 ] ||
    fail "filtered: $(cat "$VAR/r.json")"
# The job record shows the query as run and the filtered rows: of the 5
# rows, North,A,1 fails number_of_sales>1 and South,A,4 fails the region.
curl -sS -o "$VAR/job.out" "$BASE/api/jobs/$id"
curl -sS -o "$VAR/list.out" "$BASE/api/jobs"
for doc in 'j' 'j["jobs"][0]'; do
	f="$VAR/job.out"
	[ "$doc" = j ] || f="$VAR/list.out"
	got=$(json "$f" "[$doc[\"options\"][k] for k in (\"where\", \"limit\", \"others\", \"total\")] + [$doc[\"metrics\"][k] for k in (\"rows\", \"rejected\", \"filtered\", \"groups\")] + [$doc[\"progress\"][\"rows_filtered\"]]")
	[ "$got" = '[["region in North|East", "number_of_sales>1"], 1, true, false, 5, 0, 2, 3, 2]' ] ||
	    fail "job record ($doc): $got: $(cat "$f")"
done

# Form fields, with a quoted value and total.
id=$(curl -sS -F 'where=department="A"' -F total=true -F group_by=region \
    -F agg=count -F file=@"$VAR/s.csv" "$BASE/api/jobs" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
wait_state "$id" done
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$id/result.csv"
want='kind,region,count
group,East,1
group,North,1
group,South,1
total,,3'
[ "$(cat "$VAR/r.csv")" = "$want" ] || fail "form result: $(cat "$VAR/r.csv")"
# No where: an empty list and nothing filtered; total without a limit.
curl -sS -o "$VAR/job.out" "$BASE/api/jobs/$id"
got=$(json "$VAR/job.out" '[j["options"][k] for k in ("where", "limit", "others", "total")] + [j["metrics"]["filtered"]]')
[ "$got" = '[["department=\"A\""], null, false, true, 2]' ] ||
    fail "form job record: $got: $(cat "$VAR/job.out")"

# A bad expression: 400, quoted, with a caret.
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/s.csv" \
    "$BASE/api/jobs?where=region%20North")
[ "$code" = 400 ] || fail "bad where gave $code"
case "$(json "$VAR/e.out" 'j["error"]["message"]')" in
*'expected an operator'*'region North'*'^'*) ;;
*) fail "bad where message: $(cat "$VAR/e.out")" ;; esac

# An unknown column: 400 naming the header's columns.
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/s.csv" \
    "$BASE/api/jobs?where=zone%3DNorth")
[ "$code" = 400 ] || fail "unknown where column gave $code"
case "$(json "$VAR/e.out" 'j["error"]["message"]')" in
*'"zone"'*'region, department, number_of_sales'*) ;;
*) fail "unknown where column message: $(cat "$VAR/e.out")" ;; esac

# A bad limit.
code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/s.csv" \
    "$BASE/api/jobs?limit=0")
[ "$code" = 400 ] || fail "limit=0 gave $code"
exit 0
