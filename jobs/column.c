/*
 * The statistics of one column (see column.h).  column_read() and
 * column_count_row() are on the hot path, once per cell: the first
 * classifies the value (infer.c, or the fixed-point parse at the scale of
 * the column's last number) and hashes it for the frequency table, the
 * second updates only what that class needs.  Numbers are one value
 * whatever their digits ("1.5" and "1.50"), as in agg's distinct: they
 * are hashed by their value with trailing zeros dropped; booleans
 * likewise whatever their spelling ("true", "TRUE", "yes").
 */
#include "config.h"

#include <string.h>
#include <sys/types.h>

#include "agg.h"
#include "column.h"
#include "freq.h"
#include "utf8.h"

int
column_init(struct column *c, size_t bound)
{
	memset(c, 0, sizeof(*c));
	c->sqscale = -1;
	c->lastscale = -1;
	if ((c->freq = freq_new(bound)) == NULL)
		return -1;
	c->probe = freq_probe(c->freq);
	return 0;
}

void
column_free(struct column *c)
{
	freq_free(c->freq);
	c->freq = NULL;
}

/*
 * Characters in len bytes of UTF-8: bytes that are not continuations.  A
 * short text (most are) is known to be ASCII from two overlapping words.
 */
static inline size_t
chars(const char *s, size_t len)
{
	size_t		 i, n = len;
	uint64_t	 w, high = 0;
	uint32_t	 x, y;

	if (len >= 8 && len <= 16) {
		memcpy(&w, s, 8);
		high = w;
		memcpy(&w, s + len - 8, 8);
		high |= w;
	} else if (len >= 8) {
		for (i = 0; i + 8 <= len; i += 8) {
			memcpy(&w, s + i, 8);
			high |= w;
		}
		memcpy(&w, s + len - 8, 8);
		high |= w;
	} else if (len >= 4) {
		memcpy(&x, s, 4);
		memcpy(&y, s + len - 4, 4);
		high = x | y;
	} else
		for (i = 0; i < len; i++)
			high |= (unsigned char)s[i];
	if ((high & 0x8080808080808080ULL) == 0)
		return len;
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			n--;
	return n;
}

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* A number's hash: its value with trailing zeros dropped. */
static uint64_t
num_hash(struct dec d)
{
	uint64_t	 lo, hi;

	if (d.v >= INT64_MIN && d.v <= INT64_MAX) {
		int64_t	 x = (int64_t)d.v;

		/* 64-bit division: the 128-bit one is a library call. */
		while (d.scale > 0 && x % 10 == 0) {
			x /= 10;
			d.scale--;
		}
		d.v = x;
	} else
		while (d.scale > 0 && d.v % 10 == 0) {
			d.v /= 10;
			d.scale--;
		}
	lo = (uint64_t)d.v;
	hi = (uint64_t)((unsigned __int128)d.v >> 64);
	return mix(lo ^ mix(hi ^ (uint64_t)d.scale ^ 0x9e3779b97f4a7c15ULL));
}

/*
 * num_hash() of an integer of 64 bits (scale 0, no zeros to drop): its
 * high word is its sign, so the inner mix is one of two constants.
 */
static inline uint64_t
int_hash(int64_t x)
{
	return mix((uint64_t)x ^ (x < 0 ? mix(~(uint64_t)0 ^
	    0x9e3779b97f4a7c15ULL) : mix(0x9e3779b97f4a7c15ULL)));
}

/* Powers of ten up to 10^38, the largest in 128 bits. */
static const unsigned __int128 pow10_128[39] = {
	1ULL,
	10ULL,
	100ULL,
	1000ULL,
	10000ULL,
	100000ULL,
	1000000ULL,
	10000000ULL,
	100000000ULL,
	1000000000ULL,
	10000000000ULL,
	100000000000ULL,
	1000000000000ULL,
	10000000000000ULL,
	100000000000000ULL,
	1000000000000000ULL,
	10000000000000000ULL,
	100000000000000000ULL,
	1000000000000000000ULL,
	10000000000000000000ULL,
	(unsigned __int128)10000000000000000000ULL * 10ULL,
	(unsigned __int128)10000000000000000000ULL * 100ULL,
	(unsigned __int128)10000000000000000000ULL * 1000ULL,
	(unsigned __int128)10000000000000000000ULL * 10000ULL,
	(unsigned __int128)10000000000000000000ULL * 100000ULL,
	(unsigned __int128)10000000000000000000ULL * 1000000ULL,
	(unsigned __int128)10000000000000000000ULL * 10000000ULL,
	(unsigned __int128)10000000000000000000ULL * 100000000ULL,
	(unsigned __int128)10000000000000000000ULL * 1000000000ULL,
	(unsigned __int128)10000000000000000000ULL * 10000000000ULL,
	(unsigned __int128)10000000000000000000ULL * 100000000000ULL,
	(unsigned __int128)10000000000000000000ULL * 1000000000000ULL,
	(unsigned __int128)10000000000000000000ULL * 10000000000000ULL,
	(unsigned __int128)10000000000000000000ULL * 100000000000000ULL,
	(unsigned __int128)10000000000000000000ULL * 1000000000000000ULL,
	(unsigned __int128)10000000000000000000ULL * 10000000000000000ULL,
	(unsigned __int128)10000000000000000000ULL * 100000000000000000ULL,
	(unsigned __int128)10000000000000000000ULL * 1000000000000000000ULL,
	(unsigned __int128)10000000000000000000ULL * 10000000000000000000ULL,
};

/*
 * Raise *most to the digits of d before the point, if it has more: one
 * comparison with a power of ten when it has not.
 */
static inline void
int_digits(const struct dec *d, int *most)
{
	unsigned __int128	 m;
	int			 n = *most + d->scale;

	/* A number of 64 bits below its power of ten, the usual case. */
	if (n < 19 && d->v >= INT64_MIN && d->v <= INT64_MAX) {
		int64_t		 x = (int64_t)d->v;
		uint64_t	 a = x < 0 ? -(uint64_t)x : (uint64_t)x;

		if (a < (uint64_t)pow10_128[n])
			return;
	}
	m = d->v < 0 ? -(unsigned __int128)d->v : (unsigned __int128)d->v;
	if (m < pow10_128[n < 38 ? n : 38])
		return;
	for (n = 0; m > 0; n++)
		m /= 10;
	if (n - d->scale > *most)
		*most = n - d->scale;
}

/* dec_cmp(), without its rescaling when the scales agree. */
static inline int
num_cmp(const struct dec *a, const struct dec *b)
{
	if (a->scale == b->scale)
		return (a->v > b->v) - (a->v < b->v);
	return dec_cmp(a, b);
}

/*
 * Keep v (if not NULL) and its len bytes of text at s, at least 8 of them
 * readable, in e.
 */
static inline void
ext_set(struct column_ext *e, const struct infer_value *v, const char *s,
    size_t len)
{
	uint64_t	 a, b;

	e->set = 1;
	if (v != NULL)
		e->v = *v;
	if (len > sizeof(e->text))
		len = sizeof(e->text);
	/* A short text (a number, most often) in one word or two. */
	if (len <= 8) {
		memcpy(&a, s, 8);
		memcpy(e->text, &a, 8);
	} else if (len <= 16) {
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
		memcpy(e->text, &a, 8);
		memcpy(e->text + len - 8, &b, 8);
	} else
		memcpy(e->text, s, len);
	e->len = len;
}

/*
 * Byte order, a shorter prefix first.  Texts of one column mostly differ
 * in their first 8 bytes: those are compared as one number first.
 */
static inline int
bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	uint64_t	 x, y;
	int		 c;

	if (alen >= 8 && blen >= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y) {
			x = __builtin_bswap64(x);
			y = __builtin_bswap64(y);
			return x < y ? -1 : 1;
		}
	}
	c = memcmp(a, b, alen < blen ? alen : blen);

	return c != 0 ? c : alen < blen ? -1 : alen > blen;
}

/* The first 8 bytes at s as a big-endian number: their byte order. */
static inline uint64_t
be8(const char *s)
{
	uint64_t	 x;

	memcpy(&x, s, 8);
	return __builtin_bswap64(x);
}

/* Text extreme e just set from len bytes at s: its key (column.h). */
static inline void
ext_key(struct column_ext *e, const char *s, size_t len, int min)
{
	e->key = len < 8 ? 0 : min ? ~be8(s) : be8(s);
}

/*
 * Note nmin and nmax as 64-bit numbers, if they are of one scale and fit,
 * for observe()'s quick test of a number between them.
 */
static void
num_bounds(struct column *c)
{
	const struct dec	*a = &c->nmin.v.num, *b = &c->nmax.v.num;

	c->nscale1 = 0;
	if (!c->nmin.set || !c->nmax.set || a->scale != b->scale ||
	    a->v < INT64_MIN || b->v > INT64_MAX)
		return;
	c->nlo = (int64_t)a->v;
	c->nhi = (int64_t)b->v;
	c->nscale1 = a->scale + 1;
}

static void
miss(struct column *c, enum infer_type t, const char *s, size_t len,
    uint64_t line)
{
	struct column_miss	*m = &c->miss[t];

	m->line = line;
	m->len = utf8_cut(s, len, COLUMN_SHOW);
	memcpy(m->value, s, m->len);
	if (m->len < len) {
		memcpy(m->value + m->len, "...", 3);
		m->len += 3;
	}
	c->missed |= 1u << t;
}

void
column_settle(struct column *c)
{
	if (c->sqscale >= 0 && !c->sq_over &&
	    moments_add_square(&c->sq, c->sqacc, c->sqscale) == -1)
		c->sq_over = 1;
	c->sqacc = 0;
	c->sqscale = -1;
	c->quick = 0;
}

/*
 * Add d's square to the sum of squares: in 128 bits while the values are
 * below 2^62 and keep one scale, into the 256-bit sum otherwise.
 */
static inline void
square(struct column *c, const struct dec *d)
{
	unsigned __int128	 m = d->v < 0 ? -(unsigned __int128)d->v :
				    (unsigned __int128)d->v, sq;

	if (c->sq_over)
		return;
	if (m >= (unsigned __int128)1 << 62) {
		if (moments_add(&c->sq, d) == -1)
			c->sq_over = 1;
		return;
	}
	/* One 64-bit multiply: m is below 2^62. */
	sq = (unsigned __int128)(uint64_t)m * (uint64_t)m;
	if (c->sqscale != 2 * d->scale ||
	    c->sqacc + sq < c->sqacc) {
		column_settle(c);
		c->sqscale = 2 * d->scale;
	}
	c->sqacc += sq;
}

/* A cell's bytes' hash: its exact table's key. */
static uint64_t
bytes_hash(const char *s, size_t len, size_t full)
{
	uint64_t	 h = hash_bytes(s, len);

	return full > len ? mix(h ^ full) : h;
}

/* Classify a non-empty cell: its type, typed value and value hash. */
static inline __attribute__((always_inline)) void
typed_read(const struct column *c, struct column_cell *cell, int dc)
{
	const char	*s = cell->s;
	size_t		 len = cell->len, full = cell->full;
	int64_t		 x;

	cell->typed = 1;
	/*
	 * A plain number at the scale of the column's last one: what
	 * infer_cell() would say (no date, boolean or timestamp is digits
	 * with at most a minus and a point), for a fraction of its work.
	 */
	if (c->lastscale >= 0 && full == len && !dc &&
	    (c->lastscale == 0 ? dec_parse_fixed(s, len, 0, &x) :
	    dec_parse_fixed(s, len, c->lastscale, &x)) &&
	    !infer_padded(s, len)) {
		cell->t = c->lastscale > 0 ? INFER_DECIMAL : INFER_INTEGER;
		cell->v.num.v = x;
		cell->v.num.scale = c->lastscale;
		cell->vh = c->lastscale == 0 ? int_hash(x) :
		    num_hash(cell->v.num);
		return;
	}
	if (full > len || infer_text_lead(s, len, dc)) {
		cell->t = INFER_TEXT;
		cell->v.code = 0;
	} else
		cell->t = infer_cell(s, len, dc, &cell->v);
	if (cell->t == INFER_INTEGER || cell->t == INFER_DECIMAL)
		cell->vh = num_hash(cell->v.num);
	else if (cell->t == INFER_BOOLEAN)
		cell->vh = mix(0x626f6f6c65616eULL + (uint64_t)cell->v.truth);
	else
		cell->vh = cell->h != 0 ? cell->h : bytes_hash(s, len, full);
}

void
column_read_slow(const struct column *c, struct column_cell *cell, int dc)
{
	/* An exact column classifies a value once, when it is new. */
	if (!c->sketch) {
		cell->h = bytes_hash(cell->s, cell->len, cell->full);
		return;
	}
	typed_read(c, cell, dc);
}

/*
 * What an exact table's entry says of its value for the statistics that
 * add up over the cells (column_fold()): its type and number.
 */
struct note {
	uint64_t	 lo, hi;	/* the number's digits, two's complement */
	int32_t		 scale;
	uint8_t		 type;
};

/* Number v (len bytes at s) into the column's extremes nmin and nmax. */
static inline void
num_extremes(struct column *c, const struct infer_value *v, const char *s,
    size_t len)
{
	if (!c->nmin.set || num_cmp(&v->num, &c->nmin.v.num) < 0)
		ext_set(&c->nmin, v, s, len);
	if (!c->nmax.set || num_cmp(&v->num, &c->nmax.v.num) > 0)
		ext_set(&c->nmax, v, s, len);
	num_bounds(c);
}

/* A cell's length in characters, into the column's shortest and longest. */
static inline void
count_len(struct column *c, uint64_t len)
{
	if (!c->lenset || len < c->minlen)
		c->minlen = len;
	if (len > c->maxlen)
		c->maxlen = len;
	c->lenset = 1;
}

/*
 * The statistics of a value, whether new (exact) or any cell (sketch):
 * the types it spoils, its extremes and lengths, its number's scale and
 * digits, a boolean's truth.  The per-cell sums are the caller's.
 */
static inline __attribute__((always_inline)) void
observe(struct column *c, const struct column_cell *cell, uint64_t line)
{
	const struct infer_value *v = &cell->v;
	const char		*s = cell->s;
	size_t			 len = cell->len;
	enum infer_type		 t = cell->t, k;
	uint64_t		 nch;
	unsigned		 lost;

	/* The types a column has not lost yet, that this value does not fit. */
	if ((lost = ~c->missed & ~infer_fits_bits[t] &
	    ((1u << INFER_TEXT) - 1)) != 0)
		for (k = 0; k < INFER_TEXT; k++)
			if (lost & (1u << k))
				miss(c, k, s, len, line);
	switch (t) {
	case INFER_INTEGER:
	case INFER_DECIMAL:
		/*
		 * At the extremes' scale: between them, none changes, and
		 * the column has as many digits before the point already;
		 * beyond, only the one passed.
		 */
		if (v->num.scale + 1 == c->nscale1 && v->num.v >= INT64_MIN &&
		    v->num.v <= INT64_MAX) {
			int64_t	 x = (int64_t)v->num.v;

			c->lastscale = v->num.scale;
			if (x >= c->nlo && x <= c->nhi)
				break;
			/* A new extreme (an id column's every value). */
			int_digits(&v->num, &c->intdigits);
			if (x < c->nlo) {
				ext_set(&c->nmin, v, s, len);
				c->nlo = x;
			} else {
				ext_set(&c->nmax, v, s, len);
				c->nhi = x;
			}
			break;
		}
		if (v->num.scale > c->scale)
			c->scale = v->num.scale;
		c->lastscale = v->num.scale;
		int_digits(&v->num, &c->intdigits);
		num_extremes(c, v, s, len);
		break;
	case INFER_DATE:
	case INFER_TIMESTAMP:
		if (!c->tmin.set || infer_cmp(t, v, &c->tmin.v) < 0)
			ext_set(&c->tmin, v, s, len);
		if (!c->tmax.set || infer_cmp(t, v, &c->tmax.v) > 0)
			ext_set(&c->tmax, v, s, len);
		break;
	case INFER_BOOLEAN:
		if (v->truth)
			c->seen_true = 1;
		else
			c->seen_false = 1;
		break;
	case INFER_TEXT:
		/*
		 * A code ("007", text) sorts among the numbers by its value,
		 * spelled as written: a column of ZIP codes goes from 01001
		 * to 99950 whether or not a code has a leading zero.
		 */
		if (v->code)
			num_extremes(c, v, s, len);
		break;
	default:
		break;
	}
	/*
	 * Numbers (and codes) sort before texts: their extremes are nmin and
	 * nmax.  A text whose first 8 bytes are between the extremes'
	 * changes neither.
	 */
	if (t != INFER_INTEGER && t != INFER_DECIMAL &&
	    !(t == INFER_TEXT && v->code) && (len < 8 ||
	    be8(s) <= ~c->smin.key || be8(s) >= c->smax.key)) {
		if (!c->smin.set || bytes_cmp(s, len, c->smin.text,
		    c->smin.len) < 0) {
			ext_set(&c->smin, NULL, s, len);
			ext_key(&c->smin, s, len, 1);
		}
		if (!c->smax.set || bytes_cmp(s, len, c->smax.text,
		    c->smax.len) > 0) {
			ext_set(&c->smax, NULL, s, len);
			ext_key(&c->smax, s, len, 0);
		}
	}
	/* A value of any type but text is ASCII: a character a byte. */
	nch = (t == INFER_TEXT ? chars(s, len) : len) + (cell->full - len);
	count_len(c, nch);
}

/* Add one number to the column's sums: inline, once a sketch's cell. */
static inline __attribute__((always_inline)) void
sum_one(struct column *c, const struct dec *d)
{
	__int128	 r;

	c->nnum++;
	if (c->sum_over)
		;
	else if (c->sum.scale == d->scale) {
		if (dec_add128(c->sum.v, d->v, &r))
			c->sum_over = 1;
		else
			c->sum.v = r;
	} else if (dec_add(&c->sum, d) == -1)
		c->sum_over = 1;
	square(c, d);
}

/* Add a number, count times, to the column's sums. */
static void
sum_num(struct column *c, const struct dec *d, uint64_t count)
{
	struct dec		 x = *d;
	struct moments		 base, acc;
	unsigned __int128	 m, sq;

	if (count == 1) {
		sum_one(c, d);
		return;
	}
	c->nnum += count;
	/*
	 * A value of an exact table, count times: its multiple, and its
	 * square's.  A multiple past 128 bits is an overflow even where the
	 * values of opposite signs would have brought a running sum back.
	 */
	if (!c->sum_over && (__builtin_mul_overflow(x.v, (__int128)count,
	    &x.v) || dec_add(&c->sum, &x) == -1))
		c->sum_over = 1;
	if (c->sq_over)
		return;
	m = d->v < 0 ? -(unsigned __int128)d->v : (unsigned __int128)d->v;
	if (m < (unsigned __int128)1 << 62 &&
	    !__builtin_mul_overflow(m * m, (unsigned __int128)count, &sq)) {
		/*
		 * Into square()'s running sum, as one cell's square: the
		 * sums are exact, so the total is the same, and a fold of
		 * 100,000 values makes a few moments_add_square() calls
		 * instead of 100,000.
		 */
		if (c->sqscale != 2 * d->scale || c->sqacc + sq < c->sqacc) {
			column_settle(c);
			c->sqscale = 2 * d->scale;
		}
		c->sqacc += sq;
		return;
	}
	/* Large: d^2 doubled and added along count's bits. */
	memset(&base, 0, sizeof(base));
	memset(&acc, 0, sizeof(acc));
	if (moments_add(&base, d) == -1) {
		c->sq_over = 1;
		return;
	}
	for (;;) {
		if ((count & 1) && moments_merge(&acc, &base) == -1) {
			c->sq_over = 1;
			return;
		}
		if ((count >>= 1) == 0)
			break;
		{
			struct moments	 twice = base;

			if (moments_merge(&base, &twice) == -1) {
				c->sq_over = 1;
				return;
			}
		}
	}
	if (moments_merge(&c->sq, &acc) == -1)
		c->sq_over = 1;
}

/* One entry's note and count into the column's statistics (fold_notes()). */
static void
fold_note(void *arg, const void *p, uint64_t count)
{
	struct column		*c = arg;
	const struct note	*nt = p;
	struct dec		 d;

	c->nclass[nt->type] += count;
	if (nt->type != INFER_INTEGER && nt->type != INFER_DECIMAL)
		return;
	d.v = (__int128)((unsigned __int128)nt->hi << 64 | nt->lo);
	d.scale = nt->scale;
	sum_num(c, &d, count);
}

/*
 * Add what an exact table's entries say to the per-cell statistics (types
 * and sums), before the table becomes a sketch or is read at the end, in
 * the order the values came.  0, or -1 if memory is short.
 */
static int
fold_notes(struct column *c)
{
	return freq_each(c->freq, fold_note, c);
}

/* Make c's exact table a sketch, its statistics kept.  0 or -1 (memory). */
static int
to_sketch(struct column *c)
{
	if (c->sketch)
		return 0;
	if (fold_notes(c) == -1)
		return -1;
	column_settle(c);
	c->sketch = 1;
	return freq_sketch(c->freq);
}

/* A sketch's classified cell: everything it adds to. */
static inline __attribute__((always_inline)) int
sketch_count(struct column *c, const struct column_cell *cell, uint64_t line)
{
	c->quick = 0;
	c->nclass[cell->t]++;
	if (freq_sketch_add(c->freq, cell->vh, cell->s, cell->len) == -1)
		return -1;
	if (cell->t == INFER_INTEGER || cell->t == INFER_DECIMAL)
		sum_one(c, &cell->v.num);
	observe(c, cell, line);
	return 0;
}

/* A counted cell that the exact table does not have (or a sketch's). */
static inline __attribute__((always_inline)) int
count_new(struct column *c, const struct column_cell *in, uint64_t line,
    int dc)
{
	struct column_cell	 cell;
	struct note		*nt;
	void			*p;
	int			 rc;

	/* A sketch's cell, classified when it was read: as it is. */
	if (c->sketch && in->typed)
		return sketch_count(c, in, line);
	cell = *in;
	if (!cell.typed)
		typed_read(c, &cell, dc);
	if (!c->sketch) {
		if ((rc = freq_put(c->freq, cell.h, cell.vh, cell.s, cell.len,
		    &p)) == -1)
			return -1;
		if (rc == 1) {
			nt = p;
			nt->type = (uint8_t)cell.t;
			if (cell.t == INFER_INTEGER || cell.t == INFER_DECIMAL) {
				nt->lo = (uint64_t)cell.v.num.v;
				nt->hi = (uint64_t)((unsigned __int128)
				    cell.v.num.v >> 64);
				nt->scale = cell.v.num.scale;
			}
			observe(c, &cell, line);
			return 0;
		}
		if (to_sketch(c) == -1)
			return -1;
	}
	return sketch_count(c, &cell, line);
}

static inline __attribute__((always_inline)) int
count_cell(struct column *c, const struct column_cell *in, uint64_t line,
    int dc)
{
	if (in->t == INFER__MAX) {
		c->empty++;
		return 0;
	}
	c->count++;
	/* A value an exact table has: only its count changes. */
	if (freq_probe_hit(c->probe, in->h))
		return 0;
	return count_new(c, in, line, dc);
}

int
column_count(struct column *c, const struct column_cell *cell,
    uint64_t line, int decimal_comma)
{
	return count_cell(c, cell, line, decimal_comma);
}

int
column_count_new(struct column *c, const struct column_cell *cell,
    uint64_t line, int decimal_comma)
{
	return count_new(c, cell, line, decimal_comma);
}

/*
 * Whether the state count_fixed() needs is there for a number at the
 * column's last scale: sums at that scale and not over, squares
 * collected at its double, no narrower type left to lose, and extremes
 * of that scale in 64 bits.
 */
static int
quick_ok(const struct column *c)
{
	int		 ls = c->lastscale;
	enum infer_type	 t = ls > 0 ? INFER_DECIMAL : INFER_INTEGER;

	return ls >= 0 && !c->sum_over && c->sum.scale == ls &&
	    !c->sq_over && c->sqscale == 2 * ls &&
	    (~c->missed & ~infer_fits_bits[t] & ((1u << INFER_TEXT) - 1)) ==
	    0 && ls + 1 == c->nscale1;
}

/*
 * A sketch's cell as typed_read() reads it: sketch_count(), not inline,
 * and whether the next number may take the quick path.  h is the bytes'
 * hash, or 0 for typed_read() to make it if a text needs it.
 */
static __attribute__((noinline)) int
sketch_slow(struct column *c, const char *s, size_t len, uint64_t h,
    uint64_t line, int dc)
{
	struct column_cell	 cell;

	cell.s = s;
	cell.len = cell.full = len;
	cell.h = h;
	cell.typed = 0;
	cell.t = INFER_TEXT;
	typed_read(c, &cell, dc);
	if (sketch_count(c, &cell, line) == -1)
		return -1;
	c->quick = quick_ok(c);
	return 0;
}

/* An exact table's cell that it does not have: count_new(), not inline. */
static __attribute__((noinline)) int
exact_new(struct column *c, const char *s, size_t len, uint64_t h,
    uint64_t line, int dc)
{
	struct column_cell	 cell;

	cell.s = s;
	cell.len = cell.full = len;
	cell.h = h;
	cell.typed = 0;
	cell.t = INFER_TEXT;
	return count_new(c, &cell, line, dc);
}

/*
 * The quick paths of a sketch's cell below change only what they test,
 * call nothing but freq_sketch_add() last, and leave everything else to
 * sketch_count(); so a cell costs no saved registers.  What they skip
 * cannot change: a column that has lost every narrower type loses none,
 * a value between the extremes (num_bounds(), the text keys) moves
 * neither, and one between them in a number's case has no more digits
 * before the point than the column has.
 */

/*
 * A sketch's cell that dec_parse_fixed() read as x at the scale of the
 * column's last number (len bytes at s, a whole cell): sketch_count() in
 * 64 bits, when the column's state is as quick_ok() says and the value's
 * sums need no carry beyond sqacc's and the sum's 128 bits.  (|x| <
 * 10^18, so its square is below 2^120.)
 */
static inline __attribute__((always_inline)) int
count_fixed(struct column *c, const char *s, size_t len, int64_t x,
    uint64_t h, uint64_t line)
{
	struct dec		 d;
	enum infer_type		 t;
	unsigned __int128	 sq;
	uint64_t		 m = x < 0 ? -(uint64_t)x : (uint64_t)x;
	int			 ls = c->lastscale, n, over;
	__int128		 r;

	t = ls > 0 ? INFER_DECIMAL : INFER_INTEGER;
	sq = c->sqacc + (unsigned __int128)m * m;
	n = c->intdigits + ls;
	over = dec_add128(c->sum.v, x, &r);
	if (!c->quick || sq < c->sqacc || over ||
	    ((x < c->nlo || x > c->nhi) &&
	    (n >= 19 || m >= (uint64_t)pow10_128[n])))
		return sketch_slow(c, s, len, h, line, 0);
	c->nclass[t]++;
	c->nnum++;
	dec_store128(&c->sum.v, (unsigned __int128)r);
	dec_store128(&c->sqacc, sq);
	d.v = x;
	d.scale = ls;
	if (x < c->nlo) {
		ext_set(&c->nmin, NULL, s, len);
		c->nmin.v.num = d;
		c->nlo = x;
	} else if (x > c->nhi) {
		ext_set(&c->nmax, NULL, s, len);
		c->nmax.v.num = d;
		c->nhi = x;
	}
	count_len(c, len);
	return freq_sketch_add(c->freq, ls == 0 ? int_hash(x) : num_hash(d),
	    s, len);
}

/*
 * A sketch's cell that infer_text_lead() says is text, of 8 to 16 bytes
 * of ASCII between the text extremes' first 8, in a column that has lost
 * every narrower type: its class, its lengths and its value (by its
 * bytes' hash h, or made here if h is 0).  Anything else goes to
 * sketch_slow().
 */
static inline __attribute__((always_inline)) int
count_text(struct column *c, const char *s, size_t len, uint64_t h,
    uint64_t line, int dc)
{
	uint64_t	 a, b;

	if (len < 8 || len > 16)
		return sketch_slow(c, s, len, h, line, dc);
	memcpy(&a, s, 8);
	memcpy(&b, s + len - 8, 8);
	if (((a | b) & 0x8080808080808080ULL) != 0 ||
	    (~c->missed & ((1u << INFER_TEXT) - 1)) != 0 ||
	    be8(s) <= ~c->smin.key || be8(s) >= c->smax.key)
		return sketch_slow(c, s, len, h, line, dc);
	c->nclass[INFER_TEXT]++;
	count_len(c, len);
	/* A text is known by its bytes' hash: the caller's, or made here. */
	return freq_sketch_add(c->freq, h != 0 ? h : hash_bytes(s, len), s,
	    len);
}

/*
 * A sketch's cell in a column with numbers, without a decimal comma: a
 * number at the last one's scale, the usual case, or another cell.  (Out
 * of line: the registers a number takes cost a text's cell nothing.)
 */
static __attribute__((noinline)) int
sketch_number(struct column *c, const char *s, size_t len, uint64_t h,
    uint64_t line)
{
	int64_t		 x;

	if ((c->lastscale == 0 ? dec_parse_fixed(s, len, 0, &x) :
	    dec_parse_fixed(s, len, c->lastscale, &x)) &&
	    !infer_padded(s, len))
		return count_fixed(c, s, len, x, h, line);
	if (infer_text_lead(s, len, 0))
		return count_text(c, s, len, h, line, 0);
	return sketch_slow(c, s, len, h, line, 0);
}

int
column_count_hashed(struct column *c, const char *s, size_t len, uint64_t h,
    uint64_t line, int decimal_comma)
{
	if (!c->sketch)
		return exact_new(c, s, len, h, line, decimal_comma);
	/* h = 0: the bytes' hash is made where a text needs it. */
	if (c->lastscale >= 0 && !decimal_comma)
		return sketch_number(c, s, len, h, line);
	if (infer_text_lead(s, len, decimal_comma))
		return count_text(c, s, len, h, line, decimal_comma);
	return sketch_slow(c, s, len, h, line, decimal_comma);
}

int
column_count_sketched(struct column *c, const char *s, size_t len,
    uint64_t line, int decimal_comma)
{
	/* h = 0: the bytes' hash is made where a text needs it. */
	if (c->lastscale >= 0 && !decimal_comma)
		return sketch_number(c, s, len, 0, line);
	if (infer_text_lead(s, len, decimal_comma))
		return count_text(c, s, len, 0, line, decimal_comma);
	return sketch_slow(c, s, len, 0, line, decimal_comma);
}

/*
 * column_count_sketched_n()'s runs: at most RUN_CELLS cells, whose value
 * hashes wait in an array for the sketch (run_add()).
 */
#define RUN_CELLS	128

/* The shortest and longest of a run's cells, into the column's. */
static inline void
run_lens(struct column *c, uint64_t lo, uint64_t hi)
{
	if (!c->lenset || lo < c->minlen)
		c->minlen = lo;
	if (hi > c->maxlen)
		c->maxlen = hi;
	c->lenset = 1;
}

/*
 * The values of a run's n cells into the sketch, in order: those that
 * its filter takes in one loop (freq_sketch_skim()), each other one by
 * freq_sketch_add() with its text.  0 or -1 (memory).
 */
static int
run_add(struct column *c, const uint64_t *vh, const struct column_span *in,
    size_t n)
{
	size_t	 k = 0;

	for (;;) {
		k += freq_sketch_skim(c->freq, vh + k, n - k);
		if (k == n)
			return 0;
		if (freq_sketch_add(c->freq, vh[k], in[k].s, in[k].cl) == -1)
			return -1;
		k++;
	}
}

/*
 * The cells from the first of n that count_fixed() would count without
 * sketch_slow(), at most RUN_CELLS, counted in one loop with what it
 * changes held in registers: the run's sum in 64 bits, its squares in
 * 128, its lengths as bits of a word; an extreme's text is copied once,
 * from the last cell that moved it.  Returns how many it counted (0 to
 * n), or -1 (memory).  ls is the column's last scale, a constant where
 * it is 0.
 */
static inline __attribute__((always_inline)) ssize_t
run_fixed_at(struct column *c, const struct column_span *in, size_t n,
    const int ls)
{
	uint64_t		 vh[RUN_CELLS], m, lim, lens = 0, shi;
	unsigned __int128	 sq = 0;
	int64_t			 nlo = c->nlo, nhi = c->nhi, x, sum = 0, t;
	size_t			 k, kmin = SIZE_MAX, kmax = SIZE_MAX, len;
	struct dec		 d;
	int			 nd = c->intdigits + ls;
	__int128		 r;

	/*
	 * The run's sums need no test of their own: a sum below 2^127 -
	 * 2^64 in magnitude takes a run's (a 64-bit one) without an
	 * overflow, and sqacc below 2^127 takes RUN_CELLS squares below
	 * 2^120 (|x| < 10^18) without one.  Else count_fixed() tests each.
	 * (A column whose numbers all fit 64 bits, as quick_ok() requires,
	 * has such a sum only after 2^64 cells.)
	 */
	shi = (uint64_t)((unsigned __int128)c->sum.v >> 64);
	if (shi == (uint64_t)INT64_MAX || shi == (uint64_t)INT64_MIN ||
	    (c->sqacc >> 127) != 0)
		return 0;
	if (n > RUN_CELLS)
		n = RUN_CELLS;
	/* A new extreme must not have more digits before the point. */
	lim = nd >= 19 ? 0 : (uint64_t)pow10_128[nd];
	/*
	 * An empty cell (cl 0) and a cut one (cl at least READER_SLOT_BYTES)
	 * end a run of either kind by their length: no number of 64 bits
	 * has either, and no short text.
	 */
	for (k = 0; k < n; k++) {
		len = in[k].cl;
		if (!dec_parse_fixed(in[k].s, len, ls, &x) ||
		    infer_padded(in[k].s, len))
			break;
		m = x < 0 ? -(uint64_t)x : (uint64_t)x;
		/* A run's sum past 64 bits ends it: the next run takes x. */
		if (__builtin_add_overflow(sum, x, &t))
			break;
		if (x < nlo) {
			if (m >= lim)
				break;
			nlo = x;
			kmin = k;
		} else if (x > nhi) {
			if (m >= lim)
				break;
			nhi = x;
			kmax = k;
		}
		sum = t;
		sq += (unsigned __int128)m * m;
		/* A number's length is below 64. */
		lens |= (uint64_t)1 << len;
		if (ls == 0)
			vh[k] = int_hash(x);
		else {
			d.v = x;
			d.scale = ls;
			vh[k] = num_hash(d);
		}
	}
	if (k == 0)
		return 0;
	c->count += k;
	c->nclass[ls > 0 ? INFER_DECIMAL : INFER_INTEGER] += k;
	c->nnum += k;
	(void)dec_add128(c->sum.v, sum, &r);
	dec_store128(&c->sum.v, (unsigned __int128)r);
	dec_store128(&c->sqacc, c->sqacc + sq);
	d.scale = ls;
	if (kmin != SIZE_MAX) {
		ext_set(&c->nmin, NULL, in[kmin].s, in[kmin].cl);
		d.v = nlo;
		c->nmin.v.num = d;
		c->nlo = nlo;
	}
	if (kmax != SIZE_MAX) {
		ext_set(&c->nmax, NULL, in[kmax].s, in[kmax].cl);
		d.v = nhi;
		c->nmax.v.num = d;
		c->nhi = nhi;
	}
	run_lens(c, (uint64_t)__builtin_ctzll(lens),
	    (uint64_t)(63 - __builtin_clzll(lens)));
	return run_add(c, vh, in, k) == -1 ? -1 : (ssize_t)k;
}

/* run_fixed_at(), made for integers (scale 0) apart. */
static __attribute__((noinline)) ssize_t
run_fixed(struct column *c, const struct column_span *in, size_t n)
{
	if (c->lastscale == 0)
		return run_fixed_at(c, in, n, 0);
	return run_fixed_at(c, in, n, c->lastscale);
}

/*
 * The cells from the first of n that count_text() would count without
 * sketch_slow(), at most RUN_CELLS, in one loop.  Returns how many it
 * counted (0 to n), or -1 (memory).  (A cell that infer_text_lead()
 * calls text is no number to dec_parse_fixed() either: sketch_number()
 * would take it to count_text() too.)
 */
static __attribute__((noinline)) ssize_t
run_text(struct column *c, const struct column_span *in, size_t n, int dc)
{
	uint64_t	 vh[RUN_CELLS], a, b, lo = UINT64_MAX, hi = 0, key;
	const uint64_t	 kmin = ~c->smin.key, kmax = c->smax.key;
	size_t		 k, len;

	/* Texts only, once the column has lost every narrower type. */
	if ((~c->missed & ((1u << INFER_TEXT) - 1)) != 0)
		return 0;
	if (n > RUN_CELLS)
		n = RUN_CELLS;
	for (k = 0; k < n; k++) {
		len = in[k].cl;
		if (len < 8 || len > 16)
			break;
		memcpy(&a, in[k].s, 8);
		memcpy(&b, in[k].s + len - 8, 8);
		key = __builtin_bswap64(a);
		if (((a | b) & 0x8080808080808080ULL) != 0 ||
		    !infer_text_lead(in[k].s, len, dc) || key <= kmin ||
		    key >= kmax)
			break;
		if (len < lo)
			lo = len;
		if (len > hi)
			hi = len;
		vh[k] = hash_bytes(in[k].s, len);
	}
	if (k == 0)
		return 0;
	c->count += k;
	c->nclass[INFER_TEXT] += k;
	run_lens(c, lo, hi);
	return run_add(c, vh, in, k) == -1 ? -1 : (ssize_t)k;
}

/* A cell that no run takes, as a scanner's caller would count it. */
static __attribute__((noinline)) int
sketch_one(struct column *c, const struct column_span *in, uint64_t line,
    int dc)
{
	struct column_cell	 cell;

	if (in->raw == 0) {
		c->empty++;
		return 0;
	}
	if (in->raw > READER_SLOT_BYTES) {
		/* Cut: known by its first bytes and its length. */
		column_read(c, in->s, in->cl, (size_t)in->raw + in->cl -
		    READER_SLOT_BYTES, dc, &cell);
		return column_count(c, &cell, line, dc);
	}
	c->count++;
	return column_count_sketched(c, in->s, in->cl, line, dc);
}

int
column_count_sketched_n(struct column *c, const struct column_span *in,
    const uint64_t *line, size_t n, int decimal_comma)
{
	size_t	 k = 0;
	ssize_t	 r;

	while (k < n) {
		r = 0;
		if (c->quick && !decimal_comma)
			r = run_fixed(c, in + k, n - k);
		if (r == 0)
			r = run_text(c, in + k, n - k, decimal_comma);
		if (r == -1)
			return -1;
		if (r == 0) {
			if (sketch_one(c, in + k, line[k], decimal_comma) == -1)
				return -1;
			r = 1;
		}
		k += (size_t)r;
	}
	return 0;
}

int
column_count_row(struct column *cols, const struct column_cell *cells,
    size_t n, uint64_t line, int decimal_comma)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (count_cell(&cols[i], &cells[i], line, decimal_comma) == -1)
			return -1;
	return 0;
}

int
column_add(struct column *c, const char *s, size_t len, size_t full,
    uint64_t line, int decimal_comma)
{
	struct column_cell	 cell;
	char			 pad[8];

	/* column_read() may read 8 bytes at s. */
	if (len < sizeof(pad)) {
		memset(pad, 0, sizeof(pad));
		memcpy(pad, s, len);
		s = pad;
	}
	column_read(c, s, len, full, decimal_comma, &cell);
	return column_count(c, &cell, line, decimal_comma);
}

int
column_finish(struct column *c)
{
	if (!c->sketch && !c->finished) {
		if (fold_notes(c) == -1 || freq_fold(c->freq) == -1)
			return -1;
	}
	c->finished = 1;
	column_settle(c);
	return 0;
}

void
column_shift(struct column *c, uint64_t off)
{
	size_t	 k;

	for (k = 0; k < INFER_TEXT; k++)
		if (c->miss[k].line != 0)
			c->miss[k].line += off;
}

int
column_merge(struct column *dst, struct column *src)
{
	size_t	 k;
	int	 exact;

	column_settle(dst);
	column_settle(src);
	if (src->count == 0 && src->empty == 0)
		return 0;
	/* Into an empty column: src's state, as it is. */
	if (dst->count == 0 && dst->empty == 0 && !dst->sketch) {
		struct column	 tmp = *dst;

		*dst = *src;
		*src = tmp;
		return 0;
	}
	/* Tables that stay exact together add up at the end. */
	exact = !dst->sketch && !src->sketch && freq_union(dst->freq,
	    src->freq) <= freq_bound(dst->freq);
	if (!exact && (to_sketch(dst) == -1 || to_sketch(src) == -1))
		return -1;
	for (k = 0; k < INFER__MAX; k++)
		dst->nclass[k] += src->nclass[k];
	for (k = 0; k < INFER_TEXT; k++)
		if (!(dst->missed & (1u << k)) && (src->missed & (1u << k))) {
			dst->miss[k] = src->miss[k];
			dst->missed |= 1u << k;
		}
	dst->nnum += src->nnum;
	if (src->scale > dst->scale)
		dst->scale = src->scale;
	if (src->intdigits > dst->intdigits)
		dst->intdigits = src->intdigits;
	dst->sum_over |= src->sum_over;
	if (!dst->sum_over && dec_add(&dst->sum, &src->sum) == -1)
		dst->sum_over = 1;
	dst->sq_over |= src->sq_over;
	if (!dst->sq_over && moments_merge(&dst->sq, &src->sq) == -1)
		dst->sq_over = 1;
	if (src->nmin.set && (!dst->nmin.set ||
	    dec_cmp(&src->nmin.v.num, &dst->nmin.v.num) < 0))
		dst->nmin = src->nmin;
	if (src->nmax.set && (!dst->nmax.set ||
	    dec_cmp(&src->nmax.v.num, &dst->nmax.v.num) > 0))
		dst->nmax = src->nmax;
	if (src->tmin.set && (!dst->tmin.set ||
	    infer_cmp(INFER_TIMESTAMP, &src->tmin.v, &dst->tmin.v) < 0))
		dst->tmin = src->tmin;
	if (src->tmax.set && (!dst->tmax.set ||
	    infer_cmp(INFER_TIMESTAMP, &src->tmax.v, &dst->tmax.v) > 0))
		dst->tmax = src->tmax;
	dst->seen_true |= src->seen_true;
	dst->seen_false |= src->seen_false;
	if (src->smin.set && (!dst->smin.set || bytes_cmp(src->smin.text,
	    src->smin.len, dst->smin.text, dst->smin.len) < 0))
		dst->smin = src->smin;
	if (src->smax.set && (!dst->smax.set || bytes_cmp(src->smax.text,
	    src->smax.len, dst->smax.text, dst->smax.len) > 0))
		dst->smax = src->smax;
	if (src->lenset) {
		if (!dst->lenset || src->minlen < dst->minlen)
			dst->minlen = src->minlen;
		if (src->maxlen > dst->maxlen)
			dst->maxlen = src->maxlen;
		dst->lenset = 1;
	}
	dst->count += src->count;
	dst->empty += src->empty;
	num_bounds(dst);
	/* The union is counted once: freq_merge() would count it again. */
	return exact ? freq_merge_exact(dst->freq, src->freq) :
	    freq_merge(dst->freq, src->freq);
}

/* Values that fit type t. */
static uint64_t
fitting(const struct column *c, enum infer_type t)
{
	uint64_t	 n = 0;
	enum infer_type	 k;

	for (k = 0; k < INFER__MAX; k++)
		if (infer_fits(k, t))
			n += c->nclass[k];
	return n;
}

enum infer_type
column_type(const struct column *c)
{
	enum infer_type	 t;

	if (c->count == 0)
		return INFER_TEXT;
	for (t = 0; t < INFER_TEXT; t++)
		if (fitting(c, t) == c->count)
			return t;
	return INFER_TEXT;
}

enum infer_type
column_spoiled(const struct column *c, uint64_t *misfits)
{
	enum infer_type	 t, own = column_type(c);
	uint64_t	 n;

	*misfits = 0;
	for (t = 0; t < own; t++) {
		/* Only types narrower than the column's own. */
		if (own != INFER_TEXT && !infer_fits(t, own))
			continue;
		n = fitting(c, t);
		if (n * 2 > c->count && n < c->count) {
			*misfits = c->count - n;
			return t;
		}
	}
	return INFER_TEXT;
}

void
column_precision(const struct column *c, int *precision, int *scale)
{
	*scale = c->scale;
	*precision = c->intdigits + c->scale;
	if (*precision == 0)
		*precision = 1;
}
