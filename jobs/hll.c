/*
 * HyperLogLog, sparse then dense.  The sparse form is an open-addressing set
 * of the hashes (0 marks an empty slot, so a hash of 0 is stored as 1),
 * kept at most three quarters full.  The dense form is HLL_M registers, each
 * holding the largest rank (leading zeros plus one of the hash's last 64 -
 * HLL_P bits) seen for its index (the first HLL_P bits).  The estimate is
 * Otmar Ertl's "improved raw estimator" (arXiv:1702.01284, algorithm 6),
 * which needs neither bias tables nor a switch to linear counting.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hll.h"

#define HLL_Q	(64 - HLL_P)

struct hll {
	uint32_t	 n;		/* hashes in the set (sparse) */
	uint32_t	 cap;		/* slots: a power of two; 0 if dense */
	uint64_t	*set;		/* sparse */
	uint8_t		*reg;		/* dense */
};

size_t
hll_bytes(const struct hll *h)
{
	if (h == NULL)
		return 0;
	return sizeof(*h) + (h->reg != NULL ? HLL_M :
	    h->cap * sizeof(uint64_t));
}

int
hll_dense(const struct hll *h)
{
	return h != NULL && h->reg != NULL;
}

void
hll_free(struct hll *h)
{
	if (h == NULL)
		return;
	free(h->set);
	free(h->reg);
	free(h);
}

static void
reg_add(uint8_t *reg, uint64_t h)
{
	uint32_t	 idx = (uint32_t)(h >> HLL_Q);
	uint64_t	 rest = h << HLL_P;
	uint8_t		 rank = rest == 0 ? HLL_Q + 1 :
			    (uint8_t)(__builtin_clzll(rest) + 1);

	if (rank > HLL_Q + 1)
		rank = HLL_Q + 1;
	if (reg[idx] < rank)
		reg[idx] = rank;
}

/* Insert into a sparse set with room; returns 1 if it was new. */
static int
set_put(uint64_t *set, uint32_t cap, uint64_t h)
{
	uint32_t	 j;

	for (j = (uint32_t)(h ^ h >> 32) & (cap - 1); set[j] != 0;
	    j = (j + 1) & (cap - 1))
		if (set[j] == h)
			return 0;
	set[j] = h;
	return 1;
}

static int
densify(struct hll *hp, size_t *bytes)
{
	uint8_t		*reg;
	uint32_t	 j;

	if ((reg = calloc(HLL_M, 1)) == NULL)
		return -1;
	for (j = 0; j < hp->cap; j++)
		if (hp->set[j] != 0)
			reg_add(reg, hp->set[j]);
	/* The hashes' bytes stay counted: *bytes only grows. */
	*bytes += HLL_M;
	free(hp->set);
	hp->set = NULL;
	hp->cap = 0;
	hp->n = 0;
	hp->reg = reg;
	return 0;
}

int
hll_add(struct hll **hp, uint64_t h, size_t *bytes)
{
	struct hll	*s = *hp;
	uint64_t	*set;
	uint32_t	 cap, j;

	if (h == 0)
		h = 1;
	if (s == NULL) {
		if ((s = calloc(1, sizeof(*s))) == NULL)
			return -1;
		if ((s->set = calloc(4, sizeof(uint64_t))) == NULL) {
			free(s);
			return -1;
		}
		s->cap = 4;
		*bytes += sizeof(*s) + 4 * sizeof(uint64_t);
		*hp = s;
	}
	if (s->reg != NULL) {
		reg_add(s->reg, h);
		return 0;
	}
	if ((s->n + 1) * 4 > s->cap * 3) {
		cap = s->cap * 2;
		if ((set = calloc(cap, sizeof(uint64_t))) == NULL)
			return -1;
		for (j = 0; j < s->cap; j++)
			if (s->set[j] != 0)
				(void)set_put(set, cap, s->set[j]);
		*bytes += (cap - s->cap) * sizeof(uint64_t);
		free(s->set);
		s->set = set;
		s->cap = cap;
	}
	s->n += (uint32_t)set_put(s->set, s->cap, h);
	if (s->n > HLL_SPARSE_MAX)
		return densify(s, bytes);
	return 0;
}

int
hll_merge(struct hll **dstp, const struct hll *src, size_t *bytes)
{
	struct hll	*d;
	uint32_t	 j;

	if (src == NULL)
		return 0;
	if (src->reg == NULL) {
		for (j = 0; j < src->cap; j++)
			if (src->set[j] != 0 && hll_add(dstp, src->set[j],
			    bytes) == -1)
				return -1;
		return 0;
	}
	if (*dstp == NULL) {
		if ((d = calloc(1, sizeof(*d))) == NULL)
			return -1;
		if ((d->reg = calloc(HLL_M, 1)) == NULL) {
			free(d);
			return -1;
		}
		*bytes += sizeof(*d) + HLL_M;
		*dstp = d;
	}
	d = *dstp;
	if (d->reg == NULL && densify(d, bytes) == -1)
		return -1;
	for (j = 0; j < HLL_M; j++)
		if (d->reg[j] < src->reg[j])
			d->reg[j] = src->reg[j];
	return 0;
}

/* Ertl's sigma and tau series. */
static double
sigma(double x)
{
	double	 y = 1, z = x, zp;

	if (x == 1)
		return INFINITY;
	do {
		x *= x;
		zp = z;
		z += x * y;
		y += y;
	} while (z != zp);
	return z;
}

static double
tau(double x)
{
	double	 y = 1, z = 1 - x, zp;

	if (x == 0 || x == 1)
		return 0;
	do {
		x = sqrt(x);
		zp = z;
		y *= 0.5;
		z -= (1 - x) * (1 - x) * y;
	} while (z != zp);
	return z / 3;
}

uint64_t
hll_estimate(const struct hll *h)
{
	uint32_t	 c[HLL_Q + 2];
	double		 m = HLL_M, z;
	uint32_t	 j;
	int		 k;

	if (h == NULL)
		return 0;
	if (h->reg == NULL)
		return h->n;
	memset(c, 0, sizeof(c));
	for (j = 0; j < HLL_M; j++)
		c[h->reg[j]]++;
	z = m * tau(1 - c[HLL_Q + 1] / m);
	for (k = HLL_Q; k >= 1; k--)
		z = 0.5 * (z + c[k]);
	z += m * sigma(c[0] / m);
	return (uint64_t)llround(m * m / (2 * log(2)) / z);
}
