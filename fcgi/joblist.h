/*
 * Job lists of several nodes merged into one.  Each node answers
 * GET /api/jobs as {"jobs":[{...},...],"total":N,...}, newest first; this
 * reads such an answer (from a peer, so untrusted bytes: every step is
 * bounded and a malformed answer is refused, never guessed at) into the
 * spans of its job objects and their "created" times, and merges several
 * lists by time.  The objects themselves are copied through unchanged.
 */
#ifndef TALLY_JOBLIST_H
#define TALLY_JOBLIST_H

#include <stddef.h>
#include <stdint.h>

#define JOBLIST_ITEMS_MAX	1000
#define JOBLIST_TIME_MAX	32

/* One job object of a list: body[off, off + len). */
struct joblist_item {
	size_t	 off, len;
	char	 created[JOBLIST_TIME_MAX];	/* as written, "" if null */
};

struct joblist {
	const char		*body;
	struct joblist_item	*items;
	size_t			 n;
	long long		 total;
};

/*
 * Read body (len bytes) as a job list answer into l (at most
 * JOBLIST_ITEMS_MAX jobs; l->body points into body, which must outlive l).
 * Returns 0, or -1 if it is not one.  Free with joblist_free().
 */
int		 joblist_parse(const char *body, size_t len, struct joblist *l);

void		 joblist_free(struct joblist *l);

/* Is s (len bytes) one JSON object and nothing else?  1 or 0. */
int		 joblist_object(const char *s, size_t len);

/*
 * Call fn(arg, list index, item) for the items of the n lists merged
 * newest first (ties keep list order), skipping the first offset and
 * stopping after limit.
 */
void		 joblist_merge(const struct joblist *lists, size_t n,
		    size_t offset, size_t limit,
		    void (*fn)(void *, size_t, const struct joblist_item *),
		    void *arg);

#endif /* TALLY_JOBLIST_H */
