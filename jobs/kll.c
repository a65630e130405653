/*
 * The compactor sketch.  Each level is a growable array of exact decimals;
 * level h's values each stand for 2^h values added.  A level is compacted
 * when it reaches KLL_K values: sorted, then the values at even (or odd)
 * positions go up, the choice flipping at each compaction of that level so
 * that the errors of successive compactions tend to cancel.  An odd value
 * left over stays where it is, so the total weight is always the count.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kll.h"
#include "slab.h"

#define KLL_LEVELS_MAX	64

/*
 * A small sketch packs its values, 17 bytes each (the 128-bit digits and
 * the scale), after an 8-byte header, with room for 4, 8 or 16: a group
 * of up to four values costs 76 bytes.  Past KLL_SMALL_MAX values it becomes a
 * full sketch (levels of struct dec), still exact up to KLL_K values.
 */
#define KLL_SMALL_MAX	16
#define PACKED		(sizeof(__int128) + 1)

struct kll_level {
	struct dec	*v;
	uint32_t	 len;
	uint32_t	 cap;
};

/* Both forms start with nlev: 0 for a small sketch. */
struct kll {
	uint32_t	 nlev;		/* levels allocated in lv */
	int		 sorted;	/* level 0 is sorted and nlev == 1 */
	uint64_t	 n;
	uint64_t	 flips;		/* bit h: level h keeps odd positions */
	struct kll_level *lv;
};

struct kll_small {
	uint32_t	 nlev;		/* 0 */
	uint32_t	 n;
	unsigned char	 v[];		/* room for small_cap(n) values */
};

/* Room in a small sketch of n values: 4, 8 or 16 (see HLL_FIRST). */
static uint32_t
small_cap(uint32_t n)
{
	uint32_t	 c = 4;

	while (c < n)
		c *= 2;
	return c;
}

static size_t
small_size(uint32_t cap)
{
	return sizeof(struct kll_small) + cap * PACKED;
}

static inline int
is_small(const struct kll *k)
{
	return k->nlev == 0;
}

static inline struct kll_small *
small(const struct kll *k)
{
	return (struct kll_small *)(void *)k;
}

static void
pack(unsigned char *p, const struct dec *x)
{
	memcpy(p, &x->v, sizeof(x->v));
	p[sizeof(x->v)] = (unsigned char)x->scale;
}

static void
unpack(const unsigned char *p, struct dec *x)
{
	memcpy(&x->v, p, sizeof(x->v));
	x->scale = p[sizeof(x->v)];
}

size_t
kll_bytes(const struct kll *k)
{
	size_t	 b, h;

	if (k == NULL)
		return 0;
	if (is_small(k))
		return small_size(small_cap(small(k)->n));
	b = sizeof(*k) + k->nlev * sizeof(*k->lv);
	for (h = 0; h < k->nlev; h++)
		b += k->lv[h].cap * sizeof(struct dec);
	return b;
}

void
kll_free(struct kll *k, struct slab *sl)
{
	uint32_t	 h;

	if (k == NULL)
		return;
	if (is_small(k)) {
		slab_free(sl, k, small_size(small_cap(small(k)->n)));
		return;
	}
	for (h = 0; h < k->nlev; h++)
		slab_free(sl, k->lv[h].v, k->lv[h].cap * sizeof(struct dec));
	slab_free(sl, k->lv, k->nlev * sizeof(*k->lv));
	slab_free(sl, k, sizeof(*k));
}

uint64_t
kll_count(const struct kll *k)
{
	if (k == NULL)
		return 0;
	return is_small(k) ? small(k)->n : k->n;
}

int
kll_exact(const struct kll *k)
{
	return k == NULL || k->nlev <= 1;
}

/* Values in level 0, the only level of an exact sketch. */
static uint32_t
level0_len(const struct kll *k)
{
	if (k == NULL)
		return 0;
	return is_small(k) ? small(k)->n : k->lv[0].len;
}

/*
 * Numbers in order, and one number's spellings by their decimals ("0"
 * before "0.000"), so that a sort's order depends on the values alone,
 * not on the order they came in.
 */
static int
cmp_dec(const void *x, const void *y)
{
	const struct dec	*a = x, *b = y;
	int			 c;

	if (a->scale == b->scale)
		return (a->v > b->v) - (a->v < b->v);
	if ((c = dec_cmp(a, b)) != 0)
		return c;
	return (a->scale > b->scale) - (a->scale < b->scale);
}

/*
 * The value at i of n sorted ones, spelled with the most decimals any
 * equal one has (the last of them), as agg's min and max show a number.
 */
static struct dec
spelled(const struct dec *v, size_t stride, size_t i, size_t n)
{
	const char	*p = (const char *)v + i * stride;

	for (; i + 1 < n; i++, p += stride)
		if (dec_cmp((const struct dec *)(const void *)(p + stride),
		    (const struct dec *)(const void *)p) != 0)
			break;
	return *(const struct dec *)(const void *)p;
}

/* Make room for want values in level h (which must exist). */
static int
reserve(struct kll *k, uint32_t h, uint32_t want, struct slab *sl,
    size_t *bytes)
{
	struct kll_level	*l = &k->lv[h];
	uint32_t		 cap = l->cap ? l->cap : 4;
	struct dec		*v;

	if (want <= l->cap)
		return 0;
	while (cap < want)
		cap *= 2;
	if ((v = slab_realloc(sl, l->v, l->cap * sizeof(*v),
	    cap * sizeof(*v))) == NULL)
		return -1;
	*bytes += (cap - l->cap) * sizeof(*v);
	l->v = v;
	l->cap = cap;
	return 0;
}

/*
 * A full sketch holding the values of *kp (small or NULL) with room for
 * more more values in level 0, in place of *kp.  Returns 0 or -1 (*kp
 * unchanged).
 */
static int
promote(struct kll **kp, uint32_t more, struct slab *sl, size_t *bytes)
{
	struct kll	*k;
	uint32_t	 i, n = level0_len(*kp);
	size_t		 was = kll_bytes(*kp), b = 0;

	if ((k = slab_alloc(sl, sizeof(*k))) == NULL)
		return -1;
	if ((k->lv = slab_alloc(sl, sizeof(*k->lv))) == NULL) {
		slab_free(sl, k, sizeof(*k));
		return -1;
	}
	k->nlev = 1;
	if (reserve(k, 0, n + more, sl, &b) == -1) {
		kll_free(k, sl);
		return -1;
	}
	/* The small block goes back to the slab: count the difference. */
	*bytes += kll_bytes(k) - was;
	for (i = 0; i < n; i++)
		unpack(small(*kp)->v + i * PACKED, &k->lv[0].v[i]);
	k->lv[0].len = n;
	k->n = n;
	kll_free(*kp, sl);
	*kp = k;
	return 0;
}

/* Add a level on top.  Returns 0 or -1. */
static int
add_level(struct kll *k, struct slab *sl, size_t *bytes)
{
	struct kll_level	*lv;

	if (k->nlev >= KLL_LEVELS_MAX)
		return -1;
	if ((lv = slab_realloc(sl, k->lv, k->nlev * sizeof(*lv),
	    (k->nlev + 1) * sizeof(*lv))) == NULL)
		return -1;
	memset(&lv[k->nlev], 0, sizeof(*lv));
	k->lv = lv;
	k->nlev++;
	*bytes += sizeof(*lv);
	return 0;
}

/* Compact every level holding KLL_K values or more, bottom up. */
static int
compact(struct kll *k, struct slab *sl, size_t *bytes)
{
	struct kll_level	*l, *up;
	uint32_t		 h, i, keep, odd;

	for (h = 0; h < k->nlev; h++) {
		if (k->lv[h].len < KLL_K)
			continue;
		if (h + 1 == k->nlev && add_level(k, sl, bytes) == -1)
			return -1;
		l = &k->lv[h];
		if (reserve(k, h + 1, k->lv[h + 1].len + l->len / 2, sl,
		    bytes) == -1)
			return -1;
		l = &k->lv[h];
		up = &k->lv[h + 1];
		qsort(l->v, l->len, sizeof(*l->v), cmp_dec);
		/* An odd one out (the largest) stays at this level. */
		odd = l->len & 1;
		keep = (uint32_t)(k->flips >> h & 1);
		for (i = keep; i < l->len - odd; i += 2)
			up->v[up->len++] = l->v[i];
		if (odd)
			l->v[0] = l->v[l->len - 1];
		l->len = odd;
		k->flips ^= (uint64_t)1 << h;
	}
	k->sorted = 0;
	return 0;
}

/* Append x to a small sketch (or NULL) with fewer than KLL_SMALL_MAX. */
static int
small_add(struct kll **kp, const struct dec *x, struct slab *sl,
    size_t *bytes)
{
	struct kll_small	*s = *kp != NULL ? small(*kp) : NULL;
	uint32_t		 n = s != NULL ? s->n : 0, cap;

	cap = s != NULL ? small_cap(n) : 0;
	if (n == cap) {
		if ((s = slab_realloc(sl, s, cap ? small_size(cap) : 0,
		    small_size(small_cap(n + 1)))) == NULL)
			return -1;
		*bytes += small_size(small_cap(n + 1)) -
		    (cap ? small_size(cap) : 0);
		*kp = (struct kll *)(void *)s;
	}
	pack(s->v + n * PACKED, x);
	s->n = n + 1;
	return 0;
}

enum kll_res
kll_add(struct kll **kp, const struct dec *x, int exact_only,
    struct slab *sl, size_t *bytes)
{
	struct kll	*k = *kp;

	if (k == NULL || is_small(k)) {
		if (level0_len(k) < KLL_SMALL_MAX)
			return small_add(kp, x, sl, bytes) == -1 ?
			    KLL_NOMEM : KLL_OK;
		if (promote(kp, 1, sl, bytes) == -1)
			return KLL_NOMEM;
		k = *kp;
	}
	if (k->lv[0].len + 1 >= KLL_K && exact_only)
		return KLL_INEXACT;
	if (reserve(k, 0, k->lv[0].len + 1, sl, bytes) == -1)
		return KLL_NOMEM;
	k->lv[0].v[k->lv[0].len++] = *x;
	k->n++;
	k->sorted = 0;
	if (k->lv[0].len >= KLL_K && compact(k, sl, bytes) == -1)
		return KLL_NOMEM;
	return KLL_OK;
}

enum kll_res
kll_merge(struct kll **dstp, const struct kll *src, int exact_only,
    struct slab *sl, size_t *bytes)
{
	struct kll	*d = *dstp;
	struct dec	 x;
	uint32_t	 h, i, sn;

	if (src == NULL || kll_count(src) == 0)
		return KLL_OK;
	if (exact_only && (!kll_exact(src) || !kll_exact(d) ||
	    level0_len(d) + level0_len(src) >= KLL_K))
		return KLL_INEXACT;
	if (is_small(src)) {
		sn = small(src)->n;
		/* Small into small stays small while it fits. */
		if ((d == NULL || is_small(d)) &&
		    level0_len(d) + sn <= KLL_SMALL_MAX) {
			for (i = 0; i < sn; i++) {
				unpack(small(src)->v + i * PACKED, &x);
				if (small_add(dstp, &x, sl, bytes) == -1)
					return KLL_NOMEM;
			}
			return KLL_OK;
		}
		if ((d == NULL || is_small(d)) &&
		    promote(dstp, sn, sl, bytes) == -1)
			return KLL_NOMEM;
		d = *dstp;
		if (reserve(d, 0, d->lv[0].len + sn, sl, bytes) == -1)
			return KLL_NOMEM;
		for (i = 0; i < sn; i++)
			unpack(small(src)->v + i * PACKED,
			    &d->lv[0].v[d->lv[0].len++]);
		d->n += sn;
		d->sorted = 0;
		return compact(d, sl, bytes) == -1 ? KLL_NOMEM : KLL_OK;
	}
	if ((d == NULL || is_small(d)) &&
	    promote(dstp, src->lv[0].len, sl, bytes) == -1)
		return KLL_NOMEM;
	d = *dstp;
	while (d->nlev < src->nlev)
		if (add_level(d, sl, bytes) == -1)
			return KLL_NOMEM;
	for (h = 0; h < src->nlev; h++) {
		if (reserve(d, h, d->lv[h].len + src->lv[h].len, sl,
		    bytes) == -1)
			return KLL_NOMEM;
		memcpy(d->lv[h].v + d->lv[h].len, src->lv[h].v,
		    src->lv[h].len * sizeof(struct dec));
		d->lv[h].len += src->lv[h].len;
	}
	d->n += src->n;
	d->sorted = 0;
	return compact(d, sl, bytes) == -1 ? KLL_NOMEM : KLL_OK;
}

struct witem {
	struct dec	 v;
	uint64_t	 w;
};

static int
cmp_witem(const void *x, const void *y)
{
	return cmp_dec(&((const struct witem *)x)->v,
	    &((const struct witem *)y)->v);
}

int
kll_quantile(struct kll *k, double q, struct dec *out)
{
	struct witem	*it;
	uint64_t	 r, cum = 0;
	size_t		 n = 0, i, h, j;

	if (k == NULL || kll_count(k) == 0)
		return -1;
	if (q < 0)
		q = 0;
	if (q > 1)
		q = 1;
	/* The inverted CDF, as DuckDB's quantile_disc: ceil(n q) - 1. */
	r = (uint64_t)ceil((double)kll_count(k) * q);
	r = r > 0 ? r - 1 : 0;
	if (r >= kll_count(k))
		r = kll_count(k) - 1;
	if (is_small(k)) {
		struct dec	 v[KLL_SMALL_MAX];

		for (i = 0; i < small(k)->n; i++)
			unpack(small(k)->v + i * PACKED, &v[i]);
		qsort(v, small(k)->n, sizeof(*v), cmp_dec);
		*out = spelled(v, sizeof(*v), r, small(k)->n);
		return 0;
	}
	if (k->nlev == 1) {
		if (!k->sorted) {
			qsort(k->lv[0].v, k->lv[0].len, sizeof(struct dec),
			    cmp_dec);
			k->sorted = 1;
		}
		*out = spelled(k->lv[0].v, sizeof(struct dec), r,
		    k->lv[0].len);
		return 0;
	}
	for (h = 0; h < k->nlev; h++)
		n += k->lv[h].len;
	if ((it = malloc(n * sizeof(*it))) == NULL)
		return -1;
	for (n = 0, h = 0; h < k->nlev; h++)
		for (j = 0; j < k->lv[h].len; j++) {
			it[n].v = k->lv[h].v[j];
			it[n++].w = (uint64_t)1 << h;
		}
	qsort(it, n, sizeof(*it), cmp_witem);
	for (i = 0; i + 1 < n; i++) {
		cum += it[i].w;
		if (cum > r)
			break;
	}
	*out = spelled(&it[0].v, sizeof(*it), i, n);
	free(it);
	return 0;
}
