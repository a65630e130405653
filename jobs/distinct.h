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
struct slab;

/*
 * Add the len bytes at p (hash h, computed by the caller the same way for
 * every set that will be merged) to *dp, creating the set if NULL; its
 * memory comes from slab sl (NULL: malloc).  The bytes are copied.  *bytes grows by the memory taken on.  Returns 0, or
 * -1 if memory is short (the set is then as before).
 */
int		 distinct_add(struct distinct **dp, const void *p, size_t len,
		    uint64_t h, struct slab *sl, size_t *bytes);

/* Fold src into *dstp (created if NULL, from sl).  Returns 0 or -1. */
int		 distinct_merge(struct distinct **dstp,
		    const struct distinct *src, struct slab *sl, size_t *bytes);

/* The number of distinct strings; 0 for NULL. */
uint64_t	 distinct_count(const struct distinct *d);

/* Bytes the set occupies.  NULL is 0. */
size_t		 distinct_bytes(const struct distinct *d);

/* Free the set into sl, the slab it came from.  NULL is fine. */
void		 distinct_free(struct distinct *d, struct slab *sl);

#endif /* TALLY_DISTINCT_H */
