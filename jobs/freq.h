/*
 * Value frequencies of one column: how many distinct values, and which
 * are the most frequent.  Exact while the column has at most a bound of
 * distinct values (a table of hashes with counts and the first FREQ_TEXT
 * bytes of each value); past it, a HyperLogLog sketch (hll.c:
 * standard error 0.81%) counts the distinct values and a Misra-Gries
 * summary of FREQ_COUNTERS counters (as Apache DataSketches' frequent
 * items) keeps the heavy hitters, behind a filter that gives a value a
 * counter only from its second cell within a span (freq.c): each count
 * is a lower bound, at most freq_error() below the truth (the purges'
 * offset and the spans), which is about 2n / FREQ_COUNTERS at worst, and
 * any value more frequent than that has a counter.  Values are
 * known by a 64-bit hash the caller computes, so "exact" means exact up
 * to hash collisions, as approx_distinct's sparse form.  Two tables merge
 * (threads); the result does not depend on the thread count while both
 * stay exact.  This file knows nothing of CSV or types.
 *
 * A value has two hashes: h, of its bytes, and vh, of what it means (a
 * caller may say that "1.5" and "1.50" are one value).  An exact table is
 * keyed by h, so that a value seen before costs one lookup and nothing
 * else (freq_hit()), and each of its entries keeps vh and FREQ_NOTE bytes
 * of the caller's (freq_put()); it counts towards the bound by bytes, and
 * freq_fold() makes it a table by value at the end.  The sketch counts
 * values by vh.
 */
#ifndef TALLY_FREQ_H
#define TALLY_FREQ_H

#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

/*
 * Fold src, which saw the input after dst's, into dst as if dst had seen
 * src's values: exact tables stay exact while their union is within the
 * bound (freq_union()), otherwise dst becomes a sketch first.  0 or -1
 * (memory).
 */
int		 freq_merge(struct freq *dst, const struct freq *src);

/*
 * freq_merge() for a caller that knows dst and src are exact and their
 * union within the bound (it asked freq_union()): the same, without
 * counting the union again.
 */
int		 freq_merge_exact(struct freq *dst, const struct freq *src);

/* Bytes of the caller's note on each entry of an exact table. */
#define FREQ_NOTE	24

/*
 * If f is exact and has the value whose bytes hash to h, count one more
 * of it and return 1; else return 0 and change nothing.
 */
int		 freq_hit(struct freq *f, uint64_t h);

/*
 * The exact table's slots, seen from the hot path: freq_probe_hit() is
 * freq_hit() inline, for callers that look up a table per cell.  The
 * probe lives as long as its struct freq and follows its table.
 */
struct freq_slot {
	uint64_t	 h;		/* 0: empty (a hash of 0 is stored as 1) */
	int64_t		 count;
};

/*
 * Slots of a 64-byte cache line.  A table's slots start on a line, and a
 * value's home is the first slot of a line: a lookup reads that line's
 * slots at once, with no branch on which of them has it, and goes on to
 * the next line only if the line is full without it.  Of 100,000 values
 * in 131,072 slots (a full-size table, freq.c), 13.5% are off their home
 * line (4% at half full), where a home at any slot of a line put 22% on
 * another line, after 2.6 unpredictable compares on average.  Slots are
 * put and found one by one from the home (linear probing) as before, and
 * a line's taken slots are always its first ones.
 */
#define FREQ_LINE	4

struct freq_probe {
	struct freq_slot *slot;		/* a sketch: one empty line */
	size_t		 mask;		/* slots - 1 */
};

/* f's probe. */
struct freq_probe *freq_probe(struct freq *f);

static inline size_t
freq_home(uint64_t h, size_t mask)
{
	return (size_t)(h ^ h >> 29) & mask & ~(size_t)(FREQ_LINE - 1);
}

/* Bit k set where slot k of the line at l has the hash h. */
static inline unsigned
freq_line_match(const struct freq_slot *l, uint64_t h)
{
#if defined(__SSE2__)
	__m128i		 k = _mm_set1_epi64x((long long)h), a, b;

	/*
	 * Hashes 0 and 1, 2 and 3, each read alone: a 16-byte load of a
	 * slot would take its count too, which a count just added holds
	 * in the store buffer, and a store cannot be forwarded to a load
	 * wider than itself (the load waits for the store to reach the
	 * cache: a column's cells counted one after the other often count
	 * the same slot).  Then equal in both 32-bit halves.
	 */
	a = _mm_castpd_si128(_mm_loadh_pd(_mm_castsi128_pd(_mm_loadl_epi64(
	    (const __m128i *)(const void *)&l[0].h)),
	    (const double *)(const void *)&l[1].h));
	b = _mm_castpd_si128(_mm_loadh_pd(_mm_castsi128_pd(_mm_loadl_epi64(
	    (const __m128i *)(const void *)&l[2].h)),
	    (const double *)(const void *)&l[3].h));
	a = _mm_cmpeq_epi32(a, k);
	b = _mm_cmpeq_epi32(b, k);
	a = _mm_and_si128(a, _mm_shuffle_epi32(a, _MM_SHUFFLE(2, 3, 0, 1)));
	b = _mm_and_si128(b, _mm_shuffle_epi32(b, _MM_SHUFFLE(2, 3, 0, 1)));
	return (unsigned)_mm_movemask_pd(_mm_castsi128_pd(a)) |
	    (unsigned)_mm_movemask_pd(_mm_castsi128_pd(b)) << 2;
#else
	return (unsigned)(l[0].h == h) | (unsigned)(l[1].h == h) << 1 |
	    (unsigned)(l[2].h == h) << 2 | (unsigned)(l[3].h == h) << 3;
#endif
}

/*
 * Count w occurrences of h if p's table has it: 1, else 0 (nothing
 * done).
 */
static inline int
freq_probe_add(const struct freq_probe *p, uint64_t h, int64_t w)
{
	struct freq_slot	*l;
	size_t			 j;
	unsigned		 m;

	h += h == 0;
	for (j = freq_home(h, p->mask);; j = (j + FREQ_LINE) & p->mask) {
		l = p->slot + j;
		if ((m = freq_line_match(l, h)) != 0) {
			l[__builtin_ctz(m)].count += w;
			return 1;
		}
		/* Slots fill in order, so an empty one is the last. */
		if (l[FREQ_LINE - 1].h == 0)
			return 0;
	}
}

/* freq_hit() inline: freq_probe_add() of one occurrence. */
static inline int
freq_probe_hit(const struct freq_probe *p, uint64_t h)
{
	return freq_probe_add(p, h, 1);
}

/*
 * Ask for h's line ahead of freq_probe_hit().  (A hash of 0 is looked up
 * as 1, whose home line is the same.  The prefetch is unconditional,
 * a sketch's probe having a slot too: GCC 12 drops a prefetch under a
 * test from a caller's loop.)
 */
static inline void
freq_probe_prefetch(const struct freq_probe *p, uint64_t h)
{
	__builtin_prefetch(&p->slot[freq_home(h, p->mask)]);
}

/*
 * Add a value that freq_hit() did not find: h its bytes' hash, vh its
 * value's, text (len bytes, UTF-8, cut to FREQ_TEXT) to show it, counted
 * once.  Returns 1 with *note (if note is not NULL) at the entry's
 * FREQ_NOTE bytes, zeroed, for the caller to fill (they move with the
 * entry, and freq_entry() gives them back); 0 if the table is a sketch or
 * has its bound of entries (nothing done: see freq_sketch()); -1 if
 * memory is short.
 */
int		 freq_put(struct freq *f, uint64_t h, uint64_t vh,
		    const char *text, size_t len, void **note);

/*
 * Turn an exact table into the sketch, its values by vh (the notes are
 * then gone).  Nothing for a sketch.  0 or -1 (memory).
 */
int		 freq_sketch(struct freq *f);

/* Whether f is a sketch. */
int		 freq_sketched(const struct freq *f);

/*
 * Count one occurrence of the value vh in the sketch (made from the exact
 * table first if need be); text as for freq_put().  0 or -1 (memory).
 */
int		 freq_sketch_add(struct freq *f, uint64_t vh, const char *text,
		    size_t len);

/*
 * freq_sketch_add() of vh[0], vh[1], ... while the sketch's filter takes
 * them (a value's first cell of a span: no counter, no text needed), in
 * one loop that keeps the filter and registers at hand.  Returns how
 * many it counted, 0 to n: the caller gives the next to
 * freq_sketch_add(), which is also what a table not yet a dense sketch
 * takes (then this returns 0).
 */
size_t		 freq_sketch_skim(struct freq *f, const uint64_t *vh,
		    size_t n);

/* Entries a merge of exact tables a and b would have. */
size_t		 freq_union(const struct freq *a, const struct freq *b);

/* The bound freq_new() was given (at least 16). */
size_t		 freq_bound(const struct freq *f);

/*
 * The slots of an exact table, to read with freq_entry(): for i below
 * freq_slots(f), 0 for an empty slot, or 1 with the entry's count and
 * note.
 */
size_t		 freq_slots(const struct freq *f);
int		 freq_entry(const struct freq *f, size_t i, uint64_t *count,
		    const void **note);

/*
 * Call fn(arg, note, count) for each entry of an exact table that has a
 * slot, in the order the entries came (freq_put()), with its count.  0,
 * or -1 if memory is short (then fn was not called).
 */
int		 freq_each(const struct freq *f,
		    void (*fn)(void *arg, const void *note, uint64_t count),
		    void *arg);

/*
 * Key an exact table by value hash (entries of one vh become one, their
 * counts added, shown by the text seen first, with its note), as
 * freq_distinct() and freq_top() count.  After it, f takes no more
 * values or merges.  0 or -1 (memory).
 */
int		 freq_fold(struct freq *f);

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
