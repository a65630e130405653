/*
 * Exact sample variance and standard deviation.  A group keeps its count
 * and exact sum (as for the mean) and here the exact sum of the squares of
 * its values, an unsigned 256-bit integer at twice the largest scale seen.
 * The variance is then (n * sumsq - sum^2) / (n * (n - 1)), computed in
 * 512-bit integers and rounded half away from zero like the mean; the
 * standard deviation is the exact square root rounded the same way.  No
 * floating point is involved, so the answer does not depend on the order
 * of the values or on how the rows were split among threads.
 */
#ifndef TALLY_MOMENTS_H
#define TALLY_MOMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "dec.h"

struct moments {
	uint64_t	 sq[4];		/* sum of squares, little-endian limbs */
	int		 scale;		/* of sq */
};

/*
 * Add x^2 to m.  Returns 0, or -1 if the sum of squares would not fit in
 * 256 bits (m is then unchanged).
 */
int		 moments_add(struct moments *m, const struct dec *x);

/*
 * Add sq, a sum of squares already taken at scale (twice the values'
 * scale), to m: for callers that sum small squares in 128 bits first.
 * Returns 0, or -1 on overflow (m unchanged).
 */
int		 moments_add_square(struct moments *m, unsigned __int128 sq,
		    int scale);

/* Add o's sum of squares to m.  Returns 0, or -1 on overflow (unchanged). */
int		 moments_merge(struct moments *m, const struct moments *o);

/*
 * Print the sample variance (root = 0) or standard deviation (root = 1) of
 * n values whose sum is sum and sum of squares m, rounded to frac digits
 * after the point with trailing zeros dropped.  Returns 0, or 1 (buf empty)
 * when n < 2, where the sample variance is undefined (printed as a missing
 * value, like SQL's NULL).
 */
int		 moments_format(const struct dec *sum, uint64_t n,
		    const struct moments *m, int root, int frac, char *buf,
		    size_t sz);

#endif /* TALLY_MOMENTS_H */
