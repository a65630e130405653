/*
 * The job runner (see runner.h).  Lifetime of everything here is the job:
 * the store handle, the input descriptor and the engine's table are opened
 * after the scheduler's fork and exec, and gone when the process exits.
 * Result files appear only through rename(), so a runner killed at any
 * moment leaves either no result or a complete one.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>

#include "clock.h"
#include "agg.h"
#include "engine.h"
#include "job.h"
#include "limits.h"
#include "num.h"
#include "output.h"
#include "rejects.h"
#include "runner.h"
#include "sched.h"
#include "store.h"

/* Progress is written to the store at most this often, in seconds. */
#define PROGRESS_EVERY	0.25

/*
 * Address space a thread may take beyond the budget: its stack (8 MiB by
 * default) and the malloc arena glibc reserves for it (64 MiB).
 */
#define THREAD_SPACE	((rlim_t)80 * 1024 * 1024)

/* AddressSanitizer reserves terabytes of address space: no RLIMIT_AS. */
#if defined(__SANITIZE_ADDRESS__)
#define RUNNER_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RUNNER_ASAN	1
#endif
#endif

static volatile sig_atomic_t	 cancel_flag;

static void
on_term(int sig)
{
	(void)sig;
	cancel_flag = 1;
}

struct progress {
	struct store	*s;
	const char	*id;
	double		 start;
	double		 last;
	int		 max_mbps;	/* 0: no cap */
};

static int
on_progress(void *arg, uint64_t bytes, uint64_t rows)
{
	struct progress	*p = arg;
	char		 err[TALLY_ERR_MAX];
	double		 t;

	if (cancel_flag)
		return -1;
	/*
	 * The read-rate cap: sleep until the bytes read so far are due,
	 * in slices short enough that a cancel is seen within 50 ms.
	 */
	while (p->max_mbps > 0 && !cancel_flag &&
	    (t = p->start + (double)bytes / 1e6 / p->max_mbps - clock_mono()) > 0) {
		struct timespec	 ts = { 0, (long)((t < 0.05 ? t : 0.05) *
			    1e9) };

		nanosleep(&ts, NULL);
	}
	if (cancel_flag)
		return -1;
	if ((t = clock_mono()) - p->last < PROGRESS_EVERY)
		return 0;
	p->last = t;
	/* A failed progress write is not worth failing the job for. */
	if (store_progress(p->s, p->id, (int64_t)bytes, (int64_t)rows, err,
	    sizeof(err)) == -1)
		fprintf(stderr, "tally job %s: %s\n", p->id, err);
	return 0;
}

/* Copy the engine's bad-row samples into fin, as the store keeps them. */
static void
copy_rejects(struct store_job *fin, const struct engine_result *res)
{
	struct store_reject		*r;
	const struct engine_reject	*e;
	size_t				 i;

	if (res->nrejects == 0 ||
	    (fin->rejects = calloc(res->nrejects, sizeof(*r))) == NULL)
		return;
	for (i = 0; i < res->nrejects; i++) {
		e = &res->rejects[i];
		r = &fin->rejects[i];
		r->line = (int64_t)e->line;
		r->column = e->column;
		if (e->column > 0) {
			snprintf(r->colname, sizeof(r->colname), "%s",
			    e->colname);
			snprintf(r->value, sizeof(r->value), "%s", e->value);
		}
		snprintf(r->reason, sizeof(r->reason), "%s", e->reason);
	}
	fin->nrejects = res->nrejects;
}

/*
 * The backstop under the engine's memory budget: an address-space limit of
 * the budget plus a margin for the code, buffers and each thread, so that
 * a table that escaped the accounting fails an allocation instead of
 * taking the machine.  Only ever lowered.
 */
static void
limit_memory(const struct sched_conf *c)
{
#ifndef RUNNER_ASAN
	struct rlimit	 rl;
	rlim_t		 want;
	long		 n = c->threads > 0 ? c->threads :
			    sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (n > TALLY_THREADS_MAX)
		n = TALLY_THREADS_MAX;
	want = (rlim_t)(c->max_memory ? c->max_memory : TALLY_MEMORY_MAX) +
	    (rlim_t)TALLY_MEMORY_MARGIN + (rlim_t)n * THREAD_SPACE;
	if (getrlimit(RLIMIT_AS, &rl) == -1)
		return;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want)
		want = rl.rlim_max;
	rl.rlim_cur = rl.rlim_max = want;
	if (setrlimit(RLIMIT_AS, &rl) == -1)
		fprintf(stderr, "tally job: RLIMIT_AS: %s\n", strerror(errno));
#else
	(void)c;
#endif
}

/*
 * Hold the files this process writes to max bytes (RLIM_INFINITY: as
 * before) through the soft RLIMIT_FSIZE; SIGXFSZ is ignored, so a write
 * past it fails with EFBIG.  Only result files are written meanwhile.
 * Returns 1 if max is the limit now, 0 if a lower hard limit from outside
 * is (or the limit could not be set).
 */
static int
limit_files(rlim_t max)
{
	struct rlimit	 rl;

	if (getrlimit(RLIMIT_FSIZE, &rl) == -1)
		return 0;
	rl.rlim_cur = max == RLIM_INFINITY || max > rl.rlim_max ?
	    rl.rlim_max : max;
	return setrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur == max;
}

static void
remove_results(const struct sched_conf *c, const char *id)
{
	char	 path[JOB_PATH_MAX];
	int	 f;

	for (f = JOB_FILE_CSV; f < JOB_FILE__MAX; f++)
		if (job_path(path, sizeof(path), c->jobs, id, f) == 0)
			unlink(path);
	job_clean_tmp(c->jobs, id);
}

static int
write_results(const struct sched_conf *c, const char *id,
    struct engine_result *res, char *err, size_t errsz)
{
	char	 path[JOB_PATH_MAX], size[32];
	size_t	 max = c->max_result ? c->max_result : TALLY_RESULT_MAX;
	int	 rc = -1, ours;

	if (engine_sort(res, 0) == -1) {
		/* Sorting is charged to the budget too. */
		snprintf(err, errsz, "the job needs more than %s of memory "
		    "for its groups (%zu groups so far); raise "
		    "--max-job-memory", num_size_text(c->max_memory ?
		    c->max_memory : TALLY_MEMORY_MAX, size, sizeof(size)),
		    agg_count(res->agg));
		return -1;
	}
	ours = limit_files((rlim_t)max);
	errno = 0;
	if (job_path(path, sizeof(path), c->jobs, id, JOB_FILE_CSV) == -1 ||
	    output_file(path, res, OUTPUT_CSV, NULL, err, errsz) == -1)
		goto out;
	if (job_path(path, sizeof(path), c->jobs, id, JOB_FILE_JSON) == -1 ||
	    output_file(path, res, OUTPUT_JSON, NULL, err, errsz) == -1)
		goto out;
	if (job_path(path, sizeof(path), c->jobs, id, JOB_FILE_PARQUET) == -1 ||
	    output_file(path, res, OUTPUT_PARQUET, NULL, err, errsz) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1 && errno == EFBIG && ours)
		snprintf(err, errsz, "the results of the job are larger than "
		    "%s (%zu groups); raise --max-result-size",
		    num_size_text(max, size, sizeof(size)),
		    agg_count(res->agg));
	(void)limit_files(RLIM_INFINITY);
	if (rc == -1)
		remove_results(c, id);
	return rc;
}

int
runner_main(const struct sched_conf *c, const char *id)
{
	struct store		*s = NULL;
	struct store_job	 j, fin;
	struct engine_opts	 eo;
	struct engine_result	 res;
	struct progress		 pr;
	struct sigaction	 sa;
	char			 path[JOB_PATH_MAX], err[TALLY_ERR_MAX];
	struct rejects		*rw = NULL;
	int			 fd = -1, rc = -1, got = 0, ran;

	memset(&j, 0, sizeof(j));
	memset(&fin, 0, sizeof(fin));
	memset(&res, 0, sizeof(res));

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);

	if (!job_id_valid(id)) {
		fprintf(stderr, "tally job: bad job id\n");
		return -1;
	}
	if ((s = store_open(c->db, err, sizeof(err))) == NULL)
		goto out;
	if ((got = store_get(s, id, &j, err, sizeof(err))) != 0) {
		if (got == 1)
			snprintf(err, sizeof(err), "no such job");
		got = 0;
		goto out;
	}
	got = 1;
	if (j.state != JOB_RUNNING) {
		/* Cancelled or deleted before we started: nothing to do. */
		rc = 0;
		goto out;
	}
	switch (store_set_pid(s, id, getpid(), err, sizeof(err))) {
	case -1:
		goto out;
	case 0:
		/* Cancelled between the claim and now: do not run it. */
		rc = 0;
		goto out;
	default:
		break;
	}

	memset(&eo, 0, sizeof(eo));
	eo.groups = j.groups[0] != '\0' ? j.groups : NULL;
	eo.aggs = j.aggs[0] != '\0' ? j.aggs : NULL;
	eo.delim = j.delim;
	eo.strict = j.strict;
	eo.max_memory = c->max_memory;
	eo.memory_option = "--max-job-memory";
	limit_memory(c);
	pr.s = s;
	pr.id = id;
	pr.start = pr.last = clock_mono();
	pr.max_mbps = c->max_mbps;
	eo.progress = on_progress;
	eo.progress_arg = &pr;
	/*
	 * Threads report progress from the side, so only a one-thread run
	 * can be held to a read rate: a capped job runs on one.
	 */
	eo.threads = c->max_mbps > 0 ? 1 : c->threads;

	memcpy(fin.id, id, sizeof(fin.id));
	if (job_path(path, sizeof(path), c->jobs, id, JOB_FILE_INPUT) == -1 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		fin.state = JOB_FAILED;
		snprintf(fin.error, sizeof(fin.error), "input: %s",
		    strerror(errno));
		goto finish;
	}
	/* Every bad row streams to rejects.csv, kept for failed jobs too. */
	if (job_path(path, sizeof(path), c->jobs, id, JOB_FILE_REJECTS) == -1 ||
	    (rw = rejects_open(path, err, sizeof(err))) == NULL) {
		fin.state = JOB_FAILED;
		snprintf(fin.error, sizeof(fin.error), "%s", err);
		goto finish;
	}
	eo.reject = rejects_add;
	eo.reject_arg = rw;
	ran = engine_run(&eo, fd, (off_t)j.input_off, (off_t)j.input_len,
	    &res, err, sizeof(err));
	close(fd);
	fd = -1;
	{
		char	 rerr[TALLY_ERR_MAX];

		if (rejects_close(rw, !(cancel_flag || res.cancelled), rerr,
		    sizeof(rerr)) == -1 && ran == 0) {
			snprintf(err, sizeof(err), "%s", rerr);
			ran = -1;
		}
		rw = NULL;
	}
	if (ran == 0 && !cancel_flag &&
	    write_results(c, id, &res, err, sizeof(err)) == -1)
		ran = -1;
	if (cancel_flag || res.cancelled) {
		fin.state = JOB_CANCELLED;
		snprintf(fin.error, sizeof(fin.error), "cancelled");
		remove_results(c, id);
	} else if (ran == -1) {
		fin.state = JOB_FAILED;
		snprintf(fin.error, sizeof(fin.error), "%s", err);
		if (res.data_error && res.rejected > 0) {
			size_t	 n = strlen(fin.error);

			snprintf(fin.error + n, sizeof(fin.error) - n,
			    "; the rejected rows are in rejects.csv");
		}
	} else
		fin.state = JOB_DONE;
	fin.has_metrics = 1;
	fin.rows = (int64_t)res.rows;
	fin.rejected = (int64_t)res.rejected;
	fin.groups_n = res.agg != NULL ? (int64_t)agg_count(res.agg) : 0;
	fin.seconds = res.seconds;
	fin.mb_per_s = res.seconds > 0 ?
	    (double)res.bytes / 1e6 / res.seconds : 0;
	fin.peak_rss_kb = res.peak_rss_kb;
	fin.bytes_done = (int64_t)res.bytes;
	fin.rows_done = (int64_t)res.rows;
	copy_rejects(&fin, &res);
finish:
	if (!c->keep_input && job_path(path, sizeof(path), c->jobs, id,
	    JOB_FILE_INPUT) == 0)
		unlink(path);
	switch (store_finish(s, &fin, err, sizeof(err))) {
	case -1:
		goto out;
	case 0:
		/* Cancelled or deleted meanwhile: leave nothing behind. */
		remove_results(c, id);
		break;
	default:
		break;
	}
	rc = 0;
	/* A slot is free: start the next queued job, if any. */
	if (sched_kick(s, c, err, sizeof(err)) == -1)
		fprintf(stderr, "tally job %s: %s\n", id, err);
out:
	if (rc == -1)
		fprintf(stderr, "tally job %s: %s\n", id, err);
	if (fd != -1)
		close(fd);
	store_job_free(&fin);
	if (got)
		store_job_free(&j);
	engine_result_free(&res);
	store_close(s);
	return rc;
}
