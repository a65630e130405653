/*
 * The Prometheus text format for GET /api/metrics (see metrics.h).  Each
 * family gets its # HELP and # TYPE lines once, before its samples; label
 * values are fixed words from tally's own tables, so none needs escaping.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "api.h"
#include "log.h"
#include "metrics.h"
#include "resp.h"
#include "store.h"

/* The store's counter names and the metric families they feed. */
static const struct {
	const char	*name;		/* store_counters()'s name */
	const char	*metric;
	const char	*label;		/* the label's name, or NULL */
	const char	*type;
	const char	*help;
} families[] = {
	{ "submitted", "tally_jobs_submitted_total", NULL, "counter",
	    "Jobs created by uploads." },
	{ "started", "tally_jobs_started_total", NULL, "counter",
	    "Jobs whose runner was started." },
	{ "finished", "tally_jobs_finished_total", "state", "counter",
	    "Jobs that ended, by final state." },
	{ "failed", "tally_jobs_failed_total", "reason", "counter",
	    "Failed jobs by reason: interrupted, memory, result_size, "
	    "bad_rows, input." },
	{ "rows", "tally_rows_total", NULL, "counter",
	    "Rows read by jobs that ended done or failed." },
	{ "bytes", "tally_bytes_total", NULL, "counter",
	    "Input bytes read by jobs that ended done or failed "
	    "(compressed bytes for compressed uploads)." },
	{ "rejected", "tally_rejected_rows_total", NULL, "counter",
	    "Bad rows skipped by jobs that ended done or failed." },
	{ "job_seconds_bucket", "tally_job_duration_seconds", "le",
	    "histogram", "Run time of jobs that ended done or failed, from "
	    "start to end." },
};
#define NFAMILIES	(sizeof(families) / sizeof(families[0]))

struct walk {
	FILE		*f;
	const char	*last;		/* the family whose header was written */
	double		 count;		/* the +Inf bucket */
};

static void
header(FILE *f, const char *metric, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", metric, help, metric,
	    type);
}

static int
counter(void *arg, const char *name, const char *label, double v)
{
	struct walk	*w = arg;
	size_t		 i;

	/* Sorted by name: the sum comes right after the buckets. */
	if (strcmp(name, "job_seconds_sum") == 0) {
		fprintf(w->f, "tally_job_duration_seconds_sum %.3f\n", v);
		fprintf(w->f, "tally_job_duration_seconds_count %.0f\n",
		    w->count);
		return 0;
	}
	for (i = 0; i < NFAMILIES; i++)
		if (strcmp(families[i].name, name) == 0)
			break;
	if (i == NFAMILIES)
		return 0;	/* a newer store's counter: not ours */
	if (w->last != families[i].metric) {
		header(w->f, families[i].metric, families[i].type,
		    families[i].help);
		w->last = families[i].metric;
	}
	if (strcmp(families[i].type, "histogram") == 0) {
		fprintf(w->f, "%s_bucket{le=\"%s\"} %.0f\n",
		    families[i].metric, label, v);
		if (strcmp(label, "+Inf") == 0)
			w->count = v;
	} else if (families[i].label != NULL)
		fprintf(w->f, "%s{%s=\"%s\"} %.0f\n", families[i].metric,
		    families[i].label, label, v);
	else
		fprintf(w->f, "%s %.0f\n", families[i].metric, v);
	return 0;
}

int
metrics_write(FILE *f, struct store *s, const struct api_conf *c, char *err,
    size_t errsz)
{
	struct walk	 w;
	struct statvfs	 vfs;
	int64_t		 counts[JOB_STATE__MAX];
	size_t		 i;

	if (store_counts(s, counts, err, errsz) == -1)
		return -1;
	memset(&w, 0, sizeof(w));
	w.f = f;

	header(f, "tally_build_info", "gauge", "The tally version serving, "
	    "always 1.");
	fprintf(f, "tally_build_info{version=\"%s\"} 1\n", PACKAGE_VERSION);

	header(f, "tally_jobs", "gauge", "Jobs in the store by state.");
	for (i = 0; i < JOB_STATE__MAX; i++)
		fprintf(f, "tally_jobs{state=\"%s\"} %lld\n",
		    job_state_names[i], (long long)counts[i]);
	header(f, "tally_queue_depth", "gauge", "Jobs waiting for a runner.");
	fprintf(f, "tally_queue_depth %lld\n", (long long)counts[JOB_QUEUED]);
	header(f, "tally_queue_max", "gauge", "Queued jobs past which uploads "
	    "get 429 (--max-queued).");
	fprintf(f, "tally_queue_max %d\n", c->submit.max_queued);
	header(f, "tally_jobs_running", "gauge", "Jobs running now.");
	fprintf(f, "tally_jobs_running %lld\n",
	    (long long)counts[JOB_RUNNING]);
	header(f, "tally_jobs_running_max", "gauge", "Jobs that may run at "
	    "once (--max-running).");
	fprintf(f, "tally_jobs_running_max %d\n", c->sched.max_running);

	if (store_counters(s, counter, &w, err, errsz) == -1)
		return -1;

	header(f, "tally_uploads_refused_total", "counter", "Uploads "
	    "refused, by error code and HTTP status: by tally-fcgi since it "
	    "started, and (by=\"nginx\") by nginx itself before tally-fcgi "
	    "saw them (body too large, rate limits, bad headers), counted "
	    "from its refusals log (--nginx-refusals).");
	for (i = 0; i < RESP__MAX; i++)
		if (resp_err_status((enum resp_err)i) >= 400)
			fprintf(f, "tally_uploads_refused_total{code=\"%s\","
			    "status=\"%d\"} %lu\n",
			    resp_err_code((enum resp_err)i),
			    resp_err_status((enum resp_err)i),
			    __atomic_load_n(&c->pool->refused[i],
			    __ATOMIC_RELAXED));
	/* A log that cannot be read leaves the counts as they were. */
	if (c->refusals_log != NULL &&
	    refusals_update(&c->pool->nginx, c->refusals_log, err,
	    errsz) == -1)
		log_msg(LOG_LEVEL_WARN, NULL, "%s", err);
	if (c->refusals_log != NULL)
		for (i = 0; i < REFUSAL__MAX; i++)
			fprintf(f, "tally_uploads_refused_total{code=\"%s\","
			    "status=\"%d\",by=\"nginx\"} %lu\n",
			    refusal_code((enum refusal)i),
			    refusal_status((enum refusal)i),
			    c->pool->nginx.count[i]);

	header(f, "tally_workers_alive", "gauge", "FastCGI workers running.");
	fprintf(f, "tally_workers_alive %d\n", c->pool->alive);
	header(f, "tally_workers_configured", "gauge", "FastCGI workers "
	    "wanted (--workers).");
	fprintf(f, "tally_workers_configured %d\n", c->pool->configured);
	header(f, "tally_workers_restarted_total", "counter", "Workers that "
	    "died and were replaced since the daemon started.");
	fprintf(f, "tally_workers_restarted_total %d\n", c->pool->restarted);

	if (statvfs(c->sched.jobs, &vfs) == 0) {
		header(f, "tally_jobs_filesystem_free_bytes", "gauge", "Space "
		    "free for tally on the jobs filesystem (uploads get 507 "
		    "below --min-free).");
		fprintf(f, "tally_jobs_filesystem_free_bytes %llu\n",
		    (unsigned long long)vfs.f_bavail * vfs.f_frsize);
		header(f, "tally_jobs_filesystem_size_bytes", "gauge",
		    "Size of the jobs filesystem.");
		fprintf(f, "tally_jobs_filesystem_size_bytes %llu\n",
		    (unsigned long long)vfs.f_blocks * vfs.f_frsize);
	}
	header(f, "tally_start_time_seconds", "gauge", "When the daemon "
	    "started, in seconds since the epoch.");
	fprintf(f, "tally_start_time_seconds %.0f\n", c->pool->started);
	return 0;
}
