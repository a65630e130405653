/*
 * Value frequencies (see freq.h).  The exact form is an open-addressing
 * table of (hash, count) slots, linear probing from a home that is the
 * first slot of a cache line (freq_home()), kept at most half full until
 * it has its full size (then at most 4/5), so that a lookup costs one
 * line read at once (freq_probe_hit()), beside a parallel array of
 * 4-byte entry numbers
 * and a dense array of entries (where the text is in an arena, the
 * caller's note), in the order they came (touched only when a value is
 * new).  A table that grows rehashes only its slots: its entries stay
 * where they are, their array grows in place, and only the entries in
 * use occupy memory (a slot's 48-byte entry beside it would touch every
 * page of a sparse array, and anew at each doubling).  Callers that
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
 *
 * Before a cell's value takes a counter it must pass a filter (as in Yang
 * et al.'s Cold Filter, SIGMOD 2018): a bit array of SEEN_BITS bits, one
 * per value by its hash, that takes a value's first cell of a span of
 * SEEN_SPAN such first cells without counting it; a cell whose bit is set
 * (its value's second cell, or another value's with the same bit) opens a
 * counter, and at the end of a span the bits are cleared.  So a value
 * loses at most one cell a span, and the error is the offset plus the
 * spans that took cells (freq_error()): as each span took SEEN_SPAN cells
 * that no counter holds, more than FREQ_COUNTERS / 2, it stays below the
 * 2n / FREQ_COUNTERS that the purges alone could cost.  Every counter's
 * value has its bit set (a new counter sets it, the end of a span sets
 * them all again), so a cell whose bit is clear has no counter: in a
 * column of many values nearly every cell is such a first one, and costs
 * one bit, where a counter would cost a purge every FREQ_COUNTERS new
 * values.  Merges count their weights without the filter.
 *
 * A counter that a cell opens while the offset is above 0 takes no text:
 * in a column of many values most counters are purged at 1 and never
 * shown (a counter is listed only above the offset), so the text waits
 * for the value's next cell, which then shows it.  A counter without text
 * therefore never counts more than the offset (a purge takes as much from
 * both, a merge adds both), and freq_top() never lists one.
 *
 * The HLL's registers only grow, so their minimum, taken at the end of
 * each span of the filter, stays below all of them: a cell's hash whose
 * rank is not above it would raise none, and its register is not read
 * (hll_reg_add_over()).  In a column of many values that is nearly every
 * cell, which then touches one word of the filter and no register.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "freq.h"
#include "hll.h"
#include "utf8.h"

#define fslot	freq_slot

/* A sketch's counter whose text waits for its value's next cell. */
#define NO_TEXT		UINT32_MAX

/* The filter before the counters: bits (8 KiB), and first cells a span. */
#define SEEN_BITS	(1u << 16)
#define SEEN_SPAN	(SEEN_BITS / 8)

/* What a slot's value is, in its table's ent[]: touched when it is new. */
struct fent {
	uint64_t	 vh;		/* the value's hash (= h in a sketch) */
	uint32_t	 off;		/* its text in the arena, or NO_TEXT */
	uint32_t	 seq;		/* order of first sight */
	uint16_t	 len;
	uint8_t		 cut;
	uint64_t	 note[FREQ_NOTE / 8];	/* the caller's */
};

/* An open-addressing table of counters with their texts. */
struct ftab {
	struct fslot	*slot;
	uint32_t	*idx;		/* per slot: its entry in ent[] */
	struct fent	*ent;		/* in the order they came */
	size_t		 cap;		/* a power of two */
	size_t		 n;		/* taken slots */
	size_t		 used;		/* entries in ent[] (a fold leaves some
					   that no slot has) */
	size_t		 ecap;		/* room in ent[] */
	uint32_t	 seq;		/* the next entry's */
	int		 mixed;		/* some entry has vh != h */
	char		*arena;
	size_t		 alen, acap;
	/*
	 * A sketch's: the filter's bits of its counters' values (counters
	 * only come, until the table is cleared or rebuilt into another), so
	 * that the end of a span copies them (seen_clear()).
	 */
	uint64_t	*cbits;
};

struct freq {
	struct freq_probe probe;	/* of t while exact */
	size_t		 bound;
	int		 sketch;
	uint8_t		 regmin;	/* no register of regs is below it */
	struct ftab	 t;		/* exact, or the sketch's counters */
	struct ftab	 spare;		/* the last purge's table, for the next */
	int64_t		*med;		/* FREQ_COUNTERS counts, for a purge */
	struct hll	*hll;
	uint8_t		*regs;		/* hll's once dense (hll_registers()) */
	int64_t		 offset;	/* the purges' part of the error */
	uint64_t	*seen;		/* the filter: SEEN_BITS bits */
	uint32_t	 nseen;		/* first cells it took this span */
	int64_t		 spans;		/* past spans: the rest of it */
};

static void	 seen_mark_all(struct freq *);

/* The filter's word of a value vh, and its bit in it. */
static inline size_t
seen_index(uint64_t vh)
{
	return (vh >> 24) & (SEEN_BITS / 64 - 1);
}

static inline uint64_t
seen_bit(uint64_t vh)
{
	return (uint64_t)1 << (vh >> 18 & 63);
}

/* A new counter of vh in t: its bit, if t is a sketch's. */
static inline void
tab_mark(struct ftab *t, uint64_t vh)
{
	if (t->cbits != NULL)
		t->cbits[seen_index(vh)] |= seen_bit(vh);
}

static uint64_t
fix(uint64_t h)
{
	return h == 0 ? 1 : h;
}

static size_t
home(uint64_t h, size_t cap)
{
	return freq_home(h, cap - 1);
}

/* A sketch's probe: one empty line, where no lookup finds anything. */
static struct fslot no_slot[FREQ_LINE] __attribute__((aligned(64)));

/* Point the probe at the exact table as it is now. */
static void
reprobe(struct freq *f)
{
	f->probe.slot = f->sketch ? no_slot : f->t.slot;
	f->probe.mask = f->sketch ? 0 : f->t.cap - 1;
}

/*
 * Empty t, keeping its memory.  (Every slot that is empty has a count of
 * 0, as tab_rebuild() relies on.)
 */
static void
tab_clear(struct ftab *t)
{
	memset(t->slot, 0, t->cap * sizeof(*t->slot));
	if (t->cbits != NULL)
		memset(t->cbits, 0, SEEN_BITS / 8);
	t->n = t->used = t->alen = 0;
	t->mixed = 0;
}

struct freq_probe *
freq_probe(struct freq *f)
{
	return &f->probe;
}

static void
tab_free(struct ftab *t)
{
	free(t->slot);		/* and idx, in its block */
	free(t->ent);
	free(t->arena);
	free(t->cbits);
	memset(t, 0, sizeof(*t));
}

/*
 * Slots of a big table sit in 2 MiB pages where the kernel gives them
 * (transparent huge pages on request): a lookup is then one cache miss
 * and rarely a TLB miss too.  (Without them the 10M-row profile took
 * about 10% more user time.)  But a huge page costs its whole 2 MiB at
 * the first write, and on a virtual machine that may mean the host
 * giving back memory it reclaimed: 10 to 40 ms a page then (0.2 ms
 * when not), where 4 KiB pages cost 2 to 6 ms the 2 MiB.  So slots that
 * are read once and dropped (a fold's) are asked for no huge page.
 */
#define HUGE_PAGE	((size_t)2 * 1024 * 1024)

/*
 * cap empty slots and, after them in one block, their entry numbers (set
 * when a slot is taken), on huge pages if huge and big enough.  The
 * slots are zeroed by a write, never calloc():
 * a page that glibc took fresh from the kernel would be left for the
 * first probe to read, mapping the shared zero page, and the first put
 * there would fault again to replace it, flushing the TLBs of the run's
 * other threads (an interrupt to each).
 */
static struct fslot *
slots_new(size_t cap, int huge)
{
	size_t	 n = cap * (sizeof(struct fslot) + sizeof(uint32_t));
	void	*p;

	if (n < HUGE_PAGE || !huge) {
		/* On a cache line, as freq_probe_hit() reads them. */
		if (posix_memalign(&p, 64, n) != 0)
			return NULL;
	} else {
		if (posix_memalign(&p, HUGE_PAGE, n) != 0)
			return NULL;
#ifdef MADV_HUGEPAGE
		(void)madvise(p, n, MADV_HUGEPAGE);
#endif
	}
	memset(p, 0, cap * sizeof(struct fslot));
	return p;
}

/*
 * A table's entries, first room: a table holds at most half its slots
 * until it has its full size (full_size()), a sketch's at most
 * FREQ_COUNTERS of 2 * FREQ_COUNTERS.
 */
static int
tab_init(struct ftab *t, size_t cap)
{
	memset(t, 0, sizeof(*t));
	t->cap = cap;
	t->ecap = cap / 2;
	if ((t->slot = slots_new(cap, 1)) == NULL ||
	    (t->ent = malloc(t->ecap * sizeof(*t->ent))) == NULL) {
		tab_free(t);
		return -1;
	}
	t->idx = (uint32_t *)(void *)(t->slot + cap);
	return 0;
}

/* The entry of slot j, which is taken. */
static inline struct fent *
ent_of(const struct ftab *t, size_t j)
{
	return &t->ent[t->idx[j]];
}

/*
 * A new entry at the end of t's for slot j (which the caller then takes,
 * counting it in t->n), or NULL (memory).  The array grows by realloc():
 * glibc moves a big block by remapping its pages, not by copying them.
 */
static inline struct fent *
ent_new(struct ftab *t, size_t j)
{
	struct fent	*e;
	size_t		 nc;

	if (t->used == t->ecap) {
		nc = t->ecap < 16 ? 16 : t->ecap * 2;
		if ((e = realloc(t->ent, nc * sizeof(*e))) == NULL)
			return NULL;
		t->ent = e;
		t->ecap = nc;
	}
	t->idx[j] = (uint32_t)t->used;
	return &t->ent[t->used++];
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

/* Make room in t's arena for len more bytes.  0 or -1 (memory). */
static int
arena_grow(struct ftab *t, size_t len)
{
	size_t	 nc = t->acap ? t->acap * 2 : 1024;
	char	*a;

	while (nc < t->alen + len)
		nc *= 2;
	if ((a = realloc(t->arena, nc)) == NULL)
		return -1;
	t->arena = a;
	t->acap = nc;
	return 0;
}

/*
 * Copy len bytes from s to d, reading and writing no byte outside them:
 * a short text (most are) in two overlapping words instead of a call.
 */
static inline void
copy_text(char *d, const char *s, size_t len)
{
	uint64_t	 a, b;
	uint32_t	 x, y;

	if (len > 16)
		memcpy(d, s, len);
	else if (len >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + len - 8, &b, 8);
	} else if (len >= 4) {
		memcpy(&x, s, 4);
		memcpy(&y, s + len - 4, 4);
		memcpy(d, &x, 4);
		memcpy(d + len - 4, &y, 4);
	} else if (len > 0) {
		d[0] = s[0];
		d[len / 2] = s[len / 2];
		d[len - 1] = s[len - 1];
	}
}

/* Copy len bytes of text into t's arena; its offset into *off. */
static inline int
arena_put(struct ftab *t, const char *text, size_t len, uint32_t *off)
{
	if (t->alen + len > t->acap && arena_grow(t, len) == -1)
		return -1;
	copy_text(t->arena + t->alen, text, len);
	*off = (uint32_t)t->alen;
	t->alen += len;
	return 0;
}

/* The text of entry e: NULL if it has none (then it is not read). */
static inline const char *
ent_text(const struct ftab *t, const struct fent *e)
{
	return e->off == NO_TEXT ? NULL : t->arena + e->off;
}

/*
 * Put a new counter into empty slot j of t, copying its text: e says the
 * rest (its value hash, order and note), or NULL for a fresh entry of
 * value hash h with a zeroed note.
 */
static inline int
tab_put(struct ftab *t, size_t j, uint64_t h, int64_t count,
    const char *text, size_t len, int cut, const struct fent *e)
{
	struct fent	*ne;

	if ((ne = ent_new(t, j)) == NULL)
		return -1;
	if (e != NULL && e->off == NO_TEXT)
		ne->off = NO_TEXT;
	else if (arena_put(t, text, len, &ne->off) == -1)
		return -1;
	if (e != NULL) {
		ne->vh = e->vh;
		ne->seq = e->seq;
		memcpy(ne->note, e->note, sizeof(ne->note));
	} else {
		ne->vh = h;
		ne->seq = t->seq++;
		memset(ne->note, 0, sizeof(ne->note));
	}
	ne->len = (uint16_t)len;
	ne->cut = (uint8_t)cut;
	t->slot[j].h = h;
	t->slot[j].count = count;
	if (ne->vh != h)
		t->mixed = 1;
	t->n++;
	tab_mark(t, h);
	return 0;
}

/*
 * Move t's counters into cap new slots, in the order of the old ones (as
 * a rebuild puts them), their entries and texts staying where they are.
 * 0 or -1 (memory).
 */
static int
tab_rehash(struct ftab *t, size_t cap, int huge)
{
	struct fslot	*ns;
	uint32_t	*ni;
	size_t		 i, j;

	if ((ns = slots_new(cap, huge)) == NULL)
		return -1;
	ni = (uint32_t *)(void *)(ns + cap);
	for (i = 0; i < t->cap; i++) {
		if (t->slot[i].h == 0)
			continue;
		for (j = home(t->slot[i].h, cap); ns[j].h != 0;
		    j = (j + 1) & (cap - 1))
			;
		ns[j] = t->slot[i];
		ni[j] = t->idx[i];
	}
	free(t->slot);
	t->slot = ns;
	t->idx = ni;
	t->cap = cap;
	return 0;
}

/*
 * Rebuild f's table with cap slots keeping the counters above floor (less
 * floor), and their texts in a fresh arena; with a floor of 0 (nothing
 * dropped), only the slots (tab_rehash()).  A rebuild at the same size (a
 * purge) goes into the spare table, which keeps the old one's memory for
 * the next: purges come every few hundred new values.  0 or -1 (memory).
 */
static int
tab_rebuild(struct freq *f, size_t cap, int64_t floor)
{
	struct ftab	*t = &f->t, *nt = &f->spare, tmp;
	struct fent	*e;
	size_t		 i, j;

	if (floor == 0) {
		if (tab_rehash(t, cap, 1) == -1)
			return -1;
		reprobe(f);
		return 0;
	}
	if (nt->cap == cap)
		tab_clear(nt);
	else {
		tab_free(nt);
		if (tab_init(nt, cap) == -1)
			return -1;
	}
	/* A sketch's table keeps its counters' bits (seen_clear()). */
	if (f->sketch && nt->cbits == NULL &&
	    (nt->cbits = calloc(SEEN_BITS / 64, sizeof(uint64_t))) == NULL)
		return -1;
	nt->seq = t->seq;
	/* An empty slot's count is 0: one test, rarely passed in a purge. */
	for (i = 0; i < t->cap; i++) {
		if (t->slot[i].count <= floor)
			continue;
		j = tab_find(nt, t->slot[i].h);
		e = ent_of(t, i);
		if (tab_put(nt, j, t->slot[i].h, t->slot[i].count - floor,
		    ent_text(t, e), e->len, e->cut, e) == -1)
			return -1;
	}
	tmp = *t;
	*t = *nt;
	*nt = tmp;
	/* A grown table's old memory is of no further use. */
	if (nt->cap != cap)
		tab_free(nt);
	reprobe(f);
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
	reprobe(f);
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
	free(f->seen);
	hll_free(f->hll, NULL);
	free(f);
}

size_t
freq_bytes(const struct freq *f)
{
	if (f == NULL)
		return 0;
	return sizeof(*f) + (f->t.cap + f->spare.cap) *
	    (sizeof(struct fslot) + sizeof(uint32_t)) + (f->t.ecap +
	    f->spare.ecap) * sizeof(struct fent) + f->t.acap + f->spare.acap +
	    hll_bytes(f->hll) + (f->med != NULL ? FREQ_COUNTERS * 8 : 0) +
	    (f->seen != NULL ? SEEN_BITS / 8 : 0) + (f->t.cbits != NULL ?
	    SEEN_BITS / 8 : 0) + (f->spare.cbits != NULL ? SEEN_BITS / 8 : 0);
}

void
freq_prefetch(const struct freq *f, uint64_t h)
{
	freq_probe_prefetch(&f->probe, h);
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

/*
 * All counters taken: subtract the median, drop what falls to zero.  In
 * a column of many values most counters are 1, and so is the median: then
 * the table is emptied at once if they all are, and otherwise rebuilt
 * with the few above; other medians are found by selection.
 */
static int
purge(struct freq *f)
{
	int64_t		*c, med;
	size_t		 i, k = 0, ones = 0;

	for (i = 0; i < f->t.cap; i++)
		ones += f->t.slot[i].count == 1;
	if (ones > f->t.n / 2) {
		f->offset += 1;
		if (ones == f->t.n) {
			tab_clear(&f->t);
			return 0;
		}
		return tab_rebuild(f, f->t.cap, 1);
	}
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

/*
 * Keep the FREQ_COUNTERS largest counts of a table turned sketch, less
 * the count below them, in a table of the sketch's size: what purges
 * until at most FREQ_COUNTERS are left would keep (each subtracts the
 * median of what the last left, so together they subtract the median of
 * the original counts above the floor so far), found on the counts
 * alone and rebuilt once, without a spare table of the exact size.  0 or
 * -1 (memory).
 */
static int
to_counters(struct freq *f)
{
	int64_t	*c = NULL, floor = 0, min = 1;
	size_t	 i, j, n = 0, ones = 0, keep;

	if (f->t.n > FREQ_COUNTERS) {
		/*
		 * A table of mostly single cells (a column past its bound
		 * usually is) has a median of 1: the first selection keeps
		 * the counts above 1, and only those need an array (not
		 * one of 800 KB for 100,000 counts and its pass).
		 */
		for (i = 0; i < f->t.cap; i++)
			ones += f->t.slot[i].count == 1;
		keep = f->t.n;
		if (ones > f->t.n / 2) {
			floor = 1;
			min = 2;
			keep -= ones;
		}
		if (keep > 0 && (c = malloc(keep * sizeof(*c))) == NULL)
			return -1;
		for (i = 0; i < f->t.cap; i++)
			if (f->t.slot[i].h != 0 && f->t.slot[i].count >= min)
				c[n++] = f->t.slot[i].count;
		while (n > FREQ_COUNTERS) {
			floor = select_k(c, n, n / 2);
			for (i = j = 0; i < n; i++)
				if (c[i] > floor)
					c[j++] = c[i];
			n = j;
		}
		free(c);
		f->offset += floor;
	}
	return tab_rebuild(f, 2 * FREQ_COUNTERS, floor);
}

/*
 * Key the exact table by value instead of by bytes: entries of one value
 * hash become one, with the counts added, kept as the entry seen first
 * (its text, and its note).  Only the slots are new: the entries stay,
 * those of the values seen later left in ent[] with no slot.  A table
 * whose entries all have vh = h is left as it is.  0 or -1 (memory).
 */
static int
fold(struct freq *f)
{
	struct ftab	*t = &f->t;
	struct fslot	*ns;
	struct fent	*e;
	uint32_t	*ni;
	uint64_t	*vhs, vh;
	size_t		 i, j, n = 0, mask = t->cap - 1;

	if (!t->mixed)
		return 0;
	/*
	 * The entries' value hashes, read in their order into an array of
	 * their own (a sixth of the entries' bytes): the slots' order then
	 * reads them there, where the entries themselves were a cache miss
	 * (and a TLB miss) each.
	 */
	if ((vhs = malloc(t->used * sizeof(*vhs))) == NULL)
		return -1;
	for (i = 0; i < t->used; i++)
		vhs[i] = t->ent[i].vh;
	if ((ns = slots_new(t->cap, 0)) == NULL) {
		free(vhs);
		return -1;
	}
	ni = (uint32_t *)(void *)(ns + t->cap);
	for (i = 0; i < t->cap; i++) {
		if (t->slot[i].h == 0)
			continue;
		vh = vhs[t->idx[i]];
		for (j = home(vh, t->cap); ns[j].h != 0 &&
		    ns[j].h != vh; j = (j + 1) & mask)
			;
		if (ns[j].h == 0) {
			ns[j].h = vh;
			ns[j].count = t->slot[i].count;
			ni[j] = t->idx[i];
			n++;
			continue;
		}
		ns[j].count += t->slot[i].count;
		e = ent_of(t, i);
		if (e->seq < t->ent[ni[j]].seq)
			ni[j] = t->idx[i];
	}
	free(vhs);
	free(t->slot);
	t->slot = ns;
	t->idx = ni;
	t->n = n;
	t->mixed = 0;
	reprobe(f);
	return 0;
}

int
freq_fold(struct freq *f)
{
	return f->sketch ? 0 : fold(f);
}

int
freq_sketch(struct freq *f)
{
	size_t	 i, bytes = 0;

	if (f->sketch)
		return 0;
	if (f->seen == NULL &&
	    (f->seen = calloc(SEEN_BITS / 64, sizeof(*f->seen))) == NULL)
		return -1;
	if (fold(f) == -1)
		return -1;
	for (i = 0; i < f->t.cap; i++)
		if (f->t.slot[i].h != 0 &&
		    hll_add(&f->hll, f->t.slot[i].h, NULL, &bytes) == -1)
			return -1;
	f->regs = hll_registers(f->hll);
	f->sketch = 1;
	reprobe(f);
	if (to_counters(f) == -1)
		return -1;
	seen_mark_all(f);
	return 0;
}

int
freq_sketched(const struct freq *f)
{
	return f->sketch;
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

int
freq_hit(struct freq *f, uint64_t h)
{
	return freq_probe_hit(&f->probe, h);
}

/*
 * The slots a half full exact table grows to: twice as many, or its full
 * size at once where GROW_JUMP values came with hardly a repeat (fewer
 * than 1 in 100 cells: an id, a column of far more values than its
 * bound), which skips the rehashes and the memory of the sizes between.
 * Not sooner: a column listing a few thousand values once before their
 * repeats (a file sorted by it) would hold a full-size table for them
 * (2.6 MB a thread at a bound of 100,000, where 160 KB do).
 */
#define GROW_JUMP	16384

static size_t
grow_to(const struct freq *f)
{
	uint64_t	 cells = 0;
	size_t		 i, cap = f->t.cap * 2;

	if (f->t.n != GROW_JUMP + 1)
		return cap;
	for (i = 0; i < f->t.cap; i++)
		cells += (uint64_t)f->t.slot[i].count;
	if ((uint64_t)f->t.n * 100 < cells * 99)
		return cap;
	while (cap / 5 * 4 < f->bound)
		cap *= 2;
	return cap;
}

/* The bytes of text kept: cut on a character boundary. */
static size_t
kept(const char *text, size_t len, int *cut)
{
	*cut = len > FREQ_TEXT;
	return *cut ? utf8_cut(text, len, FREQ_TEXT) : len;
}

/*
 * Put h (fixed, not in the exact table) with count w, growing the table
 * if it is half full; *j gets its slot.  0 or -1 (memory).
 */
static int
exact_put(struct freq *f, uint64_t h, int64_t w, const char *text,
    size_t len, int cut, const struct fent *e, size_t *j)
{
	size_t	 cap;

	*j = tab_find(&f->t, h);
	if (tab_put(&f->t, *j, h, w, text, len, cut, e) == -1)
		return -1;
	if (f->t.n * 2 > f->t.cap && !full_size(f)) {
		/*
		 * A jump (grow_to()) is a column heading past its bound,
		 * filled once and then dropped: no huge pages, whose
		 * first write may cost tens of ms on a virtual machine
		 * (slots_new()) and buys nothing for a table read so little.
		 */
		if ((cap = grow_to(f)) > f->t.cap * 2) {
			if (tab_rehash(&f->t, cap, 0) == -1)
				return -1;
			reprobe(f);
		} else if (tab_rebuild(f, cap, 0) == -1)
			return -1;
		*j = tab_find(&f->t, h);
	}
	return 0;
}

int
freq_put(struct freq *f, uint64_t h, uint64_t vh, const char *text,
    size_t len, void **note)
{
	struct fent	 e;
	size_t		 j;
	int		 cut;

	if (f->sketch || f->t.n >= f->bound)
		return 0;
	h = fix(h);
	len = kept(text, len, &cut);
	memset(&e, 0, sizeof(e));
	e.vh = fix(vh);
	e.seq = f->t.seq++;
	if (exact_put(f, h, 1, text, len, cut, &e, &j) == -1)
		return -1;
	if (note != NULL)
		*note = ent_of(&f->t, j)->note;
	return 1;
}

/*
 * Give slot j's counter, which has none, its text: len bytes cut as cut
 * says, or to cut if cut is -1.  0 or -1 (memory).
 */
static int
late_text(struct ftab *t, size_t j, const char *text, size_t len, int cut)
{
	struct fent	*e = ent_of(t, j);

	if (cut == -1)
		len = kept(text, len, &cut);
	if (arena_put(t, text, len, &e->off) == -1)
		return -1;
	e->len = (uint16_t)len;
	e->cut = (uint8_t)cut;
	return 0;
}

/*
 * Open counter j, empty in t, for the value vh with count w and no text
 * yet: its next cell gives it one (late_text()).  0 or -1 (memory).
 */
static inline __attribute__((always_inline)) int
open_untexted(struct ftab *t, size_t j, uint64_t vh, int64_t w)
{
	struct fent	*e;

	if ((e = ent_new(t, j)) == NULL)
		return -1;
	e->vh = vh;
	e->off = NO_TEXT;
	e->len = 0;
	e->cut = 0;
	t->slot[j].h = vh;
	t->slot[j].count = w;
	t->n++;
	tab_mark(t, vh);
	return 0;
}

/* Where the filter keeps vh's bit. */
static inline uint64_t *
seen_word(const struct freq *f, uint64_t vh)
{
	return &f->seen[seen_index(vh)];
}

/* Set the filter's bit of vh, a counter's value. */
static inline void
seen_mark(struct freq *f, uint64_t vh)
{
	*seen_word(f, vh) |= seen_bit(vh);
}

/* Set the bits of every counter's value (the table's, or its slots'). */
static void
seen_mark_all(struct freq *f)
{
	size_t	 i;

	if (f->t.cbits != NULL) {
		for (i = 0; i < SEEN_BITS / 64; i++)
			f->seen[i] |= f->t.cbits[i];
		return;
	}
	for (i = 0; i < f->t.cap; i++)
		if (f->t.slot[i].h != 0)
			seen_mark(f, f->t.slot[i].h);
}

/*
 * Count w of the value vh (fixed) in the sketch's counters (not its HLL),
 * its text len bytes cut as cut says, or, if cut is -1, a cell's text,
 * cut here, which may wait (see the top of the file).  0 or -1 (memory).
 */
static int
counters_w(struct freq *f, uint64_t vh, int64_t w, const char *text,
    size_t len, int cut)
{
	struct ftab	*t = &f->t;
	size_t		 j;

	j = tab_find(t, vh);
	if (t->slot[j].h == vh) {
		t->slot[j].count += w;
		return ent_of(t, j)->off == NO_TEXT ? late_text(t, j, text,
		    len, cut) : 0;
	}
	if (t->n == FREQ_COUNTERS) {
		if (purge(f) == -1)
			return -1;
		j = tab_find(t, vh);
	}
	/* A counter's value has its bit in the filter. */
	seen_mark(f, vh);
	if (cut == -1 && f->offset > 0) {
		return open_untexted(t, j, vh, w);
	}
	if (cut == -1)
		len = kept(text, len, &cut);
	return tab_put(t, j, vh, w, text, len, cut, NULL);
}

/* counters_w() and the HLL. */
static int
sketch_w(struct freq *f, uint64_t vh, int64_t w, const char *text,
    size_t len, int cut)
{
	size_t	 bytes = 0;

	if (f->regs != NULL)
		hll_reg_add(f->regs, vh);
	else if (hll_add(&f->hll, vh, NULL, &bytes) == -1)
		return -1;
	else
		f->regs = hll_registers(f->hll);
	return counters_w(f, vh, w, text, len, cut);
}

/*
 * The end of the filter's span: its bits are cleared but the counters'.
 * (Every span, the registers' floor is raised to their minimum too: a
 * cell's hash whose rank is not above it reads no register, as nearly
 * none is once a column has had a few registers' worth of values.)
 */
static __attribute__((noinline)) void
seen_clear(struct freq *f)
{
	if (f->t.cbits != NULL)
		memcpy(f->seen, f->t.cbits, SEEN_BITS / 8);
	else {
		memset(f->seen, 0, SEEN_BITS / 8);
		seen_mark_all(f);
	}
	f->nseen = 0;
	f->spans++;
	if (f->regs != NULL)
		f->regmin = hll_reg_min(f->regs);
}

/* A cell's new counter, in empty slot j: 0 or -1 (memory). */
static __attribute__((noinline)) int
open_counter(struct freq *f, size_t j, uint64_t vh, const char *text,
    size_t len)
{
	if (f->t.n == FREQ_COUNTERS || f->offset == 0)
		return counters_w(f, vh, 1, text, len, -1);
	return open_untexted(&f->t, j, vh, 1);
}

/*
 * The counters' part of a cell of a dense sketch: one the filter takes
 * (its bit clear: it has no counter), a value with a counter, or a new
 * counter.
 */
static inline __attribute__((always_inline)) int
count_cell(struct freq *f, uint64_t vh, const char *text, size_t len)
{
	struct ftab	*t = &f->t;
	size_t		 j, mask = t->cap - 1;
	uint64_t	*w = seen_word(f, vh), bit = seen_bit(vh);

	if ((*w & bit) == 0) {
		*w |= bit;
		if (++f->nseen == SEEN_SPAN)
			seen_clear(f);
		return 0;
	}
	for (j = home(vh, t->cap); t->slot[j].h != vh; j = (j + 1) & mask)
		if (t->slot[j].h == 0)
			return open_counter(f, j, vh, text, len);
	t->slot[j].count++;
	return ent_of(t, j)->off == NO_TEXT ? late_text(t, j, text, len,
	    -1) : 0;
}

/* freq_sketch_add() of a table not yet a sketch, or of a sparse HLL. */
static __attribute__((noinline)) int
sketch_add_slow(struct freq *f, uint64_t vh, const char *text, size_t len)
{
	if (!f->sketch && freq_sketch(f) == -1)
		return -1;
	vh = fix(vh);
	if (f->regs == NULL)
		return sketch_w(f, vh, 1, text, len, -1);
	hll_reg_add(f->regs, vh);
	return count_cell(f, vh, text, len);
}

/*
 * A cell of a sketch, the column's every cell: what sketch_w() does, with
 * its common cases (a dense HLL; a value with a counter, or one the
 * filter takes, or a new counter without text) in line.  (The registers
 * are there only once the table is a dense sketch.)
 */
int
freq_sketch_add(struct freq *f, uint64_t vh, const char *text, size_t len)
{
	if (__builtin_expect(f->regs == NULL, 0))
		return sketch_add_slow(f, vh, text, len);
	vh = fix(vh);
	hll_reg_add_over(f->regs, vh, f->regmin);
	return count_cell(f, vh, text, len);
}

size_t
freq_sketch_skim(struct freq *f, const uint64_t *vh, size_t n)
{
	uint8_t		*regs = f->regs;
	uint64_t	*seen = f->seen, *w, bit, h;
	uint32_t	 nseen = f->nseen;
	size_t		 k;

	if (regs == NULL)
		return 0;
	for (k = 0; k < n; k++) {
		h = fix(vh[k]);
		/* seen_word(), from the filter's address at hand. */
		w = &seen[(h >> 24) & (SEEN_BITS / 64 - 1)];
		bit = seen_bit(h);
		if ((*w & bit) != 0)
			break;
		hll_reg_max(regs, h);
		*w |= bit;
		if (++nseen == SEEN_SPAN) {
			f->nseen = nseen;
			seen_clear(f);
			nseen = f->nseen;
		}
	}
	f->nseen = nseen;
	return k;
}

int
freq_add(struct freq *f, uint64_t h, const char *text, size_t len)
{
	int	 rc;

	if (!f->sketch) {
		if (freq_hit(f, h))
			return 0;
		if ((rc = freq_put(f, h, h, text, len, NULL)) != 0)
			return rc;
	}
	return freq_sketch_add(f, h, text, len) == -1 ? -1 : 1;
}

size_t
freq_union(const struct freq *a, const struct freq *b)
{
	size_t	 i, n = a->t.n;

	for (i = 0; i < b->t.cap; i++)
		if (b->t.slot[i].h != 0 &&
		    a->t.slot[tab_find(&a->t, b->t.slot[i].h)].h == 0)
			n++;
	return n;
}

size_t
freq_bound(const struct freq *f)
{
	return f->bound;
}

size_t
freq_slots(const struct freq *f)
{
	return f->t.cap;
}

int
freq_entry(const struct freq *f, size_t i, uint64_t *count,
    const void **note)
{
	if (f->t.slot[i].h == 0)
		return 0;
	*count = (uint64_t)f->t.slot[i].count;
	*note = ent_of(&f->t, i)->note;
	return 1;
}

int
freq_each(const struct freq *f, void (*fn)(void *, const void *, uint64_t),
    void *arg)
{
	const struct ftab	*t = &f->t;
	uint64_t		*cnt;
	size_t			 i;

	if (t->used == 0)
		return 0;
	/*
	 * Each slot's count goes to its entry's place in an array of counts
	 * (a tenth of the entries' bytes), and the entries are then read in
	 * their order: read from the slots, each was a cache miss (and a
	 * TLB miss) of its own.
	 */
	if ((cnt = calloc(t->used, sizeof(*cnt))) == NULL)
		return -1;
	for (i = 0; i < t->cap; i++)
		if (t->slot[i].h != 0)
			cnt[t->idx[i]] = (uint64_t)t->slot[i].count;
	for (i = 0; i < t->used; i++)
		if (cnt[i] != 0)
			fn(arg, t->ent[i].note, cnt[i]);
	free(cnt);
	return 0;
}

/* freq_merge(), told whether dst and src stay exact together. */
static int
merge(struct freq *dst, const struct freq *src, int exact)
{
	const struct ftab	*t = &src->t;
	const struct fent	*se;
	struct fent		 e, *de;
	size_t			 i, j, bytes = 0;
	uint32_t		 base = dst->t.seq;

	if (exact) {
		/* Exact: src's entries after dst's, in their order. */
		for (i = 0; i < t->cap; i++) {
			if (t->slot[i].h == 0)
				continue;
			j = tab_find(&dst->t, t->slot[i].h);
			if (dst->t.slot[j].h != 0) {
				dst->t.slot[j].count += t->slot[i].count;
				continue;
			}
			e = *ent_of(t, i);
			e.seq += base;
			if (exact_put(dst, t->slot[i].h, t->slot[i].count,
			    t->arena + e.off, e.len, e.cut, &e, &j) == -1)
				return -1;
		}
		dst->t.seq = base + t->seq;
		return 0;
	}
	if (freq_sketch(dst) == -1)
		return -1;
	if (src->sketch && hll_merge(&dst->hll, src->hll, NULL, &bytes) == -1)
		return -1;
	dst->regs = hll_registers(dst->hll);
	for (i = 0; i < t->cap; i++) {
		if (t->slot[i].h == 0)
			continue;
		se = ent_of(t, i);
		/*
		 * An exact table's values go through the sketch as new
		 * (by value); a sketch's are in its HLL already.
		 */
		if (!src->sketch) {
			if (sketch_w(dst, se->vh, t->slot[i].count,
			    t->arena + se->off, se->len, se->cut) == -1)
				return -1;
			continue;
		}
		j = tab_find(&dst->t, t->slot[i].h);
		if (dst->t.slot[j].h != 0) {
			dst->t.slot[j].count += t->slot[i].count;
			/* Its text, if src has it and dst has none. */
			de = ent_of(&dst->t, j);
			if (de->off == NO_TEXT && se->off != NO_TEXT) {
				if (arena_put(&dst->t, ent_text(t, se),
				    se->len, &de->off) == -1)
					return -1;
				de->len = se->len;
				de->cut = se->cut;
			}
			continue;
		}
		if (dst->t.n == FREQ_COUNTERS) {
			if (purge(dst) == -1)
				return -1;
			j = tab_find(&dst->t, t->slot[i].h);
		}
		if (tab_put(&dst->t, j, t->slot[i].h, t->slot[i].count,
		    ent_text(t, se), se->len, se->cut, se) == -1)
			return -1;
	}
	dst->offset += src->offset;
	dst->spans += src->spans + (src->nseen > 0);
	seen_mark_all(dst);
	return 0;
}

int
freq_merge(struct freq *dst, const struct freq *src)
{
	return merge(dst, src, !dst->sketch && !src->sketch &&
	    freq_union(dst, src) <= dst->bound);
}

int
freq_merge_exact(struct freq *dst, const struct freq *src)
{
	return merge(dst, src, 1);
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
	const struct fent	*e;
	struct freq_item	 it;
	size_t			 i, k, have = 0;
	int64_t			 err = (int64_t)freq_error(f);

	*exact = !f->sketch;
	for (i = 0; i < f->t.cap && n > 0; i++) {
		if (f->t.slot[i].h == 0)
			continue;
		e = ent_of(&f->t, i);
		/*
		 * A sketch lists only values known to beat its error (which
		 * a counter without text never does).
		 */
		if (f->sketch && (f->t.slot[i].count <= err ||
		    e->off == NO_TEXT))
			continue;
		it.text = f->t.arena + e->off;
		it.len = e->len;
		it.cut = e->cut;
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
	return f->sketch ? (uint64_t)(f->offset + f->spans +
	    (f->nseen > 0)) : 0;
}
