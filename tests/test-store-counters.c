/*
 * The service's counters (store_counters), kept by triggers: a job
 * submitted, started and finished counts once in each, a failure under its
 * reason, rows, bytes and rejected rows add up, its duration lands in
 * every histogram bucket at or above it; a job cancelled while queued
 * counts as finished cancelled and never started.  The counts survive a
 * reopen and the deletion of the jobs; a database that had jobs before
 * the counters existed is seeded from them once.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "harness.h"
#include "store.h"

static char	 got[4096];

/* Collect "name{label}=value;" for every counter but the zero buckets. */
static int
collect(void *arg, const char *name, const char *label, double v)
{
	size_t	 n = strlen(got);

	(void)arg;
	snprintf(got + n, sizeof(got) - n, "%s{%s}=%g;", name, label, v);
	return 0;
}

static void
counters(struct store *s)
{
	char	 err[TALLY_ERR_MAX];

	got[0] = '\0';
	if (store_counters(s, collect, NULL, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);
}

/* Insert job id, claim it and finish it as state with error e. */
static void
run_job(struct store *s, const char *id, enum job_state state,
    const char *e, int64_t rows, int64_t rejected)
{
	static struct store_job	 j;
	char			 got_id[JOB_ID_LEN + 1], err[TALLY_ERR_MAX];

	memset(&j, 0, sizeof(j));
	strcpy(j.id, id);
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	CHECK(store_claim(s, 1, got_id, err, sizeof(err)) == 1);
	CHECK_STR(got_id, id);
	j.state = state;
	j.bytes_done = 1000;
	j.has_metrics = 1;
	j.rows = rows;
	j.rejected = rejected;
	snprintf(j.error, sizeof(j.error), "%s", e);
	CHECK(store_finish(s, &j, err, sizeof(err)) == 1);
}

int
main(void)
{
	static struct store_job	 j;
	char			 path[4096], err[TALLY_ERR_MAX];
	struct store		*s;
	sqlite3			*db;
	enum job_state		 was;
	int64_t			 pid;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-counters"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	counters(s);
	CHECK(strstr(got, "submitted{}=0;") != NULL);
	CHECK(strstr(got, "job_seconds_bucket{0.1}=0;") != NULL);

	run_job(s, "0000000000000000000000000000000001", JOB_DONE, "", 7, 2);
	run_job(s, "0000000000000000000000000000000002", JOB_FAILED,
	    "the job needs more than 1 GiB of memory for its groups", 3, 0);
	run_job(s, "0000000000000000000000000000000003", JOB_FAILED,
	    "interrupted: the job's process is gone", 0, 0);
	strcpy(j.id, "0000000000000000000000000000000004");
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	CHECK(store_cancel(s, j.id, &was, &pid, err, sizeof(err)) == 1);

	counters(s);
	CHECK(strstr(got, "submitted{}=4;") != NULL);
	CHECK(strstr(got, "started{}=3;") != NULL);
	CHECK(strstr(got, "finished{cancelled}=1;") != NULL);
	CHECK(strstr(got, "finished{done}=1;") != NULL);
	CHECK(strstr(got, "finished{failed}=2;") != NULL);
	CHECK(strstr(got, "failed{interrupted}=1;") != NULL);
	CHECK(strstr(got, "failed{memory}=1;") != NULL);
	CHECK(strstr(got, "failed{input}=0;") != NULL);
	CHECK(strstr(got, "rows{}=10;") != NULL);
	CHECK(strstr(got, "bytes{}=3000;") != NULL);
	CHECK(strstr(got, "rejected{}=2;") != NULL);
	/* Three finished runs, each well under 30 s; sorted by bound. */
	CHECK(strstr(got, "job_seconds_bucket{30}=3;") != NULL);
	CHECK(strstr(got, "job_seconds_bucket{3600}=3;"
	    "job_seconds_bucket{+Inf}=3;") != NULL);

	/* Retention removes jobs, not counts; a reopen keeps them. */
	CHECK(store_delete(s, "0000000000000000000000000000000001", err,
	    sizeof(err)) == 0);
	store_close(s);
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	counters(s);
	CHECK(strstr(got, "finished{done}=1;") != NULL);
	CHECK(strstr(got, "rows{}=10;") != NULL);
	store_close(s);

	/* A database from before the counters: seeded from its jobs. */
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "DROP TABLE counters", NULL, NULL,
	    NULL) == SQLITE_OK);
	sqlite3_close(db);
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	counters(s);
	CHECK(strstr(got, "submitted{}=3;") != NULL);
	CHECK(strstr(got, "started{}=2;") != NULL);
	CHECK(strstr(got, "finished{failed}=2;") != NULL);
	CHECK(strstr(got, "failed{interrupted}=1;") != NULL);
	CHECK(strstr(got, "rows{}=3;") != NULL);
	CHECK(strstr(got, "job_seconds_bucket{+Inf}=2;") != NULL);
	store_close(s);
	return 0;
}
