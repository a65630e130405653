/*
 * The hot-group cache: a small table in front of the group table (agg.c)
 * for runs where a few groups take most rows, as in the One Billion Row
 * Challenge's 413 stations.  An entry maps a group's encoded key, compared
 * in whole words, to the group's index in the table and keeps that group's
 * sums, extremes and counts in 64 bits at one scale per value column; the
 * engine adds a row whose key is here and whose numbers have that scale
 * without touching the table, and folds the entries into the table
 * (agg_fold_small()) when a 64-bit sum would overflow and at the end of the
 * run.  Groups are only ever created by the table, so first-seen order and
 * the group limit are the table's; a key is only put here after the table
 * has accepted it, so a key found here needs no UTF-8 check.  The cache
 * knows nothing of CSV.
 */
#ifndef TALLY_HOT_H
#define TALLY_HOT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "agg.h"

#define HOT_KEY		48	/* encoded key bytes an entry can hold */
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "hot.h masks key words as little-endian"
#endif
#define HOT_VALS	4	/* value columns a run may have to use it */
#define HOT_CAP		1024	/* entries */
#define HOT_SLOTS	4096	/* a power of two, at least 2 * HOT_CAP */

/*
 * An entry.  A row of one value column touches two cache lines of it: the
 * first holds what a lookup compares, the second the row count and the
 * first value column's accumulator.  There is no sum of magnitudes per
 * entry: hot_fold() bounds it by the count times the larger extreme.
 */
struct hot_entry {
	uint64_t	 key[HOT_KEY / 8];	/* as struct hot_key */
	uint64_t	 h;		/* hot_hash() of the key */
	uint32_t	 g;		/* the group's index in the table */
	uint16_t	 keylen;
	uint16_t	 cold;		/* its sums grew too large: not used */
	uint64_t	 rows;		/* rows added here, not yet folded */
	/* scale -1: not known yet; min and max start at the far ends */
	struct agg_small acc[HOT_VALS];
} __attribute__((aligned(64)));

struct hot {
	size_t		 nvals;
	size_t		 n;		/* entries in use */
	int		 on;		/* 0: the engine stops asking */
	uint64_t	 hits;
	uint64_t	 misses;	/* rows not found while full */
	uint16_t	 slot[HOT_SLOTS];	/* entry index + 1, or 0 */
	struct hot_entry e[HOT_CAP];
};

/*
 * A cache for nvals value columns, or NULL if memory is short or nvals is
 * above HOT_VALS.
 */
struct hot	*hot_new(size_t nvals);

/* Free the cache (without folding anything).  NULL is fine. */
void		 hot_free(struct hot *t);

/* Forget every entry, folded or not: the table they named is gone. */
void		 hot_reset(struct hot *t);

struct hot_key;

/*
 * Enter key k (hash h, not present yet) of group g of table a, with the
 * scales of the numbers the row that made it had (scales[v] -1 where it
 * had none).  Does nothing if the cache is full or the group's sums are
 * too large (agg_roomy()).  Returns the entry or NULL.
 */
struct hot_entry *hot_insert(struct hot *t, const struct agg *a,
		    const struct hot_key *k, uint64_t h, size_t g,
		    const int *scales);

/*
 * Fold entry e into table a and zero its accumulators; a bound of its
 * values' magnitudes (count times the larger extreme) goes to mag (nvals
 * * bins of unsigned __int128, bin by scale) if not NULL.
 * If the group's sums are then too large for the cache, e turns cold.
 * Returns agg_fold_small()'s result.
 */
enum agg_add	 hot_fold(struct hot *t, struct agg *a, struct hot_entry *e,
		    unsigned __int128 *mag, size_t bins, size_t *bad);

/* hot_fold() every entry.  Returns AGG_ADD_OK or the first failure. */
enum agg_add	 hot_fold_all(struct hot *t, struct agg *a,
		    unsigned __int128 *mag, size_t bins, size_t *bad);

/*
 * A key as the cache sees it: its first HOT_KEY bytes with those past its
 * length zeroed, so that keys compare and hash in whole words with no
 * branch on the length (keys of random lengths make such branches guess
 * wrong half the time).
 */
struct hot_key {
	uint64_t	 w[HOT_KEY / 8];
	size_t		 len;
};

/* Load key (len <= HOT_KEY bytes, HOT_KEY of them readable) into k. */
static inline void
hot_key_load(struct hot_key *k, const char *key, size_t len)
{
#if defined(__SSE2__)
	const __m128i	 n = _mm_set1_epi8((char)len);
	const __m128i	 i0 = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
			    10, 11, 12, 13, 14, 15);
	__m128i		 x;
	int		 i;

	/* Byte j is kept where j < len: a signed compare, as len <= 48. */
	for (i = 0; i < HOT_KEY / 16; i++) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(key +
		    16 * i));
		x = _mm_and_si128(x, _mm_cmpgt_epi8(n, _mm_add_epi8(i0,
		    _mm_set1_epi8((char)(16 * i)))));
		_mm_storeu_si128((__m128i *)(void *)&k->w[2 * i], x);
	}
#else
	size_t		 i, j;

	memset(k->w, 0, sizeof(k->w));
	for (i = 0, j = 0; j < len; i++, j += 8)
		memcpy(&k->w[i], key + j, len - j < 8 ? len - j : 8);
#endif
	k->len = len;
}

/*
 * The cache's hash of a key: its first 16 bytes (zero past its length, as
 * two little-endian words) and its length only, so keys that share those
 * land in one chain and are told apart by hot_find()'s whole-key compare.
 */
static inline uint64_t
hot_hash_words(uint64_t w0, uint64_t w1, size_t len)
{
	unsigned __int128	 r = (unsigned __int128)(w0 ^
				     0xa0761d6478bd642fULL) * (w1 ^
				     0xe7037ed1a0b428dbULL ^ len);

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* hot_hash_words() of a key's first two words and its length. */
static inline uint64_t
hot_hash(const struct hot_key *k)
{
	return hot_hash_words(k->w[0], k->w[1], k->len);
}

/* The entry for k (hash h), or NULL. */
static inline struct hot_entry *
hot_find(struct hot *t, const struct hot_key *k, uint64_t h)
{
	size_t			 j = h & (HOT_SLOTS - 1);
	struct hot_entry	*e;
	uint64_t		 diff;
	uint16_t		 s;

#if defined(__SSE2__)
	const __m128i	 k0 = _mm_loadu_si128((const __m128i *)(const void *)
			    &k->w[0]);
	const __m128i	 k1 = _mm_loadu_si128((const __m128i *)(const void *)
			    &k->w[2]);
	const __m128i	 k2 = _mm_loadu_si128((const __m128i *)(const void *)
			    &k->w[4]);
	__m128i		 eq;

	for (; (s = t->slot[j]) != 0; j = (j + 1) & (HOT_SLOTS - 1)) {
		e = &t->e[s - 1];
		eq = _mm_and_si128(_mm_and_si128(
		    _mm_cmpeq_epi8(k0, _mm_loadu_si128((const __m128i *)
		    (const void *)&e->key[0])),
		    _mm_cmpeq_epi8(k1, _mm_loadu_si128((const __m128i *)
		    (const void *)&e->key[2]))),
		    _mm_cmpeq_epi8(k2, _mm_loadu_si128((const __m128i *)
		    (const void *)&e->key[4])));
		diff = (e->h ^ h) | (e->keylen ^ k->len) |
		    (uint64_t)(_mm_movemask_epi8(eq) ^ 0xffff);
		if (diff == 0)
			return e;
	}
#else
	for (; (s = t->slot[j]) != 0; j = (j + 1) & (HOT_SLOTS - 1)) {
		e = &t->e[s - 1];
		diff = (e->h ^ h) | (e->keylen ^ k->len) |
		    (e->key[0] ^ k->w[0]) | (e->key[1] ^ k->w[1]) |
		    (e->key[2] ^ k->w[2]) | (e->key[3] ^ k->w[3]) |
		    (e->key[4] ^ k->w[4]) | (e->key[5] ^ k->w[5]);
		if (diff == 0)
			return e;
	}
#endif
	return NULL;
}

#endif /* TALLY_HOT_H */
