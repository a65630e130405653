/*
 * Value frequencies (see freq.h).  The exact form is an open-addressing
 * table of (hash, count) slots, kept at most half full so that a lookup
 * costs one cache line, beside a parallel array saying where each slot's
 * text is in an arena (touched only when a value is new).  Callers that
 * look up several tables per row first call freq_prefetch() for each, so
 * the cache misses of a row's columns overlap.
 *
 * The sketch form is a HyperLogLog and a Misra-Gries summary as Apache
 * DataSketches' frequent-items sketch keeps it: at most FREQ_COUNTERS
 * counters in a table of twice as many slots; a new value gets a counter;
 * when they are all taken, the median count is subtracted from every
 * counter, those left at zero or below are dropped, and the median is
 * added to the offset.  A counter is then a lower bound of its value's
 * count and the count plus the offset an upper bound; a value without a
 * counter occurred at most offset times.  Each update costs O(1)
 * amortised, and two summaries merge by adding counters and offsets.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "freq.h"
#include "hll.h"
#include "utf8.h"

struct fslot {
	uint64_t	 h;		/* 0: empty (a hash of 0 is stored as 1) */
	int64_t		 count;
};

struct ftext {
	uint32_t	 off;		/* in the arena */
	uint16_t	 len;
	uint8_t		 cut;
};

/* An open-addressing table of counters with their texts. */
struct ftab {
	struct fslot	*slot;
	struct ftext	*text;
	size_t		 cap;		/* a power of two */
	size_t		 n;
	char		*arena;
	size_t		 alen, acap;
};

struct freq {
	size_t		 bound;
	int		 sketch;
	struct ftab	 t;		/* exact, or the sketch's counters */
	struct ftab	 spare;		/* the last purge's table, for the next */
	int64_t		*med;		/* FREQ_COUNTERS counts, for a purge */
	struct hll	*hll;
	int64_t		 offset;	/* the sketch's error bound */
};

static uint64_t
fix(uint64_t h)
{
	return h == 0 ? 1 : h;
}

static size_t
home(uint64_t h, size_t cap)
{
	return (size_t)(h ^ h >> 29) & (cap - 1);
}

static void
tab_free(struct ftab *t)
{
	free(t->slot);
	free(t->text);
	free(t->arena);
	memset(t, 0, sizeof(*t));
}

/*
 * Slots of a big table sit in 2 MiB pages where the kernel gives them
 * (transparent huge pages on request): a lookup is then one cache miss
 * and rarely a TLB miss too.
 */
#define HUGE_PAGE	((size_t)2 * 1024 * 1024)

static struct fslot *
slots_new(size_t cap)
{
	size_t	 n = cap * sizeof(struct fslot);
	void	*p;

	if (n < HUGE_PAGE)
		return calloc(cap, sizeof(struct fslot));
	if (posix_memalign(&p, HUGE_PAGE, n) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, n, MADV_HUGEPAGE);
#endif
	memset(p, 0, n);
	return p;
}

static int
tab_init(struct ftab *t, size_t cap)
{
	memset(t, 0, sizeof(*t));
	t->cap = cap;
	if ((t->slot = slots_new(cap)) == NULL ||
	    (t->text = malloc(cap * sizeof(*t->text))) == NULL) {
		tab_free(t);
		return -1;
	}
	return 0;
}

/* The slot of h, or the empty slot where it would go. */
static size_t
tab_find(const struct ftab *t, uint64_t h)
{
	size_t	 j;

	for (j = home(h, t->cap); t->slot[j].h != 0 && t->slot[j].h != h;
	    j = (j + 1) & (t->cap - 1))
		;
	return j;
}

/* Put a new counter into empty slot j, copying its text. */
static int
tab_put(struct ftab *t, size_t j, uint64_t h, int64_t count,
    const char *text, size_t len, int cut)
{
	if (t->alen + len > t->acap) {
		size_t	 nc = t->acap ? t->acap * 2 : 1024;
		char	*a;

		while (nc < t->alen + len)
			nc *= 2;
		if ((a = realloc(t->arena, nc)) == NULL)
			return -1;
		t->arena = a;
		t->acap = nc;
	}
	memcpy(t->arena + t->alen, text, len);
	t->slot[j].h = h;
	t->slot[j].count = count;
	t->text[j].off = (uint32_t)t->alen;
	t->text[j].len = (uint16_t)len;
	t->text[j].cut = (uint8_t)cut;
	t->alen += len;
	t->n++;
	return 0;
}

/*
 * Rebuild f's table with cap slots keeping the counters above floor (less
 * floor), and their texts in a fresh arena.  A rebuild at the same size (a
 * purge) goes into the spare table, which keeps the old one's memory for
 * the next: purges come every few hundred new values.  0 or -1 (memory).
 */
static int
tab_rebuild(struct freq *f, size_t cap, int64_t floor)
{
	struct ftab	*t = &f->t, *nt = &f->spare, tmp;
	size_t		 i, j;

	if (nt->cap == cap) {
		memset(nt->slot, 0, cap * sizeof(*nt->slot));
		nt->n = nt->alen = 0;
	} else {
		tab_free(nt);
		if (tab_init(nt, cap) == -1)
			return -1;
	}
	for (i = 0; i < t->cap; i++) {
		if (t->slot[i].h == 0 || t->slot[i].count <= floor)
			continue;
		j = tab_find(nt, t->slot[i].h);
		if (tab_put(nt, j, t->slot[i].h, t->slot[i].count - floor,
		    t->arena + t->text[i].off, t->text[i].len,
		    t->text[i].cut) == -1)
			return -1;
	}
	tmp = *t;
	*t = *nt;
	*nt = tmp;
	/* A grown table's old memory is of no further use. */
	if (nt->cap != cap)
		tab_free(nt);
	return 0;
}

struct freq *
freq_new(size_t bound)
{
	struct freq	*f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	f->bound = bound < 16 ? 16 : bound;
	if (tab_init(&f->t, 64) == -1) {
		free(f);
		return NULL;
	}
	return f;
}

void
freq_free(struct freq *f)
{
	if (f == NULL)
		return;
	tab_free(&f->t);
	tab_free(&f->spare);
	free(f->med);
	hll_free(f->hll, NULL);
	free(f);
}

size_t
freq_bytes(const struct freq *f)
{
	if (f == NULL)
		return 0;
	return sizeof(*f) + (f->t.cap + f->spare.cap) * (sizeof(struct fslot) +
	    sizeof(struct ftext)) + f->t.acap + f->spare.acap +
	    hll_bytes(f->hll) + (f->med != NULL ? FREQ_COUNTERS * 8 : 0);
}

void
freq_prefetch(const struct freq *f, uint64_t h)
{
	__builtin_prefetch(&f->t.slot[home(fix(h), f->t.cap)]);
}

/* The k-th smallest of the n values at c (Hoare's selection), reordering c. */
static int64_t
select_k(int64_t *c, size_t n, size_t k)
{
	size_t	 lo = 0, hi = n - 1, i, j;
	int64_t	 pivot, t;

	while (lo < hi) {
		pivot = c[lo + (hi - lo) / 2];
		i = lo;
		j = hi;
		while (i <= j) {
			while (c[i] < pivot)
				i++;
			while (c[j] > pivot)
				j--;
			if (i <= j) {
				t = c[i];
				c[i] = c[j];
				c[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return c[k];
}

/* All counters taken: subtract the median, drop what falls to zero. */
static int
purge(struct freq *f)
{
	int64_t		*c;
	size_t		 i, k = 0;
	int64_t		 med;

	/* The first purge of an exact table has all its counters. */
	if (f->t.n > FREQ_COUNTERS) {
		if ((c = malloc(f->t.n * sizeof(*c))) == NULL)
			return -1;
	} else if ((c = f->med) == NULL &&
	    (c = f->med = malloc(FREQ_COUNTERS * sizeof(*c))) == NULL)
		return -1;
	for (i = 0; i < f->t.cap; i++)
		if (f->t.slot[i].h != 0)
			c[k++] = f->t.slot[i].count;
	med = select_k(c, k, k / 2);
	if (c != f->med)
		free(c);
	f->offset += med;
	return tab_rebuild(f, f->t.cap, med);
}

/* Turn the exact table into the sketch.  0 or -1 (memory). */
static int
to_sketch(struct freq *f)
{
	size_t	 i, bytes = 0;

	for (i = 0; i < f->t.cap; i++)
		if (f->t.slot[i].h != 0 &&
		    hll_add(&f->hll, f->t.slot[i].h, NULL, &bytes) == -1)
			return -1;
	f->sketch = 1;
	/* Keep the FREQ_COUNTERS largest counts, less the one below them. */
	while (f->t.n > FREQ_COUNTERS)
		if (purge(f) == -1)
			return -1;
	return tab_rebuild(f, 2 * FREQ_COUNTERS, 0);
}

/*
 * Whether f's exact table has room for its bound at a load of at most
 * 4/5: the last doubling would leave it more than half empty for good.
 * Tables grow at half full until then; the common bound of 100,000 then
 * lives in 131,072 slots (2 MiB) instead of 262,144.
 */
static int
full_size(const struct freq *f)
{
	return f->t.cap / 5 * 4 >= f->bound;
}

/*
 * Count w of h (fixed), text already cut.  Returns 0 if the exact table
 * had h, 1 if it is new or the sketch counts it, -1 if memory is short.
 */
static int
add_w(struct freq *f, uint64_t h, int64_t w, const char *text, size_t len,
    int cut)
{
	size_t	 j, bytes = 0;

	if (f->sketch && hll_add(&f->hll, h, NULL, &bytes) == -1)
		return -1;
	j = tab_find(&f->t, h);
	if (f->t.slot[j].h == h) {
		f->t.slot[j].count += w;
		return f->sketch;
	}
	if (!f->sketch) {
		if (f->t.n < f->bound) {
			if (tab_put(&f->t, j, h, w, text, len, cut) == -1)
				return -1;
			if (f->t.n * 2 > f->t.cap && !full_size(f) &&
			    tab_rebuild(f, f->t.cap * 2, 0) == -1)
				return -1;
			return 1;
		}
		if (to_sketch(f) == -1 || hll_add(&f->hll, h, NULL, &bytes) == -1)
			return -1;
	}
	if (f->t.n == FREQ_COUNTERS && purge(f) == -1)
		return -1;
	if (tab_put(&f->t, tab_find(&f->t, h), h, w, text, len, cut) == -1)
		return -1;
	return 1;
}

int
freq_add(struct freq *f, uint64_t h, const char *text, size_t len)
{
	int	 cut = 0;
	size_t	 j;

	/* The common case first: an exact table that has the value. */
	h = fix(h);
	if (!f->sketch) {
		j = tab_find(&f->t, h);
		if (f->t.slot[j].h == h) {
			f->t.slot[j].count++;
			return 0;
		}
	}
	if (len > FREQ_TEXT) {
		len = utf8_cut(text, len, FREQ_TEXT);
		cut = 1;
	}
	return add_w(f, h, 1, text, len, cut);
}

int
freq_merge(struct freq *dst, const struct freq *src)
{
	const struct ftab	*t = &src->t;
	size_t			 i, bytes = 0;

	if (src->sketch && !dst->sketch && to_sketch(dst) == -1)
		return -1;
	if (src->sketch && hll_merge(&dst->hll, src->hll, NULL, &bytes) == -1)
		return -1;
	for (i = 0; i < t->cap; i++) {
		if (t->slot[i].h == 0)
			continue;
		/* The sketch's hashes are in its HLL: do not add them twice. */
		if (src->sketch && dst->sketch) {
			size_t	 j = tab_find(&dst->t, t->slot[i].h);

			if (dst->t.slot[j].h != 0) {
				dst->t.slot[j].count += t->slot[i].count;
				continue;
			}
			if (dst->t.n == FREQ_COUNTERS && purge(dst) == -1)
				return -1;
			if (tab_put(&dst->t, tab_find(&dst->t, t->slot[i].h),
			    t->slot[i].h, t->slot[i].count, t->arena +
			    t->text[i].off, t->text[i].len,
			    t->text[i].cut) == -1)
				return -1;
			continue;
		}
		if (add_w(dst, t->slot[i].h, t->slot[i].count, t->arena +
		    t->text[i].off, t->text[i].len, t->text[i].cut) == -1)
			return -1;
	}
	dst->offset += src->offset;
	return 0;
}

uint64_t
freq_distinct(const struct freq *f, int *exact)
{
	*exact = !f->sketch;
	return f->sketch ? hll_estimate(f->hll) : f->t.n;
}

/* Whether item a goes before b: larger count, then smaller text. */
static int
before(const struct freq_item *a, const struct freq_item *b)
{
	size_t	 m = a->len < b->len ? a->len : b->len;
	int	 c;

	if (a->count != b->count)
		return a->count > b->count;
	c = memcmp(a->text, b->text, m);
	return c != 0 ? c < 0 : a->len < b->len;
}

size_t
freq_top(const struct freq *f, struct freq_item *out, size_t n, int *exact)
{
	struct freq_item	 it;
	size_t			 i, k, have = 0;

	*exact = !f->sketch;
	for (i = 0; i < f->t.cap && n > 0; i++) {
		if (f->t.slot[i].h == 0)
			continue;
		/* A sketch lists only values known to beat its error. */
		if (f->sketch && f->t.slot[i].count <= f->offset)
			continue;
		it.text = f->t.arena + f->t.text[i].off;
		it.len = f->t.text[i].len;
		it.cut = f->t.text[i].cut;
		it.count = (uint64_t)f->t.slot[i].count;
		if (have == n && !before(&it, &out[n - 1]))
			continue;
		k = have < n ? have++ : n - 1;
		while (k > 0 && before(&it, &out[k - 1])) {
			out[k] = out[k - 1];
			k--;
		}
		out[k] = it;
	}
	return have;
}

uint64_t
freq_error(const struct freq *f)
{
	return f->sketch ? (uint64_t)f->offset : 0;
}
