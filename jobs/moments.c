/*
 * Sums of squares and the variance from them, in fixed-width unsigned
 * integers of W 64-bit limbs (little-endian).  Only what the variance
 * needs: multiply, add, subtract, compare, shift, long division and
 * integer square root, each checking for overflow where it can happen.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "moments.h"

#define W	8		/* 512 bits */

typedef unsigned __int128 u128;

struct wide {
	uint64_t	 l[W];
};

static void
w_set(struct wide *a, u128 v)
{
	memset(a, 0, sizeof(*a));
	a->l[0] = (uint64_t)v;
	a->l[1] = (uint64_t)(v >> 64);
}

static int
w_bits(const struct wide *a)
{
	int	 i;

	for (i = W - 1; i >= 0; i--)
		if (a->l[i] != 0)
			return i * 64 + 64 - __builtin_clzll(a->l[i]);
	return 0;
}

static int
w_cmp(const struct wide *a, const struct wide *b)
{
	int	 i;

	for (i = W - 1; i >= 0; i--)
		if (a->l[i] != b->l[i])
			return a->l[i] < b->l[i] ? -1 : 1;
	return 0;
}

/* a += b; returns the carry out. */
static int
w_add(struct wide *a, const struct wide *b)
{
	uint64_t	 c = 0;
	int		 i;

	for (i = 0; i < W; i++) {
		u128	 s = (u128)a->l[i] + b->l[i] + c;

		a->l[i] = (uint64_t)s;
		c = (uint64_t)(s >> 64);
	}
	return c != 0;
}

/* a -= b, for a >= b. */
static void
w_sub(struct wide *a, const struct wide *b)
{
	uint64_t	 br = 0;
	int		 i;

	for (i = 0; i < W; i++) {
		u128	 d = (u128)a->l[i] - b->l[i] - br;

		a->l[i] = (uint64_t)d;
		br = (uint64_t)(d >> 64) != 0;
	}
}

/* a *= m; returns nonzero on overflow. */
static int
w_mul64(struct wide *a, uint64_t m)
{
	uint64_t	 c = 0;
	int		 i;

	for (i = 0; i < W; i++) {
		u128	 p = (u128)a->l[i] * m + c;

		a->l[i] = (uint64_t)p;
		c = (uint64_t)(p >> 64);
	}
	return c != 0;
}

/* r = a * b; returns nonzero on overflow. */
static int
w_mul(struct wide *r, const struct wide *a, const struct wide *b)
{
	uint64_t	 t[2 * W];
	int		 i, j;

	memset(t, 0, sizeof(t));
	for (i = 0; i < W; i++) {
		uint64_t	 c = 0;

		if (a->l[i] == 0)
			continue;
		for (j = 0; j < W; j++) {
			u128	 p = (u128)a->l[i] * b->l[j] + t[i + j] + c;

			t[i + j] = (uint64_t)p;
			c = (uint64_t)(p >> 64);
		}
		t[i + W] = c;
	}
	for (i = W; i < 2 * W; i++)
		if (t[i] != 0)
			return -1;
	memcpy(r->l, t, sizeof(r->l));
	return 0;
}

/* a *= 10^k; returns nonzero on overflow. */
static int
w_pow10(struct wide *a, int k)
{
	for (; k >= 19; k -= 19)
		if (w_mul64(a, 10000000000000000000ULL))
			return -1;
	if (k > 0) {
		uint64_t	 p = 1;

		while (k-- > 0)
			p *= 10;
		if (w_mul64(a, p))
			return -1;
	}
	return 0;
}

static void
w_shl1(struct wide *a, int bit)
{
	int	 i;

	for (i = W - 1; i > 0; i--)
		a->l[i] = a->l[i] << 1 | a->l[i - 1] >> 63;
	a->l[0] = a->l[0] << 1 | (uint64_t)bit;
}

static int
w_bit(const struct wide *a, int i)
{
	return (int)(a->l[i / 64] >> (i % 64) & 1);
}

/* q = a / b, r = a % b, for b != 0: schoolbook, one bit at a time. */
static void
w_divmod(const struct wide *a, const struct wide *b, struct wide *q,
    struct wide *r)
{
	int	 i;

	memset(q, 0, sizeof(*q));
	memset(r, 0, sizeof(*r));
	for (i = w_bits(a) - 1; i >= 0; i--) {
		w_shl1(r, w_bit(a, i));
		w_shl1(q, 0);
		if (w_cmp(r, b) >= 0) {
			w_sub(r, b);
			q->l[0] |= 1;
		}
	}
}

/* The integer square root of a, digit by digit in base 4. */
static void
w_isqrt(const struct wide *a, struct wide *res)
{
	struct wide	 n = *a, bit, t;
	int		 b = w_bits(a), i;

	memset(res, 0, sizeof(*res));
	if (b == 0)
		return;
	memset(&bit, 0, sizeof(bit));
	b = (b - 1) & ~1;
	bit.l[b / 64] = (uint64_t)1 << (b % 64);
	while (w_bits(&bit) > 0) {
		t = *res;
		(void)w_add(&t, &bit);
		/* res >>= 1 */
		for (i = 0; i < W - 1; i++)
			res->l[i] = res->l[i] >> 1 | res->l[i + 1] << 63;
		res->l[W - 1] >>= 1;
		if (w_cmp(&n, &t) >= 0) {
			w_sub(&n, &t);
			(void)w_add(res, &bit);
		}
		/* bit >>= 2 */
		for (i = 0; i < W - 1; i++)
			bit.l[i] = bit.l[i] >> 2 | bit.l[i + 1] << 62;
		bit.l[W - 1] >>= 2;
	}
}

static int
sq_of(const struct moments *m, struct wide *w)
{
	memset(w, 0, sizeof(*w));
	memcpy(w->l, m->sq, sizeof(m->sq));
	return 0;
}

/* Store w back as 256 bits; -1 if it does not fit. */
static int
sq_put(struct moments *m, const struct wide *w, int scale)
{
	int	 i;

	for (i = 4; i < W; i++)
		if (w->l[i] != 0)
			return -1;
	memcpy(m->sq, w->l, sizeof(m->sq));
	m->scale = scale;
	return 0;
}

/* Add the sum of squares a at scale sa to m. */
static int
add_at(struct moments *m, struct wide *a, int sa)
{
	struct wide	 s;
	int		 scale = m->scale > sa ? m->scale : sa;

	(void)sq_of(m, &s);
	if (w_pow10(&s, scale - m->scale) || w_pow10(a, scale - sa) ||
	    w_add(&s, a))
		return -1;
	return sq_put(m, &s, scale);
}

int
moments_add(struct moments *m, const struct dec *x)
{
	struct wide	 a, b;
	u128		 v = x->v < 0 ? -(u128)x->v : (u128)x->v;

	w_set(&a, v);
	b = a;
	if (w_mul(&a, &a, &b))
		return -1;
	return add_at(m, &a, 2 * x->scale);
}

int
moments_merge(struct moments *m, const struct moments *o)
{
	struct wide	 a;

	(void)sq_of(o, &a);
	return add_at(m, &a, o->scale);
}

/* Print w with frac digits after the point, trailing zeros dropped. */
static void
w_print(const struct wide *w, int frac, char *buf, size_t sz)
{
	char		 d[W * 20 + 2];
	struct wide	 q = *w;
	size_t		 n = 0, i, o = 0;
	int		 f;

	/* Digits, least significant first. */
	while (w_bits(&q) > 0 || n == 0) {
		u128	 r = 0;
		int	 j;

		for (j = W - 1; j >= 0; j--) {
			u128	 cur = r << 64 | q.l[j];

			q.l[j] = (uint64_t)(cur / 10);
			r = cur % 10;
		}
		d[n++] = (char)('0' + (int)r);
	}
	while ((int)n <= frac)
		d[n++] = '0';
	f = frac;
	while (f > 0 && d[frac - f] == '0')
		f--;
	/* d[frac - f .. frac) are the kept fractional digits. */
	for (i = n; i > (size_t)frac && o + 1 < sz; i--)
		buf[o++] = d[i - 1];
	if (f > 0 && o + 1 < sz)
		buf[o++] = '.';
	for (i = (size_t)frac; i > (size_t)(frac - f) && o + 1 < sz; i--)
		buf[o++] = d[i - 1];
	buf[o] = '\0';
}

int
moments_format(const struct dec *sum, uint64_t n, const struct moments *m,
    int root, int frac, char *buf, size_t sz)
{
	struct wide	 num, t, den, q, r, nn;
	u128		 sv = sum->v < 0 ? -(u128)sum->v : (u128)sum->v;
	int		 c = 2 * sum->scale > m->scale ? 2 * sum->scale :
			    m->scale;

	buf[0] = '\0';
	if (n < 2)
		return 1;
	/* num = n * sumsq * 10^(c - scale) - sum^2 * 10^(c - 2 * S) */
	(void)sq_of(m, &num);
	w_set(&nn, n);
	(void)w_mul(&num, &num, &nn);
	(void)w_pow10(&num, c - m->scale);
	w_set(&t, sv);
	q = t;
	(void)w_mul(&t, &t, &q);
	(void)w_pow10(&t, c - 2 * sum->scale);
	if (w_cmp(&num, &t) < 0)
		memset(&num, 0, sizeof(num));	/* cannot happen */
	else
		w_sub(&num, &t);
	/* den = n * (n - 1) * 10^c */
	w_set(&den, (u128)n * (n - 1));
	(void)w_pow10(&den, c);
	(void)w_pow10(&num, root ? 2 * frac : frac);
	w_divmod(&num, &den, &q, &r);
	if (!root) {
		/* Half away from zero: 2r >= den rounds up. */
		w_shl1(&r, 0);
		if (w_cmp(&r, &den) >= 0) {
			w_set(&t, 1);
			(void)w_add(&q, &t);
		}
		w_print(&q, frac, buf, sz);
		return 0;
	}
	/* s = isqrt(floor(num / den)) = floor(sqrt(num / den)). */
	w_isqrt(&q, &r);
	/* Round up if (2s + 1)^2 * den <= 4 * num. */
	t = r;
	w_shl1(&t, 1);
	q = t;
	if (w_mul(&t, &t, &q) == 0 && w_mul(&t, &t, &den) == 0) {
		q = num;
		w_shl1(&q, 0);
		w_shl1(&q, 0);
		if (w_cmp(&t, &q) <= 0) {
			w_set(&t, 1);
			(void)w_add(&r, &t);
		}
	}
	w_print(&r, frac, buf, sz);
	return 0;
}

int
moments_add_square(struct moments *m, unsigned __int128 sq, int scale)
{
	struct wide	 a;
	u128		 s;
	uint64_t	 r[4], c;
	int		 i;

	/*
	 * At m's scale, the usual case (a column's values keep theirs): a
	 * 256-bit add, what add_at() does in 512 bits after rescaling by
	 * 10^0, without its copies and loops.
	 */
	if (scale == m->scale) {
		s = (u128)m->sq[0] + (uint64_t)sq;
		r[0] = (uint64_t)s;
		s = (u128)m->sq[1] + (uint64_t)(sq >> 64) + (uint64_t)(s >> 64);
		r[1] = (uint64_t)s;
		c = (uint64_t)(s >> 64);
		for (i = 2; i < 4; i++) {
			s = (u128)m->sq[i] + c;
			r[i] = (uint64_t)s;
			c = (uint64_t)(s >> 64);
		}
		if (c != 0)
			return -1;
		memcpy(m->sq, r, sizeof(r));
		return 0;
	}
	w_set(&a, sq);
	return add_at(m, &a, scale);
}
