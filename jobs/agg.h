/*
 * The group table: an open-addressing hash table from a group key (the
 * encoded key cells) to per-group accumulators, one set per value column.
 * Memory is proportional to the number of groups and their key bytes, and
 * the number of groups is capped.  The table knows nothing of CSV or of how
 * results are printed.
 */
#ifndef TALLY_AGG_H
#define TALLY_AGG_H

#include <stddef.h>
#include <stdint.h>

#include "dec.h"
#include "moments.h"

struct agg;
struct distinct;
struct hll;
struct kll;
struct mem;

/* What one group holds for one value column, unpacked (agg_acc()). */
struct agg_acc {
	struct dec	 sum;	/* of the numbers */
	struct dec	 min;	/* the smallest number */
	struct dec	 max;
	uint64_t	 n;	/* numbers seen */
	uint64_t	 ntext;	/* non-empty cells that are not numbers */
};

/*
 * What a group holds for a value column beyond struct agg_acc, made on
 * its first cell when the column needs any of it (QUERY_NEED_* in
 * agg_set_needs()): the sum of squares, the smallest and largest text
 * (every number sorts before every text), and the sketches.
 */
struct agg_ext {
	struct distinct	*ds;
	struct hll	*hll;
	struct kll	*kll;
	/*
	 * Only a column that needs QUERY_NEED_EXTREMES or QUERY_NEED_SQ has
	 * the fields below: for the others the struct ends here (AGG_EXT_SKETCHES).
	 */
	char		*tmin;		/* NULL until a text cell is seen */
	char		*tmax;
	uint32_t	 tminlen;
	uint32_t	 tmaxlen;
	struct moments	 sq;
};
#define AGG_EXT_SKETCHES	offsetof(struct agg_ext, tmin)


/*
 * Create a table for nvals (at most TALLY_AGGS_MAX) value columns holding
 * at most max_groups groups.  Every array the table grows (slots, the
 * records written, key bytes, sort order) is charged to mem first, and given back by
 * agg_free(); mem may be NULL for no budget, and must outlive the table.
 * Returns NULL if memory is short.
 */
struct agg	*agg_new(size_t nvals, size_t max_groups, struct mem *mem);

/* Free the table and everything in it.  NULL is fine. */
void		 agg_free(struct agg *a);

/*
 * Before the first row: what each value column needs (QUERY_NEED_* flags,
 * nvals of them), the budget its extras are charged to (may be NULL), and
 * whether quantile sketches must stay exact (for runs split among threads,
 * where compaction would make the answer depend on the split).  The extras
 * are charged to the table's budget (agg_new()'s mem) after they are
 * allocated.  Returns 0, or -1 if memory is short.
 */
int		 agg_set_needs(struct agg *a, const unsigned *needs,
		    int exact_only);

/* The outcome of agg_add(). */
enum agg_add {
	AGG_ADD_OK,
	AGG_ADD_FULL,		/* a new group would pass max_groups */
	AGG_ADD_OVERFLOW,	/* a sum would not fit; *bad is its value column */
	AGG_ADD_NOMEM,
	AGG_ADD_MEMORY,		/* the run's memory budget is spent */
	AGG_ADD_BUDGET,		/* so, by the extras of value column *bad */
	AGG_ADD_INEXACT,	/* a quantile sketch would compact (exact_only) */
	AGG_ADD__MAX
};

/*
 * Add one row to the group whose encoded key is key (keylen bytes, copied
 * on first sight).  For each of the nvals value columns present says what
 * the cell is: 0 empty (it counts in no accumulator), 1 the number in vals,
 * 2 text, whose bytes are texts[v] (tlens[v] long) if the column needs
 * them.  texts and tlens may be NULL if no column needs text.  On
 * AGG_ADD_FULL and AGG_ADD_OVERFLOW the table is unchanged; after the
 * others the run must stop.
 */
enum agg_add	 agg_add(struct agg *a, const char *key, size_t keylen,
		    const struct dec *vals, const unsigned char *present,
		    const char *const *texts, const size_t *tlens, size_t *bad);

/*
 * The same in steps, so a caller holding several rows can overlap their
 * cache misses: agg_hash() hashes a key, agg_prefetch() asks for the slot
 * it starts at, agg_prefetch_group() (once that slot has had time to
 * arrive) asks for the group record the slot names, and agg_add_hashed()
 * is agg_add() with the hash already known.  The prefetches change nothing
 * and are always safe.
 */
uint64_t	 agg_hash(const char *key, size_t keylen);
void		 agg_prefetch(const struct agg *a, uint64_t h);
void		 agg_prefetch_group(const struct agg *a, uint64_t h);

/*
 * Where a's slots are now: *slots and *mask (the slot of hash h is
 * (*slots)[h & *mask]), or NULL and 0 while it has none.  They move when
 * the table grows; a caller that keeps them may only prefetch through
 * them (a prefetch of a stale address is harmless), never read.
 */
void		 agg_slots_at(const struct agg *a, const uint64_t **slots,
		    size_t *mask);
enum agg_add	 agg_add_hashed(struct agg *a, const char *key, size_t keylen,
		    uint64_t h, const struct dec *vals,
		    const unsigned char *present, const char *const *texts,
		    const size_t *tlens, size_t *bad);

/*
 * A group's sum, extremes and count for one value column kept outside the
 * table in 64 bits, all at one scale (hot.c does that for the groups most
 * rows go to).  n is 0 when nothing is kept.
 */
struct agg_small {
	int64_t		 sum;
	int64_t		 min;
	int64_t		 max;
	uint64_t	 n;
	int		 scale;
};

/*
 * The index (insertion order) of the group the last agg_add() or
 * agg_add_hashed() that returned AGG_ADD_OK went to.
 */
size_t		 agg_last(const struct agg *a);

/*
 * Whether every sum of group g (insertion order) is below 2^126 in
 * magnitude, so that adding 64-bit partial sums to it one at a time can
 * never overflow where adding the rows one by one would not have.
 */
int		 agg_roomy(const struct agg *a, size_t g);

/*
 * Fold rows more rows and the nvals partial accumulators s of group g
 * (insertion order) into the table, as if the rows had been added with
 * agg_add().  Returns AGG_ADD_OK, or AGG_ADD_OVERFLOW with *bad the value
 * column whose sum would not fit (the table is then unchanged).
 */
enum agg_add	 agg_fold_small(struct agg *a, size_t g, uint64_t rows,
		    const struct agg_small *s, size_t *bad);

/*
 * Fold every group of src into dst, as if dst had seen src's rows too.
 * Returns like agg_add(); src is left as it was.
 */
enum agg_add	 agg_merge(struct agg *dst, const struct agg *src, size_t *bad);

#define AGG_GATHER_MAX	64	/* tables agg_gather() takes at once */

/*
 * Move every group of the nsrc tables src (at most AGG_GATHER_MAX, holding
 * no key twice, each with dst's layout: agg_new() and agg_set_needs() with
 * the same value columns and needs) into dst, which must be empty.  The
 * records are moved by remapping their pages, not copied, so the move
 * touches no fresh memory beyond a page or so a table; key bytes are
 * copied, sketches become dst's without copying.  The groups' order in
 * dst is not the sources'.  Each src is left empty, its budget charge for
 * records moved to dst.  dst has no slots; the next lookup, if any, makes
 * them (a table that is only sorted and read never needs them).  Returns
 * AGG_ADD_OK, or AGG_ADD_FULL (nothing moved), AGG_ADD_MEMORY or
 * AGG_ADD_NOMEM (the run must stop: the tables are only fit to be freed).
 */
enum agg_add	 agg_gather(struct agg *dst, struct agg *const *src,
		    size_t nsrc);

/*
 * Fold group i (in the current order) of src into dst's group with the
 * given key, created if new.  Only what dst's needs ask for is folded, so a
 * table without sketches sums up counts, sums, extremes and squares.
 * Returns like agg_merge().
 */
enum agg_add	 agg_fold(struct agg *dst, const char *key, size_t keylen,
		    const struct agg *src, size_t i, size_t *bad);

/*
 * Make sure dst has a group with the given key (empty if new).  Returns
 * AGG_ADD_OK or why it could not.
 */
enum agg_add	 agg_touch(struct agg *dst, const char *key, size_t keylen);

/* The QUERY_NEED_* flags the table keeps for value column v. */
unsigned	 agg_needs(const struct agg *a, size_t v);

/* Group i's extras for value column v, or NULL if it has none. */
struct agg_ext	*agg_ext(const struct agg *a, size_t i, size_t v);

/* The number of groups so far. */
size_t		 agg_count(const struct agg *a);

/* The largest scale seen in value column v, for printing sums. */
int		 agg_scale(const struct agg *a, size_t v);

/*
 * Group i (0 <= i < agg_count()) in insertion order, or in the order set by
 * agg_sort().  The pointers stay valid until the next agg_add() or
 * agg_free().
 */
const char	*agg_key(const struct agg *a, size_t i, size_t *keylen);
uint64_t	 agg_rows(const struct agg *a, size_t i);

/*
 * Group i's state for value column v, unpacked into *out: the table keeps
 * only the parts its column's needs ask for (QUERY_NEED_SUM, _MINMAX,
 * _CELLS; all of them if none is given), and the others read as zero.
 */
void		 agg_acc(const struct agg *a, size_t i, size_t v,
		    struct agg_acc *out);

/* Ordering for agg_sort(). */
enum agg_order {
	AGG_ORDER_KEY,		/* by key cells, byte order, ascending */
	AGG_ORDER_VALUE,	/* by one aggregate, largest first, then key */
	AGG_ORDER__MAX
};

/*
 * A sort value for AGG_ORDER_VALUE: fills *out with the value for group i
 * and returns 0, or returns -1 if the group has none (it sorts last).
 */
typedef int	(*agg_value_fn)(const struct agg *a, size_t i, void *arg,
		    struct dec *out);

/*
 * Order the groups for the accessors above.  fn and arg are used only for
 * AGG_ORDER_VALUE.  A key order of many groups may use a second thread if
 * threads > 1.  Returns 0, or -1 if memory is short or the budget is spent
 * (then the groups are back in insertion order).
 */
int		 agg_sort(struct agg *a, enum agg_order order, agg_value_fn fn,
		    void *arg, unsigned threads);

/*
 * Key encoding shared by every producer of keys: each cell is a 2-byte
 * little-endian length and its bytes.  agg_key_cell() walks an encoded key:
 * it returns the next cell and its length, advancing *pos, or NULL at the end.
 */
const char	*agg_key_cell(const char *key, size_t keylen, size_t *pos,
		    size_t *len);

#endif /* TALLY_AGG_H */
