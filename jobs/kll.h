/*
 * Quantiles in bounded memory: a deterministic compactor sketch (Manku,
 * Rajagopalan and Lindsay's, as in KLL with every level the same size) over
 * exact decimals.  Level 0 keeps the values as they come; when a level holds
 * KLL_K values it is sorted and every other one (starting at the first or
 * the second, alternately) moves up a level with twice the weight.  So a
 * group of up to KLL_K values is kept whole and its quantiles are exact; a
 * larger one keeps at most KLL_K values per level, about log2(n / KLL_K)
 * levels, and each compaction at level h moves any rank by at most 2^h, for
 * a worst-case rank error of levels / KLL_K: under 0.5% of n for every n up
 * to 2^31 values.  An answer is always one of the values added.
 *
 * Compaction depends on the order of the values, so two sketches fed the
 * same values in different orders can differ once they compact.  Callers
 * that need the same answer whatever the order (threads) ask for exact_only
 * and are told when a sketch would have to compact.
 */
#ifndef TALLY_KLL_H
#define TALLY_KLL_H

#include <stddef.h>
#include <stdint.h>

#include "dec.h"

#define KLL_K	4096

struct kll;
struct slab;

/* The outcome of kll_add() and kll_merge(). */
enum kll_res {
	KLL_OK,
	KLL_NOMEM,		/* nothing changed */
	KLL_INEXACT,		/* exact_only, and it would compact: nothing changed */
	KLL__MAX
};

/*
 * Add x to *kp, creating the sketch if *kp is NULL; its memory comes from
 * slab sl (NULL: malloc) and the sketch may move.  *bytes grows by the
 * memory the sketch took on.  Up to 16 values a sketch is small: 8 bytes
 * plus 17 a value, in room for 4, 8 or 16 values.
 */
enum kll_res	 kll_add(struct kll **kp, const struct dec *x, int exact_only,
		    struct slab *sl, size_t *bytes);

/*
 * Fold src into *dstp (created if NULL, from sl) as if it had seen src's
 * values; either may be small or full.
 */
enum kll_res	 kll_merge(struct kll **dstp, const struct kll *src,
		    int exact_only, struct slab *sl, size_t *bytes);

/* Values added (the weight of the sketch). */
uint64_t	 kll_count(const struct kll *k);

/* Whether the sketch still holds every value it was given. */
int		 kll_exact(const struct kll *k);

/*
 * The value at rank ceil(n * q) - 1 (0-based, in ascending order, at least
 * 0) for q in [0, 1], as DuckDB's quantile_disc picks it (the inverted
 * CDF): the lower median for an even count.  Reorders the sketch's storage.  Returns 0 with *out set, or
 * -1 if the sketch is empty or memory is short.
 */
int		 kll_quantile(struct kll *k, double q, struct dec *out);

/* Bytes the sketch occupies.  NULL is 0. */
size_t		 kll_bytes(const struct kll *k);

/* Free the sketch into sl, the slab it came from.  NULL is fine. */
void		 kll_free(struct kll *k, struct slab *sl);

#endif /* TALLY_KLL_H */
