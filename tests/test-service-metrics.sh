#!/bin/sh
# GET /api/metrics through nginx: an admin key reads the Prometheus text
# (promtool check metrics passes); no key is a 401, a plain key a 403.
# A job done and an upload refused show in the counters with exact
# values; the store's counters survive a restart of tally-fcgi, the
# refused uploads (kept in its memory) start again at zero.
name=metrics
WORKERS=2
. "$top_srcdir/tests/service.sh"
need_promtool
svc_start
ADMIN=$(new_key ops --admin)

# metric NAME{LABELS}: its value in $VAR/metrics.out.
metric() {
	awk -v m="$1" '$1 == m { print $2 }' "$VAR/metrics.out"
}
scrape() {
	_code=$(curl -q -sS -o "$VAR/metrics.out" -D "$VAR/metrics.hdr" \
	    -w '%{http_code}' -H "Authorization: Bearer $ADMIN" \
	    "$BASE/api/metrics")
	[ "$_code" = 200 ] || fail "metrics gave $_code: $(cat "$VAR/metrics.out")"
	"$PROMTOOL" check metrics < "$VAR/metrics.out" ||
	    fail "promtool check metrics: $(cat "$VAR/metrics.out")"
}

[ "$(curl -q -sS -o "$VAR/body.out" -w '%{http_code}' "$BASE/api/metrics")" = 401 ] ||
    fail "metrics without a key: $(cat "$VAR/body.out")"
[ "$(req GET /api/metrics)" = 403 ] ||
    fail "metrics with a plain key: $(cat "$VAR/body.out")"
[ "$(json "$VAR/body.out" 'j["error"]["code"]')" = forbidden ] ||
    fail "403 code: $(cat "$VAR/body.out")"

scrape
grep -qi '^content-type: text/plain; version=0.0.4' "$VAR/metrics.hdr" ||
    fail "content type: $(cat "$VAR/metrics.hdr")"
[ "$(metric 'tally_jobs_submitted_total')" = 0 ] || fail "submitted at start"
[ "$(metric 'tally_workers_alive')" = 2 ] || fail "workers alive"
[ "$(metric 'tally_build_info{version="'"$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"/\1/p' "$top_builddir/config.h")"'"}')" = 1 ] ||
    fail "build info"
free=$(metric tally_jobs_filesystem_free_bytes)
[ "${free:-0}" -gt 0 ] || fail "free space: $free"

"$GEN" -n 1000 -s 3 -o "$VAR/in.csv" -t "$VAR/truth.csv" 2>/dev/null
id=$(upload "$VAR/in.csv")
wait_state "$id" done
[ "$(curl -sS -o /dev/null -w '%{http_code}' -T "$VAR/in.csv" \
    "$BASE/api/jobs?group_by=nope")" = 400 ] || fail "bad column accepted"
size=$(wc -c < "$VAR/in.csv")

check_store_counters() {
	[ "$(metric tally_jobs_submitted_total)" = 1 ] || fail "submitted"
	[ "$(metric tally_jobs_started_total)" = 1 ] || fail "started"
	[ "$(metric 'tally_jobs_finished_total{state="done"}')" = 1 ] ||
	    fail "finished done"
	[ "$(metric 'tally_jobs_failed_total{reason="input"}')" = 0 ] ||
	    fail "failed input"
	[ "$(metric tally_rows_total)" = 1000 ] || fail "rows"
	[ "$(metric tally_bytes_total)" = "$size" ] || fail "bytes"
	[ "$(metric tally_rejected_rows_total)" = 0 ] || fail "rejected"
	[ "$(metric 'tally_job_duration_seconds_bucket{le="+Inf"}')" = 1 ] ||
	    fail "duration histogram"
	[ "$(metric tally_job_duration_seconds_count)" = 1 ] ||
	    fail "duration count"
	[ "$(metric 'tally_jobs{state="done"}')" = 1 ] || fail "jobs done"
}
scrape
check_store_counters
[ "$(metric 'tally_uploads_refused_total{code="bad_header",status="400"}')" = 1 ] ||
    fail "refused bad_header: $(grep refused "$VAR/metrics.out")"

# A restart keeps what the store counts.
stack_stop_fcgi
stack_start_fcgi
i=0
until curl -fsS -o /dev/null "$BASE/api/health" 2>/dev/null; do
	[ $i -lt 1200 ] || fail "tally-fcgi did not come back"
	sleep 0.05; i=$((i + 1))
done
scrape
check_store_counters
[ "$(metric 'tally_uploads_refused_total{code="bad_header",status="400"}')" = 0 ] ||
    fail "refusals after a restart"
