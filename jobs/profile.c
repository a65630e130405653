/*
 * The profile pass (see profile.h).  It opens the source and reads the
 * header as the engine does, then scans with the fast scanner keeping
 * every column: one thread for a pipe, a compressed or UTF-16 input, or a
 * small file, else one per chunk between the engine's seams
 * (engine_seams()).  Each chunk fills its own part (columns, counts,
 * preview) with line numbers counted from its start; as in engine.c, the
 * thread before a seam checks it, and the chain of chunks whose seams
 * held is folded in order, its lines shifted by the lines before.  No
 * statistic here depends on the order of the rows except the heavy-hitter
 * counts of a column past its exact bound, which say they are estimates.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <csv.h>

#include "clock.h"
#include "column.h"
#include "dec.h"
#include "engine.h"
#include "freq.h"
#include "hash.h"
#include "header.h"
#include "infer.h"
#include "json.h"
#include "bounds.h"
#include "memo.h"
#include "moments.h"
#include "output.h"
#include "parquet.h"
#include "profile.h"
#include "reader.h"
#include "scan.h"
#include "transcode.h"
#include "utf8.h"

struct pool;

/*
 * Rows are counted a block at a time, column by column (count_block()):
 * on_row() keeps each row's cells where they lie (the scanner's block,
 * which stays readable until its release callback: reader_row.lasting,
 * undoubled cells too) or, for a row whose cells do not last (a record
 * the byte machine read, a converted single-byte cell), copies their
 * bytes into the block's text.  Then each column's cells are
 * counted in a loop of their own: through the column's memo (memo.h)
 * while its table is small, else hashed in one loop that asks for each
 * cell's line and looked up in another, so that a column's table stays
 * in the cache for the whole block, and its lookups, with nothing else
 * between them, overlap their cache misses.  Counted a row at a time, a
 * cell's lookup waited for a line that the rest of the row was too
 * short to hide: on the 10M-row bench file at 2 threads, 14% of the
 * per-row samples sat on a small table's count and 13% in the batches
 * that big tables then needed.  A column's cells are still counted in
 * the order of the rows, and the columns are apart, so nothing counted,
 * first seen or noted changes.
 */
#define BLOCK_CELLS	2048		/* cells a block holds, at most */
#define BLOCK_ROWS	128		/* rows, at most */
#define BLOCK_TEXT	(64 * 1024)	/* bytes of cells that do not last */
#define BLOCK_MEMOS	64		/* columns with a memo, at most */

/*
 * A block of rows, column-major: column i's cell of row r is at
 * i * cap + r, with at least 16 bytes readable at its s (as a memo reads
 * them: memo.h).
 */
struct block {
	size_t		  cap;		/* rows it holds */
	size_t		  n;		/* rows held */
	struct column_span *cell;
	uint64_t	 *line;		/* a row each */
	uint64_t	 *h;		/* a column's hashes, a row each */
	size_t		  tlen;
	char		 *text;		/* BLOCK_TEXT bytes, 64 more zeroed */
};

/*
 * What one chunk (or the whole input, on one thread) saw.  The parts of a
 * run are made one after the other by one thread and then written by
 * their own threads on every row: each part, and each array of its own
 * that its thread writes per row (columns, the block: line_calloc()),
 * has whole cache lines, so that no line holds two threads' counts.
 * (Next to each other, the second thread's part spent about 10% of its
 * per-row counting samples at 10M rows on `pt->rows++` and
 * `c->count++`, stores that wait for a line another core has: gone once
 * aligned.)
 */
struct part {
	struct pool		*pool;
	struct column		*cols;
	size_t			 ncols;
	int			 single;	/* a single-byte encoding */
	enum source_enc		 enc;
	int			 dc;		/* decimal comma */
	uint64_t		 rows;
	uint64_t		 rejected;
	uint64_t		 bad_line;
	size_t			 bad_fields;
	size_t			 npreview;
	struct profile_rec	 preview[PROFILE_PREVIEW];
	int			 nomem;
	struct block		 blk;		/* rows not yet counted */
	struct memo		**memo;		/* a column's, or NULL */
	unsigned char		*nomemo;	/* a column that had one */
	size_t			 nmemo;		/* columns with a memo */
	/* Threads. */
	size_t			 k;
	struct scan		*scan;
	uint64_t		 start;
	unsigned long		 line0;
	uint64_t		 bytes;		/* reported to the pool */
	struct scan_result	 sr;
	int			 started;
	pthread_t		 tid;
	char			 err[TALLY_ERR_MAX];
	char			*u8;		/* converted cells, a column each */
} __attribute__((aligned(64)));

struct pool {
	const struct engine_opts *opts;
	struct source		*src;
	const uint64_t		*seams;
	size_t			 nw;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	uint64_t		 bytes;
	uint64_t		 rows;
	size_t			 done;
	int			 cancel;
};

static void
rec_free(struct profile_rec *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->lens);
	memset(r, 0, sizeof(*r));
}

static void
part_free(struct part *pt)
{
	size_t	 i;

	if (pt->cols != NULL)
		for (i = 0; i < pt->ncols; i++)
			column_free(&pt->cols[i]);
	free(pt->cols);
	pt->cols = NULL;
	if (pt->memo != NULL)
		for (i = 0; i < pt->ncols; i++)
			memo_free(pt->memo[i]);
	free(pt->memo);
	pt->memo = NULL;
	free(pt->nomemo);
	pt->nomemo = NULL;
	free(pt->blk.cell);
	free(pt->blk.line);
	free(pt->blk.h);
	free(pt->blk.text);
	memset(&pt->blk, 0, sizeof(pt->blk));
	free(pt->u8);
	pt->u8 = NULL;
	for (i = 0; i < pt->npreview; i++)
		rec_free(&pt->preview[i]);
	pt->npreview = 0;
	scan_free(pt->scan);
	pt->scan = NULL;
}

/*
 * Zeroed room for n things (at least one) of size bytes, in whole cache
 * lines of its own (see struct part), or NULL.  free() releases it.
 */
static void *
line_calloc(size_t n, size_t size)
{
	size_t	 bytes = ((n ? n : 1) * size + 63) / 64 * 64;
	void	*p;

	if (posix_memalign(&p, 64, bytes) != 0)
		return NULL;
	memset(p, 0, bytes);
	return p;
}

static int
part_init(struct part *pt, size_t ncols, size_t bound, enum source_enc enc,
    int dc)
{
	struct block	*b = &pt->blk;
	size_t		 i, cells;

	pt->ncols = ncols;
	pt->enc = enc;
	pt->single = enc == SOURCE_ENC_LATIN1 || enc == SOURCE_ENC_CP1252;
	pt->dc = dc;
	b->cap = ncols == 0 ? 1 : BLOCK_CELLS / ncols;
	if (b->cap > BLOCK_ROWS)
		b->cap = BLOCK_ROWS;
	if (b->cap == 0)
		b->cap = 1;
	cells = (ncols ? ncols : 1) * b->cap;
	if ((pt->cols = line_calloc(ncols, sizeof(*pt->cols))) == NULL ||
	    (b->cell = line_calloc(cells, sizeof(*b->cell))) == NULL ||
	    (pt->memo = line_calloc(ncols, sizeof(*pt->memo))) == NULL ||
	    (pt->nomemo = line_calloc(ncols, 1)) == NULL ||
	    (b->line = line_calloc(b->cap, sizeof(*b->line))) == NULL ||
	    (b->h = line_calloc(b->cap, sizeof(*b->h))) == NULL ||
	    (b->text = line_calloc(BLOCK_TEXT + 64, 1)) == NULL ||
	    (pt->single && (pt->u8 = malloc((ncols ? ncols : 1) * 3 *
	    READER_SLOT_BYTES)) == NULL))
		return -1;
	for (i = 0; i < ncols; i++)
		if (column_init(&pt->cols[i], bound) == -1)
			return -1;
	return 0;
}

/*
 * The UTF-8 of a kept cell: itself, or converted from a single-byte
 * encoding into column i's room in pt->u8.  *n is its length in and out.
 */
static const char *
cell_utf8(struct part *pt, size_t col, const char *s, size_t *n)
{
	char	*u = pt->u8 + col * 3 * READER_SLOT_BYTES;
	size_t	 i;

	if (!pt->single)
		return s;
	for (i = 0; i < *n; i++)
		if ((unsigned char)s[i] >= 0x80)
			break;
	if (i == *n)
		return s;
	*n = transcode_cell(pt->enc, s, *n, u);
	return u;
}

static int
keep_preview(struct part *pt, const struct reader_row *row)
{
	struct profile_rec	*r = &pt->preview[pt->npreview];
	size_t			 i, n = row->nfields < pt->ncols ?
				    row->nfields : pt->ncols, len;
	const char		*s;

	if ((r->cells = calloc(n ? n : 1, sizeof(*r->cells))) == NULL ||
	    (r->lens = calloc(n ? n : 1, sizeof(*r->lens))) == NULL)
		return -1;
	pt->npreview++;
	for (i = 0; i < n; i++) {
		len = row->cells[i].len < READER_SLOT_BYTES ?
		    row->cells[i].len : READER_SLOT_BYTES;
		s = cell_utf8(pt, i, row->cells[i].s, &len);
		if ((r->cells[i] = malloc(len + 1)) == NULL)
			return -1;
		memcpy(r->cells[i], s, len);
		r->cells[i][len] = '\0';
		r->lens[i] = len;
		r->n++;
	}
	return 0;
}

/*
 * Count one cell of column c: cl bytes at s (at least 8 readable), the
 * first of a cell of raw bytes as scanned, hashed to h unless c is a
 * sketch, on line: empty, cut (known by its length too: column_read()),
 * a sketch's, or looked up by its hash and classified only if new.  0,
 * or -1 if memory is short.
 */
static inline __attribute__((always_inline)) int
count_cell(struct part *pt, struct column *c, const char *s, size_t cl,
    size_t raw, uint64_t h, uint64_t line)
{
	struct column_cell	 cell;

	if (raw - 1 >= READER_SLOT_BYTES) {
		if (raw == 0) {
			c->empty++;
			return 0;
		}
		column_read(c, s, cl, raw + cl - READER_SLOT_BYTES, pt->dc,
		    &cell);
		return column_count(c, &cell, line, pt->dc);
	}
	c->count++;
	/* A sketch's cells were not hashed (count_column()). */
	if (c->sketch)
		return column_count_sketched(c, s, cl, line, pt->dc);
	if (freq_probe_hit(c->probe, h))
		return 0;
	return column_count_hashed(c, s, cl, h, line, pt->dc);
}

/* Whether columns may have a memo (profile_memo()). */
static int	 use_memo = 1;

int
profile_memo(int want)
{
	if (want >= 0)
		__atomic_store_n(&use_memo, want != 0, __ATOMIC_RELAXED);
	return __atomic_load_n(&use_memo, __ATOMIC_RELAXED);
}

/*
 * Drop column i's memo, whose counts are in the table, for good: its
 * table is no longer small, or a sketch.
 */
static void
memo_drop(struct part *pt, size_t i)
{
	memo_free(pt->memo[i]);
	pt->memo[i] = NULL;
	pt->nomemo[i] = 1;
	pt->nmemo--;
}

/*
 * Count the n cells d (on lines line) of column i, which has an exact
 * table and a memo, until the table is no longer small.  Before a cell
 * that may change the table (a new value, a cut one) is counted, the
 * counts in the memo are added to it, so that the table is at each
 * change what it would be with no memo.  Returns the cells counted (n,
 * or fewer if the memo was dropped), or -1 if memory is short.
 */
static long
count_memo(struct part *pt, size_t i, const struct column_span *d,
    const uint64_t *line, size_t n)
{
	struct column		*c = &pt->cols[i];
	struct memo		*m = pt->memo[i];
	struct freq_probe	 pr = *c->probe;
	uint64_t		 hits = 0, h;
	size_t			 r;

	for (r = 0; r < n; r++) {
		/* 1 to MEMO_BYTES bytes: neither empty nor cut. */
		if (d[r].cl - 1 < MEMO_BYTES &&
		    memo_hit(m, d[r].s, d[r].cl)) {
			hits++;
			continue;
		}
		h = 0;
		if (d[r].raw - 1 < READER_SLOT_BYTES) {
			h = hash_bytes(d[r].s, d[r].cl);
			if (freq_probe_hit(&pr, h)) {
				if (d[r].cl - 1 < MEMO_BYTES)
					memo_put(m, d[r].s, d[r].cl);
				hits++;
				continue;
			}
		} else if (d[r].raw != 0)
			h = hash_bytes(d[r].s, d[r].cl);
		c->count += hits;
		hits = 0;
		if (d[r].raw != 0)
			memo_flush(m, &pr);
		if (count_cell(pt, c, d[r].s, d[r].cl, d[r].raw, h,
		    line[r]) == -1)
			return -1;
		pr = *c->probe;
		if (c->sketch || pr.mask >= 2 * MEMO_VALUES) {
			memo_drop(pt, i);
			return (long)r + 1;
		}
	}
	c->count += hits;
	return (long)n;
}

/*
 * Count the n cells d (hashed to h, on lines line) of column c, which has
 * an exact table.  0, or -1 if memory is short.
 */
static int
count_hashed(struct part *pt, struct column *c, const struct column_span *d,
    const uint64_t *h, const uint64_t *line, size_t n)
{
	struct freq_probe	 pr = *c->probe;
	uint64_t		 hits = 0;
	size_t			 r;

	for (r = 0; r < n; r++) {
		/*
		 * A value the table has: its count, and the column's,
		 * which waits in a register.  The table's slots and mask
		 * are in registers too: read from memory after each count
		 * (which the compiler cannot tell apart from them), each
		 * lookup waited for the one before.
		 */
		if (d[r].raw - 1 < READER_SLOT_BYTES &&
		    freq_probe_hit(&pr, h[r])) {
			hits++;
			continue;
		}
		c->count += hits;
		hits = 0;
		if (count_cell(pt, c, d[r].s, d[r].cl, d[r].raw, h[r],
		    line[r]) == -1)
			return -1;
		/* It may have grown, or turned sketch (no value then). */
		pr = *c->probe;
	}
	c->count += hits;
	return 0;
}

/*
 * Count column i's cells in the block (see struct block): through its
 * memo while its table is small, else hashed in one loop, their lines
 * asked for, and counted in another; unless the column is past its
 * bound (no hash).  0, or -1 if memory is short.
 */
static int
count_column(struct part *pt, size_t i)
{
	struct block		 *b = &pt->blk;
	struct column		 *c = &pt->cols[i];
	const struct column_span *d = b->cell + i * b->cap;
	const uint64_t		 *line = b->line;
	uint64_t		 *h = b->h;
	size_t			  r, n = b->n;
	long			  done;

	if (!c->sketch && c->probe->mask < 2 * MEMO_VALUES &&
	    !pt->nomemo[i] && (pt->memo[i] != NULL ||
	    (pt->nmemo < BLOCK_MEMOS && profile_memo(-1)))) {
		if (pt->memo[i] == NULL) {
			if ((pt->memo[i] = memo_new()) == NULL)
				return -1;
			pt->nmemo++;
		}
		if ((done = count_memo(pt, i, d, line, n)) == -1)
			return -1;
		d += done;
		line += done;
		n -= (size_t)done;
	}
	if (c->sketch) {
		/* Not hashed: a sketch's cells go by value. */
		return column_count_sketched_n(c, d, line, n, pt->dc);
	}
	for (r = 0; r < n; r++) {
		h[r] = hash_bytes(d[r].s, d[r].cl);
		freq_probe_prefetch(c->probe, h[r]);
	}
	return count_hashed(pt, c, d, h, line, n);
}

/* Count the rows the block holds, and empty it.  0, or -1 (memory). */
static int
count_block(struct part *pt)
{
	size_t	 i;

	for (i = 0; i < pt->ncols; i++)
		if (count_column(pt, i) == -1) {
			pt->nomem = 1;
			return -1;
		}
	pt->blk.n = 0;
	pt->blk.tlen = 0;
	return 0;
}

/*
 * Put a row of ncols cells into the block, counting the block first if
 * it is full, or if the row's cells do not last and their bytes do not
 * fit its text; a row whose bytes do not fit an empty block's text is
 * counted alone at once.  0, or -1 if memory is short.
 */
static int
block_row(struct part *pt, const struct reader_row *row)
{
	struct block		 *b = &pt->blk;
	const struct reader_cell *cv = row->cells;
	struct column_span	 *d, *e;
	const char		 *s;
	uintptr_t		  lo = (uintptr_t)row->slots;
	size_t			  i, n = pt->ncols, cap = b->cap, cl, need = 0,
				  span = n * sizeof(*row->slots), r;
	uint64_t		  in = 0;
	int			  copy = !row->lasting, alone = 0, wide = 0;

	if (b->n == cap && count_block(pt) == -1)
		return -1;
	r = b->n;
	b->line[b->n++] = row->line;
	if (!pt->single) {
		/*
		 * Where they lie; a cell in its slot (a row of the byte
		 * machine's, whose cells all are: the slots are one array,
		 * reader.h) is then copied.
		 */
		for (i = 0, d = b->cell + r; i < n; i++, d += cap) {
			cl = cv[i].len;
			d->s = cv[i].s;
			d->raw = (uint32_t)cl;
			d->cl = (uint32_t)(cl < READER_SLOT_BYTES ? cl :
			    READER_SLOT_BYTES);
			if (copy && (uintptr_t)cv[i].s - lo < span) {
				need += d->cl;
				if (i < 64)
					in |= (uint64_t)1 << i;
				else
					wide = 1;
			}
		}
		if (need == 0)
			return 0;
	} else
		/* Converted, at most 3x. */
		for (i = 0; i < n; i++)
			need += 3 * (cv[i].len < READER_SLOT_BYTES ?
			    cv[i].len : READER_SLOT_BYTES);
	if (need > BLOCK_TEXT - b->tlen && b->n > 1) {
		/* Counted without this row, which moves to the front. */
		b->n--;
		if (count_block(pt) == -1)
			return -1;
		for (i = 0; i < n; i++)
			b->cell[i * cap] = b->cell[i * cap + r];
		b->line[0] = row->line;
		b->n = 1;
		r = 0;
	}
	alone = need > BLOCK_TEXT;
	if (!pt->single) {
		/* The cells in slots, but alone (counted at once). */
		for (i = 0; !alone && i < n; i++) {
			if (wide ? (uintptr_t)cv[i].s - lo >= span :
			    i >= 64 || !(in & (uint64_t)1 << i))
				continue;
			e = b->cell + i * cap + r;
			hash_copy(b->text + b->tlen, e->s, e->cl);
			e->s = b->text + b->tlen;
			b->tlen += e->cl;
		}
	} else
		for (i = 0, d = b->cell + r; i < n; i++, d += cap) {
			cl = cv[i].len < READER_SLOT_BYTES ? cv[i].len :
			    READER_SLOT_BYTES;
			s = cell_utf8(pt, i, cv[i].s, &cl);
			if (!alone && (s != cv[i].s || (copy &&
			    (uintptr_t)cv[i].s - lo < span))) {
				hash_copy(b->text + b->tlen, s, cl);
				s = b->text + b->tlen;
				b->tlen += cl;
			}
			d->s = s;
			d->raw = (uint32_t)cv[i].len;
			d->cl = (uint32_t)cl;
		}
	/* Alone: counted while its cells are still there. */
	if (alone)
		return count_block(pt);
	return 0;
}

/*
 * Count what the block holds after a run: copies only, the scanner's
 * release having counted every row that pointed into its block; and
 * what the memos hold.  Sets pt->nomem if memory is short.
 */
static void
count_rest(struct part *pt)
{
	size_t	 i;

	if (pt->blk.n != 0)
		(void)count_block(pt);
	/* The memos' counts: all in their tables now. */
	for (i = 0; i < pt->ncols; i++)
		if (pt->memo[i] != NULL)
			memo_flush(pt->memo[i], pt->cols[i].probe);
}

/* The scanner's block is going: count what points into it. */
static int
on_release(void *arg, char *err, size_t errsz)
{
	struct part	*pt = arg;

	if (pt->blk.n == 0 || count_block(pt) == 0)
		return 0;
	snprintf(err, errsz, "out of memory");
	return -1;
}

static int
on_row(void *arg, const struct reader_row *row, char *err, size_t errsz)
{
	struct part		*pt = arg;

	pt->rows++;
	if (pt->npreview < PROFILE_PREVIEW && keep_preview(pt, row) == -1)
		goto nomem;
	if (row->nfields != pt->ncols) {
		if (pt->rejected++ == 0) {
			pt->bad_line = row->line;
			pt->bad_fields = row->nfields;
		}
		return 0;
	}
	if (block_row(pt, row) == -1)
		goto nomem;
	return 0;
nomem:
	pt->nomem = 1;
	snprintf(err, errsz, "out of memory");
	return -1;
}

/* ---------------------------------------------------------------------
 * Threads.
 */

static int
worker_block(void *arg, uint64_t pos)
{
	struct part	*pt = arg;
	struct pool	*p = pt->pool;
	uint64_t	 bytes = pos - pt->start;
	int		 stop;

	pthread_mutex_lock(&p->mu);
	p->bytes += bytes - pt->bytes;
	stop = p->cancel;
	pthread_mutex_unlock(&p->mu);
	pt->bytes = bytes;
	return stop;
}

static void *
worker_main(void *arg)
{
	struct part	*pt = arg;
	struct pool	*p = pt->pool;

	(void)scan_run(pt->scan, p->src, pt->start, NULL, 0, pt->line0,
	    p->seams + pt->k, p->nw - 1 - pt->k, &pt->sr, pt->err,
	    sizeof(pt->err));
	count_rest(pt);
	pthread_mutex_lock(&p->mu);
	p->done++;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/*
 * Fold what part src saw, except its columns, into the result: src's
 * lines start after the result's by off.
 */
static void
fold_counts(struct profile *p, struct part *src, uint64_t off)
{
	size_t	 i;

	p->rows += src->rows;
	if (src->rejected > 0 && p->rejected == 0) {
		p->bad_line = src->bad_line + off;
		p->bad_fields = src->bad_fields;
	}
	p->rejected += src->rejected;
	for (i = 0; i < src->npreview && p->npreview < PROFILE_PREVIEW; i++) {
		p->preview[p->npreview++] = src->preview[i];
		memset(&src->preview[i], 0, sizeof(src->preview[i]));
	}
}

/* Fold part src, whose lines start after dst's by off, into the result. */
static int
fold(struct profile *p, struct part *src, uint64_t off)
{
	size_t	 i;

	fold_counts(p, src, off);
	for (i = 0; i < p->ncols; i++) {
		column_shift(&src->cols[i], off);
		if (column_merge(&p->cols[i], &src->cols[i]) == -1)
			return -1;
	}
	return 0;
}

/*
 * The fold of the threads' parts, column by column: each column's merges
 * depend on nothing but that column, in the parts' order, so the threads
 * take columns in turn (next) and fold and finish each (column_finish()),
 * where one thread did them all after the others had joined.
 */
struct folder {
	struct profile		*p;
	struct part		*ws;
	const size_t		*chain;		/* the parts, in order */
	const uint64_t		*off;		/* their lines' shifts */
	size_t			 n;
	size_t			 next;		/* the next column to take */
	int			 nomem;
};

static void *
fold_columns(void *arg)
{
	struct folder	*f = arg;
	struct column	*src;
	size_t		 c, k;

	while ((c = __atomic_fetch_add(&f->next, 1, __ATOMIC_RELAXED)) <
	    f->p->ncols) {
		for (k = 0; k < f->n; k++) {
			src = &f->ws[f->chain[k]].cols[c];
			column_shift(src, f->off[k]);
			if (column_merge(&f->p->cols[c], src) == -1)
				goto nomem;
			/* Its tables, freed by the thread that read them last. */
			column_free(src);
		}
		if (column_finish(&f->p->cols[c]) == -1)
			goto nomem;
	}
	return NULL;
nomem:
	__atomic_store_n(&f->nomem, 1, __ATOMIC_RELAXED);
	return NULL;
}

/* Fold the columns of the parts in chain with up to nt threads.  0 or -1. */
static int
fold_parallel(struct folder *f, size_t nt)
{
	pthread_t	 tid[TALLY_THREADS_MAX];
	size_t		 i, started = 0;

	if (nt > f->p->ncols)
		nt = f->p->ncols;
	if (nt > TALLY_THREADS_MAX)
		nt = TALLY_THREADS_MAX;
	for (i = 1; i < nt; i++)
		if (pthread_create(&tid[started], NULL, fold_columns, f) == 0)
			started++;
	(void)fold_columns(f);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	return f->nomem ? -1 : 0;
}

/* The message for a scan that stopped early; returns -1 (or -2: not data). */
static int
stopped(struct profile *p, struct source *src, struct scan_result *sr,
    const char *why, char *err, size_t errsz)
{
	switch (sr->stop) {
	case SCAN_STOP_LONG:
	case SCAN_STOP_OPEN:
		scan_message(sr, err, errsz);
		p->data_error = 1;
		return -1;
	case SCAN_STOP_QUIT:
		p->cancelled = 1;
		snprintf(err, errsz, "cancelled");
		return -1;
	case SCAN_STOP_IO:
		snprintf(err, errsz, "%s", why);
		p->data_error = source_why(src) == SOURCE_FAIL_DATA;
		return -1;
	default:
		snprintf(err, errsz, "%s", why);
		return -1;
	}
}

static int
run_threads(const struct engine_opts *opts, struct source *src,
    const struct header *h, const int *slot_of, const uint64_t *seams,
    size_t nseams, uint64_t end, struct profile *p, char *err, size_t errsz)
{
	struct pool		 pl;
	struct part		*ws = NULL, *w;
	struct scan_conf	 sc;
	struct folder		 fo;
	struct timespec		 ts;
	size_t			 i, chain[TALLY_THREADS_MAX], nchain = 0;
	uint64_t		 offs[TALLY_THREADS_MAX];
	unsigned long		 lineoff = 0, next_line = 0;
	uint64_t		 bytes;
	int			 rc = -1, inited = 0, prc;

	memset(&pl, 0, sizeof(pl));
	pl.opts = opts;
	pl.src = src;
	pl.seams = seams;
	pl.nw = nseams + 1;
	if (posix_memalign((void **)&ws, 64, pl.nw * sizeof(*ws)) != 0) {
		ws = NULL;
		goto nomem;
	}
	memset(ws, 0, pl.nw * sizeof(*ws));
	for (i = 0; i < pl.nw; i++) {
		w = &ws[i];
		w->pool = &pl;
		w->k = i;
		w->start = i == 0 ? h->len : seams[i - 1];
		w->line0 = i == 0 ? 1 + h->lines : 1;
		if (part_init(w, h->ncols, p->bound, p->enc,
		    opts->decimal_comma) == -1)
			goto nomem;
		memset(&sc, 0, sizeof(sc));
		sc.delim = h->delim;
		sc.block_size = opts->block_size;
		sc.trim = opts->trim;
		sc.ncols = h->ncols;
		sc.slot_of = slot_of;
		sc.nslots = h->ncols;
		sc.row = on_row;
		sc.point = 1;
		sc.block = worker_block;
		sc.release = on_release;
		sc.arg = w;
		if ((w->scan = scan_new(&sc)) == NULL)
			goto nomem;
	}
	if (pthread_mutex_init(&pl.mu, NULL) != 0)
		goto nomem;
	if (pthread_cond_init(&pl.cv, NULL) != 0) {
		pthread_mutex_destroy(&pl.mu);
		goto nomem;
	}
	inited = 1;
	for (i = 0; i < pl.nw; i++) {
		if (pthread_create(&ws[i].tid, NULL, worker_main,
		    &ws[i]) != 0) {
			worker_main(&ws[i]);
			continue;
		}
		ws[i].started = 1;
	}
	pthread_mutex_lock(&pl.mu);
	while (pl.done < pl.nw) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 50 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&pl.cv, &pl.mu, &ts);
		if (pl.done == pl.nw || pl.cancel || opts->progress == NULL)
			continue;
		bytes = h->len + pl.bytes;
		pthread_mutex_unlock(&pl.mu);
		prc = opts->progress(opts->progress_arg, bytes < end ? bytes :
		    end, 0, 0);
		pthread_mutex_lock(&pl.mu);
		if (prc == -1)
			pl.cancel = 1;
	}
	pthread_mutex_unlock(&pl.mu);
	for (i = 0; i < pl.nw; i++)
		if (ws[i].started)
			pthread_join(ws[i].tid, NULL);

	/* Fold the chain of chunks whose seams held, in order. */
	for (i = 0;;) {
		w = &ws[i];
		lineoff = i == 0 ? 0 : next_line - w->line0;
		if (w->nomem)
			goto nomem;
		chain[nchain] = i;
		offs[nchain++] = lineoff;
		fold_counts(p, w, lineoff);
		if (w->sr.stop != SCAN_STOP_SEAM)
			break;
		next_line = w->sr.line + lineoff;
		i = i + 1 + w->sr.seam;
	}
	memset(&fo, 0, sizeof(fo));
	fo.p = p;
	fo.ws = ws;
	fo.chain = chain;
	fo.off = offs;
	fo.n = nchain;
	if (fold_parallel(&fo, pl.nw) == -1)
		goto nomem;
	p->bytes = w->sr.stop == SCAN_STOP_END ? end : w->sr.end;
	if (w->sr.stop == SCAN_STOP_END)
		rc = 0;
	else {
		w->sr.err_line += lineoff;
		if (w->sr.err_line2 != 0)
			w->sr.err_line2 += lineoff;
		rc = stopped(p, src, &w->sr, w->err, err, errsz);
	}
	goto out;
nomem:
	snprintf(err, errsz, "out of memory");
out:
	if (inited) {
		pthread_cond_destroy(&pl.cv);
		pthread_mutex_destroy(&pl.mu);
	}
	if (ws != NULL)
		for (i = 0; i < pl.nw; i++)
			part_free(&ws[i]);
	free(ws);
	return rc;
}

/* One-thread runs: report progress after every block. */
struct single {
	struct part		 pt;
	const struct engine_opts *opts;
	struct source		*src;
	struct profile		*p;
};

static int
single_block(void *arg, uint64_t pos)
{
	struct single	*s = arg;
	uint64_t	 bytes = source_progress(s->src, pos);

	s->p->bytes = bytes;
	if (s->opts->progress != NULL && s->opts->progress(
	    s->opts->progress_arg, bytes, s->pt.rows, 0) == -1)
		return 1;
	return 0;
}

static int
single_row(void *arg, const struct reader_row *row, char *err, size_t errsz)
{
	struct single	*s = arg;

	return on_row(&s->pt, row, err, errsz);
}

static int
single_release(void *arg, char *err, size_t errsz)
{
	struct single	*s = arg;

	return on_release(&s->pt, err, errsz);
}

static int
run(const struct engine_opts *opts, struct source *src, struct profile *p,
    char *err, size_t errsz)
{
	struct header		 h;
	struct scan_conf	 sc;
	struct scan_result	 sr;
	struct single		*one = NULL;
	enum source_fail	 why;
	char			*hbuf = NULL;
	int			*slot_of = NULL, rc = -1, n;
	uint64_t		 seams[TALLY_THREADS_MAX], end;
	size_t			 have, i, split, per;
	long			 nseams;

	memset(&h, 0, sizeof(h));
	if ((hbuf = malloc(TALLY_HEADER_MAX)) == NULL ||
	    (one = line_calloc(1, sizeof(*one))) == NULL) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	if (reader_read_header(src, opts->block_size ? opts->block_size :
	    TALLY_BLOCK_SIZE, opts->delim, &h, hbuf, &have, &why, err,
	    errsz) == -1) {
		p->data_error = why != SOURCE_FAIL_IO;
		p->not_csv = why == SOURCE_FAIL_NOT_CSV;
		goto out;
	}
	p->header = !opts->no_header;
	if (opts->no_header && header_number(&h, hbuf, err, errsz) == -1)
		goto out;
	p->delim = h.delim;
	p->ncols = h.ncols;
	per = TALLY_PROFILE_ENTRIES / (h.ncols ? h.ncols : 1);
	p->bound = per > TALLY_PROFILE_DISTINCT ? TALLY_PROFILE_DISTINCT :
	    per < 1024 ? 1024 : per;
	if ((p->names = calloc(h.ncols ? h.ncols : 1,
	    sizeof(*p->names))) == NULL ||
	    (p->cols = calloc(h.ncols ? h.ncols : 1,
	    sizeof(*p->cols))) == NULL ||
	    (slot_of = malloc((h.ncols ? h.ncols : 1) *
	    sizeof(*slot_of))) == NULL) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	for (i = 0; i < h.ncols; i++) {
		size_t	 len = strlen(h.names[i]);

		slot_of[i] = (int)i;
		if ((p->names[i] = malloc(3 * len + 1)) == NULL ||
		    column_init(&p->cols[i], p->bound) == -1) {
			snprintf(err, errsz, "out of memory");
			goto out;
		}
		if (p->enc == SOURCE_ENC_LATIN1 || p->enc == SOURCE_ENC_CP1252)
			len = transcode_cell(p->enc, h.names[i], len,
			    p->names[i]);
		else
			memcpy(p->names[i], h.names[i], len);
		p->names[i][len] = '\0';
	}

	n = opts->threads > 0 ? opts->threads : engine_cores();
	if (n > TALLY_THREADS_MAX)
		n = TALLY_THREADS_MAX;
	split = opts->split_min ? opts->split_min : TALLY_SPLIT_MIN;
	end = source_size(src);
	if (source_splittable(src) && n > 1 && end > h.len &&
	    (end - h.len) / split >= 2) {
		if ((uint64_t)n > (end - h.len) / split)
			n = (int)((end - h.len) / split);
		if ((nseams = engine_seams(opts, src, h.delim, h.len, end,
		    (size_t)n, seams, err, errsz)) == -1)
			goto out;
		if (nseams > 0) {
			rc = run_threads(opts, src, &h, slot_of, seams,
			    (size_t)nseams, end, p, err, errsz);
			goto out;
		}
	}

	one->opts = opts;
	one->src = src;
	one->p = p;
	if (part_init(&one->pt, h.ncols, p->bound, p->enc,
	    opts->decimal_comma) == -1) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	memset(&sc, 0, sizeof(sc));
	sc.delim = h.delim;
	sc.block_size = opts->block_size;
	sc.trim = opts->trim;
	sc.ncols = h.ncols;
	sc.slot_of = slot_of;
	sc.nslots = h.ncols;
	sc.row = single_row;
	sc.point = 1;
	sc.block = single_block;
	sc.release = single_release;
	sc.arg = one;
	if ((one->pt.scan = scan_new(&sc)) == NULL) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	(void)scan_run(one->pt.scan, src, h.len, hbuf + h.len, have - h.len,
	    1 + h.lines, NULL, 0, &sr, one->pt.err, sizeof(one->pt.err));
	count_rest(&one->pt);
	p->bytes = source_progress(src, sr.end);
	if (one->pt.nomem || fold(p, &one->pt, 0) == -1) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	if (sr.stop == SCAN_STOP_END)
		rc = 0;
	else
		rc = stopped(p, src, &sr, one->pt.err, err, errsz);
out:
	if (one != NULL)
		part_free(&one->pt);
	free(one);
	header_free(&h);
	free(slot_of);
	free(hbuf);
	return rc;
}

int
profile_run(const struct engine_opts *opts, int fd, off_t off, off_t len,
    struct profile *p, char *err, size_t errsz)
{
	struct source_opts	 so = opts->source;
	struct source		*src;
	enum source_fail	 why;
	double			 t0 = clock_mono();
	size_t			 i;
	int			 rc = -1;

	memset(p, 0, sizeof(*p));
	if (opts->delim == '"' || opts->delim == '\r' || opts->delim == '\n') {
		snprintf(err, errsz, "the delimiter cannot be a quote or a "
		    "line end");
		goto out;
	}
	so.block_size = opts->block_size;
	if ((src = source_open(fd, off, len, &so, &why, err, errsz)) == NULL) {
		p->data_error = why != SOURCE_FAIL_IO;
		p->not_csv = why == SOURCE_FAIL_NOT_CSV;
		goto out;
	}
	p->comp = source_comp(src);
	p->enc = source_enc(src);
	rc = run(opts, src, p, err, errsz);
	source_close(src);
	/* The columns' exact tables, added up and keyed by value. */
	for (i = 0; p->cols != NULL && i < p->ncols; i++)
		if (column_finish(&p->cols[i]) == -1 && rc == 0) {
			snprintf(err, errsz, "out of memory");
			rc = -1;
		}
out:
	p->seconds = clock_mono() - t0;
	p->peak_rss_kb = engine_peak_rss_kb();
	return rc;
}

void
profile_free(struct profile *p)
{
	size_t	 i;

	for (i = 0; i < p->ncols; i++) {
		if (p->names != NULL)
			free(p->names[i]);
		if (p->cols != NULL)
			column_free(&p->cols[i]);
	}
	free(p->names);
	free(p->cols);
	for (i = 0; i < p->npreview; i++)
		rec_free(&p->preview[i]);
	memset(p, 0, sizeof(*p));
}

/* ---------------------------------------------------------------------
 * Writing.
 */

/* How a value is written: nothing, a number, a string, a JSON literal. */
enum shown_kind {
	SHOWN_NULL,
	SHOWN_NUMBER,
	SHOWN_TEXT,
	SHOWN_LITERAL,
	SHOWN__MAX
};

struct shown_value {
	enum shown_kind	 kind;
	const char	*s;
	size_t		 len;
	char		 buf[DEC_TEXT_MAX];
};

/* What the writers print for one column. */
struct shown {
	enum infer_type	 type;
	int		 precision, scale;
	struct shown_value min, max;
	struct shown_value mean, stddev;
	uint64_t	 distinct;
	int		 distinct_exact;
	struct freq_item top[PROFILE_TOP];
	size_t		 ntop;
	int		 top_exact;
	enum infer_type	 spoiled;	/* INFER_TEXT: none */
	uint64_t	 misfits;
};

static void
extreme(const struct column *c, enum infer_type t, int max,
    struct shown_value *v)
{
	const struct column_ext	*e;

	v->kind = SHOWN_NULL;
	if (c->count == 0)
		return;
	switch (t) {
	case INFER_BOOLEAN:
		v->kind = SHOWN_LITERAL;
		v->s = (max ? c->seen_true : !c->seen_false) ? "true" : "false";
		v->len = strlen(v->s);
		return;
	case INFER_INTEGER:
	case INFER_DECIMAL:
		e = max ? &c->nmax : &c->nmin;
		v->kind = SHOWN_NUMBER;
		v->len = (size_t)dec_format(&e->v.num, 0, v->buf,
		    sizeof(v->buf));
		v->s = v->buf;
		return;
	case INFER_DATE:
	case INFER_TIMESTAMP:
		e = max ? &c->tmax : &c->tmin;
		break;
	default:
		/* As agg's min and max: numbers before texts (SQLite). */
		if (max)
			e = c->smax.set ? &c->smax : &c->nmax;
		else
			e = c->nmin.set ? &c->nmin : &c->smin;
		break;
	}
	v->kind = SHOWN_TEXT;
	v->s = e->text;
	v->len = e->len;
}

static void
shown_of(const struct column *c, struct shown *sh)
{
	memset(sh, 0, sizeof(*sh));
	sh->type = column_type(c);
	column_precision(c, &sh->precision, &sh->scale);
	extreme(c, sh->type, 0, &sh->min);
	extreme(c, sh->type, 1, &sh->max);
	sh->mean.kind = sh->stddev.kind = SHOWN_NULL;
	if ((sh->type == INFER_INTEGER || sh->type == INFER_DECIMAL) &&
	    c->nnum > 0 && !c->sum_over) {
		if (dec_format_div(&c->sum, c->nnum, 0, c->scale +
		    TALLY_MEAN_EXTRA, sh->mean.buf, sizeof(sh->mean.buf)) >= 0) {
			sh->mean.kind = SHOWN_NUMBER;
			sh->mean.s = sh->mean.buf;
			sh->mean.len = strlen(sh->mean.buf);
		}
		if (!c->sq_over && moments_format(&c->sum, c->nnum, &c->sq, 1,
		    c->scale + TALLY_MEAN_EXTRA, sh->stddev.buf,
		    sizeof(sh->stddev.buf)) == 0) {
			sh->stddev.kind = SHOWN_NUMBER;
			sh->stddev.s = sh->stddev.buf;
			sh->stddev.len = strlen(sh->stddev.buf);
		}
	}
	sh->distinct = freq_distinct(c->freq, &sh->distinct_exact);
	sh->ntop = freq_top(c->freq, sh->top, PROFILE_TOP, &sh->top_exact);
	sh->spoiled = column_spoiled(c, &sh->misfits);
}

static int
json_value(FILE *f, const struct shown_value *v)
{
	switch (v->kind) {
	case SHOWN_NUMBER:
	case SHOWN_LITERAL:
		return fwrite(v->s, 1, v->len, f) == v->len ? 0 : -1;
	case SHOWN_TEXT:
		return json_strn(f, v->s, v->len);
	default:
		return fputs("null", f) == EOF ? -1 : 0;
	}
}

static int
json_top(FILE *f, const struct shown *sh)
{
	size_t	 i;

	if (fputc('[', f) == EOF)
		return -1;
	for (i = 0; i < sh->ntop; i++) {
		if (fprintf(f, "%s{\"value\":", i ? "," : "") < 0)
			return -1;
		if (sh->top[i].cut) {
			char	 b[FREQ_TEXT + 4];

			memcpy(b, sh->top[i].text, sh->top[i].len);
			memcpy(b + sh->top[i].len, "...", 3);
			if (json_strn(f, b, sh->top[i].len + 3) == -1)
				return -1;
		} else if (json_strn(f, sh->top[i].text,
		    sh->top[i].len) == -1)
			return -1;
		if (fprintf(f, ",\"count\":%llu}",
		    (unsigned long long)sh->top[i].count) < 0)
			return -1;
	}
	return fputc(']', f) == EOF ? -1 : 0;
}

static int
json_column(FILE *f, const struct profile *p, size_t i)
{
	const struct column	*c = &p->cols[i];
	const struct column_miss *m;
	struct shown		 sh;

	shown_of(c, &sh);
	if (fputs("{\"name\":", f) == EOF || json_str(f, p->names[i]) == -1 ||
	    fprintf(f, ",\"type\":\"%s\"", infer_names[sh.type]) < 0)
		return -1;
	if (sh.type == INFER_DECIMAL) {
		if (fprintf(f, ",\"precision\":%d,\"scale\":%d", sh.precision,
		    sh.scale) < 0)
			return -1;
	} else if (fputs(",\"precision\":null,\"scale\":null", f) == EOF)
		return -1;
	if (fprintf(f, ",\"count\":%llu,\"empty\":%llu,\"distinct\":%llu,"
	    "\"distinct_exact\":%s,\"distinct_error\":%s,\"min\":",
	    (unsigned long long)c->count, (unsigned long long)c->empty,
	    (unsigned long long)sh.distinct, sh.distinct_exact ? "true" :
	    "false", sh.distinct_exact ? "0" : "0.0081") < 0 ||
	    json_value(f, &sh.min) == -1 || fputs(",\"max\":", f) == EOF ||
	    json_value(f, &sh.max) == -1 || fputs(",\"mean\":", f) == EOF ||
	    json_value(f, &sh.mean) == -1 || fputs(",\"stddev\":", f) == EOF ||
	    json_value(f, &sh.stddev) == -1)
		return -1;
	if (c->count > 0) {
		if (fprintf(f, ",\"min_length\":%llu,\"max_length\":%llu",
		    (unsigned long long)c->minlen,
		    (unsigned long long)c->maxlen) < 0)
			return -1;
	} else if (fputs(",\"min_length\":null,\"max_length\":null",
	    f) == EOF)
		return -1;
	if (fputs(",\"top\":", f) == EOF || json_top(f, &sh) == -1 ||
	    fprintf(f, ",\"top_exact\":%s,\"not_type\":", sh.top_exact ?
	    "true" : "false") < 0)
		return -1;
	if (sh.spoiled == INFER_TEXT)
		return fputs("null}", f) == EOF ? -1 : 0;
	m = &c->miss[sh.spoiled];
	if (fprintf(f, "{\"type\":\"%s\",\"count\":%llu,\"first_line\":%llu,"
	    "\"first_value\":", infer_names[sh.spoiled],
	    (unsigned long long)sh.misfits,
	    (unsigned long long)m->line) < 0 ||
	    json_strn(f, m->value, m->len) == -1)
		return -1;
	return fputs("}}", f) == EOF ? -1 : 0;
}

static const char *
delim_name(char d, char *buf)
{
	if (d == '\t')
		return "\\t";
	buf[0] = d;
	buf[1] = '\0';
	return buf;
}

int
profile_json(FILE *f, const struct profile *p)
{
	char	 d[2];
	size_t	 i, j;

	if (fputs("{\"dialect\":{\"delimiter\":", f) == EOF ||
	    json_str(f, p->delim == '\t' ? "\t" : delim_name(p->delim, d)) ==
	    -1 || fprintf(f, ",\"quote\":\"\\\"\",\"header\":%s,"
	    "\"encoding\":\"%s\",\"compression\":\"%s\"},\"rows\":%llu,"
	    "\"rejected\":%llu,\"columns\":[", p->header ? "true" : "false",
	    transcode_names[p->enc], source_comp_name(p->comp),
	    (unsigned long long)p->rows,
	    (unsigned long long)p->rejected) < 0)
		return -1;
	for (i = 0; i < p->ncols; i++)
		if ((i > 0 && fputc(',', f) == EOF) ||
		    json_column(f, p, i) == -1)
			return -1;
	if (fputs("],\"preview\":[", f) == EOF)
		return -1;
	for (i = 0; i < p->npreview; i++) {
		if (fputs(i ? ",[" : "[", f) == EOF)
			return -1;
		for (j = 0; j < p->preview[i].n; j++)
			if ((j > 0 && fputc(',', f) == EOF) ||
			    json_strn(f, p->preview[i].cells[j],
			    p->preview[i].lens[j]) == -1)
				return -1;
		if (fputc(']', f) == EOF)
			return -1;
	}
	return fputs("]}\n", f) == EOF ? -1 : 0;
}

/* A CSV cell, quoted if need be, with a formula guard if guard. */
static int
csv_text(FILE *f, const char *s, size_t len, int guard)
{
	char	*tmp;
	size_t	 i;
	int	 rc, quote = 0;

	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			quote = 1;
	if (len > 0 && (s[0] == ' ' || s[len - 1] == ' '))
		quote = 1;
	if (guard && len > 0 && s[0] != '\0' &&
	    strchr("=+-@\t\r", s[0]) != NULL) {
		if ((tmp = malloc(len + 1)) == NULL)
			return -1;
		tmp[0] = '\'';
		memcpy(tmp + 1, s, len);
		rc = csv_fwrite(f, tmp, len + 1) == 0 ? 0 : -1;
		free(tmp);
		return rc;
	}
	if (quote)
		return csv_fwrite(f, s, len) == 0 ? 0 : -1;
	return fwrite(s, 1, len, f) == len ? 0 : -1;
}

static int
csv_value(FILE *f, const struct shown_value *v)
{
	if (fputc(',', f) == EOF)
		return -1;
	switch (v->kind) {
	case SHOWN_NUMBER:
	case SHOWN_LITERAL:
		return fwrite(v->s, 1, v->len, f) == v->len ? 0 : -1;
	case SHOWN_TEXT:
		return csv_text(f, v->s, v->len, 1);
	default:
		return 0;
	}
}

int
profile_csv(FILE *f, const struct profile *p)
{
	const struct column	*c;
	struct shown		 sh;
	char			*top = NULL;
	size_t			 toplen = 0, i;
	FILE			*mf;
	int			 rc = -1;

	if (fputs("name,type,precision,scale,count,empty,distinct,"
	    "distinct_exact,min,max,mean,stddev,min_length,max_length,top,"
	    "top_exact,not_type,not_type_count,not_type_first_line,"
	    "not_type_first_value\n", f) == EOF)
		return -1;
	for (i = 0; i < p->ncols; i++) {
		c = &p->cols[i];
		shown_of(c, &sh);
		if (csv_text(f, p->names[i], strlen(p->names[i]), 1) == -1 ||
		    fprintf(f, ",%s,", infer_names[sh.type]) < 0)
			return -1;
		if (sh.type == INFER_DECIMAL && fprintf(f, "%d,%d",
		    sh.precision, sh.scale) < 0)
			return -1;
		if (sh.type != INFER_DECIMAL && fputc(',', f) == EOF)
			return -1;
		if (fprintf(f, ",%llu,%llu,%llu,%s", (unsigned long long)
		    c->count, (unsigned long long)c->empty,
		    (unsigned long long)sh.distinct, sh.distinct_exact ?
		    "true" : "false") < 0 || csv_value(f, &sh.min) == -1 ||
		    csv_value(f, &sh.max) == -1 ||
		    csv_value(f, &sh.mean) == -1 ||
		    csv_value(f, &sh.stddev) == -1)
			return -1;
		if (c->count > 0 ? fprintf(f, ",%llu,%llu,",
		    (unsigned long long)c->minlen,
		    (unsigned long long)c->maxlen) < 0 :
		    fputs(",,,", f) == EOF)
			return -1;
		if ((mf = open_memstream(&top, &toplen)) == NULL)
			return -1;
		rc = json_top(mf, &sh);
		if (fclose(mf) == EOF)
			rc = -1;
		if (rc == 0)
			rc = csv_text(f, top, toplen, 0);
		free(top);
		top = NULL;
		if (rc == -1)
			return -1;
		if (fprintf(f, ",%s", sh.top_exact ? "true" : "false") < 0)
			return -1;
		if (sh.spoiled == INFER_TEXT) {
			if (fputs(",,,,\n", f) == EOF)
				return -1;
			continue;
		}
		if (fprintf(f, ",%s,%llu,%llu,", infer_names[sh.spoiled],
		    (unsigned long long)sh.misfits, (unsigned long long)
		    c->miss[sh.spoiled].line) < 0 ||
		    csv_text(f, c->miss[sh.spoiled].value,
		    c->miss[sh.spoiled].len, 1) == -1 || fputc('\n', f) == EOF)
			return -1;
	}
	return 0;
}

/* Print up to width characters of a value, padded, for the table. */
static int
cellw(FILE *f, const char *s, size_t len, int width)
{
	char	 b[256];
	size_t	 n;

	n = utf8_show(b, (size_t)width + 1 < sizeof(b) ? (size_t)width + 1 :
	    sizeof(b), s, len);
	return fprintf(f, " %-*s", width, b) < 0 || n > (size_t)width * 4 ?
	    -1 : 0;
}

int
profile_table(FILE *f, const struct profile *p)
{
	const struct column	*c;
	struct shown		 sh;
	char			 d[2], dist[32], buf[64];
	size_t			 i, j;

	if (fprintf(f, "%llu rows, %zu columns, delimiter \"%s\", %s, %s"
	    "%s\n", (unsigned long long)p->rows, p->ncols,
	    delim_name(p->delim, d), transcode_names[p->enc],
	    source_comp_name(p->comp), p->header ? "" : ", no header") < 0)
		return -1;
	if (p->rejected > 0 && fprintf(f, "%llu rows with the wrong number of "
	    "fields skipped, the first at line %llu\n",
	    (unsigned long long)p->rejected,
	    (unsigned long long)p->bad_line) < 0)
		return -1;
	if (fprintf(f, "\n %-20s %-10s %10s %8s %10s %-16s %-16s %-14s\n",
	    "column", "type", "count", "empty", "distinct", "min", "max",
	    "mean") < 0)
		return -1;
	for (i = 0; i < p->ncols; i++) {
		c = &p->cols[i];
		shown_of(c, &sh);
		snprintf(dist, sizeof(dist), "%s%llu", sh.distinct_exact ? "" :
		    "~", (unsigned long long)sh.distinct);
		if (sh.type == INFER_DECIMAL)
			snprintf(buf, sizeof(buf), "decimal(%d,%d)",
			    sh.precision, sh.scale);
		else
			snprintf(buf, sizeof(buf), "%s", infer_names[sh.type]);
		if (cellw(f, p->names[i], strlen(p->names[i]), 20) == -1 ||
		    fprintf(f, " %-10s %10llu %8llu %10s", buf,
		    (unsigned long long)c->count, (unsigned long long)c->empty,
		    dist) < 0 ||
		    cellw(f, sh.min.s ? sh.min.s : "", sh.min.s ? sh.min.len :
		    0, 16) == -1 ||
		    cellw(f, sh.max.s ? sh.max.s : "", sh.max.s ? sh.max.len :
		    0, 16) == -1 ||
		    cellw(f, sh.mean.s ? sh.mean.s : "", sh.mean.s ?
		    sh.mean.len : 0, 14) == -1 || fputc('\n', f) == EOF)
			return -1;
	}
	if (fputs("\ntop values", f) == EOF)
		return -1;
	for (i = 0; i < p->ncols; i++) {
		c = &p->cols[i];
		shown_of(c, &sh);
		if (fprintf(f, "\n %s%s:", p->names[i], sh.top_exact ? "" :
		    " (estimated)") < 0)
			return -1;
		if (sh.ntop == 0 && fputs(c->count == 0 ? " no values" :
		    " none stands out", f) == EOF)
			return -1;
		for (j = 0; j < sh.ntop && j < 5; j++) {
			char	 b[FREQ_TEXT * 2];

			utf8_show(b, sizeof(b), sh.top[j].text, sh.top[j].len);
			if (fprintf(f, "%s %s (%llu)", j ? "," : "", b,
			    (unsigned long long)sh.top[j].count) < 0)
				return -1;
		}
		if (sh.spoiled != INFER_TEXT) {
			char	 b[COLUMN_SHOW * 2];

			utf8_show(b, sizeof(b), c->miss[sh.spoiled].value,
			    c->miss[sh.spoiled].len);
			if (fprintf(f, "\n   %s except %llu value%s, the first "
			    "at line %llu: \"%s\"", infer_names[sh.spoiled],
			    (unsigned long long)sh.misfits, sh.misfits == 1 ?
			    "" : "s", (unsigned long long)
			    c->miss[sh.spoiled].line, b) < 0)
				return -1;
		}
	}
	return fputc('\n', f) == EOF ? -1 : 0;
}

/*
 * The profile as a Parquet table: the columns of profile_csv(), one row
 * per input column, typed (counts INT64, mean and stddev DECIMAL, the rest
 * STRING, booleans as "true"/"false"), with nulls where the CSV has empty
 * cells and no formula guard.
 */
static const struct parquet_col pq_cols[] = {
	{ "name", PARQUET_TEXT, 0 }, { "type", PARQUET_TEXT, 0 },
	{ "precision", PARQUET_COUNT, 0 }, { "scale", PARQUET_COUNT, 0 },
	{ "count", PARQUET_COUNT, 0 }, { "empty", PARQUET_COUNT, 0 },
	{ "distinct", PARQUET_COUNT, 0 },
	{ "distinct_exact", PARQUET_TEXT, 0 },
	{ "min", PARQUET_TEXT, 0 }, { "max", PARQUET_TEXT, 0 },
	{ "mean", PARQUET_NUMBER, 0 }, { "stddev", PARQUET_NUMBER, 0 },
	{ "min_length", PARQUET_COUNT, 0 }, { "max_length", PARQUET_COUNT, 0 },
	{ "top", PARQUET_TEXT, 0 }, { "top_exact", PARQUET_TEXT, 0 },
	{ "not_type", PARQUET_TEXT, 0 }, { "not_type_count", PARQUET_COUNT, 0 },
	{ "not_type_first_line", PARQUET_COUNT, 0 },
	{ "not_type_first_value", PARQUET_TEXT, 0 },
};

struct pq_src {
	const struct profile	*p;
	struct shown		*sh;	/* per column */
	char			**top;	/* per column: the top list's JSON */
	size_t			*toplen;
};

static int
pq_shown(const struct shown_value *v, const char **s, size_t *len)
{
	if (v->kind == SHOWN_NULL)
		return 1;
	*s = v->s;
	*len = v->len;
	return 0;
}

static int
pq_cell(void *arg, size_t row, size_t col, char *buf, size_t sz,
    const char **s, size_t *len)
{
	const struct pq_src	*x = arg;
	const struct column	*c = &x->p->cols[row];
	const struct shown	*sh = &x->sh[row];
	unsigned long long	 n;

	switch (col) {
	case 0:
		*s = x->p->names[row];
		*len = strlen(*s);
		return 0;
	case 1:
		*s = infer_names[sh->type];
		*len = strlen(*s);
		return 0;
	case 2:
	case 3:
		if (sh->type != INFER_DECIMAL)
			return 1;
		n = (unsigned long long)(col == 2 ? sh->precision : sh->scale);
		break;
	case 4:
		n = c->count;
		break;
	case 5:
		n = c->empty;
		break;
	case 6:
		n = sh->distinct;
		break;
	case 7:
	case 15:
		*s = (col == 7 ? sh->distinct_exact : sh->top_exact) ? "true" :
		    "false";
		*len = strlen(*s);
		return 0;
	case 8:
		return pq_shown(&sh->min, s, len);
	case 9:
		return pq_shown(&sh->max, s, len);
	case 10:
		return pq_shown(&sh->mean, s, len);
	case 11:
		return pq_shown(&sh->stddev, s, len);
	case 12:
	case 13:
		if (c->count == 0)
			return 1;
		n = col == 12 ? c->minlen : c->maxlen;
		break;
	case 14:
		*s = x->top[row];
		*len = x->toplen[row];
		return 0;
	default:
		if (sh->spoiled == INFER_TEXT)
			return 1;
		if (col == 16) {
			*s = infer_names[sh->spoiled];
			*len = strlen(*s);
			return 0;
		}
		if (col == 19) {
			*s = c->miss[sh->spoiled].value;
			*len = c->miss[sh->spoiled].len;
			return 0;
		}
		n = col == 17 ? sh->misfits : c->miss[sh->spoiled].line;
		break;
	}
	snprintf(buf, sz, "%llu", n);
	*s = buf;
	*len = strlen(buf);
	return 0;
}

int
profile_parquet(FILE *f, const struct profile *p, char *err, size_t errsz)
{
	struct parquet_table	 t;
	struct pq_src		 x;
	FILE			*mf;
	size_t			 i;
	int			 rc = -1;

	x.p = p;
	x.sh = calloc(p->ncols ? p->ncols : 1, sizeof(*x.sh));
	x.top = calloc(p->ncols ? p->ncols : 1, sizeof(*x.top));
	x.toplen = calloc(p->ncols ? p->ncols : 1, sizeof(*x.toplen));
	if (x.sh == NULL || x.top == NULL || x.toplen == NULL) {
		snprintf(err, errsz, "out of memory writing Parquet");
		goto out;
	}
	for (i = 0; i < p->ncols; i++) {
		shown_of(&p->cols[i], &x.sh[i]);
		if ((mf = open_memstream(&x.top[i], &x.toplen[i])) == NULL ||
		    json_top(mf, &x.sh[i]) == -1 || fclose(mf) == EOF) {
			snprintf(err, errsz, "out of memory writing Parquet");
			goto out;
		}
	}
	t.ncols = sizeof(pq_cols) / sizeof(pq_cols[0]);
	t.cols = pq_cols;
	t.nrows = p->ncols;
	t.cell = pq_cell;
	t.arg = &x;
	rc = parquet_write_table(f, &t, PARQUET_ZSTD, err, errsz);
out:
	for (i = 0; x.top != NULL && i < p->ncols; i++)
		free(x.top[i]);
	free(x.sh);
	free(x.top);
	free(x.toplen);
	return rc;
}

int
profile_file(const char *path, const struct profile *p, int json, char *err,
    size_t errsz)
{
	char	 tmp[4096];
	FILE	*f = NULL;
	int	 fd = -1, rc = -1;

	/* A temporary file renamed into place, or a device written in place. */
	if ((fd = output_open(path, tmp, sizeof(tmp), err, errsz)) == -1)
		return -1;
	if ((f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errsz, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (json == PROFILE_OUT_PARQUET) {
		if (profile_parquet(f, p, err, errsz) == -1)
			goto out;
	} else if (json == PROFILE_OUT_JSON ? profile_json(f, p) == -1 :
	    profile_csv(f, p) == -1) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fflush(f) == EOF || (tmp[0] != '\0' && fsync(fileno(f)) == -1)) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fclose(f) == EOF) {
		f = NULL;
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto out;
	}
	f = NULL;
	if (tmp[0] != '\0' && rename(tmp, path) == -1) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	if (fd != -1)
		close(fd);
	if (rc == -1 && tmp[0] != '\0')
		unlink(tmp);
	return rc;
}
