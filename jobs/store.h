/*
 * The job store: every job's record in one SQLite file (WAL mode, a busy
 * timeout, BEGIN IMMEDIATE for read-modify-write, schema versioned with
 * user_version).  This file holds every SQL statement tally runs.  A handle
 * belongs to one process: open it after fork(), never before.
 */
#ifndef TALLY_STORE_H
#define TALLY_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "job.h"
#include "bounds.h"
#include "query.h"

struct store;

enum job_state {
	JOB_QUEUED,
	JOB_RUNNING,
	JOB_DONE,
	JOB_FAILED,
	JOB_CANCELLED,
	JOB_STATE__MAX
};

extern const char *const job_state_names[JOB_STATE__MAX];

/*
 * An owner: who a job belongs to, as the HTTP layer names it (a key's name
 * or a cookie's hash).  The store compares owners as strings and knows
 * nothing else about them.
 */
#define STORE_OWNER_MAX	80

/* One bad-row sample, stored as a row of its own (no JSON in the store). */
struct store_reject {
	int64_t		 line;		/* where the record starts, 1-based */
	int		 column;	/* 1-based, or 0 for the whole row */
	char		 colname[64];	/* "" when column is 0 */
	char		 value[TALLY_BADVALUE_SHOW + 4]; /* "" when column is 0 */
	size_t		 value_len;	/* bytes in value, NULs included */
	char		 reason[96];
};

struct store_job {
	char		 id[JOB_ID_LEN + 1];
	enum job_state	 state;
	double		 created;	/* Unix seconds; 0 if not yet */
	double		 started;
	double		 finished;
	char		 name[256];	/* the upload's file name or name= */
	char		 groups[TALLY_SPEC_MAX];	/* "" for the default */
	char		 aggs[TALLY_SPEC_MAX];		/* "" for the default */
	char		 delim;		/* 0 to sniff */
	int		 strict;
	int		 json_strings;	/* decimals as JSON strings */
	char		 max_bad[32];	/* "", "N" or "P%" */
	enum job_kind	 kind;		/* agg or profile */
	/*
	 * The dialect, as the user chose it: the encoding's name ("auto",
	 * "windows-1252"...), key cells trimmed, no header line, decimal
	 * commas.
	 */
	char		 encoding[16];
	int		 trim;
	int		 no_header;
	int		 decimal_comma;
	int64_t		 input_size;	/* bytes of the stored body */
	int64_t		 input_off;	/* where the CSV starts in it */
	int64_t		 input_len;	/* and its length */
	int64_t		 pid;		/* the runner, 0 if none */
	int64_t		 bytes_done;
	int64_t		 rows_done;
	int64_t		 filtered;	/* rows that failed the where, so far */
	int		 has_metrics;	/* the fields below are set */
	int64_t		 rows;
	int64_t		 rejected;
	int64_t		 groups_n;
	double		 seconds;
	double		 mb_per_s;
	int64_t		 peak_rss_kb;
	/*
	 * What the runner found: the compression ("none", "gzip", "zstd";
	 * "" before), and the decoded bytes that the bytes_done of the input
	 * (compressed bytes, for a compressed input) yielded.
	 */
	char		 compression[8];
	int64_t		 bytes_decoded;
	char		 error[TALLY_ERR_MAX];
	char		 owner[STORE_OWNER_MAX];	/* "" for nobody's */
	/*
	 * The where conditions (in order), limit, others and total.  Its
	 * where pointers point into the struct itself: never copy a
	 * store_job by assignment.
	 */
	struct query_shape shape;
	struct store_reject *rejects;	/* owned, nrejects of them, or NULL */
	size_t		 nrejects;
};

/* The outcome of store_submit(). */
enum store_submit {
	STORE_SUBMIT_ADDED,		/* recorded */
	STORE_SUBMIT_QUEUE_FULL,	/* max_queued jobs wait already */
	STORE_SUBMIT_OWNER_FULL,	/* the owner has max_owner waiting */
	STORE_SUBMIT__MAX
};

/*
 * Open (creating if needed, mode 0600) the store at path and bring its
 * schema up to date.  Returns a handle, or NULL with err set.
 */
struct store	*store_open(const char *path, char *err, size_t errsz);

/* Close the handle.  NULL is fine. */
void		 store_close(struct store *s);

/* Release what a store_job owns (its rejects). */
void		 store_job_free(struct store_job *j);

/*
 * Insert a new job with its where conditions, as one step (a savepoint,
 * so it may run inside a caller's transaction); j->state and j->created
 * are taken as given.  0 or -1.
 */
int		 store_insert(struct store *s, const struct store_job *j,
		    char *err, size_t errsz);

/*
 * Insert a new queued job if the queue has room, in one immediate
 * transaction so that concurrent submitters never pass a cap: fewer than
 * max_queued jobs queued in all, and fewer than max_owner queued for
 * j->owner (0: no per-owner cap).  Returns the outcome, or -1 with err set.
 */
int		 store_submit(struct store *s, const struct store_job *j,
		    int max_queued, int max_owner, char *err, size_t errsz);

/*
 * Load job id into j, with its bad-row samples.  Returns 0, 1 if there is
 * no such job, or -1 with err set.  On 0 the caller must store_job_free(j).
 */
int		 store_get(struct store *s, const char *id,
		    struct store_job *j, char *err, size_t errsz);

/*
 * Call fn for up to limit jobs of owner (NULL: everyone's), newest first,
 * skipping offset, without their bad-row samples.  fn returns 0 to go on.
 * *total gets the number of such jobs in all.  Returns 0 or -1.
 */
int		 store_list(struct store *s, const char *owner, int limit,
		    int offset,
		    int (*fn)(void *, const struct store_job *), void *arg,
		    int64_t *total, char *err, size_t errsz);

/* Delete job id's record.  Returns 0 (also if absent) or -1. */
int		 store_delete(struct store *s, const char *id, char *err,
		    size_t errsz);

/* Count jobs in each state into counts[JOB_STATE__MAX].  0 or -1. */
int		 store_counts(struct store *s, int64_t *counts, char *err,
		    size_t errsz);

/*
 * Call fn(arg, name, label, value) for each of the service's counters,
 * which triggers keep as jobs change state (see store.c): "submitted",
 * "started", "finished" by state, "failed" by reason, "rows", "bytes",
 * "rejected", "job_seconds_bucket" by upper bound (cumulative, ending in
 * "+Inf") and "job_seconds_sum"; label is "" where there is none.  Rows
 * come sorted by name, buckets by bound.  fn returns 0 to go on.  The
 * strings are valid only during the call.  Returns 0 or -1.
 */
int		 store_counters(struct store *s,
		    int (*fn)(void *, const char *, const char *, double),
		    void *arg, char *err, size_t errsz);

/*
 * In one immediate transaction: if fewer than max_running jobs are running,
 * mark the oldest queued job running and copy its id into id.  Returns 1 if
 * a job was claimed, 0 if none could be, -1 with err set.
 */
int		 store_claim(struct store *s, int max_running,
		    char id[JOB_ID_LEN + 1], char *err, size_t errsz);

/*
 * Record the runner's pid for a running job.  Returns 1, 0 if the job is no
 * longer running (cancelled or deleted before its runner started), or -1.
 */
int		 store_set_pid(struct store *s, const char *id, pid_t pid,
		    char *err, size_t errsz);

/*
 * Record progress of a running job: bytes read, rows read and, of those,
 * rows that failed its where conditions.  0 or -1.
 */
int		 store_progress(struct store *s, const char *id, int64_t bytes,
		    int64_t rows, int64_t filtered, char *err, size_t errsz);

/*
 * Record the end of a job that is still running: its final state (done,
 * failed or cancelled), metrics (if j->has_metrics), j->filtered, error and bad-row
 * samples, taken from j, in one transaction.  A job no longer running (cancelled or deleted meanwhile)
 * is left as it is.  Returns 1 if recorded, 0 if not, -1 on error.
 */
int		 store_finish(struct store *s, const struct store_job *j,
		    char *err, size_t errsz);

/*
 * Mark a queued or running job cancelled.  *was gets its previous state and
 * *pid its runner.  Returns 1 if it changed, 0 if it was not queued or
 * running (or absent), -1 on error.
 */
int		 store_cancel(struct store *s, const char *id,
		    enum job_state *was, int64_t *pid, char *err,
		    size_t errsz);

/*
 * Call fn with the id, pid and start time of every running job.  fn returns
 * 0 to go on.  Returns 0 or -1.
 */
int		 store_running(struct store *s,
		    int (*fn)(void *, const char *, int64_t, double), void *arg,
		    char *err, size_t errsz);

/*
 * Mark a running job failed with message msg if it is still running with
 * that pid (0 matches a runner that never recorded one).  Returns 1 if it
 * changed, 0 if not, -1 on error.
 */
int		 store_interrupt(struct store *s, const char *id, int64_t pid,
		    const char *msg, char *err, size_t errsz);

/*
 * Put a claimed job whose runner never started back in the queue, in its
 * old place.  0 or -1.
 */
int		 store_requeue(struct store *s, const char *id, char *err,
		    size_t errsz);

/*
 * The one lookup that guards a result download: the owner and state of job
 * id, and (if name is not NULL) its name, for the download's file name.
 * Returns 0, 1 if there is no such job, or -1 with err set.
 */
int		 store_owner(struct store *s, const char *id,
		    char owner[STORE_OWNER_MAX], enum job_state *state,
		    char *name, size_t namesz, char *err, size_t errsz);

/*
 * Call fn with the id of up to 256 jobs that ended (done, failed or
 * cancelled) before the Unix time before, oldest first.  fn returns 0 to go
 * on and may delete the job.  Returns how many were listed, or -1.
 */
int		 store_expired(struct store *s, double before,
		    int (*fn)(void *, const char *), void *arg, char *err,
		    size_t errsz);

/* A cheap query that proves the database answers.  0 or -1. */
int		 store_ping(struct store *s, char *err, size_t errsz);

/*
 * Give the jobs recorded with the 32-digit ids of earlier versions the
 * node prefix (JOB_NODE_LEN hex digits) in front, with their bad-row
 * samples, in one transaction.  Returns how many jobs were renamed, or -1
 * with err set.  sweep_adopt() renames their folders first.
 */
int		 store_adopt_ids(struct store *s, const char *prefix, char *err,
		    size_t errsz);

#endif /* TALLY_STORE_H */
