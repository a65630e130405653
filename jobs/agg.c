/*
 * The group table.  Groups live in parallel arrays indexed by insertion
 * order (hash, key offset, row count, accumulators); an open-addressing
 * table of 32-bit indices, kept at most half full, finds them by key.  Keys
 * are copied once into one growing arena.  Sorting only permutes an index
 * array, so the accessors can serve either order.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "limits.h"

struct agg {
	size_t		 nvals;
	size_t		 max_groups;
	size_t		 n;		/* groups */
	size_t		 cap;		/* room in the per-group arrays */
	uint64_t	*hash;
	size_t		*keyoff;
	uint32_t	*keylen;
	uint64_t	*rows;
	struct agg_acc	*accs;		/* n * nvals */
	char		*keys;		/* the key arena */
	size_t		 keys_len;
	size_t		 keys_cap;
	uint32_t	*slots;		/* group index + 1, or 0 if empty */
	size_t		 nslots;	/* a power of two */
	size_t		*order;		/* set by agg_sort(), else NULL */
	int		*scale;		/* per value column */
};

struct agg *
agg_new(size_t nvals, size_t max_groups)
{
	struct agg	*a;

	if (nvals > TALLY_AGGS_MAX || (a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	a->nvals = nvals;
	a->max_groups = max_groups;
	a->nslots = 64;
	if ((a->slots = calloc(a->nslots, sizeof(*a->slots))) == NULL ||
	    (a->scale = calloc(nvals ? nvals : 1, sizeof(*a->scale))) == NULL) {
		agg_free(a);
		return NULL;
	}
	return a;
}

void
agg_free(struct agg *a)
{
	if (a == NULL)
		return;
	free(a->hash);
	free(a->keyoff);
	free(a->keylen);
	free(a->rows);
	free(a->accs);
	free(a->keys);
	free(a->slots);
	free(a->order);
	free(a->scale);
	free(a);
}

static uint64_t
hash_bytes(const char *p, size_t len)
{
	const uint64_t	 m = 0x9e3779b97f4a7c15ULL;
	uint64_t	 h = 0x243f6a8885a308d3ULL ^ (len * m);
	uint64_t	 w;

	while (len >= 8) {
		memcpy(&w, p, 8);
		h = (h ^ (w * m)) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
		p += 8;
		len -= 8;
	}
	w = 0;
	memcpy(&w, p, len);
	h = (h ^ (w * m)) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 32;
	h *= m;
	h ^= h >> 29;
	return h;
}

/* Grow per-group arrays to hold one more group. */
static int
grow_groups(struct agg *a)
{
	size_t		 cap = a->cap ? a->cap * 2 : 64;
	void		*p;

	if ((p = realloc(a->hash, cap * sizeof(*a->hash))) == NULL)
		return -1;
	a->hash = p;
	if ((p = realloc(a->keyoff, cap * sizeof(*a->keyoff))) == NULL)
		return -1;
	a->keyoff = p;
	if ((p = realloc(a->keylen, cap * sizeof(*a->keylen))) == NULL)
		return -1;
	a->keylen = p;
	if ((p = realloc(a->rows, cap * sizeof(*a->rows))) == NULL)
		return -1;
	a->rows = p;
	if (a->nvals > 0) {
		if ((p = realloc(a->accs, cap * a->nvals *
		    sizeof(*a->accs))) == NULL)
			return -1;
		a->accs = p;
	}
	a->cap = cap;
	return 0;
}

/* Double the slot table and re-insert every group. */
static int
grow_slots(struct agg *a)
{
	size_t		 n = a->nslots * 2, i, j;
	uint32_t	*s;

	if ((s = calloc(n, sizeof(*s))) == NULL)
		return -1;
	for (i = 0; i < a->n; i++) {
		for (j = a->hash[i] & (n - 1); s[j] != 0; j = (j + 1) & (n - 1))
			continue;
		s[j] = (uint32_t)(i + 1);
	}
	free(a->slots);
	a->slots = s;
	a->nslots = n;
	return 0;
}

/*
 * Find the group for key, creating it if asked.  Returns its index, or
 * (size_t)-1 with *res set if it cannot be created.
 */
static size_t
lookup(struct agg *a, const char *key, size_t keylen, uint64_t h,
    enum agg_add *res)
{
	size_t		 j, g;
	uint32_t	 s;

	for (j = h & (a->nslots - 1); (s = a->slots[j]) != 0;
	    j = (j + 1) & (a->nslots - 1)) {
		g = s - 1;
		if (a->hash[g] == h && a->keylen[g] == keylen &&
		    memcmp(a->keys + a->keyoff[g], key, keylen) == 0)
			return g;
	}

	if (a->n >= a->max_groups || a->n >= UINT32_MAX - 1) {
		*res = AGG_ADD_FULL;
		return (size_t)-1;
	}
	*res = AGG_ADD_NOMEM;
	if (a->n == a->cap && grow_groups(a) == -1)
		return (size_t)-1;
	if (a->keys_len + keylen > a->keys_cap) {
		size_t	 cap = a->keys_cap ? a->keys_cap : 4096;
		char	*p;

		while (cap < a->keys_len + keylen)
			cap *= 2;
		if ((p = realloc(a->keys, cap)) == NULL)
			return (size_t)-1;
		a->keys = p;
		a->keys_cap = cap;
	}
	if ((a->n + 1) * 2 > a->nslots) {
		if (grow_slots(a) == -1)
			return (size_t)-1;
		for (j = h & (a->nslots - 1); a->slots[j] != 0;
		    j = (j + 1) & (a->nslots - 1))
			continue;
	}

	g = a->n++;
	a->slots[j] = (uint32_t)(g + 1);
	a->hash[g] = h;
	a->keyoff[g] = a->keys_len;
	a->keylen[g] = (uint32_t)keylen;
	memcpy(a->keys + a->keys_len, key, keylen);
	a->keys_len += keylen;
	a->rows[g] = 0;
	if (a->nvals > 0)
		memset(&a->accs[g * a->nvals], 0, a->nvals * sizeof(*a->accs));
	free(a->order);
	a->order = NULL;
	return g;
}

/*
 * Fold value x (or, with n > 1, a partial accumulator src) into acc.
 * Returns 0, or -1 on overflow with acc unchanged.
 */
static int
fold(struct agg_acc *acc, const struct agg_acc *src)
{
	struct dec	 sum = acc->sum;

	if (dec_add(&sum, &src->sum) == -1)
		return -1;
	acc->sum = sum;
	if (acc->n == 0 || dec_cmp(&src->min, &acc->min) < 0)
		acc->min = src->min;
	if (acc->n == 0 || dec_cmp(&src->max, &acc->max) > 0)
		acc->max = src->max;
	acc->n += src->n;
	return 0;
}

/* Check that every fold of this row will succeed before doing any. */
static int
fits(const struct agg_acc *acc, const struct dec *x)
{
	struct dec	 sum = acc->sum;

	return dec_add(&sum, x) == 0;
}

/*
 * The new sum of acc and x into *sum.  Returns 0, or -1 on overflow.  Values
 * of one column nearly always share a scale, so that case skips dec_add().
 */
static inline int
sum_with(const struct agg_acc *acc, const struct dec *x, struct dec *sum)
{
	if (acc->sum.scale == x->scale) {
		sum->scale = x->scale;
		return __builtin_add_overflow(acc->sum.v, x->v, &sum->v) ?
		    -1 : 0;
	}
	*sum = acc->sum;
	return dec_add(sum, x);
}

/* a < b, exactly, comparing the digits directly at equal scales. */
static inline int
less(const struct dec *a, const struct dec *b)
{
	if (a->scale == b->scale)
		return a->v < b->v;
	return dec_cmp(a, b) < 0;
}

enum agg_add
agg_add(struct agg *a, const char *key, size_t keylen, const struct dec *vals,
    const unsigned char *present, size_t *bad)
{
	enum agg_add	 res = AGG_ADD_OK;
	struct agg_acc	*accs, *acc;
	struct dec	 sums[TALLY_AGGS_MAX];
	size_t		 g, v;

	g = lookup(a, key, keylen, hash_bytes(key, keylen), &res);
	if (g == (size_t)-1)
		return res;
	accs = a->nvals ? &a->accs[g * a->nvals] : NULL;
	/* Every sum must fit before any accumulator changes. */
	for (v = 0; v < a->nvals; v++)
		if (present[v] && sum_with(&accs[v], &vals[v], &sums[v]) == -1) {
			*bad = v;
			return AGG_ADD_OVERFLOW;
		}
	for (v = 0; v < a->nvals; v++) {
		if (!present[v])
			continue;
		acc = &accs[v];
		acc->sum = sums[v];
		if (acc->n == 0 || less(&vals[v], &acc->min))
			acc->min = vals[v];
		if (acc->n == 0 || less(&acc->max, &vals[v]))
			acc->max = vals[v];
		acc->n++;
		if (vals[v].scale > a->scale[v])
			a->scale[v] = vals[v].scale;
	}
	a->rows[g]++;
	return AGG_ADD_OK;
}

enum agg_add
agg_merge(struct agg *dst, const struct agg *src, size_t *bad)
{
	enum agg_add	 res = AGG_ADD_OK;
	size_t		 i, g, v;

	for (i = 0; i < src->n; i++) {
		const struct agg_acc	*s = src->nvals ?
		    &src->accs[i * src->nvals] : NULL;
		struct agg_acc		*d;

		g = lookup(dst, src->keys + src->keyoff[i], src->keylen[i],
		    src->hash[i], &res);
		if (g == (size_t)-1)
			return res;
		d = dst->nvals ? &dst->accs[g * dst->nvals] : NULL;
		for (v = 0; v < dst->nvals; v++)
			if (s[v].n > 0 && !fits(&d[v], &s[v].sum)) {
				*bad = v;
				return AGG_ADD_OVERFLOW;
			}
		for (v = 0; v < dst->nvals; v++)
			if (s[v].n > 0)
				(void)fold(&d[v], &s[v]);
		dst->rows[g] += src->rows[i];
	}
	for (v = 0; v < dst->nvals; v++)
		if (src->scale[v] > dst->scale[v])
			dst->scale[v] = src->scale[v];
	return AGG_ADD_OK;
}

size_t
agg_count(const struct agg *a)
{
	return a->n;
}

int
agg_scale(const struct agg *a, size_t v)
{
	return v < a->nvals ? a->scale[v] : 0;
}

static size_t
at(const struct agg *a, size_t i)
{
	return a->order != NULL ? a->order[i] : i;
}

const char *
agg_key(const struct agg *a, size_t i, size_t *keylen)
{
	size_t	 g = at(a, i);

	*keylen = a->keylen[g];
	return a->keys + a->keyoff[g];
}

uint64_t
agg_rows(const struct agg *a, size_t i)
{
	return a->rows[at(a, i)];
}

const struct agg_acc *
agg_accs(const struct agg *a, size_t i)
{
	return a->nvals ? &a->accs[at(a, i) * a->nvals] : NULL;
}

const char *
agg_key_cell(const char *key, size_t keylen, size_t *pos, size_t *len)
{
	const unsigned char	*k = (const unsigned char *)key;
	const char		*cell;

	if (*pos + 2 > keylen)
		return NULL;
	*len = (size_t)k[*pos] | ((size_t)k[*pos + 1] << 8);
	cell = key + *pos + 2;
	*pos += 2 + *len;
	return cell;
}

static int
keycmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t		 pa = 0, pb = 0, la, lb;
	const char	*ca, *cb;
	int		 c;

	for (;;) {
		ca = agg_key_cell(a, alen, &pa, &la);
		cb = agg_key_cell(b, blen, &pb, &lb);
		if (ca == NULL || cb == NULL)
			return (ca != NULL) - (cb != NULL);
		if ((c = memcmp(ca, cb, la < lb ? la : lb)) != 0)
			return c;
		if (la != lb)
			return la < lb ? -1 : 1;
	}
}

struct sortctx {
	const struct agg	*a;
	struct dec		*vals;
	unsigned char		*has;
};

static int
cmp_key(const void *x, const void *y, void *arg)
{
	const struct sortctx	*c = arg;
	size_t			 i = *(const size_t *)x, j = *(const size_t *)y;

	return keycmp(c->a->keys + c->a->keyoff[i], c->a->keylen[i],
	    c->a->keys + c->a->keyoff[j], c->a->keylen[j]);
}

static int
cmp_value(const void *x, const void *y, void *arg)
{
	const struct sortctx	*c = arg;
	size_t			 i = *(const size_t *)x, j = *(const size_t *)y;
	int			 r;

	if (c->has[i] != c->has[j])
		return c->has[i] ? -1 : 1;
	if (c->has[i] && (r = dec_cmp(&c->vals[j], &c->vals[i])) != 0)
		return r;
	return cmp_key(x, y, arg);
}

int
agg_sort(struct agg *a, enum agg_order order, agg_value_fn fn, void *arg)
{
	struct sortctx	 c = { a, NULL, NULL };
	size_t		*ord, i;
	int		 rc = -1;

	if ((ord = malloc((a->n ? a->n : 1) * sizeof(*ord))) == NULL)
		return -1;
	for (i = 0; i < a->n; i++)
		ord[i] = i;
	if (order == AGG_ORDER_VALUE) {
		if ((c.vals = malloc((a->n ? a->n : 1) *
		    sizeof(*c.vals))) == NULL ||
		    (c.has = malloc(a->n ? a->n : 1)) == NULL)
			goto out;
		free(a->order);
		a->order = NULL;
		for (i = 0; i < a->n; i++)
			c.has[i] = fn(a, i, arg, &c.vals[i]) == 0;
		qsort_r(ord, a->n, sizeof(*ord), cmp_value, &c);
	} else
		qsort_r(ord, a->n, sizeof(*ord), cmp_key, &c);
	free(a->order);
	a->order = ord;
	ord = NULL;
	rc = 0;
out:
	free(ord);
	free(c.vals);
	free(c.has);
	return rc;
}
