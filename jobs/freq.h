/*
 * Value frequencies of one column: how many distinct values, and which
 * are the most frequent.  Exact while the column has at most a bound of
 * distinct values (a table of value hashes with counts and the first
 * FREQ_TEXT bytes of each value); past it, a HyperLogLog sketch (hll.c:
 * standard error 0.81%) counts the distinct values and a Misra-Gries
 * summary of FREQ_COUNTERS counters (as Apache DataSketches' frequent
 * items) keeps the heavy hitters: each count is a lower bound, at most
 * freq_error() below the truth, which is about 2n / FREQ_COUNTERS at
 * worst, and any value more frequent than that has a counter.  Values are
 * known by a 64-bit hash the caller computes, so "exact" means exact up
 * to hash collisions, as approx_distinct's sparse form.  Two tables merge
 * (threads); the result does not depend on the thread count while both
 * stay exact.  This file knows nothing of CSV or types.
 */
#ifndef TALLY_FREQ_H
#define TALLY_FREQ_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of a value kept for showing it (cut on a character boundary). */
#define FREQ_TEXT	96

/* Counters of the heavy-hitters summary. */
#define FREQ_COUNTERS	1024

struct freq;

/* One frequent value, as freq_top() lists them. */
struct freq_item {
	const char	*text;		/* the first FREQ_TEXT bytes, borrowed */
	size_t		 len;
	int		 cut;		/* the value was longer */
	uint64_t	 count;		/* a lower bound unless exact */
};

/*
 * A table that stays exact up to bound distinct values (at least 16).
 * Returns NULL if memory is short.
 */
struct freq	*freq_new(size_t bound);

/* Free it.  NULL is fine. */
void		 freq_free(struct freq *f);

/*
 * Count one occurrence of the value whose hash is h; text (len bytes,
 * UTF-8) shows it, cut here to FREQ_TEXT bytes, and is copied only the
 * first time the value is seen.  Returns 0 if the value was counted
 * before (known only while the table is exact), 1 if it may be new, or
 * -1 if memory is short.
 */
int		 freq_add(struct freq *f, uint64_t h, const char *text,
		    size_t len);

/* Fold src into dst as if dst had seen src's values.  0 or -1 (memory). */
int		 freq_merge(struct freq *dst, const struct freq *src);

/* The number of distinct values; *exact says whether it is an estimate. */
uint64_t	 freq_distinct(const struct freq *f, int *exact);

/*
 * The n most frequent values, most frequent first, ties by their text,
 * into out (n entries).  Returns how many were written; *exact says
 * whether the counts are exact.  Otherwise they are lower bounds from the
 * summary, at most freq_error() below the truth, and only values whose
 * count is above freq_error() are listed (a column of unique values lists
 * none).  The texts live as long as f is not changed.
 */
size_t		 freq_top(const struct freq *f, struct freq_item *out,
		    size_t n, int *exact);

/*
 * How far below the truth the counts of an estimated top list may be, and
 * how often a value missing from it may occur: 0 while exact.
 */
uint64_t	 freq_error(const struct freq *f);

/*
 * Ask for the cache line where h's count is, ahead of freq_add(), so
 * that the misses of several tables overlap.
 */
void		 freq_prefetch(const struct freq *f, uint64_t h);

/* Bytes the table holds. */
size_t		 freq_bytes(const struct freq *f);

#endif /* TALLY_FREQ_H */
