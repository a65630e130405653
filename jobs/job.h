/*
 * Job identity and the job folder: ids of 34 lowercase hex digits, the
 * first two the number of the node that holds the job (00 for a single
 * node; a front nginx routes by them), then 128 random bits; their
 * validation, and the paths of a job's files.
 * Every id from outside goes through job_id_valid() before it touches a
 * path.  The two ends of a job that a client asks for, cancel and delete,
 * are here too: they stop the runner and clean the folder, and go through
 * the store (submission is submit.c's).
 */
#ifndef TALLY_JOB_H
#define TALLY_JOB_H

#include <stddef.h>

#define JOB_ID_LEN	34		/* hex digits: node, then random */
#define JOB_NODE_LEN	2		/* hex digits of the node number */
#define JOB_NODE_MAX	255
#define JOB_PATH_MAX	4096

/* The files of a job folder, by name. */
enum job_file {
	JOB_FILE_INPUT,		/* the upload, moved in from nginx */
	JOB_FILE_LOCK,		/* held by the runner (lock.c) */
	JOB_FILE_CSV,		/* result.csv, served by nginx */
	JOB_FILE_JSON,		/* result.json, served by nginx */
	JOB_FILE_PARQUET,	/* result.parquet, served by nginx */
	JOB_FILE_REJECTS,	/* rejects.csv, every bad row, served by nginx */
	JOB_FILE_CSV_GZ,	/* result.csv.gz, for nginx's gzip_static */
	JOB_FILE_JSON_GZ,	/* result.json.gz, likewise */
	JOB_FILE_QUERY,		/* shaping of jobs made before schema 6 */
	JOB_FILE_ROWS,		/* result.idx, the row index (rows.c) */
	JOB_FILE_BYVALUE,	/* result.byvalue, the value order (rows.c) */
	JOB_FILE__MAX
};

extern const char *const job_file_names[JOB_FILE__MAX];

/* What a job computes: totals per group, or a profile of the columns. */
enum job_kind {
	JOB_KIND_AGG,		/* engine_run(): result.csv, .json, .parquet */
	JOB_KIND_PROFILE,	/* profile_run(): result.json, result.csv */
	JOB_KIND__MAX
};

/* "agg", "profile": the names the API and the store use. */
extern const char *const job_kind_names[JOB_KIND__MAX];

/*
 * Write a new id (JOB_ID_LEN hex digits and a NUL) into id: node (0 to
 * JOB_NODE_MAX) in JOB_NODE_LEN digits, then 128 bits from getrandom(2).
 * Returns 0, or -1 with err set.
 */
int		 job_id_new(unsigned node, char id[JOB_ID_LEN + 1], char *err,
		    size_t errsz);

/* The node number a valid id names. */
unsigned	 job_id_node(const char *id);

/* Return 1 if s is exactly JOB_ID_LEN lowercase hex digits, else 0. */
int		 job_id_valid(const char *s);

/*
 * Write "<root>/<id>" (file < 0) or "<root>/<id>/<name>" into buf.  The id
 * must be valid.  Returns 0, or -1 if it does not fit or the id is bad.
 */
int		 job_path(char *buf, size_t sz, const char *root, const char *id,
		    int file);

/*
 * Remove a job's folder and the files tally puts in it (the three above and
 * temporary result files).  Returns 0, or -1 with err set; a missing folder
 * is not an error.
 */
int		 job_remove(const char *root, const char *id, char *err,
		    size_t errsz);

/* Remove temporary result files left in a job folder by a killed runner. */
void		 job_clean_tmp(const char *root, const char *id);

/* A job_clear() mask bit for file f. */
#define JOB_KEEP(f)	(1u << (f))

/*
 * Empty the folder of a job that ended without results (failed,
 * cancelled, interrupted): every temporary file and every file named
 * above except those in keep (JOB_KEEP(JOB_FILE_INPUT) | ...); then
 * remove the folder if nothing else is in it.
 */
void		 job_clear(const char *root, const char *id, unsigned keep);

struct store;
struct sched_conf;

/* What job_cancel() and job_delete() did. */
enum job_end {
	JOB_END_DONE,		/* cancelled, or deleted */
	JOB_END_ENDED,		/* cancel: the job had already ended */
	JOB_END_ABSENT,		/* no such job */
	JOB_END__MAX
};

/*
 * Cancel a queued or running job: mark it cancelled in the store, stop its
 * runner (waiting up to 2 s for it, then killing it) and remove its input
 * unless inputs are kept, then kick the scheduler, since a slot is free.
 * Returns the outcome, or -1 with err set on a database error.
 */
int		 job_cancel(struct store *s, const struct sched_conf *c,
		    const char *id, char *err, size_t errsz);

/*
 * Delete a job: cancel it if it still runs, then remove its record and its
 * folder.  Returns JOB_END_DONE, JOB_END_ABSENT, or -1 with err set.
 */
int		 job_delete(struct store *s, const struct sched_conf *c,
		    const char *id, char *err, size_t errsz);

#endif /* TALLY_JOB_H */
