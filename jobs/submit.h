/*
 * Submitting a job: the one call the HTTP layer makes once it has parsed a
 * request.  It checks the options and the CSV header (so a bad column is
 * the client's error at once, not a failed job), guards the disk, moves the
 * stored body into a new job folder with rename(2), records the job within
 * the queue caps and kicks the scheduler.  It knows nothing of HTTP: the
 * caller maps each outcome to its status.
 */
#ifndef TALLY_SUBMIT_H
#define TALLY_SUBMIT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "job.h"
#include "bounds.h"
#include "query.h"
#include "sched.h"
#include "source.h"

struct store;

/* The options of a new job, as the caller parsed them. */
struct submit_opts {
	char	 groups[TALLY_SPEC_MAX];	/* "" for the default */
	char	 aggs[TALLY_SPEC_MAX];		/* "" for the default */
	char	 delim;				/* 0 to sniff */
	int	 strict;
	int	 json_strings;			/* json_numbers=string */
	char	 max_bad[32];			/* "", "N" or "P%" */
	char	 name[256];			/* "" for "upload.csv" */
	struct query_shape shape;		/* where, limit, others, total */
	enum job_kind kind;			/* agg (0) or profile */
	/*
	 * The dialect (engine.h): the encoding (SOURCE_ENC_AUTO detects),
	 * key cells trimmed, the first line data, decimal commas.
	 */
	enum source_enc	 enc;
	int	 trim;
	int	 no_header;
	int	 decimal_comma;
};

/* Process-lifetime settings of submission. */
struct submit_conf {
	const struct sched_conf	*sched;
	unsigned		 node;		/* the first digits of ids */
	int			 max_queued;	/* queued jobs in all */
	int			 max_queued_owner; /* per owner, 0: none */
	/*
	 * The disk guard: refuse uploads while the jobs filesystem has less
	 * than min_free_pct percent, or less than min_free_bytes, available.
	 */
	double			 min_free_pct;
	int64_t			 min_free_bytes;
};

/* What submit_job() did; the caller names each in its own terms. */
enum submit_outcome {
	SUBMIT_OK,		/* recorded and kicked */
	SUBMIT_BAD_OPTION,	/* group_by or agg do not parse */
	SUBMIT_BAD_HEADER,	/* the CSV header, or a column it lacks */
	SUBMIT_NOT_CSV,		/* a binary format, not CSV */
	SUBMIT_QUEUE_FULL,	/* max_queued jobs wait */
	SUBMIT_OWNER_FULL,	/* the owner has max_queued_owner waiting */
	SUBMIT_NO_SPACE,	/* the disk guard */
	SUBMIT_UNAVAILABLE,	/* the database */
	SUBMIT_INTERNAL,	/* a system error, not the request's fault */
	SUBMIT__MAX
};

/*
 * Create a job for owner from the stored body at path (open as fd), whose
 * CSV is the len bytes at off.  On SUBMIT_OK the body has been renamed into
 * the job's folder and id holds the new job's id; on any other outcome the
 * body is where it was (the caller removes it) and err says why, in a
 * sentence for the client.
 */
enum submit_outcome submit_job(struct store *s, const struct submit_conf *c,
		    const char *path, int fd, off_t off, off_t len,
		    const struct submit_opts *o, const char *owner,
		    char id[JOB_ID_LEN + 1], char *err, size_t errsz);

/*
 * Parse a --min-free value: "5%" (a percent of the filesystem, 0 to 100) or
 * a size in bytes with an optional K, M or G suffix.  Returns 0, or -1 with
 * err set.
 */
int		 submit_min_free(const char *v, struct submit_conf *c,
		    char *err, size_t errsz);

#endif /* TALLY_SUBMIT_H */
