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

#define KLL_LEVELS_MAX	64

struct kll_level {
	struct dec	*v;
	uint32_t	 len;
	uint32_t	 cap;
};

struct kll {
	uint64_t	 n;
	uint64_t	 flips;		/* bit h: level h keeps odd positions */
	uint32_t	 nlev;		/* levels allocated in lv */
	int		 sorted;	/* level 0 is sorted and nlev == 1 */
	struct kll_level *lv;
};

size_t
kll_bytes(const struct kll *k)
{
	size_t	 b, h;

	if (k == NULL)
		return 0;
	b = sizeof(*k) + k->nlev * sizeof(*k->lv);
	for (h = 0; h < k->nlev; h++)
		b += k->lv[h].cap * sizeof(struct dec);
	return b;
}

void
kll_free(struct kll *k)
{
	uint32_t	 h;

	if (k == NULL)
		return;
	for (h = 0; h < k->nlev; h++)
		free(k->lv[h].v);
	free(k->lv);
	free(k);
}

uint64_t
kll_count(const struct kll *k)
{
	return k == NULL ? 0 : k->n;
}

int
kll_exact(const struct kll *k)
{
	return k == NULL || k->nlev <= 1;
}

static int
cmp_dec(const void *x, const void *y)
{
	const struct dec	*a = x, *b = y;

	if (a->scale == b->scale)
		return (a->v > b->v) - (a->v < b->v);
	return dec_cmp(a, b);
}

static struct kll *
kll_new(size_t *bytes)
{
	struct kll	*k;

	if ((k = calloc(1, sizeof(*k))) == NULL)
		return NULL;
	if ((k->lv = calloc(1, sizeof(*k->lv))) == NULL) {
		free(k);
		return NULL;
	}
	k->nlev = 1;
	*bytes += sizeof(*k) + sizeof(*k->lv);
	return k;
}

/* Make room for want values in level h (which must exist). */
static int
reserve(struct kll *k, uint32_t h, uint32_t want, size_t *bytes)
{
	struct kll_level	*l = &k->lv[h];
	uint32_t		 cap = l->cap ? l->cap : 4;
	struct dec		*v;

	if (want <= l->cap)
		return 0;
	while (cap < want)
		cap *= 2;
	if ((v = realloc(l->v, cap * sizeof(*v))) == NULL)
		return -1;
	*bytes += (cap - l->cap) * sizeof(*v);
	l->v = v;
	l->cap = cap;
	return 0;
}

/* Add a level on top.  Returns 0 or -1. */
static int
add_level(struct kll *k, size_t *bytes)
{
	struct kll_level	*lv;

	if (k->nlev >= KLL_LEVELS_MAX)
		return -1;
	if ((lv = realloc(k->lv, (k->nlev + 1) * sizeof(*lv))) == NULL)
		return -1;
	memset(&lv[k->nlev], 0, sizeof(*lv));
	k->lv = lv;
	k->nlev++;
	*bytes += sizeof(*lv);
	return 0;
}

/* Compact every level holding KLL_K values or more, bottom up. */
static int
compact(struct kll *k, size_t *bytes)
{
	struct kll_level	*l, *up;
	uint32_t		 h, i, keep, odd;

	for (h = 0; h < k->nlev; h++) {
		if (k->lv[h].len < KLL_K)
			continue;
		if (h + 1 == k->nlev && add_level(k, bytes) == -1)
			return -1;
		l = &k->lv[h];
		if (reserve(k, h + 1, k->lv[h + 1].len + l->len / 2,
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

enum kll_res
kll_add(struct kll **kp, const struct dec *x, int exact_only, size_t *bytes)
{
	struct kll	*k = *kp;

	if (k == NULL) {
		if ((k = kll_new(bytes)) == NULL)
			return KLL_NOMEM;
		*kp = k;
	}
	if (k->lv[0].len + 1 >= KLL_K && exact_only)
		return KLL_INEXACT;
	if (reserve(k, 0, k->lv[0].len + 1, bytes) == -1)
		return KLL_NOMEM;
	k->lv[0].v[k->lv[0].len++] = *x;
	k->n++;
	k->sorted = 0;
	if (k->lv[0].len >= KLL_K && compact(k, bytes) == -1)
		return KLL_NOMEM;
	return KLL_OK;
}

enum kll_res
kll_merge(struct kll **dstp, const struct kll *src, int exact_only,
    size_t *bytes)
{
	struct kll	*d = *dstp;
	uint32_t	 h;

	if (src == NULL || src->n == 0)
		return KLL_OK;
	if (exact_only && (src->nlev > 1 || (d != NULL && (d->nlev > 1 ||
	    d->lv[0].len + src->lv[0].len >= KLL_K))))
		return KLL_INEXACT;
	if (d == NULL) {
		if ((d = kll_new(bytes)) == NULL)
			return KLL_NOMEM;
		*dstp = d;
	}
	while (d->nlev < src->nlev)
		if (add_level(d, bytes) == -1)
			return KLL_NOMEM;
	for (h = 0; h < src->nlev; h++) {
		if (reserve(d, h, d->lv[h].len + src->lv[h].len, bytes) == -1)
			return KLL_NOMEM;
		memcpy(d->lv[h].v + d->lv[h].len, src->lv[h].v,
		    src->lv[h].len * sizeof(struct dec));
		d->lv[h].len += src->lv[h].len;
	}
	d->n += src->n;
	d->sorted = 0;
	return compact(d, bytes) == -1 ? KLL_NOMEM : KLL_OK;
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

	if (k == NULL || k->n == 0)
		return -1;
	if (q < 0)
		q = 0;
	if (q > 1)
		q = 1;
	/* The inverted CDF, as DuckDB's quantile_disc: ceil(n q) - 1. */
	r = (uint64_t)ceil((double)k->n * q);
	r = r > 0 ? r - 1 : 0;
	if (r >= k->n)
		r = k->n - 1;
	if (k->nlev == 1) {
		if (!k->sorted) {
			qsort(k->lv[0].v, k->lv[0].len, sizeof(struct dec),
			    cmp_dec);
			k->sorted = 1;
		}
		*out = k->lv[0].v[r];
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
	*out = it[i].v;
	free(it);
	return 0;
}
