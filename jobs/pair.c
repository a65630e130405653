/*
 * The two-column loop (see pair.h).  A record is found from its own first
 * 32 bytes: two 16-byte loads and four compares (one 32-byte load and two
 * compares with AVX2) give the masks of its LF and its delimiters, so
 * the record's end and its key's are two counts of trailing zeros, and
 * the branches go the same way record after record
 * (a record of 32 bytes or more looks at 32 more).  Then a multiply
 * hashes the key, one probe of the table's slots compares 32 bytes against
 * a line that stays in the first-level cache, one 8-byte load reads the
 * number with no branch but one, and four adds count it.  Quotes and CRs
 * are never looked for: no entry's key holds one, and no number does.
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

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "dec.h"
#include "hash.h"
#include "pair.h"

#define PAIR_DEAD	0xff		/* a length no key has */
#define PAIR_ROWS	(1UL << 31)	/* rows one call may take */
#define PAIR_ROOM	((int64_t)1 << 62)
#define ONES		0x0101010101010101ULL

/* Whether the loop is also built for AVX2 (chosen at run time). */
#if defined(__x86_64__) && defined(__SSE2__) && defined(__GNUC__)
#define PAIR_AVX2	1
#else
#define PAIR_AVX2	0
#endif

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

	/* Raw bytes with a quote or CR are not the record they seem. */
	if (pt->n == 1 + PAIR_CAP || memchr(k->w, '"', k->len) != NULL ||
	    memchr(k->w, '\r', k->len) != NULL ||
	    (e = hot_find(t, k, h)) == NULL || !roomy(e))
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

/*
 * The One Billion Row Challenge's numbers: the nlen bytes at num (8
 * readable), -99.9 to 99.9 with one digit after the point: an optional
 * minus, one or two digits, the point and one digit.  Returns 1 with *v
 * the value in tenths, or 0 if the bytes are anything else.  Every number
 * it takes, dec_parse_fixed() takes at scale 1 with the same value.
 *
 * The bytes, less '0' each, go to the top of a word, so the tenths digit
 * is byte 7, the point byte 6, the ones byte 5 and the tens byte 4; the
 * shift fills the bytes below the number with zeros, which read as a
 * leading 0, and a minus (only ever the first byte) is made a zero too.
 * Then bytes 4, 5 and 7 must be at most 9 and byte 6 the point, and the
 * length without the minus 3 or 4: no branch but the last.
 */
static inline int
tenths(const char *num, size_t nlen, int64_t *v)
{
	const uint64_t	 zeros = ONES * '0';
	uint64_t	 w, neg, x, bad;

	w = hash_load64(num);
	neg = (w & 0xff) == '-';
	x = (w ^ zeros) & ((neg - 1) | ~(uint64_t)0xff);
	x <<= (0 - 8 * nlen) & 63;
	/* Bytes 4, 5 and 7 at most 9: 0x76 more reaches bit 7 from 10. */
	bad = (((x & 0xff00ffff00000000ULL) + 0x7600767600000000ULL) | x) &
	    0x8000808000000000ULL;
	bad |= ((x >> 48) & 0xff) ^ ('.' ^ '0');
	bad |= (nlen - neg - 3) >> 1;
	if (bad != 0)
		return 0;
	/* Tens at bit 0, ones at 8, tenths at 24: the sum lands at 24. */
	x = (x >> 32) & 0x0f000f0fULL;
	x = ((x * (1 + (10ULL << 16) + (100ULL << 24))) >> 24) & 0x3ff;
	*v = (int64_t)((x ^ -neg) + neg);
	return 1;
}

int
pair_tenths(const char *num, size_t nlen, int64_t *v)
{
	return tenths(num, nlen, v);
}

/*
 * Where the 32 bytes at p are an LF (the result) and the delimiter (*dm):
 * bit i for byte i.
 */
static inline uint64_t
marks32(const char *p, unsigned char delim, uint64_t *dm)
{
#if defined(__SSE2__)
	const __m128i	 vn = _mm_set1_epi8('\n');
	const __m128i	 vd = _mm_set1_epi8((char)delim);
	const __m128i	 x0 = _mm_loadu_si128((const __m128i *)(const void *)p);
	const __m128i	 x1 = _mm_loadu_si128((const __m128i *)(const void *)
			    (p + 16));

	*dm = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x0, vd)) |
	    (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x1, vd)) << 16;
	return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x0, vn)) |
	    (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x1, vn)) << 16;
#else
	uint64_t	 m = 0, d = 0;
	int		 i;

	for (i = 0; i < 32; i++) {
		m |= (uint64_t)(p[i] == '\n') << i;
		d |= (uint64_t)((unsigned char)p[i] == delim) << i;
	}
	*dm = d;
	return m;
#endif
}

/* From keep + 32 - n, n bytes of ones and then zeros (n <= 32). */
static const unsigned char keep[64] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

/*
 * The loop over [*pp, end): pair_run() without the entries' preparation
 * and flush.  Built once per instruction set below, from the same code.
 */
#if PAIR_AVX2
/*
 * marks32() in one 32-byte vector, for loop_avx2() only: not always
 * inline, so that the compiler inlines it where AVX2 is allowed and
 * nowhere else (loop_base() never calls it).
 */
static inline __attribute__((target("avx2"))) uint64_t
marks32_wide(const char *p, unsigned char delim, uint64_t *dm)
{
	const __m256i	 x = _mm256_loadu_si256((const __m256i *)
			    (const void *)p);

	*dm = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x,
	    _mm256_set1_epi8((char)delim)));
	return (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x,
	    _mm256_set1_epi8('\n')));
}
#endif

static inline __attribute__((always_inline)) size_t
loop(struct pair *pt, struct hot *t, unsigned char delim, const char **pp,
    const char *end, int wide)
{
	const char		*rs = *pp, *num;
	struct pair_entry	*pe;
	struct hot_key		 k;
	uint64_t		 h, lm, dm, dm2;
	int64_t			 x;
	int32_t			 y;
	size_t			 n = 0, klen, lpos, nlen, cr;
#if defined(__SSE2__)
	__m128i			 v0, v1;
#endif

	memset(&k, 0, sizeof(k));
	/*
	 * One record a turn, found from its own first 32 bytes (64 for a
	 * longer one): its LF and its key's delimiter.  The key must be an
	 * entry's, and no entry's key holds a quote or a CR (enter()); the
	 * number, which holds neither, must follow the delimiter up to the
	 * LF or a CR LF.  So a record taken holds no quote and no CR but
	 * one just before its LF.  Every branch but the probe of the table
	 * goes the same way record after record.
	 */
	/* Records take 3 bytes or more: no more than PAIR_ROWS of them. */
	if ((size_t)(end - rs) > PAIR_ROWS)
		end = rs + PAIR_ROWS;
	while (rs < end) {
#if PAIR_AVX2
		if (wide)
			lm = marks32_wide(rs, delim, &dm);
		else
#endif
			lm = marks32(rs, delim, &dm);
		if (__builtin_expect(lm == 0, 0)) {
			/*
			 * A record of 32 bytes or more: its key must still
			 * end within PAIR_KEY bytes.
			 */
			if ((dm & (((uint64_t)2 << PAIR_KEY) - 1)) == 0)
				goto out;
			lm = marks32(rs + 32, delim, &dm2) << 32;
			if (lm == 0)
				goto out;
		}
		lpos = (size_t)__builtin_ctzll(lm);
		/*
		 * The key ends at the first delimiter, which must come before
		 * the LF: else the record is one field.  Before an LF among
		 * the first 32 bytes it is within PAIR_KEY bytes.
		 */
		klen = (size_t)__builtin_ctzll(dm | (uint64_t)1 << 63);
		if (klen >= lpos || rs + lpos >= end)
			goto out;
		cr = rs[lpos - 1] == '\r';
#if defined(__SSE2__)
		/* Keep byte j < klen: klen bytes of ones, then zeros. */
		v0 = _mm_and_si128(_mm_loadu_si128((const __m128i *)
		    (const void *)rs), _mm_loadu_si128((const __m128i *)
		    (const void *)(keep + 32 - klen)));
		v1 = _mm_and_si128(_mm_loadu_si128((const __m128i *)
		    (const void *)(rs + 16)), _mm_loadu_si128((const __m128i *)
		    (const void *)(keep + 48 - klen)));
		h = hot_hash_words((uint64_t)_mm_cvtsi128_si64(v0),
		    (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(v0, v0)),
		    klen);
		pe = find(pt, v0, v1, klen, h);
		if (pe == NULL) {
			_mm_storeu_si128((__m128i *)(void *)&k.w[0], v0);
			_mm_storeu_si128((__m128i *)(void *)&k.w[2], v1);
			k.len = klen;
			if ((pe = enter(pt, t, &k, h)) == NULL)
				goto out;
		}
#else
		memset(k.w, 0, sizeof(k.w));
		memcpy(k.w, rs, klen);
		k.len = klen;
		h = hot_hash(&k);
		pe = find(pt, k.w, klen, h);
		if (pe == NULL && (pe = enter(pt, t, &k, h)) == NULL)
			goto out;
#endif
		/* The number, [num, LF or CR).  At most 8 bytes: < 10^8. */
		num = rs + klen + 1;
		nlen = lpos - klen - 1 - cr;
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
		rs += lpos + 1;
	}
out:
	*pp = rs;
	return n;
}

static size_t
loop_base(struct pair *pt, struct hot *t, unsigned char delim,
    const char **pp, const char *end)
{
	return loop(pt, t, delim, pp, end, 0);
}

#if PAIR_AVX2
/*
 * The same loop with VEX encodings (three operands: no register copies
 * before each compare), BMI's shifts and bit operations, and a record's
 * masks from one 32-byte vector: about 11% fewer instructions a record.
 */
static __attribute__((target("avx2,bmi,bmi2"))) size_t
loop_avx2(struct pair *pt, struct hot *t, unsigned char delim,
    const char **pp, const char *end)
{
	return loop(pt, t, delim, pp, end, 1);
}
#endif

/* The best instruction set this processor has for the loop. */
static enum pair_isa
best(void)
{
#if PAIR_AVX2
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
	    __builtin_cpu_supports("bmi2"))
		return PAIR_ISA_AVX2;
#endif
	return PAIR_ISA_BASE;
}

/* The set in use, or -1 before the first call decides. */
static int	 isa = -1;

enum pair_isa
pair_use(enum pair_isa want)
{
	enum pair_isa	 got = want < best() ? want : best();

	__atomic_store_n(&isa, (int)got, __ATOMIC_RELAXED);
	return got;
}

size_t
pair_run(struct pair *pt, struct hot *t, struct agg *a,
    unsigned __int128 *mag, size_t bins, unsigned char delim,
    const char **pp, const char *end)
{
	int	 use = __atomic_load_n(&isa, __ATOMIC_RELAXED);
	size_t	 n;

	if (use < 0) {
		use = (int)best();
		__atomic_store_n(&isa, use, __ATOMIC_RELAXED);
	}
	prepare(pt, t, a, mag, bins);
#if PAIR_AVX2
	if (use == PAIR_ISA_AVX2)
		n = loop_avx2(pt, t, delim, pp, end);
	else
#endif
		n = loop_base(pt, t, delim, pp, end);
	flush(pt, t);
	return n;
}
