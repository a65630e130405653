/*
 * The group table.  Each group is one record in an array indexed by
 * insertion order: its row count and key length, the key itself when it is
 * short (else an offset into a growing key arena: no allocation a key),
 * then the state of each value column, laid out by what the query reads
 * (QUERY_NEED_SUM and friends): a count word always (8 bytes: the count of
 * numbers and the sum's scale), the sum if asked (16), the numeric
 * extremes if asked (40), the count of other cells if asked (8), and a
 * pointer to the sketches if any.  So a group of `sum:x` with a key of up
 * to 24 bytes is 64 bytes, one cache line, as the array is page-aligned.
 * An open-addressing table of 64-bit slots, kept at most half full, finds
 * them by key: a slot holds a group's index and the top half of its hash,
 * so a probe reads one slot and, only when the hash matches, one record.
 * With a million groups every access misses the cache, and this keeps a
 * row to about two misses.  Sorting only permutes an index array, so the
 * accessors can serve either order.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "agg.h"
#include "hash.h"
#include "distinct.h"
#include "hll.h"
#include "kll.h"
#include "slab.h"
#include "bounds.h"
#include "mem.h"
#include "query.h"

/* Keys up to this long live in their group's record. */
#define GROUP_INLINE	24

/* A group's record; its value columns' state follows it. */
struct group {
	uint64_t	 rows;
	uint32_t	 keylen;
	uint32_t	 pad;
	union {
		char	 inl[GROUP_INLINE];
		size_t	 off;		/* in the arena, for longer keys */
	} key;
};

struct agg {
	size_t		 nvals;
	size_t		 max_groups;
	size_t		 n;		/* groups */
	size_t		 cap;		/* room in the record array */
	size_t		 gsz;		/* bytes per record */
	char		*groups;	/* n records of gsz bytes, mmap()ed */
	size_t		 groups_map;	/* bytes mapped there */
	size_t		 groups_charged;	/* of them, charged to mem */
	uint32_t	 coff[TALLY_AGGS_MAX];	/* column state in a record */
	unsigned char	 parts[TALLY_AGGS_MAX];	/* PART_*, per column */
	size_t		 extoff;	/* the extras pointers, if has_ext */
	char		*keys;		/* the key arena */
	size_t		 keys_len;
	size_t		 keys_cap;
	uint64_t	*slots;		/* hash >> 32 << 32 | (index + 1) */
	size_t		 nslots;	/* a power of two */
	uint32_t	*order;		/* set by agg_sort(), else NULL */
	size_t		 norder;	/* its length */
	size_t		 order_map;	/* bytes, if mapped rather than allocated */
	char		*scratch;	/* agg_gather()'s slots, for agg_sort() */
	size_t		 scratch_len;	/* bytes mapped there, charged */
	int		*scale;		/* per value column */
	unsigned	 needs[TALLY_AGGS_MAX];	/* QUERY_NEED_*, per column */
	int		 has_ext;	/* records end in nvals extras pointers */
	int		 exact_only;	/* quantile sketches must not compact */
	struct slab	*slab;		/* extras and their sketches */
	struct mem	*mem;		/* the run's budget, or NULL */
	size_t		 charged;	/* bytes charged to mem and not given back */
	size_t		 last;		/* the group agg_add() last went to */
};

/*
 * The parts of a column's state after its count word (the count of numbers
 * in the low 56 bits, the sum's scale in the top 8).
 */
#define PART_SUM	0x1	/* the sum's 128 bits */
#define PART_MINMAX	0x2	/* min and max: 2 x 128 bits, then 2 scales */
#define PART_NTEXT	0x4	/* the count of non-number cells */
#define PART_ALL	(PART_SUM | PART_MINMAX | PART_NTEXT)
#define COUNT_MASK	(((uint64_t)1 << 56) - 1)

/* Needs that make a column carry a struct agg_ext. */
#define NEED_EXT	(QUERY_NEED_TEXT | QUERY_NEED_SQ | \
			    QUERY_NEED_DISTINCT | QUERY_NEED_HLL | QUERY_NEED_KLL)

/*
 * Charge n bytes that the table is about to allocate to the run's budget.
 * Returns 0, or -1 (nothing charged) if they do not fit.
 */
static int
charge(struct agg *a, size_t n)
{
	if (mem_charge(a->mem, n) == -1)
		return -1;
	a->charged += n;
	return 0;
}

/* Give back n bytes charged with charge(). */
static void
release(struct agg *a, size_t n)
{
	mem_release(a->mem, n);
	a->charged -= n;
}

static inline struct group *
group(const struct agg *a, size_t g)
{
	return (struct group *)(void *)(a->groups + g * a->gsz);
}

/* The extras pointers of group g (has_ext only). */
static inline struct agg_ext **
exts_of(const struct agg *a, size_t g)
{
	return (struct agg_ext **)(void *)(a->groups + g * a->gsz +
	    a->extoff);
}

/*
 * Column v's state of group g, unpacked into *o (the parts the column
 * does not keep are zero).
 */
static inline void
acc_get(const struct agg *a, size_t g, size_t v, struct agg_acc *o)
{
	const char	*p = a->groups + g * a->gsz + a->coff[v];
	unsigned	 parts = a->parts[v];
	uint64_t	 w;

	memcpy(&w, p, sizeof(w));
	p += 8;
	o->n = w & COUNT_MASK;
	o->sum.scale = (int)(w >> 56);
	o->sum.v = 0;
	if (parts & PART_SUM) {
		memcpy(&o->sum.v, p, 16);
		p += 16;
	}
	if (parts & PART_MINMAX) {
		memcpy(&o->min.v, p, 16);
		memcpy(&o->max.v, p + 16, 16);
		o->min.scale = (unsigned char)p[32];
		o->max.scale = (unsigned char)p[33];
		p += 40;
	} else {
		memset(&o->min, 0, sizeof(o->min));
		memset(&o->max, 0, sizeof(o->max));
	}
	o->ntext = 0;
	if (parts & PART_NTEXT)
		memcpy(&o->ntext, p, sizeof(o->ntext));
}

/* Store *o as column v's state of group g (the parts the column keeps). */
static inline void
acc_put(const struct agg *a, size_t g, size_t v, const struct agg_acc *o)
{
	char		*p = a->groups + g * a->gsz + a->coff[v];
	unsigned	 parts = a->parts[v];
	uint64_t	 w;

	w = (o->n & COUNT_MASK) | (uint64_t)(unsigned char)o->sum.scale << 56;
	memcpy(p, &w, sizeof(w));
	p += 8;
	if (parts & PART_SUM) {
		memcpy(p, &o->sum.v, 16);
		p += 16;
	}
	if (parts & PART_MINMAX) {
		memcpy(p, &o->min.v, 16);
		memcpy(p + 16, &o->max.v, 16);
		p[32] = (char)o->min.scale;
		p[33] = (char)o->max.scale;
		p += 40;
	}
	if (parts & PART_NTEXT)
		memcpy(p, &o->ntext, sizeof(o->ntext));
}

/* The parts a column with needs need keeps. */
static unsigned
parts_of(unsigned need)
{
	unsigned	 parts = 0;

	if (!(need & (QUERY_NEED_SUM | QUERY_NEED_MINMAX | QUERY_NEED_CELLS)))
		return PART_ALL;	/* not told: keep everything */
	if (need & (QUERY_NEED_SUM | QUERY_NEED_SQ))
		parts |= PART_SUM;
	if (need & QUERY_NEED_MINMAX)
		parts |= PART_MINMAX;
	if (need & QUERY_NEED_CELLS)
		parts |= PART_NTEXT;
	return parts;
}

/* Lay out a record for the columns' parts: sets coff, extoff and gsz. */
static void
layout(struct agg *a)
{
	size_t	 v, off = sizeof(struct group);

	for (v = 0; v < a->nvals; v++) {
		a->coff[v] = (uint32_t)off;
		off += 8;
		if (a->parts[v] & PART_SUM)
			off += 16;
		if (a->parts[v] & PART_MINMAX)
			off += 40;
		if (a->parts[v] & PART_NTEXT)
			off += 8;
	}
	a->extoff = off;
	if (a->has_ext)
		off += a->nvals * sizeof(struct agg_ext *);
	a->gsz = off;
}

/*
 * The bytes of a column's extras: a column of sketches alone has no text
 * extremes and no sum of squares, and its extras stop at the sketches.
 */
static inline size_t
ext_size(unsigned need)
{
	return need & (QUERY_NEED_EXTREMES | QUERY_NEED_SQ) ?
	    sizeof(struct agg_ext) : AGG_EXT_SKETCHES;
}

static void
ext_free(struct slab *sl, struct agg_ext *e, unsigned need)
{
	if (e == NULL)
		return;
	if (ext_size(need) == sizeof(*e)) {
		free(e->tmin);
		free(e->tmax);
	}
	distinct_free(e->ds, sl);
	hll_free(e->hll, sl);
	kll_free(e->kll, sl);
	slab_free(sl, e, ext_size(need));
}

static inline const char *
key_of(const struct agg *a, const struct group *gr)
{
	return gr->keylen <= GROUP_INLINE ? gr->key.inl :
	    a->keys + gr->key.off;
}

/*
 * Slot arrays of SLOTS_HUGE bytes and more are mapped on a huge page
 * boundary and advised huge: every row reads a random slot, and with
 * 4 KiB pages that is a TLB miss as well (in a virtual machine, a walk of
 * two page tables).  Smaller ones come from calloc().
 */
#define SLOTS_HUGE	((size_t)2 * 1024 * 1024)

static uint64_t *
slots_alloc(size_t n)
{
	size_t		 len = n * sizeof(uint64_t), lead, i;
	char		*p;

	/*
	 * Every page is written before use: filling a table probes empty
	 * slots before it writes them, and a fresh page first read is the
	 * kernel's shared zero page, whose first write then costs a second
	 * fault and a TLB flush on every core the run's threads use (a tenth
	 * of a million-group run).  (A memset() after malloc() would not do:
	 * the compiler makes the pair a calloc(), which leaves fresh pages
	 * as they come.)
	 */
	if (len < SLOTS_HUGE) {
		if ((p = calloc(n, sizeof(uint64_t))) != NULL)
			for (i = 0; i < len; i += 4096)
				((volatile char *)p)[i] = 0;
		return (uint64_t *)(void *)p;
	}
	p = mmap(NULL, len + SLOTS_HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	lead = (SLOTS_HUGE - ((uintptr_t)p & (SLOTS_HUGE - 1))) &
	    (SLOTS_HUGE - 1);
	if (lead > 0)
		munmap(p, lead);
	if (SLOTS_HUGE - lead > 0)
		munmap(p + lead + len, SLOTS_HUGE - lead);
#ifdef MADV_HUGEPAGE
	(void)madvise(p + lead, len, MADV_HUGEPAGE);
#endif
	memset(p + lead, 0, len);
	return (uint64_t *)(void *)(p + lead);
}

static void
slots_free(uint64_t *s, size_t n)
{
	if (s == NULL)
		return;
	if (n * sizeof(uint64_t) < SLOTS_HUGE)
		free(s);
	else
		munmap(s, n * sizeof(uint64_t));
}

struct agg *
agg_new(size_t nvals, size_t max_groups, struct mem *mem)
{
	struct agg	*a;

	if (nvals > TALLY_AGGS_MAX || (a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	a->nvals = nvals;
	a->max_groups = max_groups;
	a->mem = mem;
	memset(a->parts, PART_ALL, sizeof(a->parts));
	layout(a);
	a->nslots = 64;
	if (charge(a, a->nslots * sizeof(*a->slots)) == -1 ||
	    (a->slots = slots_alloc(a->nslots)) == NULL ||
	    (a->slab = slab_new()) == NULL ||
	    (a->scale = calloc(nvals ? nvals : 1, sizeof(*a->scale))) == NULL) {
		agg_free(a);
		return NULL;
	}
	return a;
}

int
agg_set_needs(struct agg *a, const unsigned *needs, int exact_only)
{
	size_t	 v;

	if (a->n > 0 || a->cap > 0)
		return -1;
	a->has_ext = 0;
	for (v = 0; v < a->nvals; v++) {
		a->needs[v] = needs[v];
		if (needs[v] & NEED_EXT)
			a->has_ext = 1;
	}
	a->exact_only = exact_only;
	for (v = 0; v < a->nvals; v++)
		a->parts[v] = (unsigned char)parts_of(needs[v]);
	layout(a);
	return 0;
}

void
agg_free(struct agg *a)
{
	size_t	 g, v;

	if (a == NULL)
		return;
	if (a->has_ext)
		for (g = 0; g < a->n; g++)
			for (v = 0; v < a->nvals; v++)
				ext_free(a->slab, exts_of(a, g)[v],
				    a->needs[v]);
	slab_destroy(a->slab);
	if (a->groups != NULL)
		munmap(a->groups, a->groups_map);
	free(a->keys);
	slots_free(a->slots, a->nslots);
	if (a->order_map > 0)
		munmap(a->order, a->order_map);
	else
		free(a->order);
	if (a->scratch != NULL)
		munmap(a->scratch, a->scratch_len);
	free(a->scale);
	mem_release(a->mem, a->charged);
	free(a);
}

/* Whether the n bytes at a and b are equal; short keys without a call. */
static inline int
same_key(const char *a, const char *b, size_t n)
{
	size_t	 i;

	if (n >= 8 && n <= 64) {
		for (i = 0; i + 8 < n; i += 8)
			if (hash_load64(a + i) != hash_load64(b + i))
				return 0;
		return hash_load64(a + n - 8) == hash_load64(b + n - 8);
	}
	if (n >= 4 && n < 8)
		return hash_load32(a) == hash_load32(b) &&
		    hash_load32(a + n - 4) == hash_load32(b + n - 4);
	return memcmp(a, b, n) == 0;
}

/*
 * Ask for huge pages under a large array: with a million groups each row
 * touches two random places in hundreds of megabytes, and with 4 KiB pages
 * each of those is a TLB miss on top of a cache miss.  Only whole pages
 * inside the array are advised; failure changes nothing.
 */
static void
huge(void *p, size_t len)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t	 page = 4096;
	uintptr_t	 a = ((uintptr_t)p + page - 1) & ~(page - 1);
	uintptr_t	 e = ((uintptr_t)p + len) & ~(page - 1);

	if (len >= 4 * 1024 * 1024 && e > a)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)len;
#endif
}

/*
 * Charge the budget for records up to n groups, 64 KiB at a time.
 * Returns 0, or -2 if the budget is spent.
 */
static int
charge_groups(struct agg *a, size_t n)
{
	const size_t	 step = 64 * 1024;
	size_t		 want;

	if (n * a->gsz <= a->groups_charged)
		return 0;
	want = (n * a->gsz + step - 1) & ~(step - 1);
	if (charge(a, want - a->groups_charged) == -1)
		return -2;
	a->groups_charged = want;
	return 0;
}

/*
 * Grow the record array to hold one more group.  Returns 0, -1 if memory
 * is short, or -2 if the budget is spent.
 */
static int
grow_groups(struct agg *a)
{
	const size_t	 page = 4096;
	size_t		 cap = a->cap ? a->cap * 2 : 64, len;
	void		*p;

	/*
	 * Mapped rather than allocated: page-aligned, so a 64-byte record is
	 * one cache line, and grown by moving pages rather than bytes.  Only
	 * the pages records are written to take memory, so those are what
	 * the budget is charged (charge_groups()), not the mapping.
	 */
	len = (cap * a->gsz + page - 1) & ~(page - 1);
	if (a->groups == NULL)
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	else if ((p = mremap(a->groups, a->groups_map, len,
	    MREMAP_MAYMOVE)) == MAP_FAILED) {
		/*
		 * Records agg_gather() put together span several mappings,
		 * which mremap() refuses: copy them instead.
		 */
		if ((p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE |
		    MAP_ANONYMOUS, -1, 0)) != MAP_FAILED) {
			memcpy(p, a->groups, a->n * a->gsz);
			munmap(a->groups, a->groups_map);
		}
	}
	if (p == MAP_FAILED)
		return -1;
	a->groups = p;
	a->groups_map = len;
	a->cap = cap;
	huge(a->groups, len);
	return 0;
}

/*
 * Make a slot table of n slots and insert every group (the slots are
 * dropped when the groups are sorted, and made again if a group is looked
 * up after that).  Returns as grow_groups().
 */
static int
build_slots(struct agg *a, size_t n)
{
	size_t		 i, j;
	uint64_t	*s, h;

	if (charge(a, n * sizeof(*s)) == -1)
		return -2;
	if ((s = slots_alloc(n)) == NULL) {
		release(a, n * sizeof(*s));
		return -1;
	}
	for (i = 0; i < a->n; i++) {
		const struct group	*gr = group(a, i);

		h = hash_bytes(key_of(a, gr), gr->keylen);
		for (j = h & (n - 1); s[j] != 0; j = (j + 1) & (n - 1))
			continue;
		s[j] = (h >> 32 << 32) | (uint64_t)(i + 1);
	}
	if (a->slots != NULL) {
		slots_free(a->slots, a->nslots);
		release(a, a->nslots * sizeof(*s));
	}
	a->slots = s;
	a->nslots = n;
	return 0;
}

/* Forget the order agg_sort() set, and give back its charge. */
static void
drop_order(struct agg *a)
{
	if (a->order == NULL)
		return;
	if (a->order_map > 0)
		munmap(a->order, a->order_map);
	else
		free(a->order);
	a->order = NULL;
	a->order_map = 0;
	release(a, a->norder * sizeof(*a->order));
	a->norder = 0;
}

/*
 * Find the group for key, creating it if asked.  Returns its index, or
 * (size_t)-1 with *res set if it cannot be created.
 */
static size_t
lookup(struct agg *a, const char *key, size_t keylen, uint64_t h,
    enum agg_add *res)
{
	const uint64_t	 tag = h >> 32;
	struct group	*gr;
	size_t		 j, g;
	uint64_t	 s;
	int		 rc;

	if (a->slots == NULL) {
		while ((a->n + 1) * 2 > a->nslots)
			a->nslots *= 2;
		if ((rc = build_slots(a, a->nslots)) != 0)
			goto fail;
	}
	for (j = h & (a->nslots - 1); (s = a->slots[j]) != 0;
	    j = (j + 1) & (a->nslots - 1)) {
		if (s >> 32 != tag)
			continue;
		g = (size_t)(uint32_t)s - 1;
		gr = group(a, g);
		if (gr->keylen == keylen && same_key(key_of(a, gr), key,
		    keylen))
			return g;
	}

	if (a->n >= a->max_groups || a->n >= UINT32_MAX - 1) {
		*res = AGG_ADD_FULL;
		return (size_t)-1;
	}
	if (a->n == a->cap && (rc = grow_groups(a)) != 0)
		goto fail;
	if ((rc = charge_groups(a, a->n + 1)) != 0)
		goto fail;
	if (keylen > GROUP_INLINE && a->keys_len + keylen > a->keys_cap) {
		size_t	 cap = a->keys_cap ? a->keys_cap : 4096;
		char	*p;

		while (cap < a->keys_len + keylen)
			cap *= 2;
		rc = -2;
		if (charge(a, cap - a->keys_cap) == -1)
			goto fail;
		rc = -1;
		if ((p = realloc(a->keys, cap)) == NULL) {
			release(a, cap - a->keys_cap);
			goto fail;
		}
		a->keys = p;
		a->keys_cap = cap;
	}
	if ((a->n + 1) * 2 > a->nslots) {
		if ((rc = build_slots(a, a->nslots * 2)) != 0)
			goto fail;
		for (j = h & (a->nslots - 1); a->slots[j] != 0;
		    j = (j + 1) & (a->nslots - 1))
			continue;
	}

	g = a->n++;
	a->slots[j] = (tag << 32) | (uint64_t)(g + 1);
	gr = group(a, g);
	memset(gr, 0, a->gsz);
	gr->keylen = (uint32_t)keylen;
	if (keylen <= GROUP_INLINE)
		memcpy(gr->key.inl, key, keylen);
	else {
		gr->key.off = a->keys_len;
		memcpy(a->keys + a->keys_len, key, keylen);
		a->keys_len += keylen;
	}
	drop_order(a);
	return g;
fail:
	*res = rc == -2 ? AGG_ADD_MEMORY : AGG_ADD_NOMEM;
	return (size_t)-1;
}

/*
 * Whether x replaces the extreme cur: x is beyond it (below for a min, dir
 * -1; above for a max, dir 1), or the same number written with more
 * decimals ("0.000" over "0").  The tie rule makes the spelling shown the
 * same whatever order threads fold rows in, as the number already is.
 */
static inline int
beyond(const struct dec *x, const struct dec *cur, int dir)
{
	int	 c;

	if (x->scale == cur->scale)
		return dir < 0 ? x->v < cur->v : x->v > cur->v;
	c = dec_cmp(x, cur);
	return c == dir || (c == 0 && x->scale > cur->scale);
}

/*
 * Fold a partial accumulator src into acc, whose column keeps parts.
 * Returns 0, or -1 on overflow with acc unchanged.
 */
static int
fold(struct agg_acc *acc, const struct agg_acc *src, unsigned parts)
{
	struct dec	 sum = acc->sum;

	if ((parts & PART_SUM) && dec_add(&sum, &src->sum) == -1)
		return -1;
	acc->sum = sum;
	if (acc->n == 0 || beyond(&src->min, &acc->min, -1))
		acc->min = src->min;
	if (acc->n == 0 || beyond(&src->max, &acc->max, 1))
		acc->max = src->max;
	acc->n += src->n;
	return 0;
}

/* Check that a fold will succeed before doing any. */
static int
fits(const struct agg_acc *acc, const struct dec *x)
{
	struct dec	 sum = acc->sum;

	return dec_add(&sum, x) == 0;
}

/*
 * Whether x can be added to acc's sum.  Values of one column nearly always
 * share a scale, so that case skips dec_add() and its copies.
 */
static inline int
sum_fits(const struct agg_acc *acc, const struct dec *x)
{
	struct dec	 sum;
	__int128	 r;

	if (acc->sum.scale == x->scale)
		return !__builtin_add_overflow(acc->sum.v, x->v, &r);
	sum = acc->sum;
	return dec_add(&sum, x) == 0;
}

uint64_t
agg_hash(const char *key, size_t keylen)
{
	return hash_bytes(key, keylen);
}

void
agg_prefetch(const struct agg *a, uint64_t h)
{
	if (a->slots != NULL)
		__builtin_prefetch(&a->slots[h & (a->nslots - 1)]);
}

void
agg_slots_at(const struct agg *a, const uint64_t **slots, size_t *mask)
{
	*slots = a->slots;
	*mask = a->slots != NULL ? a->nslots - 1 : 0;
}

/*
 * The slots are looked at as lookup() would, as far as the cache line of
 * the first one goes (the one agg_prefetch() asked for): at a table half
 * full, a third of the keys found sit past their first slot, and asking
 * only there left their records to miss.  A wrong guess (a tag shared by
 * two keys) costs one wasted prefetch.
 */
void
agg_prefetch_group(const struct agg *a, uint64_t h)
{
	const uint64_t	 tag = h >> 32, mask = a->nslots - 1;
	const uint64_t	*sp;
	uint64_t	 s, j;
	const char	*gr;

	if (a->slots == NULL)
		return;
	for (j = h & mask;; j = (j + 1) & mask) {
		sp = &a->slots[j];
		if ((s = *sp) == 0)
			return;
		if (s >> 32 == tag)
			break;
		/* The next slot starts a line not asked for. */
		if (((uintptr_t)(sp + 1) & 63) == 0)
			return;
	}
	gr = (const char *)group(a, (size_t)(uint32_t)s - 1);
	__builtin_prefetch(gr);
	__builtin_prefetch(gr + a->gsz - 1);
}

/*
 * Charge delta bytes of extras, already allocated, to the budget: the
 * sketches grow inside their own files, which know nothing of budgets.
 * Returns 0, or -1 if they do not fit (nothing charged: the run stops).
 */
static int
charge_ext(struct agg *a, size_t delta)
{
	return delta == 0 ? 0 : charge(a, delta);
}

/* Mix a hash's bits once more for the HyperLogLog (murmur3's fmix64). */
static inline uint64_t
fmix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb53fe2a5ad99ULL;
	h ^= h >> 33;
	return h;
}

/*
 * A value's identity for distinct counts, into buf (TALLY_KEY_MAX + 2
 * bytes): a number as 'N', its digits and scale with trailing zeros
 * dropped (so 1.50 and 1.5 are one value), a text as 'T' and its bytes.
 * Returns the length.
 */
static size_t
canon(int type, const struct dec *x, const char *t, size_t tl, char *buf)
{
	struct dec	 d;

	if (type == 1) {
		d = *x;
		while (d.scale > 0 && d.v % 10 == 0) {
			d.v /= 10;
			d.scale--;
		}
		buf[0] = 'N';
		memcpy(buf + 1, &d.v, sizeof(d.v));
		buf[1 + sizeof(d.v)] = (char)d.scale;
		return 2 + sizeof(d.v);
	}
	buf[0] = 'T';
	memcpy(buf + 1, t, tl);
	return tl + 1;
}

/* Whether text a sorts before text b: bytes, then length. */
static int
text_less(const char *a, size_t al, const char *b, size_t bl)
{
	int	 c = memcmp(a, b, al < bl ? al : bl);

	return c != 0 ? c < 0 : al < bl;
}

/* Replace *dst (of *dlen bytes) with a copy of src.  Returns 0 or -1. */
static int
set_text(char **dst, uint32_t *dlen, const char *src, size_t len,
    size_t *bytes)
{
	char	*p;

	if ((p = realloc(*dst, len ? len : 1)) == NULL)
		return -1;
	if (len > *dlen)
		*bytes += len - *dlen;
	memcpy(p, src, len);
	*dst = p;
	*dlen = (uint32_t)len;
	return 0;
}

/*
 * Add one cell (type 1 number x, 2 text t of tl bytes) to a group's
 * extras for a column with needs need.  sq, for a number in a column that
 * needs squares, is the new sum of squares already checked to fit.
 */
static enum agg_add
ext_add(struct agg *a, struct agg_ext **ep, unsigned need, int type,
    const struct dec *x, const char *t, size_t tl, const struct moments *sq)
{
	struct agg_ext	*e = *ep;
	char		 buf[TALLY_KEY_MAX + 2 + 32];
	size_t		 bytes = 0, n;
	uint64_t	 h;
	enum agg_add	 rc = AGG_ADD_OK;

	if (e == NULL) {
		if ((e = slab_alloc(a->slab, ext_size(need))) == NULL)
			return AGG_ADD_NOMEM;
		bytes += ext_size(need);
		*ep = e;
	}
	if (type == 1) {
		if (need & QUERY_NEED_SQ)
			e->sq = *sq;
		if (need & QUERY_NEED_KLL)
			switch (kll_add(&e->kll, x, a->exact_only, a->slab,
			    &bytes)) {
			case KLL_OK:
				break;
			case KLL_INEXACT:
				rc = AGG_ADD_INEXACT;
				goto out;
			default:
				rc = AGG_ADD_NOMEM;
				goto out;
			}
	} else if ((need & QUERY_NEED_EXTREMES) && t != NULL) {
		if (e->tmin == NULL || text_less(t, tl, e->tmin, e->tminlen))
			if (set_text(&e->tmin, &e->tminlen, t, tl,
			    &bytes) == -1) {
				rc = AGG_ADD_NOMEM;
				goto out;
			}
		if (e->tmax == NULL || text_less(e->tmax, e->tmaxlen, t, tl))
			if (set_text(&e->tmax, &e->tmaxlen, t, tl,
			    &bytes) == -1) {
				rc = AGG_ADD_NOMEM;
				goto out;
			}
	}
	if ((need & (QUERY_NEED_DISTINCT | QUERY_NEED_HLL)) &&
	    (type == 1 || t != NULL)) {
		if (tl > TALLY_KEY_MAX)
			tl = TALLY_KEY_MAX;
		n = canon(type, x, t, tl, buf);
		h = hash_bytes(buf, n);
		if ((need & QUERY_NEED_DISTINCT) &&
		    distinct_add(&e->ds, buf, n, h, a->slab, &bytes) == -1) {
			rc = AGG_ADD_NOMEM;
			goto out;
		}
		if ((need & QUERY_NEED_HLL) &&
		    hll_add(&e->hll, fmix(h), a->slab, &bytes) == -1) {
			rc = AGG_ADD_NOMEM;
			goto out;
		}
	}
out:
	if (charge_ext(a, bytes) == -1 && rc == AGG_ADD_OK)
		rc = AGG_ADD_BUDGET;
	return rc;
}

/* agg_add() and agg_add_hashed(), inlined into each. */
static inline __attribute__((always_inline)) enum agg_add
add_row(struct agg *a, const char *key, size_t keylen, uint64_t h,
    const struct dec *vals, const unsigned char *present,
    const char *const *texts, const size_t *tlens, size_t *bad)
{
	enum agg_add	 res = AGG_ADD_OK;
	struct agg_acc	 acc;
	struct agg_ext	**exts = NULL;
	struct moments	 sq[TALLY_AGGS_MAX];
	size_t		 g, v;
	char		*p;
	uint64_t	 w;
	__int128	 sum;

	g = lookup(a, key, keylen, h, &res);
	if (g == (size_t)-1)
		return res;
	if (a->has_ext)
		exts = exts_of(a, g);
	/* Every sum must fit before any accumulator changes. */
	for (v = 0; v < a->nvals; v++) {
		if (present[v] != 1)
			continue;
		if (a->parts[v] & PART_SUM) {
			acc_get(a, g, v, &acc);
			if (!sum_fits(&acc, &vals[v])) {
				*bad = v;
				return AGG_ADD_OVERFLOW;
			}
		}
		if (a->needs[v] & QUERY_NEED_SQ) {
			if (exts[v] != NULL)
				sq[v] = exts[v]->sq;
			else
				memset(&sq[v], 0, sizeof(sq[v]));
			if (moments_add(&sq[v], &vals[v]) == -1) {
				*bad = v;
				return AGG_ADD_OVERFLOW;
			}
		}
	}
	for (v = 0; v < a->nvals; v++) {
		if (present[v] != 1) {
			if (present[v] == 0)
				continue;
			if (a->parts[v] & PART_NTEXT) {
				acc_get(a, g, v, &acc);
				acc.ntext++;
				acc_put(a, g, v, &acc);
			}
			if ((a->needs[v] & NEED_EXT) && (res = ext_add(a,
			    &exts[v], a->needs[v], 2, NULL, texts ? texts[v] :
			    NULL, tlens ? tlens[v] : 0, NULL)) != AGG_ADD_OK) {
				*bad = v;
				return res;
			}
			continue;
		}
		p = a->groups + g * a->gsz + a->coff[v];
		memcpy(&w, p, sizeof(w));
		if (a->parts[v] == PART_SUM && (int)(w >> 56) ==
		    vals[v].scale) {
			/* A sum alone at its scale, the usual case. */
			memcpy(&sum, p + 8, sizeof(sum));
			sum += vals[v].v;
			memcpy(p + 8, &sum, sizeof(sum));
			w++;
			memcpy(p, &w, sizeof(w));
		} else {
			acc_get(a, g, v, &acc);
			if (a->parts[v] & PART_SUM) {
				if (acc.sum.scale == vals[v].scale)
					acc.sum.v += vals[v].v;
				else
					(void)dec_add(&acc.sum, &vals[v]);
			}
			if (acc.n == 0 || beyond(&vals[v], &acc.min, -1))
				acc.min = vals[v];
			if (acc.n == 0 || beyond(&vals[v], &acc.max, 1))
				acc.max = vals[v];
			acc.n++;
			acc_put(a, g, v, &acc);
		}
		if (vals[v].scale > a->scale[v])
			a->scale[v] = vals[v].scale;
		if ((a->needs[v] & (NEED_EXT & ~QUERY_NEED_TEXT)) &&
		    (res = ext_add(a, &exts[v], a->needs[v], 1, &vals[v], NULL,
		    0, &sq[v])) != AGG_ADD_OK) {
			*bad = v;
			return res;
		}
	}
	group(a, g)->rows++;
	a->last = g;
	return AGG_ADD_OK;
}

enum agg_add
agg_add(struct agg *a, const char *key, size_t keylen, const struct dec *vals,
    const unsigned char *present, const char *const *texts,
    const size_t *tlens, size_t *bad)
{
	return add_row(a, key, keylen, hash_bytes(key, keylen), vals, present,
	    texts, tlens, bad);
}

enum agg_add
agg_add_hashed(struct agg *a, const char *key, size_t keylen, uint64_t h,
    const struct dec *vals, const unsigned char *present,
    const char *const *texts, const size_t *tlens, size_t *bad)
{
	return add_row(a, key, keylen, h, vals, present, texts, tlens, bad);
}

size_t
agg_last(const struct agg *a)
{
	return a->last;
}

int
agg_roomy(const struct agg *a, size_t g)
{
	const __int128		 lim = (__int128)1 << 126;
	struct agg_acc		 acc;
	size_t			 v;

	for (v = 0; v < a->nvals; v++) {
		if (!(a->parts[v] & PART_SUM))
			continue;
		acc_get(a, g, v, &acc);
		if (acc.sum.v >= lim || acc.sum.v <= -lim)
			return 0;
	}
	return 1;
}

enum agg_add
agg_fold_small(struct agg *a, size_t g, uint64_t rows,
    const struct agg_small *s, size_t *bad)
{
	struct agg_acc	 acc, src;
	size_t		 v;

	for (v = 0; v < a->nvals; v++) {
		if (s[v].n == 0 || !(a->parts[v] & PART_SUM))
			continue;
		src.sum.v = s[v].sum;
		src.sum.scale = s[v].scale;
		acc_get(a, g, v, &acc);
		if (!fits(&acc, &src.sum)) {
			*bad = v;
			return AGG_ADD_OVERFLOW;
		}
	}
	for (v = 0; v < a->nvals; v++) {
		if (s[v].n == 0)
			continue;
		src.sum.v = s[v].sum;
		src.sum.scale = s[v].scale;
		src.min.v = s[v].min;
		src.min.scale = s[v].scale;
		src.max.v = s[v].max;
		src.max.scale = s[v].scale;
		src.n = s[v].n;
		src.ntext = 0;
		acc_get(a, g, v, &acc);
		(void)fold(&acc, &src, a->parts[v]);
		acc_put(a, g, v, &acc);
		if (s[v].scale > a->scale[v])
			a->scale[v] = s[v].scale;
	}
	group(a, g)->rows += rows;
	return AGG_ADD_OK;
}

/*
 * Fold src's extras for one column into *dp, as far as need asks.  The
 * sum of squares has been checked by the caller (sq is the new one).
 */
static enum agg_add
ext_merge(struct agg *a, struct agg_ext **dp, const struct agg_ext *s,
    unsigned need, const struct moments *sq)
{
	struct agg_ext	*d = *dp;
	size_t		 bytes = 0;
	enum agg_add	 rc = AGG_ADD_OK;

	if (s == NULL || !(need & NEED_EXT))
		return AGG_ADD_OK;
	if (d == NULL) {
		if ((d = slab_alloc(a->slab, ext_size(need))) == NULL)
			return AGG_ADD_NOMEM;
		bytes += ext_size(need);
		*dp = d;
	}
	if (need & QUERY_NEED_SQ)
		d->sq = *sq;
	if ((need & QUERY_NEED_EXTREMES) && s->tmin != NULL) {
		if ((d->tmin == NULL || text_less(s->tmin, s->tminlen, d->tmin,
		    d->tminlen)) && set_text(&d->tmin, &d->tminlen, s->tmin,
		    s->tminlen, &bytes) == -1)
			rc = AGG_ADD_NOMEM;
		if ((d->tmax == NULL || text_less(d->tmax, d->tmaxlen, s->tmax,
		    s->tmaxlen)) && set_text(&d->tmax, &d->tmaxlen, s->tmax,
		    s->tmaxlen, &bytes) == -1)
			rc = AGG_ADD_NOMEM;
	}
	if (rc == AGG_ADD_OK && (need & QUERY_NEED_DISTINCT) &&
	    distinct_merge(&d->ds, s->ds, a->slab, &bytes) == -1)
		rc = AGG_ADD_NOMEM;
	if (rc == AGG_ADD_OK && (need & QUERY_NEED_HLL) &&
	    hll_merge(&d->hll, s->hll, a->slab, &bytes) == -1)
		rc = AGG_ADD_NOMEM;
	if (rc == AGG_ADD_OK && (need & QUERY_NEED_KLL))
		switch (kll_merge(&d->kll, s->kll, a->exact_only, a->slab,
		    &bytes)) {
		case KLL_OK:
			break;
		case KLL_INEXACT:
			rc = AGG_ADD_INEXACT;
			break;
		default:
			rc = AGG_ADD_NOMEM;
			break;
		}
	if (charge_ext(a, bytes) == -1 && rc == AGG_ADD_OK)
		rc = AGG_ADD_BUDGET;
	return rc;
}

/*
 * Fold src's group sg (its accumulators s and extras se, NULL if none) into
 * dst's group g.
 */
static enum agg_add
fold_group(struct agg *dst, size_t g, const struct agg *src, size_t sgi,
    size_t *bad)
{
	const struct group	*sg = group(src, sgi);
	struct agg_ext *const	*se = src->has_ext ? exts_of(src, sgi) : NULL;
	struct agg_acc	 d[TALLY_AGGS_MAX], s[TALLY_AGGS_MAX];
	struct agg_ext	**de = dst->has_ext ? exts_of(dst, g) : NULL;
	struct moments	 sq[TALLY_AGGS_MAX];
	enum agg_add	 rc;
	size_t		 v;

	for (v = 0; v < dst->nvals; v++) {
		acc_get(dst, g, v, &d[v]);
		acc_get(src, sgi, v, &s[v]);
	}
	for (v = 0; v < dst->nvals; v++) {
		if (s[v].n > 0 && (dst->parts[v] & PART_SUM) &&
		    !fits(&d[v], &s[v].sum)) {
			*bad = v;
			return AGG_ADD_OVERFLOW;
		}
		if ((dst->needs[v] & QUERY_NEED_SQ) && se != NULL &&
		    se[v] != NULL) {
			sq[v] = de[v] != NULL ? de[v]->sq : se[v]->sq;
			if (de[v] != NULL && moments_merge(&sq[v],
			    &se[v]->sq) == -1) {
				*bad = v;
				return AGG_ADD_OVERFLOW;
			}
		}
	}
	for (v = 0; v < dst->nvals; v++) {
		if (s[v].n > 0)
			(void)fold(&d[v], &s[v], dst->parts[v]);
		d[v].ntext += s[v].ntext;
		acc_put(dst, g, v, &d[v]);
		if (de != NULL && se != NULL && (rc = ext_merge(dst, &de[v],
		    se[v], dst->needs[v], &sq[v])) != AGG_ADD_OK) {
			*bad = v;
			return rc;
		}
	}
	group(dst, g)->rows += sg->rows;
	return AGG_ADD_OK;
}

enum agg_add
agg_merge(struct agg *dst, const struct agg *src, size_t *bad)
{
	enum agg_add	 res = AGG_ADD_OK;
	uint64_t	 hs[16];
	size_t		 i, g, v;

	for (i = 0; i < src->n; i++) {
		const struct group	*sg = group(src, i);

		uint64_t		 h = i < 16 ? hash_bytes(key_of(src,
					    sg), sg->keylen) : hs[i % 16];

		/* As in the engine: overlap the misses into dst. */
		if (i + 16 < src->n) {
			const struct group	*ag = group(src, i + 16);

			hs[(i + 16) % 16] = hash_bytes(key_of(src, ag),
			    ag->keylen);
			agg_prefetch(dst, hs[(i + 16) % 16]);
		}
		if (i + 8 < src->n)
			agg_prefetch_group(dst, hs[(i + 8) % 16]);
		g = lookup(dst, key_of(src, sg), sg->keylen, h, &res);
		if (g == (size_t)-1)
			return res;
		if ((res = fold_group(dst, g, src, i, bad)) != AGG_ADD_OK)
			return res;
	}
	for (v = 0; v < dst->nvals; v++)
		if (src->scale[v] > dst->scale[v])
			dst->scale[v] = src->scale[v];
	return AGG_ADD_OK;
}

static void	drop_slots(struct agg *);

/*
 * Keep the sources' slot arrays, which agg_gather() would otherwise free,
 * as dst's scratch for agg_sort(): mapped ones (SLOTS_HUGE and more) are
 * moved side by side into one range, pages already touched, where a key
 * sort writes its sort keys (16 bytes a group, and slots are at least 16
 * bytes a group at most half full) instead of into fresh memory.  If any
 * source's slots are not mapped, or the move fails, they are freed as
 * before.
 */
static void
adopt_slots(struct agg *dst, struct agg *const *src, size_t nsrc)
{
	size_t		 s, len = 0, at = 0, b;
	char		*r;

	for (s = 0; s < nsrc; s++) {
		if (src[s]->n == 0)
			continue;
		b = src[s]->nslots * sizeof(uint64_t);
		if (src[s]->slots == NULL || b < SLOTS_HUGE)
			return;
		len += b;
	}
	if (len == 0 || dst->scratch != NULL || charge(dst, len) == -1)
		return;
	if ((r = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0)) == MAP_FAILED) {
		release(dst, len);
		return;
	}
	for (s = 0; s < nsrc; s++) {
		if (src[s]->n == 0 || src[s]->slots == NULL)
			continue;
		b = src[s]->nslots * sizeof(uint64_t);
		if (mremap(src[s]->slots, b, b, MREMAP_MAYMOVE | MREMAP_FIXED,
		    r + at) == MAP_FAILED)
			continue;	/* that part of r stays untouched */
		/* Gone from src: its charge is now dst's. */
		src[s]->slots = NULL;
		release(src[s], b);
		at += b;
	}
	dst->scratch = r;
	dst->scratch_len = len;
}

/* The smallest common multiple of a and b (both > 0). */
static size_t
lcm(size_t a, size_t b)
{
	size_t	 x = a, y = b, t;

	while (y != 0) {
		t = x % y;
		x = y;
		y = t;
	}
	return a / x * b;
}

enum agg_add
agg_gather(struct agg *dst, struct agg *const *src, size_t nsrc)
{
	const size_t	 page = 4096;
	size_t		 need = 0, keys = 0, unit, len, i, s, v, kc, at, tail;
	size_t		 moved[AGG_GATHER_MAX], gone[AGG_GATHER_MAX], kbase, n;
	struct group	*gr;
	char		*base;
	void		*p;

	if (dst->n != 0 || dst->groups != NULL || dst->keys != NULL ||
	    nsrc > AGG_GATHER_MAX)
		return AGG_ADD_NOMEM;
	for (s = 0; s < nsrc; s++) {
		if (src[s]->gsz != dst->gsz || src[s]->nvals != dst->nvals ||
		    src[s]->has_ext != dst->has_ext)
			return AGG_ADD_NOMEM;
		need += src[s]->n;
		keys += src[s]->keys_len;
	}
	if (need == 0)
		return AGG_ADD_OK;
	if (need > dst->max_groups || need >= UINT32_MAX - 1)
		return AGG_ADD_FULL;

	/*
	 * The records' charge moves from the sources to dst: nothing new is
	 * held but the last page or so of each source.
	 */
	for (s = 0; s < nsrc; s++) {
		release(src[s], src[s]->groups_charged);
		src[s]->groups_charged = 0;
	}
	if (charge_groups(dst, need) != 0)
		return AGG_ADD_MEMORY;
	if (keys > 0) {
		for (kc = 4096; kc < keys; kc *= 2)
			continue;
		if (charge(dst, kc) == -1)
			return AGG_ADD_MEMORY;
		if ((dst->keys = malloc(kc)) == NULL) {
			release(dst, kc);
			return AGG_ADD_NOMEM;
		}
		dst->keys_cap = kc;
	}
	len = (need * dst->gsz + page - 1) & ~(page - 1);
	if ((p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0)) == MAP_FAILED)
		return AGG_ADD_NOMEM;
	dst->groups = p;
	dst->groups_map = len;
	dst->cap = len / dst->gsz;

	/*
	 * Each source's records in whole units (pages that also end on a
	 * record) are moved into place by the kernel, which moves page table
	 * entries rather than bytes, and touches no fresh page: they go first,
	 * one source after another.  The few records past a source's last
	 * unit are copied after all of them.  Record order does not matter:
	 * nothing refers to a group by its index across this call.
	 */
	unit = lcm(dst->gsz, page);
	at = 0;
	for (s = 0; s < nsrc; s++) {
		moved[s] = src[s]->n * dst->gsz / unit * unit;
		gone[s] = 0;
		if (moved[s] == 0)
			continue;
		if (mremap(src[s]->groups, moved[s], moved[s], MREMAP_MAYMOVE |
		    MREMAP_FIXED, dst->groups + at) != MAP_FAILED)
			gone[s] = moved[s];
		else
			memcpy(dst->groups + at, src[s]->groups, moved[s]);
		at += moved[s];
	}
	tail = at;
	for (s = 0; s < nsrc; s++) {
		n = src[s]->n * dst->gsz - moved[s];
		if (n > 0)
			memcpy(dst->groups + at, src[s]->groups + moved[s], n);
		at += n;
		/* What the kernel did not move is unmapped here. */
		if (src[s]->groups != NULL && src[s]->groups_map > gone[s])
			munmap(src[s]->groups + gone[s], src[s]->groups_map -
			    gone[s]);
		src[s]->groups = NULL;
		src[s]->groups_map = 0;
		src[s]->cap = 0;
	}

	/* The key bytes, and the offsets of the keys that live there. */
	for (s = 0, kbase = 0, at = 0; s < nsrc; s++) {
		n = src[s]->n;
		if (src[s]->keys_len > 0) {
			memcpy(dst->keys + kbase, src[s]->keys,
			    src[s]->keys_len);
			for (i = 0; i < n; i++) {
				base = i * dst->gsz < moved[s] ?
				    dst->groups + at : dst->groups + tail -
				    moved[s];
				gr = (struct group *)(void *)(base +
				    i * dst->gsz);
				if (gr->keylen > GROUP_INLINE)
					gr->key.off += kbase;
			}
		}
		kbase += src[s]->keys_len;
		at += moved[s];
		tail += n * dst->gsz - moved[s];
	}
	dst->keys_len = keys;
	dst->n = need;
	adopt_slots(dst, src, nsrc);

	for (s = 0; s < nsrc; s++) {
		for (v = 0; v < dst->nvals; v++)
			if (src[s]->scale[v] > dst->scale[v])
				dst->scale[v] = src[s]->scale[v];
		/* The sketches moved with their records: so do their blocks. */
		slab_adopt(dst->slab, src[s]->slab);
		src[s]->slab = slab_new();
		src[s]->n = 0;
		src[s]->keys_len = 0;
		drop_order(src[s]);
		drop_slots(src[s]);
	}
	drop_order(dst);
	drop_slots(dst);
	return AGG_ADD_OK;
}

enum agg_add
agg_fold(struct agg *dst, const char *key, size_t keylen,
    const struct agg *src, size_t i, size_t *bad)
{
	enum agg_add		 res = AGG_ADD_OK;
	size_t			 g, v, at;

	at = src->order != NULL ? src->order[i] : i;
	g = lookup(dst, key, keylen, hash_bytes(key, keylen), &res);
	if (g == (size_t)-1)
		return res;
	for (v = 0; v < dst->nvals; v++)
		if (src->scale[v] > dst->scale[v])
			dst->scale[v] = src->scale[v];
	return fold_group(dst, g, src, at, bad);
}

enum agg_add
agg_touch(struct agg *dst, const char *key, size_t keylen)
{
	enum agg_add	 res = AGG_ADD_OK;

	return lookup(dst, key, keylen, hash_bytes(key, keylen), &res) ==
	    (size_t)-1 ? res : AGG_ADD_OK;
}

unsigned
agg_needs(const struct agg *a, size_t v)
{
	return v < a->nvals ? a->needs[v] : 0;
}

struct agg_ext *
agg_ext(const struct agg *a, size_t i, size_t v)
{
	size_t	 at = a->order != NULL ? a->order[i] : i;

	if (!a->has_ext || v >= a->nvals)
		return NULL;
	return exts_of(a, at)[v];
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
	const struct group	*gr = group(a, at(a, i));

	/*
	 * Groups are read in order, and in sorted order each is a cache miss
	 * of its own: ask for the ones a few places on.
	 */
	if (a->order != NULL && i + 8 < a->n)
		__builtin_prefetch(group(a, a->order[i + 8]));

	*keylen = gr->keylen;
	return key_of(a, gr);
}

uint64_t
agg_rows(const struct agg *a, size_t i)
{
	return group(a, at(a, i))->rows;
}

void
agg_acc(const struct agg *a, size_t i, size_t v, struct agg_acc *out)
{
	acc_get(a, at(a, i), v, out);
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
	size_t			 i = *(const uint32_t *)x,
				 j = *(const uint32_t *)y;
	const struct group	*gi = group(c->a, i), *gj = group(c->a, j);

	return keycmp(key_of(c->a, gi), gi->keylen, key_of(c->a, gj),
	    gj->keylen);
}

/*
 * A group's place in key order, as far as the first 12 bytes of its first
 * cell tell it: those bytes read big-endian, zero-padded.  Where two of
 * these differ, keycmp() would order the keys the same way; where they are
 * equal it must be asked.  Sorting these rather than indices keeps the
 * comparisons in one array instead of a cache miss into each record, and
 * at 16 bytes one of these costs twice an index.  (Groups fit 32 bits.)
 */
struct sortkey {
	uint64_t	 hi;
	uint32_t	 lo;
	uint32_t	 g;
};

static inline uint64_t
load_be64(const unsigned char *p)
{
	return (uint64_t)p[0] << 56 | (uint64_t)p[1] << 48 |
	    (uint64_t)p[2] << 40 | (uint64_t)p[3] << 32 |
	    (uint64_t)p[4] << 24 | (uint64_t)p[5] << 16 |
	    (uint64_t)p[6] << 8 | (uint64_t)p[7];
}

static void
sortkey_of(const struct agg *a, size_t g, struct sortkey *k)
{
	const struct group	*gr = group(a, g);
	const char		*cell;
	unsigned char		 buf[12];
	size_t			 pos = 0, len;

	memset(buf, 0, sizeof(buf));
	if ((cell = agg_key_cell(key_of(a, gr), gr->keylen, &pos,
	    &len)) != NULL)
		memcpy(buf, cell, len < sizeof(buf) ? len : sizeof(buf));
	k->hi = load_be64(buf);
	k->lo = (uint32_t)buf[8] << 24 | (uint32_t)buf[9] << 16 |
	    (uint32_t)buf[10] << 8 | (uint32_t)buf[11];
	k->g = (uint32_t)g;
}

static int
cmp_sortkey(const void *x, const void *y, void *arg)
{
	const struct sortkey	*kx = x, *ky = y;
	uint32_t		 i = kx->g, j = ky->g;

	if (kx->hi != ky->hi)
		return kx->hi < ky->hi ? -1 : 1;
	if (kx->lo != ky->lo)
		return kx->lo < ky->lo ? -1 : 1;
	/* A partition meets its pivot's own copy: no need to read keys. */
	if (i == j)
		return 0;
	return cmp_key(&i, &j, arg);
}

static int
cmp_value(const void *x, const void *y, void *arg)
{
	const struct sortctx	*c = arg;
	size_t			 i = *(const uint32_t *)x,
				 j = *(const uint32_t *)y;
	int			 r;

	if (c->has[i] != c->has[j])
		return c->has[i] ? -1 : 1;
	if (c->has[i] && (r = dec_cmp(&c->vals[j], &c->vals[i])) != 0)
		return r;
	return cmp_key(x, y, arg);
}

static inline void
sk_swap(struct sortkey *x, struct sortkey *y)
{
	struct sortkey	 t = *x;

	*x = *y;
	*y = t;
}

/* Sift k[i] down the max-heap k[0..n). */
static void
sk_sift(struct sortkey *k, size_t i, size_t n, void *c)
{
	size_t	 j;

	while ((j = 2 * i + 1) < n) {
		if (j + 1 < n && cmp_sortkey(&k[j], &k[j + 1], c) < 0)
			j++;
		if (cmp_sortkey(&k[i], &k[j], c) >= 0)
			return;
		sk_swap(&k[i], &k[j]);
		i = j;
	}
}

/*
 * Sort n sort keys in place: quicksort on the median of three, insertion
 * sort for short runs, heapsort past a depth bound (introsort).  glibc's
 * qsort_r() would allocate a copy of the whole array to merge into, which
 * with a million groups is 16 MB more at the run's peak.
 */
static void
sk_sort(struct sortkey *k, size_t n, void *c, int depth)
{
	size_t		 i, j, m;
	struct sortkey	 pv;

	while (n > 16) {
		if (depth-- == 0) {
			for (i = n / 2; i-- > 0;)
				sk_sift(k, i, n, c);
			for (i = n - 1; i > 0; i--) {
				sk_swap(&k[0], &k[i]);
				sk_sift(k, 0, i, c);
			}
			return;
		}
		m = n / 2;
		if (cmp_sortkey(&k[m], &k[0], c) < 0)
			sk_swap(&k[m], &k[0]);
		if (cmp_sortkey(&k[n - 1], &k[m], c) < 0) {
			sk_swap(&k[n - 1], &k[m]);
			if (cmp_sortkey(&k[m], &k[0], c) < 0)
				sk_swap(&k[m], &k[0]);
		}
		pv = k[m];
		i = 0;
		j = n - 1;
		for (;;) {
			while (cmp_sortkey(&k[i], &pv, c) < 0)
				i++;
			while (cmp_sortkey(&pv, &k[j], c) < 0)
				j--;
			if (i >= j)
				break;
			sk_swap(&k[i], &k[j]);
			i++;
			j--;
		}
		/* [0, j] <= pivot <= [j + 1, n): recurse on the smaller. */
		if (j + 1 < n - j - 1) {
			sk_sort(k, j + 1, c, depth);
			k += j + 1;
			n -= j + 1;
		} else {
			sk_sort(k + j + 1, n - j - 1, c, depth);
			n = j + 1;
		}
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && cmp_sortkey(&k[j], &k[j - 1], c) < 0; j--)
			sk_swap(&k[j], &k[j - 1]);
}

/* Quicksort's depth bound for n keys. */
static int
sk_depth(size_t n)
{
	int	 depth = 0;

	for (; n > 1; n >>= 1)
		depth += 2;
	return depth;
}

/*
 * Sort keys go first into buckets by their top SORT_BITS bits, in place
 * (American flag sort), then each bucket is sorted on its own: a bucket is
 * small enough to stay in a core's cache, and the buckets split evenly
 * between two threads.  Below SORT_RADIX_MIN keys, introsort alone.
 */
#define SORT_BITS	8
#define SORT_BUCKETS	((size_t)1 << SORT_BITS)
#define SORT_RADIX_MIN	65536
/* Buckets past this many keys are split on their next byte in turn. */
#define SORT_MSD_MIN	64

/* Byte i (0-11) of a sort key's 12 bytes, as sortkey_of() read them. */
static inline unsigned
sk_byte(const struct sortkey *k, unsigned i)
{
	return i < 8 ? (unsigned)(k->hi >> (56 - 8 * i)) & 0xff :
	    (unsigned)(k->lo >> (88 - 8 * i)) & 0xff;
}

/*
 * Sort n keys that agree in their first `byte` bytes: split them on that
 * byte in place (American flag sort) and each part on the next, while a
 * part holds more than SORT_MSD_MIN keys and bytes remain; then introsort.
 * Text keys are mostly letters, so a byte splits a bucket some 26 ways: a
 * million keys are ordered in three passes over cache-sized buckets rather
 * than by quicksort's twenty levels of mispredicted branches.
 */
static void
sk_msd(struct sortkey *k, size_t n, unsigned byte, void *c)
{
	uint32_t	 start[257], next[256];
	struct sortkey	 x, t;
	size_t		 b, d, i;
	uint32_t	 sum = 0;

	if (n <= SORT_MSD_MIN || byte >= 12) {
		if (n > 1)
			sk_sort(k, n, c, sk_depth(n));
		return;
	}
	memset(next, 0, sizeof(next));
	for (i = 0; i < n; i++)
		next[sk_byte(&k[i], byte)]++;
	for (b = 0; b < 256; b++) {
		start[b] = sum;
		sum += next[b];
		next[b] = start[b];
	}
	start[256] = sum;
	for (b = 0; b < 256; b++)
		while (next[b] < start[b + 1]) {
			x = k[next[b]];
			while ((d = sk_byte(&x, byte)) != b) {
				t = k[next[d]];
				k[next[d]++] = x;
				x = t;
			}
			k[next[b]++] = x;
		}
	for (b = 0; b < 256; b++)
		if (start[b + 1] - start[b] > 1)
			sk_msd(k + start[b], start[b + 1] - start[b], byte + 1,
			    c);
}

/* Buckets [from, to) of sk_radix()'s, to sort on a thread. */
struct sk_part {
	struct sortkey		*k;
	const uint32_t		*start;	/* SORT_BUCKETS + 1 bounds */
	size_t			 from, to;
	void			*c;
};

static void *
sk_part_main(void *arg)
{
	const struct sk_part	*p = arg;
	size_t			 b, m;

	for (b = p->from; b < p->to; b++)
		if ((m = p->start[b + 1] - p->start[b]) > 1)
			sk_msd(p->k + p->start[b], m, SORT_BITS / 8, p->c);
	return NULL;
}

static inline size_t
sk_bucket(const struct sortkey *k)
{
	return (size_t)(k->hi >> (64 - SORT_BITS));
}

/*
 * Sort n keys with start (SORT_BUCKETS + 1 entries) and next (SORT_BUCKETS)
 * as scratch, on two threads if threads > 1 (on one if a thread cannot be
 * made).
 */
static void
sk_radix(struct sortkey *k, size_t n, void *c, uint32_t *start,
    uint32_t *next, unsigned threads)
{
	struct sk_part	 part[2];
	struct sortkey	 x, t;
	pthread_t	 tid;
	size_t		 b, d, half, i;
	uint32_t	 sum = 0;
	int		 started = 0;

	memset(next, 0, SORT_BUCKETS * sizeof(*next));
	for (i = 0; i < n; i++)
		next[sk_bucket(&k[i])]++;
	for (b = 0; b < SORT_BUCKETS; b++) {
		start[b] = sum;
		sum += next[b];
		next[b] = start[b];
	}
	start[SORT_BUCKETS] = sum;
	for (b = 0; b < SORT_BUCKETS; b++)
		while (next[b] < start[b + 1]) {
			x = k[next[b]];
			while ((d = sk_bucket(&x)) != b) {
				t = k[next[d]];
				k[next[d]++] = x;
				x = t;
			}
			k[next[b]++] = x;
		}

	/* The first bucket that starts past half the keys splits the work. */
	for (half = 0; half < SORT_BUCKETS && start[half] < n / 2; half++)
		continue;
	part[0] = (struct sk_part){ k, start, 0, half, c };
	part[1] = (struct sk_part){ k, start, half, SORT_BUCKETS, c };
	if (threads > 1 && pthread_create(&tid, NULL, sk_part_main,
	    &part[1]) == 0)
		started = 1;
	sk_part_main(&part[0]);
	if (started)
		pthread_join(tid, NULL);
	else
		sk_part_main(&part[1]);
}

/* Forget the slots (lookup() makes them again), and give back their charge. */
static void
drop_slots(struct agg *a)
{
	if (a->slots == NULL)
		return;
	slots_free(a->slots, a->nslots);
	a->slots = NULL;
	release(a, a->nslots * sizeof(*a->slots));
}

int
agg_sort(struct agg *a, enum agg_order order, agg_value_fn fn, void *arg,
    unsigned threads)
{
	struct sortctx	 c = { a, NULL, NULL };
	struct sortkey	*sk = NULL;
	uint32_t	*ord = NULL, *start = NULL, *next = NULL;
	size_t		 i, n = a->n ? a->n : 1, scratch = 0, keep;
	int		 rc = -1, radix, mapped = 0;

	/*
	 * The scratch arrays and the new order count against the budget.
	 * Sorting is the end of adding: the slots go first, to keep the peak
	 * down (a later add makes them again).
	 */
	drop_order(a);
	drop_slots(a);
	if (order == AGG_ORDER_VALUE) {
		/* Kept for a key sort: this one does not use it. */
		if (a->scratch != NULL) {
			munmap(a->scratch, a->scratch_len);
			release(a, a->scratch_len);
			a->scratch = NULL;
			a->scratch_len = 0;
		}
		scratch = n * (sizeof(*ord) + sizeof(*c.vals) + 1);
		if (charge(a, scratch) == -1) {
			scratch = 0;
			goto out;
		}
		if ((ord = malloc(n * sizeof(*ord))) == NULL ||
		    (c.vals = malloc(n * sizeof(*c.vals))) == NULL ||
		    (c.has = malloc(n)) == NULL)
			goto out;
		for (i = 0; i < a->n; i++)
			ord[i] = i;
		for (i = 0; i < a->n; i++)
			c.has[i] = fn(a, i, arg, &c.vals[i]) == 0;
		qsort_r(ord, a->n, sizeof(*ord), cmp_value, &c);
		/* ord's share of the charge becomes the order's. */
		scratch -= n * sizeof(*ord);
	} else {
		/*
		 * The sort keys, and for many of them the radix pass's bounds;
		 * the index array they yield is written over the sort keys.
		 */
		radix = a->n >= SORT_RADIX_MIN;
		mapped = a->scratch != NULL && a->scratch_len >= n *
		    sizeof(*sk);
		scratch = (mapped ? 0 : n * sizeof(*sk)) + (radix ?
		    (2 * SORT_BUCKETS + 1) * sizeof(*start) : 0);
		if (charge(a, scratch) == -1) {
			scratch = 0;
			goto out;
		}
		if (mapped)
			sk = (struct sortkey *)(void *)a->scratch;
		else if ((sk = malloc(n * sizeof(*sk))) == NULL)
			goto out;
		if (radix && ((start = malloc((SORT_BUCKETS + 1) *
		    sizeof(*start))) == NULL || (next = malloc(SORT_BUCKETS *
		    sizeof(*next))) == NULL))
			goto out;
		for (i = 0; i < a->n; i++)
			sortkey_of(a, i, &sk[i]);
		if (radix)
			sk_radix(sk, a->n, &c, start, next, threads);
		else
			sk_sort(sk, a->n, &c, sk_depth(a->n));
		/* Index i lands on bytes the sort keys before it held. */
		for (i = 0; i < a->n; i++) {
			uint32_t	 g = sk[i].g;

			memcpy((char *)sk + i * sizeof(g), &g, sizeof(g));
		}
		if (mapped) {
			/*
			 * The order keeps the scratch's first pages and
			 * their charge; the rest goes.
			 */
			keep = (n * sizeof(*ord) + 4095) & ~(size_t)4095;
			if (keep < a->scratch_len)
				munmap(a->scratch + keep, a->scratch_len - keep);
			else
				keep = a->scratch_len;
			release(a, a->scratch_len - n * sizeof(*ord));
			a->scratch = NULL;
			a->scratch_len = 0;
			a->order_map = keep;
			ord = (uint32_t *)(void *)sk;
		} else {
			if ((ord = realloc(sk, n * sizeof(*ord))) == NULL)
				ord = (uint32_t *)(void *)sk;
			scratch -= n * sizeof(*ord);
		}
		sk = NULL;
	}
	a->order = ord;
	a->norder = n;
	ord = NULL;
	rc = 0;
out:
	free(ord);
	if (!mapped)
		free(sk);
	free(start);
	free(next);
	free(c.vals);
	free(c.has);
	release(a, scratch);
	return rc;
}
