/*
 * The job runner (see runner.h).  Lifetime of everything here is the job:
 * the store handle, the input descriptor and the engine's table are opened
 * after the scheduler's fork and exec, and gone when the process exits.
 * The runner holds its job's lock (lock.c) from before it records its pid
 * until it exits.  Result files are published as a set, all renamed into
 * place before the job is recorded done, and nginx serves them only for a
 * done job; a runner killed at any moment leaves a running job whose lock
 * is free, which recovery marks interrupted and clears.
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
#include <sys/prctl.h>
#include <sys/resource.h>

#include "clock.h"
#include "agg.h"
#include "engine.h"
#include "job.h"
#include "bounds.h"
#include "lock.h"
#include "log.h"
#include "num.h"
#include "output.h"
#include "profile.h"
#include "rejects.h"
#include "rows.h"
#include "runner.h"
#include "sandbox.h"
#include "sched.h"
#include "store.h"
#include "transcode.h"

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
on_progress(void *arg, uint64_t bytes, uint64_t rows, uint64_t filtered)
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
	if (store_progress(p->s, p->id, (int64_t)bytes, (int64_t)rows,
	    (int64_t)filtered, err, sizeof(err)) == -1)
		log_msg(LOG_LEVEL_WARN, p->id, "progress: %s", err);
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
			r->value_len = e->value_len < sizeof(r->value) ?
			    e->value_len : sizeof(r->value) - 1;
			memcpy(r->value, e->value, r->value_len);
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
		log_msg(LOG_LEVEL_WARN, NULL, "RLIMIT_AS: %s", strerror(errno));
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

/* The result files of a job, in the order they are written. */
static const int result_files[] = {
	JOB_FILE_CSV, JOB_FILE_JSON, JOB_FILE_PARQUET
};
static const enum output_format result_formats[] = {
	OUTPUT_CSV, OUTPUT_JSON, OUTPUT_PARQUET
};
#define NRESULTS	(sizeof(result_files) / sizeof(result_files[0]))

/* The gzip copies nginx serves (gzip_static): of which file, as which. */
static const int gz_files[][2] = {
	{ JOB_FILE_CSV, JOB_FILE_CSV_GZ },
	{ JOB_FILE_JSON, JOB_FILE_JSON_GZ },
};
#define NGZ		(sizeof(gz_files) / sizeof(gz_files[0]))

/*
 * Rename job file f from its temporary name (NAME.tmp.set) into place, if
 * it was written.  Returns 0, or -1 with err set.
 */
static int
publish(const struct sched_conf *c, const char *id, int f, char *err,
    size_t errsz)
{
	char	 path[JOB_PATH_MAX], tmp[JOB_PATH_MAX + 16];

	if (job_path(path, sizeof(path), c->jobs, id, f) == -1) {
		snprintf(err, errsz, "bad job id");
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp.set", path);
	if (rename(tmp, path) == -1 && errno != ENOENT) {
		snprintf(err, errsz, "%.300s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * fsync the file at path, which rows_index() wrote and closed: every file
 * of a result is on disk before the job is recorded done.  Returns 0, or
 * -1 with err set.
 */
static int
sync_file(const char *path, char *err, size_t errsz)
{
	int	 fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errsz, "%.300s: %s", path, strerror(errno));
		return -1;
	}
	if ((rc = fsync(fd)) == -1)
		snprintf(err, errsz, "%.300s: %s", path, strerror(errno));
	close(fd);
	return rc;
}

/*
 * fsync job id's folder, so that the renames that published its results
 * last across a crash before the job is recorded done.  Best effort: each
 * file is already synced, and a lost rename leaves a job that recovery
 * marks interrupted, never a done job without its files.
 */
static void
sync_folder(const struct sched_conf *c, const char *id)
{
	char	 path[JOB_PATH_MAX];
	int	 dfd;

	if (job_path(path, sizeof(path), c->jobs, id, -1) == 0 &&
	    (dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
}

/*
 * Index the written result.csv (NAME.tmp.set) for paged reading: the row
 * index (rows.h), under a temporary name too, synced as the results are.
 * Orders by a column are left to the first page that asks (about 0.5 s
 * of CPU for a million groups, which most jobs would never use).
 * Returns 0, or -1 with err set.
 */
static int
index_rows(const struct sched_conf *c, const char *id,
    const struct engine_result *res, char *err, size_t errsz)
{
	char		 csv[JOB_PATH_MAX + 16], idx[JOB_PATH_MAX + 16];
	uint32_t	 keycol = res->marked ? 1 : 0;

	if (job_path(csv, sizeof(csv), c->jobs, id, JOB_FILE_CSV) == -1 ||
	    job_path(idx, sizeof(idx), c->jobs, id, JOB_FILE_ROWS) == -1) {
		snprintf(err, errsz, "bad job id");
		return -1;
	}
	strcat(csv, ".tmp.set");
	strcat(idx, ".tmp.set");
	if (rows_index(csv, idx, NULL, keycol, UINT32_MAX,
	    (uint64_t)res->nextra, err, errsz) == -1)
		return -1;
	return sync_file(idx, err, errsz);
}

/*
 * Write every result file under a temporary name, then rename them all
 * into place: a runner killed before the renames leaves only temporary
 * files, and one killed among them leaves a job that is still running,
 * whose files recovery removes.  Nothing is served before the job is done.
 */
static int
write_results(const struct sched_conf *c, const char *id,
    struct engine_result *res, const struct query_shape *shape,
    const struct output_opts *oo, char *err, size_t errsz)
{
	char	 path[JOB_PATH_MAX], tmp[JOB_PATH_MAX + 16], size[32];
	size_t	 max = c->max_result ? c->max_result : TALLY_RESULT_MAX, i;
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
	if (shape != NULL && engine_shape(res, shape->limit, shape->others,
	    shape->total, err, errsz) == -1)
		return -1;
	ours = limit_files((rlim_t)max);
	errno = 0;
	for (i = 0; i < NRESULTS; i++) {
		if (job_path(path, sizeof(path), c->jobs, id,
		    result_files[i]) == -1) {
			snprintf(err, errsz, "bad job id");
			goto out;
		}
		snprintf(tmp, sizeof(tmp), "%s.tmp.set", path);
		if (output_file(tmp, res, result_formats[i], oo, err,
		    errsz) == -1)
			goto out;
	}
	/* Compressed copies of the text results, which nginx prefers. */
	for (i = 0; i < NGZ; i++) {
		char	 gz[JOB_PATH_MAX + 16];

		if (job_path(path, sizeof(path), c->jobs, id,
		    gz_files[i][0]) == -1 || job_path(gz, sizeof(gz), c->jobs,
		    id, gz_files[i][1]) == -1) {
			snprintf(err, errsz, "bad job id");
			goto out;
		}
		snprintf(tmp, sizeof(tmp), "%s.tmp.set", path);
		strcat(gz, ".tmp.set");
		if (output_gzip(tmp, gz, err, errsz) == -1)
			goto out;
	}
	if (index_rows(c, id, res, err, errsz) == -1)
		goto out;
	for (i = 0; i < NRESULTS; i++)
		if (publish(c, id, result_files[i], err, errsz) == -1)
			goto out;
	/* The row index joins the set: pages are read through it. */
	if (publish(c, id, JOB_FILE_ROWS, err, errsz) == -1)
		goto out;
	for (i = 0; i < NGZ; i++)
		if (publish(c, id, gz_files[i][1], err, errsz) == -1)
			goto out;
	/* rejects.csv, written while the job ran, joins the set. */
	if (publish(c, id, JOB_FILE_REJECTS, err, errsz) == -1)
		goto out;
	sync_folder(c, id);
	rc = 0;
out:
	if (rc == -1 && errno == EFBIG && ours)
		snprintf(err, errsz, "the results of the job are larger than "
		    "%s (%zu groups); raise --max-result-size",
		    num_size_text(max, size, sizeof(size)),
		    agg_count(res->agg));
	(void)limit_files(RLIM_INFINITY);
	return rc;
}

/*
 * A profile job: profile the input into result.json and result.csv (and
 * their gzip copies, and result.csv's row index, so that its columns page
 * like groups) and result.parquet, published as a set like
 * write_results() does, and say in fin how it went.
 */
static void
run_profile(const struct sched_conf *c, const char *id,
    const struct store_job *j, const struct engine_opts *eo, int fd,
    struct store_job *fin)
{
	static const int	 files[] = { JOB_FILE_JSON, JOB_FILE_CSV };
	struct profile		 p;
	char			 path[JOB_PATH_MAX], tmp[JOB_PATH_MAX + 16];
	char			 gz[JOB_PATH_MAX + 16], err[TALLY_ERR_MAX];
	size_t			 i;
	int			 ran, ours;

	ran = profile_run(eo, fd, (off_t)j->input_off, (off_t)j->input_len,
	    &p, err, sizeof(err));
	ours = limit_files((rlim_t)(c->max_result ? c->max_result :
	    TALLY_RESULT_MAX));
	for (i = 0; ran == 0 && !cancel_flag && i < 2; i++) {
		if (job_path(path, sizeof(path), c->jobs, id, files[i]) == -1 ||
		    job_path(gz, sizeof(gz), c->jobs, id, files[i] ==
		    JOB_FILE_JSON ? JOB_FILE_JSON_GZ : JOB_FILE_CSV_GZ) == -1) {
			snprintf(err, sizeof(err), "bad job id");
			ran = -1;
			break;
		}
		snprintf(tmp, sizeof(tmp), "%s.tmp.set", path);
		strcat(gz, ".tmp.set");
		if (profile_file(tmp, &p, files[i] == JOB_FILE_JSON, err,
		    sizeof(err)) == -1 || output_gzip(tmp, gz, err,
		    sizeof(err)) == -1)
			ran = -1;
	}
	/* result.parquet, as every job has (parquet_write_table()). */
	if (ran == 0 && !cancel_flag && (job_path(path, sizeof(path), c->jobs,
	    id, JOB_FILE_PARQUET) == -1 || snprintf(tmp, sizeof(tmp),
	    "%s.tmp.set", path) < 0 || profile_file(tmp, &p,
	    PROFILE_OUT_PARQUET, err, sizeof(err)) == -1 ||
	    publish(c, id, JOB_FILE_PARQUET, err, sizeof(err)) == -1))
		ran = -1;
	if (ran == 0 && !cancel_flag) {
		char	 idx[JOB_PATH_MAX + 16];

		if (job_path(path, sizeof(path), c->jobs, id,
		    JOB_FILE_CSV) == -1 || job_path(idx, sizeof(idx), c->jobs,
		    id, JOB_FILE_ROWS) == -1) {
			snprintf(err, sizeof(err), "bad job id");
			ran = -1;
		} else {
			snprintf(tmp, sizeof(tmp), "%s.tmp.set", path);
			strcat(idx, ".tmp.set");
			/*
			 * One row per column in the header's order, which is
			 * no column's: a sorted page makes its order on first
			 * use (rows.h).
			 */
			if (rows_index(tmp, idx, NULL, UINT32_MAX, UINT32_MAX,
			    0, err, sizeof(err)) == -1 ||
			    sync_file(idx, err, sizeof(err)) == -1 ||
			    publish(c, id, JOB_FILE_ROWS, err,
			    sizeof(err)) == -1)
				ran = -1;
		}
	}
	for (i = 0; ran == 0 && !cancel_flag && i < 2; i++)
		if (publish(c, id, files[i], err, sizeof(err)) == -1 ||
		    publish(c, id, files[i] == JOB_FILE_JSON ?
		    JOB_FILE_JSON_GZ : JOB_FILE_CSV_GZ, err, sizeof(err)) == -1)
			ran = -1;
	if (ran == 0 && !cancel_flag)
		sync_folder(c, id);
	if (ours)
		(void)limit_files(RLIM_INFINITY);
	if (cancel_flag || p.cancelled) {
		fin->state = JOB_CANCELLED;
		snprintf(fin->error, sizeof(fin->error), "cancelled");
	} else if (ran == -1) {
		fin->state = JOB_FAILED;
		snprintf(fin->error, sizeof(fin->error), "%s", err);
	} else
		fin->state = JOB_DONE;
	fin->has_metrics = 1;
	fin->rows = (int64_t)p.rows;
	fin->rejected = (int64_t)p.rejected;
	fin->groups_n = (int64_t)p.ncols;
	fin->seconds = p.seconds;
	fin->mb_per_s = p.seconds > 0 ? (double)p.bytes / 1e6 / p.seconds : 0;
	fin->peak_rss_kb = p.peak_rss_kb;
	fin->bytes_done = (int64_t)p.bytes;
	fin->rows_done = (int64_t)p.rows;
	profile_free(&p);
}

int
runner_main(const struct sched_conf *c, const char *id)
{
	struct store		*s = NULL;
	struct store_job	 j, fin;
	struct engine_opts	 eo;
	struct output_opts	 oo;
	struct engine_result	 res;
	struct progress		 pr;
	const struct query_shape *shape = NULL;
	struct query_shape	*old_shape = NULL;
	struct sigaction	 sa;
	char			 path[JOB_PATH_MAX], err[TALLY_ERR_MAX];
	char			 gone[JOB_PATH_MAX + 16];
	struct rejects		*rw = NULL;
	int			 fd = -1, lockfd = -1, rc = -1, got = 0, ran;
	int			 enc;
	unsigned		 keep;

	memset(&j, 0, sizeof(j));
	memset(&fin, 0, sizeof(fin));
	memset(&res, 0, sizeof(res));
	gone[0] = '\0';

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);

	if (!job_id_valid(id)) {
		log_msg(LOG_LEVEL_ERROR, NULL, "bad job id");
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
	/*
	 * The lock first, then the pid: a running job whose lock is free has
	 * no runner, whatever pid it shows.
	 */
	memcpy(fin.id, id, sizeof(fin.id));
	/*
	 * No capability and no new privileges from here on, before anyone
	 * can see our pid: sandbox_enter() sets no_new_privs again with the
	 * filter, later.
	 */
	if (sandbox_caps_drop(err, sizeof(err)) == -1) {
		fin.state = JOB_FAILED;
		snprintf(fin.error, sizeof(fin.error), "%s", err);
		goto finish;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		fin.state = JOB_FAILED;
		snprintf(fin.error, sizeof(fin.error), "PR_SET_NO_NEW_PRIVS: "
		    "%s", strerror(errno));
		goto finish;
	}
	if ((lockfd = lock_take(c->jobs, id, err, sizeof(err))) == -1) {
		fin.state = JOB_FAILED;
		snprintf(fin.error, sizeof(fin.error), "%s", err);
		goto finish;
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
	/* The dialect; submit_job() stored a name transcode_parse() knows. */
	enc = transcode_parse(j.encoding);
	eo.source.enc = enc > 0 ? (enum source_enc)enc : SOURCE_ENC_AUTO;
	eo.trim = j.trim;
	eo.no_header = j.no_header;
	eo.decimal_comma = j.decimal_comma;
	memset(&oo, 0, sizeof(oo));
	oo.json_strings = j.json_strings;
	if (j.max_bad[0] != '\0')
		(void)engine_parse_max_bad(j.max_bad, &eo);
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
	/*
	 * --where and --limit, --others, --total, as the store keeps them;
	 * a job queued by a tally before schema 6 has them in its query file.
	 */
	shape = &j.shape;
	if (shape->nwhere == 0 && shape->limit == 0 && !shape->others &&
	    !shape->total) {
		if ((old_shape = calloc(1, sizeof(*old_shape))) == NULL ||
		    job_path(path, sizeof(path), c->jobs, id,
		    JOB_FILE_QUERY) == -1 ||
		    query_shape_read(old_shape, path, err, sizeof(err)) == -1) {
			fin.state = JOB_FAILED;
			snprintf(fin.error, sizeof(fin.error), "%s",
			    old_shape == NULL ? "out of memory" : err);
			goto finish;
		}
		shape = old_shape;
	}
	eo.where = shape->where;
	eo.nwhere = shape->nwhere;

	if (job_path(path, sizeof(path), c->jobs, id, JOB_FILE_INPUT) == -1 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		fin.state = JOB_FAILED;
		snprintf(fin.error, sizeof(fin.error), "input: %s",
		    strerror(errno));
		goto finish;
	}
	if (j.kind == JOB_KIND_PROFILE) {
		if (sandbox_enter(err, sizeof(err)) == -1 ||
		    sandbox_probe(err, sizeof(err)) == 1) {
			fin.state = JOB_FAILED;
			snprintf(fin.error, sizeof(fin.error), "%s", err);
		} else
			run_profile(c, id, &j, &eo, fd, &fin);
		close(fd);
		fd = -1;
		goto finish;
	}
	/*
	 * Every bad row streams to rejects.csv, kept for failed jobs too;
	 * it is published with the other results (see publish()).
	 */
	if (job_path(path, sizeof(path), c->jobs, id, JOB_FILE_REJECTS) == -1 ||
	    strlen(path) + 8 >= sizeof(path) ||
	    (strcat(path, ".tmp.set"),
	    (rw = rejects_open(path, err, sizeof(err))) == NULL)) {
		fin.state = JOB_FAILED;
		snprintf(fin.error, sizeof(fin.error), "%s", err);
		goto finish;
	}
	eo.reject = rejects_add;
	eo.reject_arg = rw;
	/*
	 * Input, store and folder are open: from here on the runner cannot
	 * start programs, open sockets or gain privileges.
	 */
	if (sandbox_enter(err, sizeof(err)) == -1 ||
	    sandbox_probe(err, sizeof(err)) == 1) {
		fin.state = JOB_FAILED;
		snprintf(fin.error, sizeof(fin.error), "%s", err);
		(void)rejects_close(rw, 0, err, sizeof(err));
		rw = NULL;
		goto finish;
	}
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
	    write_results(c, id, &res, shape, &oo, err, sizeof(err)) == -1)
		ran = -1;
	if (cancel_flag || res.cancelled) {
		fin.state = JOB_CANCELLED;
		snprintf(fin.error, sizeof(fin.error), "cancelled");
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
	fin.bytes_decoded = (int64_t)res.bytes_out;
	snprintf(fin.compression, sizeof(fin.compression), "%s",
	    source_comp_name(res.comp));
	fin.rows_done = (int64_t)res.rows;
	fin.filtered = (int64_t)res.filtered;
	copy_rejects(&fin, &res);
finish:
	/*
	 * A done job keeps its results, one failed by its rows the
	 * rejects.csv that names them, and any job a kept input; nothing
	 * else stays.  Cleaning after the record would leave files behind
	 * if this process died in between, so clean first (recovery clears
	 * a running job whose lock is free), all but the lock file: while
	 * the job is running, a missing lock file would read as a free lock.
	 *
	 * A done job's input is only renamed to a temporary name here, and
	 * unlinked once the job is recorded: unlinking a large file frees
	 * its page cache first (50 ms for a gigabyte), which the client
	 * would wait for.  Should this process die in between, the
	 * temporary file goes with the sweep, as any other.
	 */
	keep = JOB_KEEP(JOB_FILE_LOCK) |
	    (c->keep_input ? JOB_KEEP(JOB_FILE_INPUT) : 0);
	if (fin.state == JOB_FAILED && res.data_error && res.rejected > 0 &&
	    publish(c, id, JOB_FILE_REJECTS, err, sizeof(err)) == 0)
		job_clear(c->jobs, id, keep | JOB_KEEP(JOB_FILE_REJECTS));
	else if (fin.state != JOB_DONE)
		job_clear(c->jobs, id, keep);
	else if (!c->keep_input && job_path(path, sizeof(path), c->jobs, id,
	    JOB_FILE_INPUT) == 0) {
		snprintf(gone, sizeof(gone), "%s.tmp.gone", path);
		if (rename(path, gone) == -1) {
			unlink(path);
			gone[0] = '\0';
		}
	}
	switch (store_finish(s, &fin, err, sizeof(err))) {
	case -1:
		goto out;
	case 0:
		/* Cancelled or deleted meanwhile: leave nothing behind. */
		job_clear(c->jobs, id, keep);
		/* FALLTHROUGH */
	default:
		/*
		 * Recorded: the lock file has served.  (Should this process
		 * die first, the sweep removes it.)  An empty folder goes.
		 */
		if (job_path(path, sizeof(path), c->jobs, id,
		    JOB_FILE_LOCK) == 0)
			unlink(path);
		if (job_path(path, sizeof(path), c->jobs, id, -1) == 0)
			(void)rmdir(path);
		break;
	}
	/*
	 * A slot is free; the sandbox forbids starting the next runner from
	 * here, so wake the daemon, which does at once.
	 */
	sched_wake(c->db);
	rc = 0;
out:
	if (rc == -1)
		log_msg(LOG_LEVEL_ERROR, id, "%s", err);
	if (gone[0] != '\0')
		unlink(gone);
	free(old_shape);
	if (fd != -1)
		close(fd);
	/* The lock goes when this process does; closing it says so early. */
	if (lockfd != -1)
		close(lockfd);
	store_job_free(&fin);
	if (got)
		store_job_free(&j);
	engine_result_free(&res);
	store_close(s);
	return rc;
}
