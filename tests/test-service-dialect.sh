#!/bin/sh
# The dialect fields of POST /api/jobs through the real stack, as query
# parameters and as form fields: encoding=latin-1 gives the file's accented
# keys in UTF-8, decimal=comma exact totals of "1,5" cells, header=false
# columns named 1, 2, ... and the first line counted, trim=true one group
# for " x" and "x"; each is stored with the job and shown in its JSON;
# decimal=comma in a comma-separated file reads its quoted "1,5".  A bad
# value is a 400 that names the field, before anything is queued.
name=dialect
. "$top_srcdir/tests/service.sh"
svc_start

has() {		# FILE EXPR WANT
	_got=$(json "$1" "$2")
	[ "$_got" = "$3" ] || fail "$2 is $_got, want $3: $(cat "$1")"
}
result() {	# ID: result.csv in $VAR/r.csv
	curl -sS -o "$VAR/r.csv" "$BASE/jobs/$1/result.csv"
}

# Latin-1, named: the keys come out in UTF-8, é and ü as written, and the
# accented column is named in UTF-8 too.
printf 'r\351gion;amount\nCaf\351;1,5\nCaf\351;2,25\nZ\374rich;-0,25\n' \
    >"$VAR/latin1.csv"
id=$(upload "$VAR/latin1.csv" \
    'encoding=latin-1&decimal=comma&group_by=r%C3%A9gion&agg=sum:amount')
wait_state "$id" done
has "$VAR/job.out" 'j["options"]["encoding"]' latin-1
has "$VAR/job.out" 'j["options"]["decimal"]' comma
has "$VAR/job.out" 'j["options"]["header"]' true
has "$VAR/job.out" 'j["options"]["trim"]' false
result "$id"
printf 'r\303\251gion,sum_amount\nCaf\303\251,3.75\nZ\303\274rich,-0.25\n' |
    cmp - "$VAR/r.csv" || fail "latin-1 result: $(cat "$VAR/r.csv")"

# The same file as multipart form fields.
code=$(curl -sS -o "$VAR/up.out" -w '%{http_code}' -F encoding=latin-1 \
    -F decimal=comma -F group_by=1 -F agg=sum:amount \
    -F file=@"$VAR/latin1.csv" "$BASE/api/jobs")
[ "$code" = 202 ] || fail "multipart gave $code: $(cat "$VAR/up.out")"
id=$(json "$VAR/up.out" 'j["id"]')
wait_state "$id" done
result "$id"
printf 'r\303\251gion,sum_amount\nCaf\303\251,3.75\nZ\303\274rich,-0.25\n' |
    cmp - "$VAR/r.csv" || fail "multipart latin-1: $(cat "$VAR/r.csv")"

# No header line: the first line is data, columns 1, 2, ...
printf 'Toys,5\nBooks,7\nToys,1\n' >"$VAR/nohead.csv"
id=$(upload "$VAR/nohead.csv" 'header=false&group_by=1&agg=sum:2')
wait_state "$id" done
has "$VAR/job.out" 'j["options"]["header"]' false
has "$VAR/job.out" 'j["metrics"]["rows"]' 3
result "$id"
printf '1,sum_2\nBooks,7\nToys,6\n' | cmp - "$VAR/r.csv" ||
    fail "header=false: $(cat "$VAR/r.csv")"

# Keys as written, and trimmed on request.
printf 'k,n\n x,1\nx,2\nx ,4\n' >"$VAR/blank.csv"
id=$(upload "$VAR/blank.csv" 'group_by=k&agg=sum:n')
wait_state "$id" done
has "$VAR/job.out" 'j["metrics"]["groups"]' 3
id=$(upload "$VAR/blank.csv" 'trim=true&group_by=k&agg=sum:n')
wait_state "$id" done
has "$VAR/job.out" 'j["options"]["trim"]' true
result "$id"
printf 'k,sum_n\nx,7\n' | cmp - "$VAR/r.csv" ||
    fail "trim=true: $(cat "$VAR/r.csv")"
printf 'k,n\nx,"1,5"\nx,"-0,25"\ny,2\n' > "$VAR/comma.csv"
id=$(upload "$VAR/comma.csv" 'decimal=comma&group_by=k&agg=sum:n')
wait_state "$id" done
result "$id"
printf 'k,sum_n\nx,1.25\ny,2.00\n' | cmp - "$VAR/r.csv" ||
    fail "decimal=comma, comma file: $(cat "$VAR/r.csv")"

# Bad values: 400s that name the field, as a query or a form field.
for q in encoding=ebcdic decimal=dot header=maybe trim=perhaps; do
	code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -T "$VAR/blank.csv" \
	    "$BASE/api/jobs?$q")
	[ "$code" = 400 ] || fail "$q gave $code"
	case "$(json "$VAR/e.out" 'j["error"]["message"]')" in
	"${q%%=*} must be"*) ;;
	*) fail "$q: $(cat "$VAR/e.out")" ;;
	esac
	code=$(curl -sS -o "$VAR/e.out" -w '%{http_code}' -F "$q" \
	    -F file=@"$VAR/blank.csv" "$BASE/api/jobs")
	[ "$code" = 400 ] || fail "form $q gave $code"
done
[ "$(sql "SELECT count(*) FROM jobs")" = 6 ] ||
    fail "a refused upload was queued"
exit 0
