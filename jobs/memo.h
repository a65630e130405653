/*
 * A column's memo: a small cache in front of its exact table (freq.h)
 * for columns of few, short values (a region, a channel), known
 * by their bytes rather than by their hash.  A cell of 1 to MEMO_BYTES
 * bytes is read as two words, zero past its end, its length in the top
 * byte of the second (a byte past its end): the pair is the cell, and
 * no other cell's.  A multiply of them picks a set of MEMO_WAYS entries,
 * and an entry that holds the same pair is the cell's value, which the
 * table has: its count waits in the entry (memo_flush() adds it to the
 * table).  A cell costs no 64-bit hash and no walk of the table's line,
 * about half the instructions of hash_bytes() and freq_probe_hit()
 * (which a cell the memo has not seen still takes: memo_put() then
 * remembers it, if its set has room).  The memo never decides that a
 * value is new: only the table does.
 */
#ifndef TALLY_MEMO_H
#define TALLY_MEMO_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "freq.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "memo.h masks a cell's words as little-endian"
#endif

#define MEMO_BYTES	15		/* the longest cell a memo keeps */
#define MEMO_SETS	256
#define MEMO_WAYS	2
/*
 * A table with more values has no memo: on the 10M-row bench file the
 * memo of a column of 365 dates saved nothing against its table (its
 * 512 entries crowd the cache the table's 1,024 slots would use), and
 * one of 1,000 numbers cost 7% more CPU; those of up to 120 values save.
 */
#define MEMO_VALUES	128

struct memo_ent {
	uint64_t	 w[2];		/* the cell (memo_key()); 0, 0: free */
	uint64_t	 count;		/* not yet in the table */
	uint64_t	 spare;		/* a set on one cache line */
};

struct memo {
	struct memo_ent	 set[MEMO_SETS][MEMO_WAYS];
};

/* Masks of a cell's two words, by its length (0 to MEMO_BYTES). */
extern const uint64_t memo_mask[MEMO_BYTES + 1][2];

/* A new, empty memo, or NULL if memory is short.  memo_free() it. */
struct memo	*memo_new(void);

/* Free m (NULL is fine); its counts must have been flushed. */
void		 memo_free(struct memo *m);

/*
 * Remember the value of len (1 to MEMO_BYTES) bytes at s (16 readable),
 * which the table the memo stands before has, with no count yet, if its
 * set has room; else nothing.
 */
void		 memo_put(struct memo *m, const char *s, size_t len);

/*
 * Add the counts that wait in m to the table of probe p, and zero them.
 * Every value m remembers must be in that table, keyed by hash_bytes()
 * of its bytes: memo_put() takes only values the table has, and the
 * caller drops the memo before the table can lose one (turns sketch,
 * folds); a value not found aborts the process.
 */
void		 memo_flush(struct memo *m, const struct freq_probe *p);

/* The pair of words that is the cell of len (1 to MEMO_BYTES) bytes at s. */
static inline void
memo_key(const char *s, size_t len, uint64_t *w0, uint64_t *w1)
{
	memcpy(w0, s, 8);
	memcpy(w1, s + 8, 8);
	*w0 &= memo_mask[len][0];
	*w1 = (*w1 & memo_mask[len][1]) | (uint64_t)len << 56;
}

/* The set of the pair w0, w1. */
static inline struct memo_ent *
memo_set(struct memo *m, uint64_t w0, uint64_t w1)
{
	uint64_t	 x = w0 ^ (w1 << 29 | w1 >> 35);

	return m->set[(size_t)((x * 0x9e3779b97f4a7c15ULL) >> 56) %
	    MEMO_SETS];
}

/*
 * Count a cell of len (1 to MEMO_BYTES) bytes at s, of which 16 are
 * readable, if m has its value: 1, else 0.
 */
static inline int
memo_hit(struct memo *m, const char *s, size_t len)
{
	uint64_t		 w0, w1;
	struct memo_ent		*e;
	size_t			 k;

	memo_key(s, len, &w0, &w1);
	e = memo_set(m, w0, w1);
	for (k = 0; k < MEMO_WAYS; k++, e++)
		if (((e->w[0] ^ w0) | (e->w[1] ^ w1)) == 0) {
			e->count++;
			return 1;
		}
	return 0;
}

#endif /* TALLY_MEMO_H */
