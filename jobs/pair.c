/*
 * The two-column loop (see pair.h).  Record ends come from a mask of the
 * LFs of each 64-byte window, so the start of the next record never waits
 * on this one's fields and the processor overlaps records.  One record
 * then costs two 16-byte loads and eight compares to find the delimiter
 * and refuse a quote, CR or LF in the key, a multiply to hash it, one
 * probe of the table's slots with a 32-byte key compare against a line
 * that stays in the first-level cache, one 8-byte load to read the number
 * and four adds.  The lengths of keys and numbers vary from record to
 * record, so nothing branches on them.
 *
 * Within one call an entry's sum cannot overflow: at most PAIR_ROWS rows
 * of at most 8 bytes each (|x| < 10^8) add up to less than 2^62, and
 * the cache entry's own sum is below 2^62 when the call starts, so the
 * fold at the end fits in 64 bits.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dec.h"
#include "pair.h"

#define PAIR_DEAD	0xff		/* a length no key has */
#define PAIR_ROWS	(1UL << 31)	/* rows one call may take */
#define PAIR_ROOM	((int64_t)1 << 62)
#define ONES		0x0101010101010101ULL

/* One key's rows since the call began, in one cache line. */
struct pair_entry {
	uint64_t	 key[4];	/* zero past len */
	int64_t		 sum;
	uint32_t	 n;
	int32_t		 min;
	int32_t		 max;
	uint8_t		 len;		/* or PAIR_DEAD */
	int8_t		 scale;		/* the cache entry's */
	uint16_t	 e;		/* the cache entry's index */
	uint64_t	 pad;
} __attribute__((aligned(64)));

/* Entry 0 is never used: a slot holds an entry's index, or 0. */
struct pair {
	size_t			 n;		/* entries, with entry 0 */
	uint16_t		 slot[PAIR_SLOTS];
	struct pair_entry	 p[1 + PAIR_CAP];
};

struct pair *
pair_new(void)
{
	void	*m;

	if (posix_memalign(&m, 64, sizeof(struct pair)) != 0)
		return NULL;
	pair_reset(m);
	return m;
}

void
pair_free(struct pair *pt)
{
	free(pt);
}

void
pair_reset(struct pair *pt)
{
	pt->n = 1;
	memset(pt->slot, 0, sizeof(pt->slot));
}

static inline void
clear(struct pair_entry *pe)
{
	pe->sum = 0;
	pe->n = 0;
	pe->min = INT32_MAX;
	pe->max = INT32_MIN;
}

/* Whether a cache entry may take a call's rows: see the top. */
static inline int
roomy(const struct hot_entry *e)
{
	return !e->cold && e->acc[0].scale >= 0 &&
	    e->acc[0].sum < PAIR_ROOM && e->acc[0].sum > -PAIR_ROOM;
}

/*
 * Before a call: an entry whose cache entry went cold dies, and a cache
 * entry whose sum nears the limit is folded into the group table first.
 */
static __attribute__((noinline)) void
prepare(struct pair *pt, struct hot *t, struct agg *a,
    unsigned __int128 *mag, size_t bins)
{
	struct pair_entry	*pe;
	struct hot_entry	*e;
	size_t			 i, bad;

	for (i = 1; i < pt->n; i++) {
		pe = &pt->p[i];
		if (pe->len == PAIR_DEAD)
			continue;
		e = &t->e[pe->e];
		if (!e->cold && !roomy(e))
			(void)hot_fold(t, a, e, mag, bins, &bad);
		/* A fold that failed left the sum as it was: not roomy. */
		if (!roomy(e))
			pe->len = PAIR_DEAD;
	}
}

/* After a call: every entry's rows into its cache entry. */
static __attribute__((noinline)) void
flush(struct pair *pt, struct hot *t)
{
	struct pair_entry	*pe;
	struct hot_entry	*e;
	struct agg_small	*acc;
	size_t			 i;

	for (i = 1; i < pt->n; i++) {
		pe = &pt->p[i];
		if (pe->n == 0)
			continue;
		e = &t->e[pe->e];
		acc = &e->acc[0];
		acc->sum += pe->sum;
		acc->min = pe->min < acc->min ? pe->min : acc->min;
		acc->max = pe->max > acc->max ? pe->max : acc->max;
		acc->n += pe->n;
		e->rows += pe->n;
		t->hits += pe->n;
		clear(pe);
	}
}

/*
 * The entry for the key whose first 32 bytes (zero past its length klen,
 * below 32) are k0 and k1, hash h; or NULL.
 */
#if defined(__SSE2__)
static inline struct pair_entry *
find(struct pair *pt, __m128i k0, __m128i k1, size_t klen, uint64_t h)
{
	size_t			 j = h & (PAIR_SLOTS - 1);
	struct pair_entry	*pe;
	unsigned		 eq;
	uint16_t		 s;

	for (; (s = pt->slot[j]) != 0; j = (j + 1) & (PAIR_SLOTS - 1)) {
		pe = &pt->p[s];
		eq = (unsigned)_mm_movemask_epi8(_mm_and_si128(
		    _mm_cmpeq_epi8(k0, _mm_load_si128((const __m128i *)
		    (const void *)&pe->key[0])),
		    _mm_cmpeq_epi8(k1, _mm_load_si128((const __m128i *)
		    (const void *)&pe->key[2]))));
		if (((eq ^ 0xffff) | (pe->len ^ klen)) == 0)
			return pe;
	}
	return NULL;
}
#else
static inline struct pair_entry *
find(struct pair *pt, const uint64_t *k, size_t klen, uint64_t h)
{
	size_t			 j = h & (PAIR_SLOTS - 1);
	struct pair_entry	*pe;
	uint16_t		 s;

	for (; (s = pt->slot[j]) != 0; j = (j + 1) & (PAIR_SLOTS - 1)) {
		pe = &pt->p[s];
		if (((pe->key[0] ^ k[0]) | (pe->key[1] ^ k[1]) |
		    (pe->key[2] ^ k[2]) | (pe->key[3] ^ k[3]) |
		    (pe->len ^ klen)) == 0)
			return pe;
	}
	return NULL;
}
#endif

/*
 * A new entry for key k (hash h) if the cache holds it and it may take
 * rows, or NULL.
 */
static __attribute__((noinline)) struct pair_entry *
enter(struct pair *pt, struct hot *t, const struct hot_key *k, uint64_t h)
{
	struct pair_entry	*pe;
	struct hot_entry	*e;
	size_t			 j;

	if (pt->n == 1 + PAIR_CAP || (e = hot_find(t, k, h)) == NULL ||
	    !roomy(e))
		return NULL;
	for (j = h & (PAIR_SLOTS - 1); pt->slot[j] != 0;
	    j = (j + 1) & (PAIR_SLOTS - 1))
		continue;
	pe = &pt->p[pt->n];
	memcpy(pe->key, k->w, sizeof(pe->key));
	pe->len = (uint8_t)k->len;
	pe->scale = (int8_t)e->acc[0].scale;
	pe->e = (uint16_t)(e - t->e);
	clear(pe);
	pt->slot[j] = (uint16_t)pt->n++;
	return pe;
}

/* The 8 bytes at p as a little-endian word. */
static inline uint64_t
load64(const char *p)
{
	uint64_t	 w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/*
 * The One Billion Row Challenge's numbers: the nlen bytes at num (8
 * readable), -99.9 to 99.9 with one digit after the point: an optional
 * minus, one or two digits, the point and one digit.  Returns 1 with *v
 * the value in tenths, or 0 if the bytes are anything else.  Every number
 * it takes, dec_parse_fixed() takes at scale 1 with the same value; the
 * bytes go to the top of a word, so that every position is fixed but the
 * minus, and are checked and converted with no branch but the last.
 */
static inline int
tenths(const char *num, size_t nlen, int64_t *v)
{
	/* Per length: the bytes below the number, and its first byte. */
	static const uint64_t	 below[8] = { 0, 0, 0,
				    0x000000ffffffffffULL,
				    0x00000000ffffffffULL,
				    0x0000000000ffffffULL, 0, 0 };
	static const uint64_t	 first[8] = { 0, 0, 0,
				    0x0000ff0000000000ULL,
				    0x000000ff00000000ULL,
				    0x00000000ff000000ULL, 0, 0 };
	const uint64_t		 zeros = 0x3030303030303030ULL;
	const uint64_t		 high = 0xf0f0f0f0f0f0f0f0ULL;
	uint64_t		 w, d, lo, f, neg, t, dig, bad;

	if (nlen - 3 > 2)
		return 0;
	w = load64(num) << (8 * (8 - nlen));
	lo = below[nlen];
	f = first[nlen];
	neg = (w & f) == ((ONES * '-') & f);
	/* The point, the bytes below and a minus become '0'. */
	d = w + ((uint64_t)('0' - '.') << 48);
	f &= -neg;
	d = (d & ~(lo | f)) | (zeros & (lo | f));
	bad = ((d & high) ^ zeros) | (((d + 0x0606060606060606ULL) & high) ^
	    zeros) | (((w >> 48) & 0xff) ^ '.') |
	    /* One or two digits before the point. */
	    (uint64_t)(nlen - neg - 3 > 1);
	if (bad != 0)
		return 0;
	/* Tens at byte 4 ('0' if none), ones at 5, tenths at 7. */
	t = (d >> 32) & 0x0f000f0fULL;
	dig = ((t * (1 + (10ULL << 16) + (100ULL << 24))) >> 24) & 0x3ff;
	*v = (int64_t)((dig ^ -neg) + neg);
	return 1;
}

/*
 * Bit i of the result set where byte i of the 64 at w is an LF, and of
 * *cr where it is a CR; *quote nonzero if any of the 64 is a quote.
 */
static inline uint64_t
lfs64(const char *w, uint64_t *cr, uint64_t *quote)
{
#if defined(__SSE2__)
	const __m128i	 vn = _mm_set1_epi8('\n');
	const __m128i	 vq = _mm_set1_epi8('"');
	const __m128i	 vr = _mm_set1_epi8('\r');
	const __m128i	 x0 = _mm_loadu_si128((const __m128i *)(const void *)w);
	const __m128i	 x1 = _mm_loadu_si128((const __m128i *)(const void *)
			    (w + 16));
	const __m128i	 x2 = _mm_loadu_si128((const __m128i *)(const void *)
			    (w + 32));
	const __m128i	 x3 = _mm_loadu_si128((const __m128i *)(const void *)
			    (w + 48));

	*quote = (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(x0, vq), _mm_cmpeq_epi8(x1, vq)),
	    _mm_or_si128(_mm_cmpeq_epi8(x2, vq), _mm_cmpeq_epi8(x3, vq))));
	*cr = (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x0, vr)) |
	    (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x1, vr)) <<
	    16 | (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x2,
	    vr)) << 32 | (uint64_t)(uint16_t)_mm_movemask_epi8(
	    _mm_cmpeq_epi8(x3, vr)) << 48;
	return (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x0, vn)) |
	    (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x1, vn)) <<
	    16 | (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x2,
	    vn)) << 32 | (uint64_t)(uint16_t)_mm_movemask_epi8(
	    _mm_cmpeq_epi8(x3, vn)) << 48;
#else
	uint64_t	 m = 0, r = 0, q = 0;
	int		 i;

	for (i = 0; i < 64; i++) {
		m |= (uint64_t)(w[i] == '\n') << i;
		r |= (uint64_t)(w[i] == '\r') << i;
		q |= (uint64_t)(w[i] == '"') << i;
	}
	*cr = r;
	*quote = q;
	return m;
#endif
}

size_t
pair_run(struct pair *pt, struct hot *t, struct agg *a,
    unsigned __int128 *mag, size_t bins, unsigned char delim,
    const char **pp, const char *end)
{
	const char		*rs = *pp, *w, *num, *lf;
	struct pair_entry	*pe;
	struct hot_key		 k;
	uint64_t		 h, m, cr, quote, pend = 0;
	int64_t			 x;
	int32_t			 y;
	size_t			 n = 0, klen, nlen;
	uint32_t		 dm;
#if defined(__SSE2__)
	const __m128i		 vd = _mm_set1_epi8((char)delim);
	const __m128i		 i0 = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8,
				    9, 10, 11, 12, 13, 14, 15);
	const __m128i		 i1 = _mm_setr_epi8(16, 17, 18, 19, 20, 21, 22,
				    23, 24, 25, 26, 27, 28, 29, 30, 31);
	__m128i			 v0, v1, vl;
#else
	size_t			 i;
#endif

	prepare(pt, t, a, mag, bins);
	memset(&k, 0, sizeof(k));
	/*
	 * Record ends come from the LF masks of whole windows, so where the
	 * next record starts never waits for this one's fields.  A window
	 * with a quote, or a CR not just before an LF, ends the loop at the
	 * first record not taken yet, so every record taken lies in windows
	 * of neither, and ends in LF or in CR LF.  (In the last window, bytes
	 * past end count too.)
	 */
	for (w = rs; w < end && n < PAIR_ROWS; w += 64) {
		m = lfs64(w, &cr, &quote);
		if ((quote | (((cr << 1) | pend) & ~m)) != 0)
			goto out;
		pend = cr >> 63;
		if (end - w < 64)
			m &= ((uint64_t)1 << (end - w)) - 1;
		for (; m != 0; m &= m - 1) {
			lf = w + __builtin_ctzll(m);
#if defined(__SSE2__)
			v0 = _mm_loadu_si128((const __m128i *)(const void *)rs);
			v1 = _mm_loadu_si128((const __m128i *)(const void *)
			    (rs + 16));
			dm = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v0,
			    vd)) | (uint32_t)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v1, vd)) << 16;
#else
			dm = 0;
			for (i = 0; i < 32; i++)
				dm |= (uint32_t)((unsigned char)rs[i] ==
				    delim) << i;
#endif
			/*
			 * The key ends at the first delimiter, which must be
			 * within 32 bytes and before lf: else the record is
			 * one field, or its key is too long.
			 */
			klen = (size_t)__builtin_ctz(dm | (uint32_t)1 << 31);
			if (klen >= (size_t)(lf - rs) || klen > PAIR_KEY)
				goto out;
#if defined(__SSE2__)
			/* Keep byte j < klen: a signed compare, klen < 32. */
			vl = _mm_set1_epi8((char)klen);
			v0 = _mm_and_si128(v0, _mm_cmpgt_epi8(vl, i0));
			v1 = _mm_and_si128(v1, _mm_cmpgt_epi8(vl, i1));
			_mm_storeu_si128((__m128i *)(void *)&k.w[0], v0);
			_mm_storeu_si128((__m128i *)(void *)&k.w[2], v1);
			k.len = klen;
			h = hot_hash(&k);
			pe = find(pt, v0, v1, klen, h);
#else
			memset(k.w, 0, sizeof(k.w));
			memcpy(k.w, rs, klen);
			k.len = klen;
			h = hot_hash(&k);
			pe = find(pt, k.w, klen, h);
#endif
			if (pe == NULL && (pe = enter(pt, t, &k, h)) == NULL)
				goto out;

			/*
			 * The number, [num, lf).  At most 8 bytes are below
			 * 10^8 in magnitude.
			 */
			num = rs + klen + 1;
			nlen = (size_t)(lf - num) - (lf[-1] == '\r');
			if (pe->scale != 1 || !tenths(num, nlen, &x)) {
				if (nlen == 0 || nlen > 8 ||
				    !dec_parse_fixed(num, nlen, pe->scale, &x))
					goto out;
			}
			y = (int32_t)x;
			pe->sum += y;
			pe->n++;
			pe->min = y < pe->min ? y : pe->min;
			pe->max = y > pe->max ? y : pe->max;
			n++;
			rs = lf + 1;
		}
	}
out:
	flush(pt, t);
	*pp = rs;
	return n;
}
