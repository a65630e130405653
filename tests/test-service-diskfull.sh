#!/bin/sh
# A result that cannot be written (here: a file size limit, as a full disk
# would) fails that job cleanly, leaves no partial file, and the service
# goes on with the next job.
name=diskfull
. "$top_srcdir/tests/service.sh"

# About 12600 groups from 300 KB of input: result.csv is about 215 KB,
# result.json about 780 KB.
"$GEN" -n 20000 -g 20000 -S narrow -o "$VAR/many.csv"
printf 'department,number_of_sales\nA,1\nA,2\n' > "$VAR/small.csv"
# Everything started from here on, runners included, may write files of
# at most 400 KiB: the upload fits, result.json does not.
ulimit -f 400
svc_start
a=$(upload "$VAR/many.csv")
wait_state "$a" failed 30
case "$(json "$VAR/job.out" 'j["error"]')" in *result.*) ;;
*) fail "error: $(json "$VAR/job.out" 'j["error"]')" ;; esac
[ -z "$(ls "$VAR/jobs/$a")" ] || fail "files left: $(ls "$VAR/jobs/$a")"

b=$(upload "$VAR/small.csv")
wait_state "$b" done
[ "$(req GET "/jobs/$b/result.csv")" = 200 ] || fail "next job"
