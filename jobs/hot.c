/*
 * The hot-group cache (see hot.h): entering keys and folding the 64-bit
 * accumulators back into the group table.  Looking a key up is inline in
 * hot.h, and adding a row is the engine's, which knows the row.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hot.h"

struct hot *
hot_new(size_t nvals)
{
	struct hot	*t;

	void		*m;

	/* Entries are aligned to cache lines. */
	if (nvals > HOT_VALS || posix_memalign(&m, 64, sizeof(*t)) != 0)
		return NULL;
	t = m;
	t->nvals = nvals;
	hot_reset(t);
	return t;
}

void
hot_free(struct hot *t)
{
	free(t);
}

void
hot_reset(struct hot *t)
{
	t->n = 0;
	t->on = 1;
	t->hits = t->misses = 0;
	memset(t->slot, 0, sizeof(t->slot));
}

struct hot_entry *
hot_insert(struct hot *t, const struct agg *a, const struct hot_key *k,
    uint64_t h, size_t g, const int *scales)
{
	struct hot_entry	*e;
	size_t			 j, v;

	if (t->n == HOT_CAP || k->len > HOT_KEY || g > UINT32_MAX ||
	    !agg_roomy(a, g))
		return NULL;
	for (j = h & (HOT_SLOTS - 1); t->slot[j] != 0;
	    j = (j + 1) & (HOT_SLOTS - 1))
		continue;
	e = &t->e[t->n];
	memset(e, 0, sizeof(*e));
	e->h = h;
	e->g = (uint32_t)g;
	e->keylen = (uint16_t)k->len;
	memcpy(e->key, k->w, sizeof(e->key));
	for (v = 0; v < t->nvals; v++) {
		e->acc[v].scale = scales[v];
		e->acc[v].min = INT64_MAX;
		e->acc[v].max = INT64_MIN;
	}
	t->slot[j] = (uint16_t)(++t->n);
	return e;
}

enum agg_add
hot_fold(struct hot *t, struct agg *a, struct hot_entry *e,
    unsigned __int128 *mag, size_t bins, size_t *bad)
{
	enum agg_add	 rc;
	size_t		 v;

	if (e->rows == 0)
		return AGG_ADD_OK;
	if ((rc = agg_fold_small(a, e->g, e->rows, e->acc, bad)) !=
	    AGG_ADD_OK)
		return rc;
	for (v = 0; v < t->nvals; v++) {
		if (mag != NULL && e->acc[v].n > 0) {
			unsigned __int128	*b =
			    &mag[v * bins + (size_t)e->acc[v].scale];
			uint64_t		 lo, hi;

			/* n * max |x| < 2^127: it cannot overflow. */
			lo = e->acc[v].min < 0 ? -(uint64_t)e->acc[v].min :
			    (uint64_t)e->acc[v].min;
			hi = e->acc[v].max < 0 ? -(uint64_t)e->acc[v].max :
			    (uint64_t)e->acc[v].max;
			if (__builtin_add_overflow(*b,
			    (unsigned __int128)e->acc[v].n *
			    (lo > hi ? lo : hi), b))
				*b = ~(unsigned __int128)0;
		}
		e->acc[v].sum = 0;
		e->acc[v].min = INT64_MAX;
		e->acc[v].max = INT64_MIN;
		e->acc[v].n = 0;
	}
	e->rows = 0;
	if (!agg_roomy(a, e->g))
		e->cold = 1;
	return AGG_ADD_OK;
}

enum agg_add
hot_fold_all(struct hot *t, struct agg *a, unsigned __int128 *mag,
    size_t bins, size_t *bad)
{
	enum agg_add	 rc;
	size_t		 i;

	for (i = 0; i < t->n; i++)
		if ((rc = hot_fold(t, a, &t->e[i], mag, bins, bad)) !=
		    AGG_ADD_OK)
			return rc;
	return AGG_ADD_OK;
}
