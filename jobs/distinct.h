/*
 * Exact distinct counts: a set of byte strings (the caller's canonical
 * form of each value) with their hashes, in one growing arena per set.
 * Memory grows with the distinct values, which is why callers charge it to
 * the run's budget; approximate counts in bounded memory are hll.c's.
 */
#ifndef TALLY_DISTINCT_H
#define TALLY_DISTINCT_H

#include <stddef.h>
#include <stdint.h>

struct distinct;

/*
 * Add the len bytes at p (hash h, computed by the caller the same way for
 * every set that will be merged) to *dp, creating the set if NULL.  The
 * bytes are copied.  *bytes grows by the memory taken on.  Returns 0, or
 * -1 if memory is short (the set is then as before).
 */
int		 distinct_add(struct distinct **dp, const void *p, size_t len,
		    uint64_t h, size_t *bytes);

/* Fold src into *dstp (created if NULL).  Returns 0 or -1. */
int		 distinct_merge(struct distinct **dstp,
		    const struct distinct *src, size_t *bytes);

/* The number of distinct strings; 0 for NULL. */
uint64_t	 distinct_count(const struct distinct *d);

/* Bytes the set occupies.  NULL is 0. */
size_t		 distinct_bytes(const struct distinct *d);

/* Free the set.  NULL is fine. */
void		 distinct_free(struct distinct *d);

#endif /* TALLY_DISTINCT_H */
