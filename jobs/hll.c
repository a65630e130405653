/*
 * HyperLogLog, sparse then dense, in one block from the caller's slab.  The
 * sparse form is a plain array of up to HLL_LINEAR hashes, then an
 * open-addressing set of them (0 marks an empty slot, so a hash of 0 is
 * stored as 1), kept at most three quarters full.  The dense form is HLL_M registers, each
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
#include "slab.h"

#define HLL_Q	(64 - HLL_P)

/*
 * One block: the header, then the hashes (sparse) or the HLL_M registers
 * (dense).  Up to HLL_LINEAR hashes are a plain array searched in turn, so
 * a group of up to four values costs 40 bytes; past that they are an
 * open-addressing set.
 */
#define HLL_LINEAR	8

/*
 * Room for hashes in a new sketch: growing a block leaves the old one on
 * the slab's free list, where only a new sketch of that size takes it, so
 * a table of many small groups that grow together is best served by a
 * first block that fits them.
 */
#define HLL_FIRST	4

struct hll {
	uint32_t	 n;		/* hashes in the set (sparse) */
	uint32_t	 cap;		/* room for hashes; 0 if dense */
	uint64_t	 set[];		/* sparse; dense: HLL_M registers */
};

static size_t
size_of(uint32_t cap)
{
	return sizeof(struct hll) + (cap == 0 ? HLL_M :
	    cap * sizeof(uint64_t));
}

size_t
hll_bytes(const struct hll *h)
{
	return h == NULL ? 0 : size_of(h->cap);
}

int
hll_dense(const struct hll *h)
{
	return h != NULL && h->cap == 0;
}

void
hll_free(struct hll *h, struct slab *sl)
{
	if (h != NULL)
		slab_free(sl, h, size_of(h->cap));
}

static inline uint8_t *
regs(const struct hll *h)
{
	return (uint8_t *)(void *)h->set;
}

/* A hash (not 0: hll_add() makes it 1) into the registers. */
static inline void
reg_add(uint8_t *reg, uint64_t h)
{
	hll_reg_add(reg, h);
}

uint8_t *
hll_registers(struct hll *h)
{
	return h != NULL && h->cap == 0 ? regs(h) : NULL;
}

uint8_t
hll_reg_min(const uint8_t *reg)
{
	uint8_t		 m = UINT8_MAX;
	size_t		 i;

	/* A loop that GCC makes a vector minimum, 16 bytes a step. */
	for (i = 0; i < HLL_M; i++)
		m = reg[i] < m ? reg[i] : m;
	return m;
}

/* Insert into a hashed set with room; returns 1 if it was new. */
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

/* Whether h is in a set of capacity cap (either form). */
static int
set_has(const struct hll *s, uint64_t h)
{
	uint32_t	 j;

	if (s->cap <= HLL_LINEAR) {
		for (j = 0; j < s->n; j++)
			if (s->set[j] == h)
				return 1;
		return 0;
	}
	for (j = (uint32_t)(h ^ h >> 32) & (s->cap - 1); s->set[j] != 0;
	    j = (j + 1) & (s->cap - 1))
		if (s->set[j] == h)
			return 1;
	return 0;
}

/* The hashes of a sparse sketch, whatever its form, into a new block. */
static struct hll *
regrow(struct hll *s, uint32_t cap, struct slab *sl, size_t *bytes)
{
	struct hll	*t;
	uint32_t	 j;

	if ((t = slab_alloc(sl, size_of(cap))) == NULL)
		return NULL;
	t->cap = cap;
	if (cap == 0) {
		for (j = 0; j < s->cap; j++)
			if (s->set[j] != 0)
				reg_add(regs(t), s->set[j]);
	} else if (cap <= HLL_LINEAR) {
		memcpy(t->set, s->set, s->n * sizeof(uint64_t));
		t->n = s->n;
	} else {
		for (j = 0; j < s->cap; j++)
			if (s->set[j] != 0)
				t->n += (uint32_t)set_put(t->set, cap,
				    s->set[j]);
	}
	/*
	 * The old block goes back to the slab for the next small sketch;
	 * a dense block smaller than the hashes it replaces counts as them:
	 * *bytes only grows.
	 */
	if (size_of(cap) > size_of(s->cap))
		*bytes += size_of(cap) - size_of(s->cap);
	slab_free(sl, s, size_of(s->cap));
	return t;
}

/* hll_add() of a sketch that is not dense yet (or not there). */
static __attribute__((noinline)) int
add_sparse(struct hll **hp, uint64_t h, struct slab *sl, size_t *bytes)
{
	struct hll	*s = *hp;
	uint32_t	 cap;

	if (s == NULL) {
		if ((s = slab_alloc(sl, size_of(HLL_FIRST))) == NULL)
			return -1;
		s->cap = HLL_FIRST;
		*bytes += size_of(HLL_FIRST);
		*hp = s;
	}
	if (set_has(s, h))
		return 0;
	if (s->n == HLL_SPARSE_MAX) {
		/* This hash is one too many: registers from now on. */
		if ((s = regrow(s, 0, sl, bytes)) == NULL)
			return -1;
		*hp = s;
		reg_add(regs(s), h);
		return 0;
	}
	if (s->cap <= HLL_LINEAR ? s->n == s->cap :
	    (s->n + 1) * 4 > s->cap * 3) {
		cap = s->cap * 2;
		if ((s = regrow(s, cap, sl, bytes)) == NULL)
			return -1;
		*hp = s;
	}
	if (s->cap <= HLL_LINEAR)
		s->set[s->n++] = h;
	else
		s->n += (uint32_t)set_put(s->set, s->cap, h);
	return 0;
}

int
hll_add(struct hll **hp, uint64_t h, struct slab *sl, size_t *bytes)
{
	struct hll	*s = *hp;

	if (h == 0)
		h = 1;
	/* Dense, as a sketch of many values soon is: one register. */
	if (s != NULL && s->cap == 0) {
		reg_add(regs(s), h);
		return 0;
	}
	return add_sparse(hp, h, sl, bytes);
}

int
hll_merge(struct hll **dstp, const struct hll *src, struct slab *sl,
    size_t *bytes)
{
	struct hll	*d;
	uint32_t	 j;

	if (src == NULL)
		return 0;
	if (src->cap != 0) {
		for (j = 0; j < src->cap; j++)
			if ((src->cap > HLL_LINEAR || j < src->n) &&
			    src->set[j] != 0 && hll_add(dstp, src->set[j], sl,
			    bytes) == -1)
				return -1;
		return 0;
	}
	if (*dstp == NULL) {
		if ((d = slab_alloc(sl, size_of(0))) == NULL)
			return -1;
		*bytes += size_of(0);
		*dstp = d;
	}
	d = *dstp;
	if (d->cap != 0) {
		if ((d = regrow(d, 0, sl, bytes)) == NULL)
			return -1;
		*dstp = d;
	}
	for (j = 0; j < HLL_M; j++)
		if (regs(d)[j] < regs(src)[j])
			regs(d)[j] = regs(src)[j];
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
	if (h->cap != 0)
		return h->n;
	memset(c, 0, sizeof(c));
	for (j = 0; j < HLL_M; j++)
		c[regs(h)[j]]++;
	z = m * tau(1 - c[HLL_Q + 1] / m);
	for (k = HLL_Q; k >= 1; k--)
		z = 0.5 * (z + c[k]);
	z += m * sigma(c[0] / m);
	return (uint64_t)llround(m * m / (2 * log(2)) / z);
}
