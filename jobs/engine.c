/*
 * The engine turns records from a parser into groups in the table: it
 * binds the query to the header, checks each record (field count, key
 * length, numbers), records bad rows, and keeps the metrics.  It owns the
 * meaning of "bad row" and of each aggregate's printed value; it does not
 * parse CSV or write files.
 *
 * Records come from the libcsv reader (reader.c), the reference, or from
 * the fast scanner (scan.c), the default; both feed the same on_row(), so
 * bad rows and errors are the same by construction.
 *
 * Threads.  A regular file is cut into chunks at seams: for each nominal
 * cut, scan_seam() guesses a record boundary by parsing TALLY_SEAM_WINDOW
 * bytes from the next line end (a parse started at the wrong quote parity
 * resynchronises at the first record boundary both parses share, which in
 * real data comes within a few fields).  Every chunk is scanned by its own
 * thread into its own table with line numbers counted from 1, speculating
 * that its seam is right.  The thread of the chunk before checks the guess
 * for free: it scans past its end until it reaches the seam at a record
 * boundary (the guess was right: it stops there) or passes it inside a
 * quoted field (the guess was wrong: it carries on through the next chunk,
 * whose own result is then ignored, and checks the seam after that).  So
 * the result is exact for any input; a wrong guess only costs parallelism.
 * The chain of chunks is then walked in order: line numbers are shifted by
 * the LFs of the chunks before, bad rows are concatenated in line order (the
 * first TALLY_BADROWS_KEEP kept, all counted), the first chunk that failed
 * gives the error (in strict mode the earliest bad row), and the tables are
 * merged with agg_merge() in chunk order.  A thread whose own table passes
 * big_groups() sends its later rows to one table all threads share
 * (part.h), so that a million groups are held once, not once a thread; the
 * threads' tables are then folded into it, and a chunk whose result is
 * ignored after feeding it sends the run to one thread.  Output is sorted,
 * so no result depends on the order groups were first seen in.
 *
 * Two failures depend on the order of additions rather than on one row:
 * the group limit and a sum overflowing 128 bits.  Each thread therefore
 * also sums the magnitudes of its values per scale (for rows the hot cache
 * took, a bound of them: count times the larger extreme); if the total, at
 * the largest scale, fits in 127 bits, no running sum in any order can
 * overflow.  If it does not fit, or a thread or the merge hit the group
 * limit, the run is redone on one thread, so those errors too name the
 * same line as a single-threaded run (at the price of a second pass, and
 * of the progress callback starting over).
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "clock.h"
#include "agg.h"
#include "dec.h"
#include "engine.h"
#include "hash.h"
#include "header.h"
#include "hot.h"
#include "pair.h"
#include "hll.h"
#include "kll.h"
#include "distinct.h"
#include "filter.h"
#include "mem.h"
#include "moments.h"
#include "num.h"
#include "part.h"
#include "reader.h"
#include "scan.h"
#include "transcode.h"
#include "utf8.h"

/* Magnitude bins per value column: one per scale. */
#define MAG_BINS	(TALLY_SCALE_MAX + 1)

/*
 * Rows waiting for the table on the fast path.  With a million groups each
 * row costs two cache misses (its slot, then its group record), one after
 * the other.  So on_row() hashes a row's key and prefetches its slot, asks
 * for the group record PEND_AHEAD rows later, and adds the row to the table
 * PEND_ROWS rows later, when both should have arrived; the misses of many
 * rows overlap.  Rows are still added in order, and every reject, block end
 * and scan end first adds the waiting rows, so errors, first-seen order and
 * line numbers are as if each row had been added at once.  Keys longer than
 * PEND_KEY bytes, and every row until a block ends with at least PEND_GROUPS
 * groups in the table (before that it fits in cache and waiting only costs
 * copies), go straight in, after any waiting rows.
 */
#define PEND_ROWS	16
/* A waiting row's value text: the shown bytes and a character's tail. */
#define VTEXT_MAX	(TALLY_BADVALUE_SHOW + 3)
#define PEND_AHEAD	8
#define PEND_KEY	64
/* Below this many groups the table is in cache and rows go straight in. */
#define PEND_GROUPS	16384

/*
 * A waiting row: its key and where its error would point.  Its values are
 * in struct run's pend_* arrays, nvals to a row, so that with few value
 * columns all the waiting rows share a few cache lines.
 */
struct pend {
	uint64_t	 h;		/* agg_hash() of the key */
	uint64_t	 rows;		/* res->rows with this row */
	unsigned long	 line;
	size_t		 keylen;
	char		 key[PEND_KEY];
};

/* Why on_row() stopped a run. */
enum fail {
	FAIL_NONE,
	FAIL_REJECT,		/* a bad row in strict mode */
	FAIL_REDO,		/* group limit or overflow: order-dependent */
	FAIL_MAX_BAD,		/* more bad rows than engine_opts.max_bad_rows */
	FAIL_NOMEM,
	FAIL__MAX
};

struct run {
	const struct engine_opts *opts;
	struct engine_result	*res;
	struct source		*src;
	enum source_enc		 enc;		/* of the cells (source_enc()) */
	size_t			 ncols;
	char			**colnames;	/* borrowed from the header */
	int			 keyslot[TALLY_GROUP_COLS_MAX];
	int			 valslot[TALLY_AGGS_MAX];
	enum fail		 fail;
	unsigned __int128	*mag;		/* nvals * MAG_BINS, or NULL */
	void			*owner;		/* the worker, if threaded */
	char			*err;		/* for the progress callback */
	size_t			 errsz;
	/* A key cell of a single-byte encoding may triple in UTF-8. */
	char			 key[TALLY_GROUP_COLS_MAX * (2 + 3 *
				    TALLY_KEY_MAX)];
	struct dec		 vals[TALLY_AGGS_MAX];
	unsigned char		 present[TALLY_AGGS_MAX];
	const char		*texts[TALLY_AGGS_MAX];
	size_t			 tlens[TALLY_AGGS_MAX];
	const struct filter	*filter;	/* NULL: every row counts */
	struct hot		*hot;		/* NULL: no hot-group cache */
	struct pair		*pair;		/* NULL: no two-column loop */
	struct hot_key		 hot_k;		/* the row's key, if hot_n */
	struct hot_entry	*hot_e;		/* its entry, if it has one */
	uint64_t		 hot_h;		/* its hot_hash() */
	size_t			 hot_n;		/* its encoded length, or 0 */
	int			 batch;		/* rows may wait (fast path) */
	int			 big;		/* PEND_GROUPS at the last block */
	int			 pend_failed;	/* a waiting row stopped it */
	struct part_batch	*pb;		/* threads: the shared table */
	int			 part_used;	/* rows went there */
	size_t			 pend_head;
	size_t			 pend_n;
	struct pend		 pend[PEND_ROWS];
	struct dec		 pend_vals[PEND_ROWS * TALLY_AGGS_MAX];
	unsigned char		 pend_present[PEND_ROWS * TALLY_AGGS_MAX];
	size_t			 pend_vlen[PEND_ROWS * TALLY_AGGS_MAX];
	char			 pend_vtext[PEND_ROWS * TALLY_AGGS_MAX]
				    [VTEXT_MAX];
};

long
engine_peak_rss_kb(void)
{
	struct rusage	 ru;

	if (getrusage(RUSAGE_SELF, &ru) == -1)
		return -1;
	return ru.ru_maxrss;
}

/*
 * Copy at most TALLY_BADVALUE_SHOW bytes of a value (len bytes in full, of
 * which kept >= VTEXT_MAX are at v if it is longer), cut between UTF-8
 * characters and marked "...", NULs and all.  Returns the bytes in dst.
 */
static size_t
show_value(char *dst, size_t sz, const char *v, size_t len, size_t kept)
{
	size_t	 n = len < kept ? len : kept;

	n = utf8_cut(v, n, TALLY_BADVALUE_SHOW < sz - 4 ?
	    TALLY_BADVALUE_SHOW : sz - 4);
	memcpy(dst, v, n);
	dst[n] = '\0';
	if (n < len) {
		memcpy(dst + n, "...", 4);
		n += 3;
	}
	return n;
}

/* The strict-mode error for a bad row. */
static void
reject_message(const struct engine_reject *rj, char *err, size_t errsz)
{
	char	 shown[TALLY_BADVALUE_SHOW * 6 + 8];

	utf8_show(shown, sizeof(shown), rj->value, rj->value_len);
	if (rj->column > 0)
		snprintf(err, errsz, "line %lu, column %d (%s), value \"%s\": "
		    "%s", rj->line, rj->column, rj->colname, shown,
		    rj->reason);
	else
		snprintf(err, errsz, "line %lu: %s", rj->line, rj->reason);
}

/*
 * The error for a run past its memory budget, naming the first aggregate
 * of value column v that keeps memory per value.
 */
static void
budget_message(struct run *r, size_t v, char *err, size_t errsz)
{
	const struct query	*q = &r->res->q;
	const struct query_agg	*a = NULL;
	size_t			 j;
	char			 size[64];
	const char		*opt = r->opts->memory_option ?
				    r->opts->memory_option : "--max-job-memory";

	for (j = 0; j < q->naggs; j++)
		if (q->aggs[j].val == (int)v && (a == NULL ||
		    q->aggs[j].kind == AGG_DISTINCT))
			a = &q->aggs[j];
	num_size_text(r->opts->max_memory ? r->opts->max_memory :
	    (size_t)TALLY_MEMORY_MAX, size, sizeof(size));
	if (a != NULL && a->kind == AGG_DISTINCT)
		snprintf(err, errsz, "%s needs more than the job's memory "
		    "budget of %s (%s): approx_distinct:%s counts in bounded "
		    "memory, within about 1%%", a->name, size, opt,
		    r->colnames[q->vals[v]]);
	else
		snprintf(err, errsz, "%s needs more than the job's memory "
		    "budget of %s; raise %s", a != NULL ? a->name :
		    "an aggregate", size, opt);
}

/*
 * The error for a row agg_add() refused with res: the group limit, an
 * overflowing sum (of value column bad, whose text is v, vlen bytes long in
 * full) or memory.  Always returns -1.
 */
static int
add_fail(struct run *r, enum agg_add res, unsigned long line, size_t bad,
    const char *v, size_t vlen, char *err, size_t errsz)
{
	const struct query	*q = &r->res->q;
	char			 cell[DEC_TEXT_MAX];
	char			 val[TALLY_BADVALUE_SHOW + 4];
	char			 shown[TALLY_BADVALUE_SHOW * 6 + 8];
	size_t			 n;

	switch (res) {
	case AGG_ADD_FULL:
		r->res->data_error = 1;
		r->fail = FAIL_REDO;
		snprintf(err, errsz, "line %lu: more than %zu groups (the group "
		    "limit)", line, r->opts->max_groups ?
		    r->opts->max_groups : (size_t)TALLY_GROUPS_MAX);
		return -1;
	case AGG_ADD_MEMORY:
		/* Threads hold a table each: one thread may still fit. */
		r->res->data_error = 1;
		r->fail = FAIL_REDO;
		snprintf(err, errsz, "the job needs more than %s of memory for "
		    "its groups (%zu groups so far); raise %s",
		    num_size_text(r->opts->max_memory ? r->opts->max_memory :
		    (size_t)TALLY_MEMORY_MAX, cell, sizeof(cell)),
		    agg_count(r->res->agg), r->opts->memory_option ?
		    r->opts->memory_option : "--max-job-memory");
		return -1;
	case AGG_ADD_OVERFLOW:
		r->res->data_error = 1;
		r->fail = FAIL_REDO;
		n = show_value(val, sizeof(val), v, vlen, VTEXT_MAX);
		utf8_show(shown, sizeof(shown), val, n);
		snprintf(err, errsz, "line %lu, column %d (%s), value \"%s\": "
		    "the sum of this column for this group overflows 128 bits",
		    line, q->vals[bad] + 1, r->colnames[q->vals[bad]], shown);
		return -1;
	case AGG_ADD_INEXACT:
		/* Only threads ask for exact sketches: go to one. */
		r->fail = FAIL_REDO;
		snprintf(err, errsz, "a quantile sketch must compact");
		return -1;
	case AGG_ADD_BUDGET:
		r->res->data_error = 1;
		/* Threads hold duplicates: one thread may fit. */
		r->fail = r->owner != NULL ? FAIL_REDO : FAIL_NOMEM;
		budget_message(r, bad, err, errsz);
		return -1;
	default:
		r->fail = FAIL_NOMEM;
		snprintf(err, errsz, "out of memory");
		return -1;
	}
}

/*
 * Add the oldest waiting row to the table.  Returns 0, or -1 with err set
 * and the run's row count put back to where that row stopped it.
 */
static int
pend_pop(struct run *r, char *err, size_t errsz)
{
	struct pend	*e = &r->pend[r->pend_head];
	size_t		 base = r->pend_head * r->res->q.nvals, bad = 0;
	enum agg_add	 res;

	r->pend_head = (r->pend_head + 1) % PEND_ROWS;
	r->pend_n--;
	res = agg_add_hashed(r->res->agg, e->key, e->keylen, e->h,
	    &r->pend_vals[base], &r->pend_present[base], NULL, NULL, &bad);
	if (res == AGG_ADD_OK)
		return 0;
	r->pend_n = 0;
	r->pend_failed = 1;
	r->res->rows = e->rows;
	return add_fail(r, res, e->line, bad, r->pend_vtext[base + bad],
	    r->pend_vlen[base + bad], err, errsz);
}

/* Add every waiting row, in order.  Returns 0, or -1 as pend_pop(). */
static int
pend_flush(struct run *r, char *err, size_t errsz)
{
	while (r->pend_n > 0)
		if (pend_pop(r, err, errsz) == -1)
			return -1;
	return 0;
}

/*
 * The first TALLY_REJECT_RECORD bytes of row's record into buf (size
 * TALLY_REJECT_RECORD + 4), cut on a UTF-8 character boundary with "..."
 * marking a cut: from the parser's buffer, or read again from a seekable
 * input, else left empty.  NUL bytes are kept.  Returns the bytes in buf,
 * "..." included, the terminating NUL not.
 */
static size_t
record_text(const struct run *r, const struct reader_row *row, char *buf)
{
	uint64_t	 len;
	size_t		 m, n;
	char		 e[TALLY_ERR_MAX];

	buf[0] = '\0';
	if (row->off == READER_OFF_NONE || row->end < row->off)
		return 0;
	len = row->end - row->off;
	/* One byte beyond the cut, to see whether it splits a character. */
	m = len > TALLY_REJECT_RECORD ? TALLY_REJECT_RECORD + 1 : (size_t)len;
	if (row->raw != NULL)
		memcpy(buf, row->raw, m);
	else if (r->src == NULL || !source_splittable(r->src) ||
	    source_read(r->src, row->off, buf, m, e, sizeof(e)) !=
	    (ssize_t)m)
		return 0;
	n = m;
	if (len > TALLY_REJECT_RECORD) {
		/* Back up to the lead byte of a character that was cut. */
		for (n = TALLY_REJECT_RECORD; n > 0 &&
		    ((unsigned char)buf[n] & 0xc0) == 0x80; n--)
			continue;
		memcpy(buf + n, "...", 4);
		return n + 3;
	}
	buf[n] = '\0';
	return n;
}

/*
 * Record a bad row: count it, keep it among the first few, hand it to the
 * reject callback (one thread only; see run_threads()), and stop the run
 * in strict mode or past max_bad_rows, with the message in err.  Returns
 * 0 to go on or -1 to stop.
 */
static int
reject_kept(struct run *r, const struct reader_row *row, int col,
    const char *value, size_t len, size_t kept, const char *reason,
    char *err, size_t errsz)
{
	const struct engine_opts *o = r->opts;
	struct engine_result	*res = r->res;
	struct engine_reject	 rj;
	size_t			 n;

	/* The rows before it come first, as their errors would. */
	if (pend_flush(r, err, errsz) == -1)
		return -1;
	memset(&rj, 0, sizeof(rj));
	rj.line = row->line;
	rj.column = col + 1;
	if (col >= 0) {
		char	 utf8[3 * TALLY_BADVALUE_SHOW];

		n = strlen(r->colnames[col]);
		n = utf8_cut(r->colnames[col], n, sizeof(rj.colname) - 1);
		memcpy(rj.colname, r->colnames[col], n);
		if (r->enc == SOURCE_ENC_LATIN1 ||
		    r->enc == SOURCE_ENC_CP1252) {
			/* The value as the user sees it, cut in UTF-8. */
			size_t	 k = kept < TALLY_BADVALUE_SHOW ? kept :
				    TALLY_BADVALUE_SHOW;

			kept = transcode_cell(r->enc, value, k, utf8);
			len = kept + (len - k);
			value = utf8;
		}
		rj.value_len = show_value(rj.value, sizeof(rj.value), value,
		    len, kept);
	}
	snprintf(rj.reason, sizeof(rj.reason), "%s", reason);
	rj.offset = row->off;
	rj.record_len = record_text(r, row, rj.record);
	res->rejected++;
	if (res->nrejects < TALLY_BADROWS_KEEP)
		res->rejects[res->nrejects++] = rj;
	if (r->owner == NULL && o->reject != NULL)
		o->reject(o->reject_arg, &rj);
	if (o->max_bad == ENGINE_MAX_BAD_ROWS &&
	    res->rejected > o->max_bad_rows) {
		res->data_error = 1;
		r->fail = FAIL_MAX_BAD;
		snprintf(err, errsz, "more than %llu bad rows: %llu of %llu "
		    "rows read were rejected; stopped at line %lu",
		    (unsigned long long)o->max_bad_rows,
		    (unsigned long long)res->rejected,
		    (unsigned long long)res->rows, rj.line);
		return -1;
	}
	if (!o->strict)
		return 0;
	res->data_error = 1;
	r->fail = FAIL_REJECT;
	reject_message(&rj, err, errsz);
	return -1;
}

/* reject() a value of which the first READER_SLOT_BYTES were kept. */
static int
reject(struct run *r, const struct reader_row *row, int col,
    const char *value, size_t len, const char *reason, char *err,
    size_t errsz)
{
	return reject_kept(r, row, col, value, len, len < READER_SLOT_BYTES ?
	    len : READER_SLOT_BYTES, reason, err, errsz);
}

/* Whether the input's cells are in latin-1 or windows-1252. */
static int
single_byte(const struct run *r)
{
	return r->enc == SOURCE_ENC_LATIN1 || r->enc == SOURCE_ENC_CP1252;
}

/*
 * Append key cell sl to r->key at *n, as UTF-8: converted from a
 * single-byte encoding, or checked if the input is UTF-8.  Returns 0, or
 * -1 if the cell is not valid UTF-8.
 */
static inline int
key_cell(struct run *r, const struct reader_slot *sl, size_t *n)
{
	size_t	 len = sl->len, at = *n + 2;
	uint64_t w, high = 0;
	size_t	 i;

	/* Mostly ASCII: one test per 8 bytes says so. */
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, sl->buf + i, 8);
		high |= w;
	}
	for (; i < len; i++)
		high |= (unsigned char)sl->buf[i];
	if ((high & 0x8080808080808080ULL) == 0)
		hash_copy(r->key + at, sl->buf, len);
	else if (single_byte(r))
		len = transcode_cell(r->enc,
		    sl->buf, len, r->key + at);
	else if (!transcode_utf8_valid(sl->buf, len))
		return -1;
	else
		memcpy(r->key + at, sl->buf, len);
	r->key[*n] = (char)(len & 0xff);
	r->key[*n + 1] = (char)(len >> 8);
	*n = at + len;
	return 0;
}

/*
 * A number written with a decimal comma, as the point form dec_parse()
 * reads: the comma and the point change places, so "1,5" is 1.5 and a
 * point ("1.234,5") reaches dec_parse() as a thousands separator.
 */
static void
swap_comma(const char *in, size_t len, char *out)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		out[i] = in[i] == ',' ? '.' : in[i] == '.' ? ',' : in[i];
}

static int
on_header(void *arg, const struct header *h, int *slot_of, char *err,
    size_t errsz)
{
	struct run		*r = arg;
	struct engine_result	*res = r->res;
	struct query		*q = &res->q;
	size_t			 i, nslots = 0;

	res->delim = h->delim;
	if (reader_names_utf8(h, r->enc, err, errsz) == -1)
		return -1;
	if (query_bind(q, r->opts->groups, r->opts->aggs, h, err,
	    errsz) == -1) {
		res->data_error = 1;
		return -1;
	}
	r->ncols = h->ncols;
	r->colnames = h->names;
	/* A column used twice shares one slot. */
	for (i = 0; i < q->nkeys; i++) {
		if (slot_of[q->keys[i]] < 0)
			slot_of[q->keys[i]] = (int)nslots++;
		r->keyslot[i] = slot_of[q->keys[i]];
		if (q->keydup[i] == 0)
			res->keynames[i] = strdup(h->names[q->keys[i]]);
		else if (asprintf(&res->keynames[i], "%s_%d",
		    h->names[q->keys[i]], q->keydup[i]) == -1)
			res->keynames[i] = NULL;
		if (res->keynames[i] == NULL) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
	}
	for (i = 0; i < q->nvals; i++) {
		if (slot_of[q->vals[i]] < 0)
			slot_of[q->vals[i]] = (int)nslots++;
		r->valslot[i] = slot_of[q->vals[i]];
	}
	if (r->opts->nwhere > 0) {
		/* A bad condition is the caller's mistake, not the input's. */
		if ((res->filter = calloc(1, sizeof(*res->filter))) == NULL) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
		for (i = 0; i < r->opts->nwhere; i++)
			if (filter_parse(res->filter, r->opts->where[i], err,
			    errsz) == -1) {
				res->usage_error = 1;
				return -1;
			}
		if (filter_bind(res->filter, h, err, errsz) == -1) {
			res->usage_error = 1;
			return -1;
		}
		for (i = 0; i < res->filter->n; i++) {
			struct filter_cond	*c = &res->filter->c[i];

			if (slot_of[c->col] < 0)
				slot_of[c->col] = (int)nslots++;
			c->slot = slot_of[c->col];
		}
		r->filter = res->filter;
	}
	if ((res->agg = agg_new(q->nvals, r->opts->max_groups ?
	    r->opts->max_groups : TALLY_GROUPS_MAX, res->mem)) == NULL ||
	    agg_set_needs(res->agg, q->needs, 0) == -1) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	/* Rows wait for the table only when they need no extras. */
	for (i = 0; i < q->nvals; i++)
		if (q->needs[i] & (QUERY_NEED_SQ | QUERY_NEED_DISTINCT |
		    QUERY_NEED_HLL | QUERY_NEED_KLL))
			r->batch = 0;
	return 0;
}

/* Add |d.v| to the bin of d's scale, saturating. */
static void
add_mag(unsigned __int128 *bins, const struct dec *d)
{
	unsigned __int128	 m = d->v < 0 ? -(unsigned __int128)d->v :
				    (unsigned __int128)d->v;
	unsigned __int128	*b = &bins[d->scale];

	if (__builtin_add_overflow(*b, m, b))
		*b = ~(unsigned __int128)0;
}

/*
 * Whether a run may use the hot-group cache: keys are UTF-8 as read (no
 * transcoding), every row counts (no filter), numbers are read as written
 * (no decimal comma), and no column needs more than sums, extremes and
 * counts (r->batch says so).
 */
static int
hot_wanted(const struct run *r)
{
	return !single_byte(r) && r->filter == NULL &&
	    !r->opts->decimal_comma && r->batch &&
	    r->res->q.nvals <= HOT_VALS;
}

/*
 * The hot path.  A row whose key is in the hot cache and whose numbers are
 * plain and at the scales the cache keeps for its group is added there:
 * the key needs no UTF-8 check (the table took it before) and the numbers
 * no 128-bit arithmetic.  Returns 1 if the row was added, 0 if it must take
 * the general path, with r->hot_k and r->hot_h set to its key and hash,
 * and r->hot_n nonzero, when the key was short enough for them.  With one
 * key column the cache's key is the cell's bytes, else the encoded key.
 */
static inline int
hot_row(struct run *r, const struct reader_row *row)
{
	const struct query		*q = &r->res->q;
	struct hot			*t = r->hot;
	struct hot_entry		*e;
	const struct reader_slot	*sl;
	int64_t				 x[HOT_VALS], sum;
	unsigned char			 pr[HOT_VALS];
	size_t				 i, n = 0, len, bad;

	r->hot_n = 0;
	r->hot_e = NULL;
	if (q->nkeys == 1) {
		/* One key column: the cache holds the cell's bytes. */
		sl = &row->slots[r->keyslot[0]];
		if ((n = sl->len) > HOT_KEY)
			return 0;
		hot_key_load(&r->hot_k, sl->buf, n);
	} else {
		for (i = 0; i < q->nkeys; i++) {
			sl = &row->slots[r->keyslot[i]];
			len = sl->len;
			if (len + 2 > HOT_KEY - n)
				return 0;
			r->key[n] = (char)(len & 0xff);
			r->key[n + 1] = (char)(len >> 8);
			/* Whole words: the slot and r->key have room. */
			memcpy(r->key + n + 2, sl->buf, HOT_KEY - 2);
			n += len + 2;
		}
		hot_key_load(&r->hot_k, r->key, n);
	}
	r->hot_h = hot_hash(&r->hot_k);
	r->hot_n = n + 1;
	r->hot_e = e = hot_find(t, &r->hot_k, r->hot_h);
	if (e == NULL || e->cold) {
		/* Full of other keys, and most rows miss: stop asking. */
		if (e == NULL && t->n == HOT_CAP && (++t->misses &
		    0xffff) == 0 && t->misses > t->hits)
			t->on = 0;
		return 0;
	}
	for (i = 0; i < q->nvals; i++) {
		sl = &row->slots[r->valslot[i]];
		pr[i] = sl->len > 0;
		if (pr[i] && (e->acc[i].scale < 0 || !dec_parse_fixed(sl->buf,
		    sl->len, e->acc[i].scale, &x[i])))
			return 0;
	}
	for (i = 0; i < q->nvals; i++) {
		if (!pr[i])
			continue;
		if (__builtin_add_overflow(e->acc[i].sum, x[i], &sum)) {
			/* Into the table's 128 bits, and start again. */
			if (hot_fold(t, r->res->agg, e, r->mag, MAG_BINS,
			    &bad) != AGG_ADD_OK || e->cold)
				return 0;
		}
	}
	for (i = 0; i < q->nvals; i++) {
		struct agg_small	*a = &e->acc[i];

		if (!pr[i])
			continue;
		a->sum += x[i];
		a->min = x[i] < a->min ? x[i] : a->min;
		a->max = x[i] > a->max ? x[i] : a->max;
		a->n++;
	}
	e->rows++;
	t->hits++;
	return 1;
}

/*
 * The narrow path's cells callback (scan.c): a plain record of one key
 * column and a few value columns, straight from the block.  It is taken
 * only if its key is in the hot cache and its numbers are plain and at the
 * cached scales; anything else returns 0 and comes back through on_row().
 */
static int
on_cells(void *arg, const char *const *cell, const size_t *len, char *err,
    size_t errsz)
{
	struct run		*r = arg;
	const struct query	*q = &r->res->q;
	struct hot		*t = r->hot;
	struct hot_entry	*e;
	struct hot_key		 k;
	int64_t			 x[HOT_VALS], sum;
	uint64_t		 h;
	unsigned char		 pr[HOT_VALS];
	size_t			 i, c, bad;

	(void)err;
	(void)errsz;
	if (!t->on || r->big || (c = (size_t)q->keys[0], len[c] > HOT_KEY))
		return 0;
	hot_key_load(&k, cell[c], len[c]);
	h = hot_hash(&k);
	if ((e = hot_find(t, &k, h)) == NULL || e->cold) {
		if (e == NULL && t->n == HOT_CAP && (++t->misses &
		    0xffff) == 0 && t->misses > t->hits)
			t->on = 0;
		return 0;
	}
	if (q->nvals == 1) {
		/* The usual case, without loops: one plain number. */
		struct agg_small	*a = &e->acc[0];

		c = (size_t)q->vals[0];
		if (len[c] > 0) {
			if (a->scale < 0 || !dec_parse_fixed(cell[c], len[c],
			    a->scale, &x[0]))
				return 0;
			if (__builtin_add_overflow(a->sum, x[0], &sum)) {
				if (hot_fold(t, r->res->agg, e, r->mag,
				    MAG_BINS, &bad) != AGG_ADD_OK || e->cold)
					return 0;
				sum = x[0];
			}
			a->sum = sum;
			a->min = x[0] < a->min ? x[0] : a->min;
			a->max = x[0] > a->max ? x[0] : a->max;
			a->n++;
		}
		e->rows++;
		t->hits++;
		r->res->rows++;
		return 1;
	}
	for (i = 0; i < q->nvals; i++) {
		c = (size_t)q->vals[i];
		pr[i] = len[c] > 0;
		if (pr[i] && (e->acc[i].scale < 0 || !dec_parse_fixed(cell[c],
		    len[c], e->acc[i].scale, &x[i])))
			return 0;
	}
	for (i = 0; i < q->nvals; i++) {
		if (!pr[i])
			continue;
		if (__builtin_add_overflow(e->acc[i].sum, x[i], &sum)) {
			if (hot_fold(t, r->res->agg, e, r->mag, MAG_BINS,
			    &bad) != AGG_ADD_OK || e->cold)
				return 0;
		}
	}
	for (i = 0; i < q->nvals; i++) {
		struct agg_small	*a = &e->acc[i];

		if (!pr[i])
			continue;
		a->sum += x[i];
		a->min = x[i] < a->min ? x[i] : a->min;
		a->max = x[i] > a->max ? x[i] : a->max;
		a->n++;
	}
	e->rows++;
	t->hits++;
	r->res->rows++;
	return 1;
}

/*
 * The scanner's two-column loop (pair.h): records `key<delim>number` whose
 * key is in the hot cache go there straight from the block.
 */
_Static_assert(PAIR_REACH <= SCAN_PAIR_REACH, "pair_run() reads too far");

static long
on_pairs(void *arg, unsigned char delim, const char **pp, const char *end)
{
	struct run	*r = arg;
	size_t		 n;

	if (!r->hot->on)
		return -1;
	if (r->big)
		return 0;
	n = pair_run(r->pair, r->hot, r->res->agg, r->mag, MAG_BINS, delim,
	    pp, end);
	r->res->rows += n;
	return (long)n;
}

/*
 * Whether a run may use on_pairs(): two columns, grouped by the first,
 * aggregated on the second.
 */
static int
pairs_wanted(const struct run *r, size_t ncols)
{
	const struct query	*q = &r->res->q;

	return r->hot != NULL && !r->opts->trim && ncols == 2 &&
	    q->nkeys == 1 && q->keys[0] == 0 && q->nvals == 1 &&
	    q->vals[0] == 1;
}

/* Whether a run may take records through on_cells(). */
static int
cells_wanted(const struct run *r, size_t ncols)
{
	return r->hot != NULL && r->res->q.nkeys == 1 && !r->opts->trim &&
	    ncols <= SCAN_CELLS_MAX;
}

/*
 * After the general path added a row to group g: enter its key in the hot
 * cache, or give a cached key the scales it did not know yet.
 */
static void
hot_note(struct run *r)
{
	const struct query	*q = &r->res->q;
	struct hot_entry	*e;
	int			 scales[HOT_VALS];
	size_t			 i;

	if ((e = hot_find(r->hot, &r->hot_k, r->hot_h)) == NULL) {
		for (i = 0; i < q->nvals; i++)
			scales[i] = r->present[i] == 1 ? r->vals[i].scale : -1;
		(void)hot_insert(r->hot, r->res->agg, &r->hot_k, r->hot_h,
		    agg_last(r->res->agg), scales);
		return;
	}
	for (i = 0; i < q->nvals; i++)
		if (e->acc[i].scale < 0 && r->present[i] == 1)
			e->acc[i].scale = r->vals[i].scale;
}

static int
on_row(void *arg, const struct reader_row *row, char *err, size_t errsz)
{
	struct run		*r = arg;
	struct engine_result	*res = r->res;
	const struct query	*q = &res->q;
	const struct reader_slot *sl;
	struct pend		*e;
	enum agg_add		 res_add;
	char			 why[96];
	const char		*reason;
	enum dec_parse		 rc;
	size_t			 i, k, n = 0, bad = 0, hashed;
	int			 textrow = 0;

	res->rows++;
	if (row->nfields != r->ncols) {
		/*
		 * With commas between fields, an unquoted "1,5" is two
		 * fields; say so when a decimal comma was asked for.
		 */
		snprintf(why, sizeof(why), "row has %zu field%s, the header "
		    "has %zu%s", row->nfields, row->nfields == 1 ? "" : "s",
		    r->ncols, r->opts->decimal_comma && res->delim == ',' &&
		    row->nfields > r->ncols ? " (a decimal comma must be "
		    "quoted: \"1,5\")" : "");
		return reject(r, row, -1, NULL, 0, why, err, errsz);
	}
	/* A row that fails the filter is not looked at any further. */
	if (r->filter != NULL && !filter_match(r->filter, row->slots)) {
		res->filtered++;
		return 0;
	}
	hashed = 0;
	if (r->hot != NULL && r->hot->on && !r->big) {
		if (hot_row(r, row))
			return 0;
		hashed = 1;
	}
	for (i = 0; i < q->nkeys; i++) {
		sl = &row->slots[r->keyslot[i]];
		if (sl->len > TALLY_KEY_MAX) {
			snprintf(why, sizeof(why), "key longer than %d bytes",
			    TALLY_KEY_MAX);
			return reject(r, row, q->keys[i], sl->buf, sl->len,
			    why, err, errsz);
		}
		if (key_cell(r, sl, &n) == -1) {
			char	 shown[3 * TALLY_BADVALUE_SHOW + 4];
			size_t	 m = sl->len < TALLY_BADVALUE_SHOW ? sl->len :
				    TALLY_BADVALUE_SHOW;

			/* Shown with U+FFFD for each bad byte. */
			m = transcode_utf8_repair(sl->buf, m, shown);
			return reject_kept(r, row, q->keys[i], shown, m +
			    (sl->len > TALLY_BADVALUE_SHOW ? 1 : 0), m,
			    "invalid UTF-8", err, errsz);
		}
	}
	for (i = 0; i < q->nvals; i++) {
		sl = &row->slots[r->valslot[i]];
		if (!(q->needs[i] & QUERY_NEED_NUMBER)) {
			/* Any cell will do: a number, a text or nothing. */
			r->texts[i] = sl->buf;
			r->tlens[i] = sl->len;
			if (sl->len > TALLY_KEY_MAX) {
				if (q->needs[i] & QUERY_NEED_TEXT) {
					snprintf(why, sizeof(why), "value "
					    "longer than %d bytes",
					    TALLY_KEY_MAX);
					return reject(r, row, q->vals[i],
					    sl->buf, sl->len, why, err, errsz);
				}
				r->present[i] = 2;
				continue;
			}
			switch (dec_parse(sl->buf, sl->len, &r->vals[i],
			    &reason)) {
			case DEC_OK:
				r->present[i] = 1;
				break;
			case DEC_EMPTY:
				r->present[i] = 0;
				break;
			default:
				r->present[i] = 2;
				if (q->needs[i] & QUERY_NEED_TEXT)
					textrow = 1;
				break;
			}
			continue;
		}
		/*
		 * Only the first bytes of a field are kept: a longer one can
		 * only be judged by what was cut off ("1", spaces, then
		 * "abc"), so it is too long whatever its start looks like.
		 */
		if (sl->len > sizeof(sl->buf))
			return reject(r, row, q->vals[i], sl->buf, sl->len,
			    "number too long", err, errsz);
		if (r->opts->decimal_comma) {
			char	 pt[READER_SLOT_BYTES];

			swap_comma(sl->buf, sl->len, pt);
			rc = dec_parse(pt, sl->len, &r->vals[i], &reason);
		} else
			rc = dec_parse(sl->buf, sl->len, &r->vals[i],
			    &reason);
		switch (rc) {
		case DEC_OK:
			r->present[i] = 1;
			break;
		case DEC_EMPTY:
			r->present[i] = 0;
			break;
		default:
			/* Asked for already, or not possible here. */
			if (reason == DEC_WHY_COMMA && r->opts->decimal_comma)
				reason = DEC_WHY_THOUSANDS;
			return reject(r, row, q->vals[i], sl->buf, sl->len,
			    reason, err, errsz);
		}
	}
	if (r->mag != NULL)
		for (i = 0; i < q->nvals; i++)
			if (r->present[i])
				add_mag(&r->mag[i * MAG_BINS], &r->vals[i]);
	if (r->pb != NULL && r->big) {
		/*
		 * A thread whose own table is big sends its rows to the
		 * shared one (part.h), so that no group is held twice.
		 */
		r->part_used = 1;
		res_add = part_add(r->pb, r->key, n, agg_hash(r->key, n),
		    r->vals, r->present, textrow ? r->texts : NULL, r->tlens,
		    &bad);
		if (res_add == AGG_ADD_OK)
			return 0;
		sl = &row->slots[r->valslot[bad]];
		return add_fail(r, res_add, row->line, bad, sl->buf, sl->len,
		    err, errsz);
	}
	if (!r->big || n > PEND_KEY || textrow) {
		if (r->pend_n > 0 && pend_flush(r, err, errsz) == -1)
			return -1;
		/*
		 * The group's rows in the hot cache go first, so that the
		 * table's sum is the running sum when this row is checked.
		 */
		if (hashed && r->hot_e != NULL && r->hot_e->rows > 0 &&
		    hot_fold(r->hot, res->agg, r->hot_e, r->mag, MAG_BINS,
		    &bad) != AGG_ADD_OK) {
			sl = &row->slots[r->valslot[bad]];
			return add_fail(r, AGG_ADD_OVERFLOW, row->line, bad,
			    sl->buf, sl->len, err, errsz);
		}
		res_add = agg_add(res->agg, r->key, n, r->vals, r->present,
		    r->texts, r->tlens, &bad);
		if (res_add == AGG_ADD_OK) {
			if (hashed && r->hot_n > 0)
				hot_note(r);
			return 0;
		}
		sl = &row->slots[r->valslot[bad]];
		return add_fail(r, res_add, row->line, bad, sl->buf, sl->len,
		    err, errsz);
	}
	if (r->pend_n == PEND_ROWS && pend_pop(r, err, errsz) == -1)
		return -1;
	k = (r->pend_head + r->pend_n) % PEND_ROWS;
	e = &r->pend[k];
	k *= q->nvals;
	e->h = agg_hash(r->key, n);
	agg_prefetch(res->agg, e->h);
	e->rows = res->rows;
	e->line = row->line;
	e->keylen = n;
	memcpy(e->key, r->key, n);
	for (i = 0; i < q->nvals; i++) {
		sl = &row->slots[r->valslot[i]];
		r->pend_vals[k + i] = r->vals[i];
		r->pend_present[k + i] = r->present[i];
		r->pend_vlen[k + i] = sl->len;
		memcpy(r->pend_vtext[k + i], sl->buf,
		    sl->len < VTEXT_MAX ? sl->len : VTEXT_MAX);
	}
	r->pend_n++;
	if (r->pend_n > PEND_AHEAD)
		agg_prefetch_group(res->agg, r->pend[(r->pend_head +
		    r->pend_n - 1 - PEND_AHEAD) % PEND_ROWS].h);
	return 0;
}

static int
on_progress(void *arg, uint64_t bytes, char *err, size_t errsz)
{
	struct run	*r = arg;

	/* bytes is a decoded position: progress counts the range's bytes. */
	bytes = source_progress(r->src, bytes);
	r->res->bytes = bytes;
	if (r->opts->progress != NULL &&
	    r->opts->progress(r->opts->progress_arg, bytes,
	    r->res->rows, r->res->filtered) == -1) {
		r->res->cancelled = 1;
		snprintf(err, errsz, "cancelled");
		return -1;
	}
	return 0;
}

/*
 * Fold the hot cache into the table, at the end of a scan.  Returns 0, or
 * -1 with err set if a sum does not fit (which agg_roomy() rules out).
 */
static int
hot_flush(struct run *r, char *err, size_t errsz)
{
	size_t	 bad;

	if (r->hot == NULL || hot_fold_all(r->hot, r->res->agg, r->mag,
	    MAG_BINS, &bad) == AGG_ADD_OK)
		return 0;
	snprintf(err, errsz, "the sum of %s does not fit in 38 digits",
	    r->colnames != NULL ? r->colnames[r->res->q.vals[bad]] : "a column");
	return -1;
}

/* The libcsv path: reader_run() calls back for the header and each row. */
static int
run_libcsv(const struct engine_opts *opts, struct source *src,
    struct engine_result *res, char *err, size_t errsz)
{
	struct reader_opts	 ro = { 0 };
	struct reader_cb	 cb;
	struct run		*r;
	int			 rc;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	r->opts = opts;
	r->res = res;
	r->src = src;
	r->enc = source_enc(src);
	ro.delim = opts->delim;
	ro.block_size = opts->block_size;
	ro.trim = opts->trim;
	ro.no_header = opts->no_header;
	cb.header = on_header;
	cb.row = on_row;
	cb.progress = on_progress;
	cb.arg = r;
	rc = reader_run(src, &ro, &cb, &res->bytes_out, err, errsz);
	res->bytes = source_progress(src, res->bytes_out);
	if (rc == -1 && !res->cancelled && !res->usage_error)
		res->data_error = 1;
	free(r);
	return rc != 0 ? -1 : 0;
}

/* ---------------------------------------------------------------------
 * Threads.
 */

struct pool;

struct worker {
	struct run		 run;
	struct engine_result	 res;
	struct pool		*pool;
	size_t			 k;		/* chunk index */
	struct scan		*scan;
	uint64_t		 start;		/* range position of its seam */
	unsigned long		 line0;
	uint64_t		 bytes;		/* reported to the pool */
	uint64_t		 rows;
	uint64_t		 filtered;
	struct scan_result	 sr;
	int			 started;
	int			 absorbed;	/* its table went to the shards */
	enum agg_add		 absorb_rc;	/* and how that went */
	pthread_t		 tid;
	char			 err[TALLY_ERR_MAX];
};

struct pool {
	struct source		*src;		/* splittable */
	const uint64_t		*seams;		/* nw - 1 */
	size_t			 nw;
	struct part		*part;		/* the shared table */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	uint64_t		 bytes;		/* read by all, for progress */
	uint64_t		 rows;
	uint64_t		 filtered;
	size_t			 done;
	int			 cancel;
	int			 redo;		/* a chunk needs one thread */
};

/* The groups past which a table is big (see PEND_GROUPS). */
static size_t
big_groups(const struct run *r)
{
	return r->opts->big_groups ? r->opts->big_groups : PEND_GROUPS;
}

/* Scanner callback after each block: report, and stop if told to. */
static int
worker_block(void *arg, uint64_t pos)
{
	struct run	*r = arg;
	struct worker	*w = r->owner;
	struct pool	*p = w->pool;
	uint64_t	 bytes = pos - w->start;
	int		 stop;

	if (pend_flush(r, w->err, sizeof(w->err)) == -1)
		return 1;
	/* Past this, rows go to the shared table whatever they need. */
	r->big = (r->batch || r->pb != NULL) &&
	    agg_count(w->res.agg) >= big_groups(r);
	pthread_mutex_lock(&p->mu);
	p->bytes += bytes - w->bytes;
	p->rows += w->res.rows - w->rows;
	p->filtered += w->res.filtered - w->filtered;
	stop = p->cancel || p->redo;
	pthread_mutex_unlock(&p->mu);
	w->bytes = bytes;
	w->rows = w->res.rows;
	w->filtered = w->res.filtered;
	return stop;
}

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	struct pool	*p = w->pool;
	size_t		 bad;

	(void)scan_run(w->scan, p->src, w->start, NULL, 0, w->line0, p->seams + w->k, p->nw - 1 - w->k, &w->sr, w->err,
	    sizeof(w->err));
	if (hot_flush(&w->run, w->err, sizeof(w->err)) == -1)
		w->run.fail = FAIL_REDO;
	/* A waiting row that fails came before whatever stopped the scan. */
	if (!w->run.pend_failed && w->sr.stop != SCAN_STOP_ROW)
		(void)pend_flush(&w->run, w->err, sizeof(w->err));
	if (w->run.pend_failed)
		w->sr.stop = SCAN_STOP_ROW;
	/* Whatever stops the shared table's rows, one thread redoes it. */
	if (w->run.pb != NULL && part_flush(w->run.pb, &bad) != AGG_ADD_OK)
		w->run.fail = FAIL_REDO;
	/*
	 * A thread that fed the shared table folds its own table into it as
	 * well, now, while other threads may still be scanning, rather than
	 * on the main thread once all have ended.  Its table then stays as
	 * it is (its scales are still read) but is not folded again.  Should
	 * its chunk fall out of the chain, the run is redone anyway: it fed
	 * the shared table.
	 */
	else if (w->run.pb != NULL && w->run.part_used) {
		w->absorb_rc = part_absorb(p->part, w->res.agg, &bad);
		w->absorbed = 1;
	}
	pthread_mutex_lock(&p->mu);
	if (w->run.fail == FAIL_REDO)
		p->redo = 1;
	p->done++;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/*
 * Whether the magnitudes the chunks of chain saw, summed at the largest
 * scale any of them saw, fit in a signed 128-bit sum.
 */
static int
sums_safe(struct worker *ws, const size_t *chain, size_t nchain,
    size_t nvals)
{
	const unsigned __int128	 max = ~(unsigned __int128)0 >> 1;
	unsigned __int128	 bin, term, total, p10;
	size_t			 v, c, b;
	int			 top, s;

	for (v = 0; v < nvals; v++) {
		top = 0;
		for (c = 0; c < nchain; c++)
			if (agg_scale(ws[chain[c]].res.agg, v) > top)
				top = agg_scale(ws[chain[c]].res.agg, v);
		total = 0;
		for (b = 0; b < MAG_BINS; b++) {
			bin = 0;
			for (c = 0; c < nchain; c++)
				if (__builtin_add_overflow(bin,
				    ws[chain[c]].run.mag[v * MAG_BINS + b],
				    &bin))
					return 0;
			if (bin == 0)
				continue;
			for (p10 = 1, s = (int)b; s < top; s++)
				p10 *= 10;
			if (__builtin_mul_overflow(bin, p10, &term) ||
			    __builtin_add_overflow(total, term, &total) ||
			    total > max)
				return 0;
		}
	}
	return 1;
}

/* What run_threads() concluded. */
enum pooled {
	POOLED_DONE,		/* res and rc are final */
	POOLED_REDO,		/* run again on one thread */
	POOLED__MAX
};

/*
 * Run the chunks between the seams on threads and fold their results into
 * res (which holds the bound query and an empty table).  Sets *rc to what
 * engine_run() returns.
 */
static enum pooled
run_threads(const struct engine_opts *opts, struct run *proto,
    struct source *src, const struct header *h, const int *slot_of,
    const uint64_t *seams, size_t nseams, uint64_t end,
    struct engine_result *res, int *rc, char *err, size_t errsz)
{
	struct pool		 p;
	struct worker		*ws = NULL, *w;
	struct scan_conf	 sc;
	struct timespec		 ts;
	struct engine_result	*wr;
	struct part		*part = NULL;
	size_t			 i, j, nchain = 0, *chain = NULL, bad;
	size_t			 maxg = opts->max_groups ? opts->max_groups :
				    TALLY_GROUPS_MAX;
	unsigned long		 lineoff = 0, next_line = 0;
	uint64_t		 bytes, rows, filtered;
	enum pooled		 out = POOLED_DONE;
	int			 prc, inited = 0, shared = 0;

	*rc = -1;
	memset(&p, 0, sizeof(p));
	p.src = src;
	p.seams = seams;
	p.nw = nseams + 1;
	if ((ws = calloc(p.nw, sizeof(*ws))) == NULL ||
	    (chain = calloc(p.nw, sizeof(*chain))) == NULL ||
	    (part = part_new(res->q.nvals, res->q.needs, maxg,
	    res->mem)) == NULL)
		goto nomem;
	p.part = part;
	for (i = 0; i < p.nw; i++) {
		w = &ws[i];
		w->pool = &p;
		w->k = i;
		w->run = *proto;
		w->run.res = &w->res;
		w->run.owner = w;
		w->run.hot = NULL;
		w->run.pair = NULL;
		if (proto->hot != NULL &&
		    (w->run.hot = hot_new(res->q.nvals)) == NULL)
			goto nomem;
		if (proto->pair != NULL && (w->run.pair = pair_new()) == NULL)
			goto nomem;
		w->res.q = res->q;
		w->res.delim = h->delim;
		w->start = i == 0 ? h->len : seams[i - 1];
		w->line0 = i == 0 ? 1 + h->lines : 1;
		if ((w->res.agg = agg_new(res->q.nvals, maxg, res->mem)) == NULL ||
		    agg_set_needs(w->res.agg, res->q.needs, 1) == -1 ||
		    (w->run.pb = part_batch_new(part)) == NULL ||
		    (w->run.mag = calloc(res->q.nvals ? res->q.nvals * MAG_BINS
		    : 1, sizeof(*w->run.mag))) == NULL)
			goto nomem;
		memset(&sc, 0, sizeof(sc));
		sc.delim = h->delim;
		sc.block_size = opts->block_size;
		sc.trim = opts->trim;
		sc.ncols = h->ncols;
		sc.slot_of = slot_of;
		sc.row = on_row;
		if (cells_wanted(proto, h->ncols))
			sc.cells = on_cells;
		if (w->run.pair != NULL)
			sc.pairs = on_pairs;
		sc.block = worker_block;
		sc.arg = &w->run;
		if ((w->scan = scan_new(&sc)) == NULL)
			goto nomem;
	}
	if (pthread_mutex_init(&p.mu, NULL) != 0)
		goto nomem;
	if (pthread_cond_init(&p.cv, NULL) != 0) {
		pthread_mutex_destroy(&p.mu);
		goto nomem;
	}
	inited = 1;
	for (i = 0; i < p.nw; i++) {
		if (pthread_create(&ws[i].tid, NULL, worker_main,
		    &ws[i]) != 0) {
			/* Run it here instead. */
			worker_main(&ws[i]);
			continue;
		}
		ws[i].started = 1;
	}

	/* Report progress from this thread until every chunk is done. */
	pthread_mutex_lock(&p.mu);
	while (p.done < p.nw) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 50 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&p.cv, &p.mu, &ts);
		if (p.done == p.nw || p.cancel || opts->progress == NULL)
			continue;
		bytes = h->len + p.bytes;
		rows = p.rows;
		filtered = p.filtered;
		pthread_mutex_unlock(&p.mu);
		prc = opts->progress(opts->progress_arg, bytes < end ? bytes :
		    end, rows, filtered);
		pthread_mutex_lock(&p.mu);
		if (prc == -1)
			p.cancel = 1;
	}
	pthread_mutex_unlock(&p.mu);
	for (i = 0; i < p.nw; i++)
		if (ws[i].started)
			pthread_join(ws[i].tid, NULL);

	/* The chain of chunks whose seams held, with their line offsets. */
	for (i = 0;;) {
		w = &ws[i];
		chain[nchain++] = i;
		lineoff = i == 0 ? 0 : next_line - w->line0;
		wr = &w->res;
		for (j = 0; j < wr->nrejects; j++)
			wr->rejects[j].line += lineoff;
		if (w->sr.stop != SCAN_STOP_SEAM)
			break;
		next_line = w->sr.line + lineoff;
		i = i + 1 + w->sr.seam;
	}
	w = &ws[chain[nchain - 1]];

	if (p.redo)
		goto redo;
	/* A chunk left out of the chain must not have fed the shared table. */
	for (i = 0, j = 0; i < p.nw; i++) {
		shared |= ws[i].run.part_used;
		if (j < nchain && chain[j] == i) {
			j++;
			continue;
		}
		if (ws[i].run.part_used)
			goto redo;
	}
	/*
	 * Bad rows go to the callback in input order from this thread, so
	 * they must all have been kept; and a run past max_bad_rows must stop
	 * at the same row as on one thread.  Otherwise run on one thread.
	 */
	for (rows = 0, j = 0; j < nchain; j++) {
		wr = &ws[chain[j]].res;
		if (ws[chain[j]].run.fail == FAIL_REDO ||
		    ws[chain[j]].run.fail == FAIL_MAX_BAD ||
		    (opts->reject != NULL && wr->rejected != wr->nrejects))
			goto redo;
		rows += wr->rejected;
	}
	if (opts->max_bad == ENGINE_MAX_BAD_ROWS && rows > opts->max_bad_rows)
		goto redo;
	if (!sums_safe(ws, chain, nchain, res->q.nvals))
		goto redo;

	/* Fold the chain into res, in order. */
	for (j = 0; j < nchain; j++) {
		wr = &ws[chain[j]].res;
		res->rows += wr->rows;
		res->rejected += wr->rejected;
		res->filtered += wr->filtered;
		for (i = 0; i < wr->nrejects &&
		    res->nrejects < TALLY_BADROWS_KEEP; i++)
			res->rejects[res->nrejects++] = wr->rejects[i];
		if (shared) {
			/* Its groups join the shards, which become res's. */
			prc = ws[chain[j]].absorbed ? ws[chain[j]].absorb_rc :
			    part_absorb(part, wr->agg, &bad);
			agg_free(wr->agg);
			wr->agg = NULL;
			if (prc != AGG_ADD_OK)
				goto unfolded;
			continue;
		}
		if (j == 0) {
			/* The first chunk's table becomes the result. */
			struct agg	*t = res->agg;

			res->agg = wr->agg;
			wr->agg = t;
			continue;
		}
		if ((prc = agg_merge(res->agg, wr->agg, &bad)) != AGG_ADD_OK)
			goto unfolded;
	}
	if (shared && (prc = part_collect(part, res->agg)) != AGG_ADD_OK)
		goto unfolded;
	res->bytes = w->sr.stop == SCAN_STOP_END ? end : w->sr.end;
	if (opts->reject != NULL)
		for (j = 0; j < nchain; j++) {
			wr = &ws[chain[j]].res;
			for (i = 0; i < wr->nrejects; i++)
				opts->reject(opts->reject_arg,
				    &wr->rejects[i]);
		}
	res->bytes_out = res->bytes;
	res->threads = (unsigned)p.nw;

	switch (w->sr.stop) {
	case SCAN_STOP_END:
		*rc = 0;
		break;
	case SCAN_STOP_ROW:
		res->data_error = 1;
		if (w->run.fail == FAIL_REJECT && w->res.nrejects > 0)
			reject_message(&w->res.rejects[w->res.nrejects - 1],
			    err, errsz);
		else
			snprintf(err, errsz, "%s", w->err);
		break;
	case SCAN_STOP_LONG:
	case SCAN_STOP_OPEN:
		res->data_error = 1;
		w->sr.err_line += lineoff;
		if (w->sr.err_line2 != 0)
			w->sr.err_line2 += lineoff;
		scan_message(&w->sr, err, errsz);
		break;
	case SCAN_STOP_QUIT:
		res->cancelled = 1;
		snprintf(err, errsz, "cancelled");
		break;
	default:
		/* A read error: not the input's fault. */
		*rc = -2;
		snprintf(err, errsz, "%s", w->err);
		break;
	}
	goto out;
unfolded:
	/* A table that could not take the groups: redone on one thread. */
	if (prc == AGG_ADD_NOMEM)
		goto nomem;
redo:
	out = POOLED_REDO;
	goto out;
nomem:
	*rc = -2;
	snprintf(err, errsz, "out of memory");
out:
	if (inited) {
		pthread_cond_destroy(&p.cv);
		pthread_mutex_destroy(&p.mu);
	}
	if (ws != NULL)
		for (i = 0; i < p.nw; i++) {
			scan_free(ws[i].scan);
			agg_free(ws[i].res.agg);
			hot_free(ws[i].run.hot);
			part_batch_free(ws[i].run.pb);
			pair_free(ws[i].run.pair);
			free(ws[i].run.mag);
		}
	free(ws);
	free(chain);
	part_free(part);
	return out;
}

/* ---------------------------------------------------------------------
 * The fast path.
 */

/* Scanner callback after each block of a one-thread run. */
static int
single_block(void *arg, uint64_t pos)
{
	struct run	*r = arg;

	if (pend_flush(r, r->err, r->errsz) == -1)
		return 1;
	r->big = r->batch && agg_count(r->res->agg) >= big_groups(r);
	return on_progress(r, pos, r->err, r->errsz) == -1;
}

/* How many online cores, for threads = 0. */
static int
cores(void)
{
	long	 n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > TALLY_THREADS_MAX ? TALLY_THREADS_MAX : (int)n;
}

/*
 * Choose the seams for up to n chunks of [from, end) into seams (n - 1
 * entries).  Returns how many there are (possibly none), or -1 with err set.
 */
static long
choose_seams(const struct engine_opts *opts, struct source *src, char delim, uint64_t from, uint64_t end, size_t n, uint64_t *seams,
    char *err, size_t errsz)
{
	size_t		 split = opts->split_min ? opts->split_min :
			    TALLY_SPLIT_MIN;
	size_t		 window = split / 4 < TALLY_SEAM_WINDOW ? split / 4 :
			    TALLY_SEAM_WINDOW;
	uint64_t	 at, last = from;
	size_t		 k, m = 0;

	for (k = 1; k < n; k++) {
		uint64_t	 cut = from + (end - from) / n * k;

		if (cut < last)
			cut = last;
		switch (scan_seam(src, cut, end, window, delim, &at, err,
		    errsz)) {
		case -1:
			return -1;
		case 1:
			return (long)m;
		default:
			break;
		}
		if (at > last && at < end)
			seams[m++] = last = at;
	}
	return (long)m;
}

long
engine_seams(const struct engine_opts *opts, struct source *src, char delim,
    uint64_t from, uint64_t end, size_t n, uint64_t *seams, char *err,
    size_t errsz)
{
	return choose_seams(opts, src, delim, from, end, n, seams, err, errsz);
}

int
engine_cores(void)
{
	return cores();
}

static int
run_fast(const struct engine_opts *opts, struct source *src,
    struct engine_result *res, char *err, size_t errsz)
{
	struct header		 h;
	struct scan_conf	 sc;
	struct scan_result	 sr;
	struct scan		*s = NULL;
	struct run		*r = NULL;
	enum source_fail	 why;
	char			*hbuf = NULL;
	int			*slot_of = NULL, rc = -1, n;
	uint64_t		 seams[TALLY_THREADS_MAX], end;
	size_t			 have, i, split;
	long			 nseams;

	memset(&h, 0, sizeof(h));
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (hbuf = malloc(TALLY_HEADER_MAX)) == NULL) {
		snprintf(err, errsz, "out of memory");
		rc = -2;
		goto out;
	}
	r->opts = opts;
	r->res = res;
	r->src = src;
	r->enc = source_enc(src);
	r->err = err;
	r->errsz = errsz;
	r->batch = 1;
	if (reader_read_header(src, opts->block_size ? opts->block_size :
	    TALLY_BLOCK_SIZE, opts->delim, &h, hbuf, &have, &why, err,
	    errsz) == -1) {
		if (why == SOURCE_FAIL_IO)
			rc = -2;
		res->not_csv = why == SOURCE_FAIL_NOT_CSV;
		goto out;
	}
	if (opts->no_header && header_number(&h, hbuf, err, errsz) == -1)
		goto out;
	if ((slot_of = malloc(h.ncols * sizeof(*slot_of))) == NULL) {
		snprintf(err, errsz, "out of memory");
		rc = -2;
		goto out;
	}
	for (i = 0; i < h.ncols; i++)
		slot_of[i] = -1;
	if (on_header(r, &h, slot_of, err, errsz) == -1)
		goto out;
	if (hot_wanted(r) && ((r->hot = hot_new(res->q.nvals)) == NULL ||
	    (pairs_wanted(r, h.ncols) && (r->pair = pair_new()) == NULL))) {
		snprintf(err, errsz, "out of memory");
		rc = -2;
		goto out;
	}
	for (i = 0; i < h.ncols; i++)
		if (slot_of[i] >= READER_SLOTS_MAX) {
			snprintf(err, errsz, "too many kept columns");
			goto out;
		}
	if (on_progress(r, have, err, errsz) == -1)
		goto out;

	/* Threads, for a regular file worth splitting. */
	n = opts->threads > 0 ? opts->threads : cores();
	if (n > TALLY_THREADS_MAX)
		n = TALLY_THREADS_MAX;
	split = opts->split_min ? opts->split_min : TALLY_SPLIT_MIN;
	end = source_size(src);
	if (source_splittable(src) && n > 1 && end > h.len &&
	    (end - h.len) / split >= 2) {
		if ((uint64_t)n > (end - h.len) / split)
			n = (int)((end - h.len) / split);
		if ((nseams = choose_seams(opts, src, h.delim, h.len, end,
		    (size_t)n, seams, err, errsz)) == -1) {
			rc = -2;
			goto out;
		}
		if (nseams > 0) {
			if (run_threads(opts, r, src, &h, slot_of, seams,
			    (size_t)nseams, end, res, &rc, err,
			    errsz) == POOLED_DONE)
				goto out;
			/* Start again on one thread. */
			agg_free(res->agg);
			if ((res->agg = agg_new(res->q.nvals, opts->max_groups ?
			    opts->max_groups : TALLY_GROUPS_MAX,
			    res->mem)) == NULL ||
			    agg_set_needs(res->agg, res->q.needs, 0) == -1) {
				snprintf(err, errsz, "out of memory");
				goto out;
			}
			res->rows = res->rejected = res->filtered = 0;
			res->nrejects = 0;
			res->data_error = 0;
			r->fail = FAIL_NONE;
			r->pend_failed = 0;
			r->pend_n = 0;
			r->big = 0;
			if (r->hot != NULL)
				hot_reset(r->hot);
			if (r->pair != NULL)
				pair_reset(r->pair);
		}
	}

	memset(&sc, 0, sizeof(sc));
	sc.delim = h.delim;
	sc.block_size = opts->block_size;
	sc.trim = opts->trim;
	sc.ncols = h.ncols;
	sc.slot_of = slot_of;
	sc.row = on_row;
	if (cells_wanted(r, h.ncols))
		sc.cells = on_cells;
	if (r->pair != NULL)
		sc.pairs = on_pairs;
	sc.block = single_block;
	sc.arg = r;
	if ((s = scan_new(&sc)) == NULL) {
		snprintf(err, errsz, "out of memory");
		rc = -2;
		goto out;
	}
	rc = scan_run(s, src, h.len, hbuf + h.len, have - h.len, 1 + h.lines,
	    NULL, 0, &sr, err, errsz);
	if (hot_flush(r, err, errsz) == -1 && rc == 0) {
		sr.stop = SCAN_STOP_ROW;
		rc = -1;
	}
	/* A waiting row that fails came before whatever stopped the scan. */
	if (!r->pend_failed && sr.stop != SCAN_STOP_ROW)
		(void)pend_flush(r, err, errsz);
	if (r->pend_failed) {
		sr.stop = SCAN_STOP_ROW;
		rc = -1;
	}
	res->bytes_out = sr.end;
	res->bytes = source_progress(src, sr.end);
	switch (sr.stop) {
	case SCAN_STOP_END:
		break;
	case SCAN_STOP_LONG:
	case SCAN_STOP_OPEN:
		scan_message(&sr, err, errsz);
		break;
	case SCAN_STOP_IO:
		/* A corrupt stream is the input's fault; a read error not. */
		if (source_why(src) != SOURCE_FAIL_DATA)
			rc = -2;
		break;
	default:
		/* The row or progress callback wrote err. */
		break;
	}
out:
	scan_free(s);
	header_free(&h);
	free(slot_of);
	free(hbuf);
	if (r != NULL) {
		hot_free(r->hot);
		pair_free(r->pair);
	}
	free(r);
	if (rc == -1 && !res->cancelled && !res->usage_error)
		res->data_error = 1;
	return rc != 0 ? -1 : 0;
}

int
engine_run(const struct engine_opts *opts, int fd, off_t off, off_t len,
    struct engine_result *res, char *err, size_t errsz)
{
	struct source_opts	 so = opts->source;
	struct source		*src;
	enum source_fail	 why;
	double			 t0 = clock_mono();
	char			 d = opts->delim;
	int			 rc;

	memset(res, 0, sizeof(*res));
	if ((res->mem = malloc(sizeof(*res->mem))) == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	mem_init(res->mem, opts->max_memory ? opts->max_memory :
	    TALLY_MEMORY_MAX);
	so.block_size = opts->block_size;
	if ((src = source_open(fd, off, len, &so, &why, err, errsz)) == NULL) {
		res->data_error = why != SOURCE_FAIL_IO;
		res->not_csv = why == SOURCE_FAIL_NOT_CSV;
		rc = -1;
		goto out;
	}
	res->comp = source_comp(src);
	/* The scanner assumes the delimiter is no quote or line end. */
	if (opts->parser == ENGINE_PARSER_LIBCSV || d == '"' || d == '\r' ||
	    d == '\n')
		rc = run_libcsv(opts, src, res, err, errsz);
	else
		rc = run_fast(opts, src, res, err, errsz);
	source_close(src);
	if (rc == 0 && opts->max_bad == ENGINE_MAX_BAD_PERCENT &&
	    res->rows > 0 && (double)res->rejected * 100.0 >
	    opts->max_bad_percent * (double)res->rows) {
		res->data_error = 1;
		snprintf(err, errsz, "%llu of %llu rows read were rejected "
		    "(%.2f%%), more than the limit of %g%%",
		    (unsigned long long)res->rejected,
		    (unsigned long long)res->rows,
		    (double)res->rejected * 100.0 / (double)res->rows,
		    opts->max_bad_percent);
		rc = -1;
	}
out:
	res->seconds = clock_mono() - t0;
	res->peak_rss_kb = engine_peak_rss_kb();
	return rc;
}

int
engine_parse_max_bad(const char *s, struct engine_opts *o)
{
	char			*end;
	size_t			 n = strlen(s);
	unsigned long long	 v;
	double			 p;

	errno = 0;
	if (n > 1 && s[n - 1] == '%') {
		if (!(s[0] >= '0' && s[0] <= '9'))
			return -1;
		p = strtod(s, &end);
		if (errno != 0 || end != s + n - 1 || !(p >= 0 && p <= 100))
			return -1;
		o->max_bad = ENGINE_MAX_BAD_PERCENT;
		o->max_bad_percent = p;
		return 0;
	}
	if (!(s[0] >= '0' && s[0] <= '9'))
		return -1;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	o->max_bad = ENGINE_MAX_BAD_ROWS;
	o->max_bad_rows = v;
	return 0;
}

void
engine_result_free(struct engine_result *res)
{
	size_t	 i;

	for (i = 0; i < TALLY_GROUP_COLS_MAX; i++) {
		free(res->keynames[i]);
		res->keynames[i] = NULL;
	}
	agg_free(res->agg);
	res->agg = NULL;
	agg_free(res->shape);
	res->shape = NULL;
	if (res->filter != NULL)
		filter_free(res->filter);
	free(res->filter);
	res->filter = NULL;
	free(res->mem);
	res->mem = NULL;
}

/* engine_cell() for group i of table t, which holds res's query. */
static int
cell(const struct engine_result *res, const struct agg *t, size_t i,
    size_t j, char *buf, size_t sz)
{
	const struct query_agg	*a = &res->q.aggs[j];
	struct agg_acc		 accv, *acc = &accv;
	struct agg_ext		*ext;
	struct dec		 d;
	unsigned		 need;
	int			 scale;

	buf[0] = '\0';
	if (a->kind == AGG_COUNT && a->col < 0) {
		snprintf(buf, sz, "%llu", (unsigned long long)agg_rows(t, i));
		return 0;
	}
	agg_acc(t, i, (size_t)a->val, acc);
	ext = agg_ext(t, i, (size_t)a->val);
	need = agg_needs(t, (size_t)a->val);
	scale = agg_scale(t, (size_t)a->val);
	switch (a->kind) {
	case AGG_COUNT:
		snprintf(buf, sz, "%llu", (unsigned long long)(acc->n +
		    acc->ntext));
		return 0;
	case AGG_DISTINCT:
		if (!(need & QUERY_NEED_DISTINCT))
			return 1;
		snprintf(buf, sz, "%llu", (unsigned long long)(ext != NULL ?
		    distinct_count(ext->ds) : 0));
		return 0;
	case AGG_APPROX_DISTINCT:
		if (!(need & QUERY_NEED_HLL))
			return 1;
		snprintf(buf, sz, "%llu", (unsigned long long)(ext != NULL ?
		    hll_estimate(ext->hll) : 0));
		return 0;
	case AGG_MIN:
	case AGG_MAX:
		if ((a->kind == AGG_MIN && acc->n > 0) || (a->kind == AGG_MAX &&
		    (ext == NULL || ext->tmax == NULL))) {
			if (acc->n == 0)
				return 1;
			dec_format(a->kind == AGG_MIN ? &acc->min : &acc->max,
			    0, buf, sz);
			return 0;
		}
		if (ext == NULL || ext->tmin == NULL)
			return 1;
		{
			const char	*tx = a->kind == AGG_MIN ? ext->tmin :
					    ext->tmax;
			size_t		 n = a->kind == AGG_MIN ?
					    ext->tminlen : ext->tmaxlen;

			if (n >= sz)
				n = sz - 1;
			memcpy(buf, tx, n);
			buf[n] = '\0';
		}
		return 2;
	default:
		break;
	}
	if (acc->n == 0)
		return 1;
	switch (a->kind) {
	case AGG_SUM:
		dec_format(&acc->sum, scale, buf, sz);
		break;
	case AGG_QUANTILE:
		if (!(need & QUERY_NEED_KLL) || ext == NULL ||
		    kll_quantile(ext->kll, a->q, &d) == -1)
			return 1;
		dec_format(&d, 0, buf, sz);
		break;
	case AGG_STDDEV:
	case AGG_VAR:
		if (ext == NULL)
			return 1;
		return moments_format(&acc->sum, acc->n, &ext->sq,
		    a->kind == AGG_STDDEV, scale + TALLY_MEAN_EXTRA, buf, sz);
	default:
		dec_format_div(&acc->sum, acc->n, 0, scale + TALLY_MEAN_EXTRA,
		    buf, sz);
		break;
	}
	return 0;
}

int
engine_cell(const struct engine_result *res, size_t i, size_t j, char *buf,
    size_t sz)
{
	return cell(res, res->agg, i, j, buf, sz);
}

/*
 * The mean of acc as engine_cell() prints it: rounded half away from zero
 * to scale digits after the point, so that sorting by value agrees with the
 * printed means.  A sum too large to raise to that scale is divided at its
 * own scale instead.
 */
static void
mean_value(const struct agg_acc *acc, int scale, struct dec *out)
{
	struct dec	 s = acc->sum;
	__int128	 n = (__int128)acc->n, q, r;

	if (dec_rescale(&s, scale) == -1)
		s = acc->sum;
	q = s.v / n;
	r = s.v % n;
	if ((r < 0 ? -r : r) * 2 >= n)
		q += s.v < 0 ? -1 : 1;
	out->v = q;
	out->scale = s.scale;
}

/*
 * The first aggregate of group i as a number, for sorting by value; a
 * text or missing value sorts last.
 */
static int
sort_value(const struct agg *agg, size_t i, void *arg, struct dec *out)
{
	const struct engine_result	*res = arg;
	const struct query_agg		*a = &res->q.aggs[0];
	struct agg_acc			 accv, *acc = &accv;
	char				 buf[ENGINE_CELL_MAX];
	const char			*why;

	if (a->kind == AGG_COUNT && a->col < 0) {
		out->v = (__int128)agg_rows(agg, i);
		out->scale = 0;
		return 0;
	}
	agg_acc(agg, i, (size_t)a->val, acc);
	switch (a->kind) {
	case AGG_COUNT:
		out->v = (__int128)(acc->n + acc->ntext);
		out->scale = 0;
		return 0;
	case AGG_SUM:
		if (acc->n == 0)
			return -1;
		*out = acc->sum;
		return 0;
	case AGG_MEAN:
		if (acc->n == 0)
			return -1;
		mean_value(acc, agg_scale(agg, (size_t)a->val) +
		    TALLY_MEAN_EXTRA, out);
		return 0;
	default:
		/* The rest as printed: exact, if rarely the fastest. */
		if (cell(res, agg, i, 0, buf, sizeof(buf)) != 0 ||
		    dec_parse(buf, strlen(buf), out, &why) != DEC_OK)
			return -1;
		return 0;
	}
}

int
engine_sort(struct engine_result *res, int by_value)
{
	if (res->agg == NULL)
		return 0;
	return agg_sort(res->agg, by_value ? AGG_ORDER_VALUE : AGG_ORDER_KEY,
	    sort_value, res, res->threads);
}

const char *const engine_row_names[ENGINE_ROW__MAX] = {
	"group", "others", "total",
};

size_t
engine_groups(const struct engine_result *res)
{
	size_t	 n = res->agg != NULL ? agg_count(res->agg) : 0;

	return res->shaped && res->shown < n ? res->shown : n;
}

int
engine_extra_cell(const struct engine_result *res, size_t k, size_t j,
    char *buf, size_t sz)
{
	return cell(res, res->shape, k, j, buf, sz);
}

int
engine_shape(struct engine_result *res, size_t limit, int others, int total,
    char *err, size_t errsz)
{
	static const char	 keys[2][8] = { "others", "total" };
	unsigned		 needs[TALLY_AGGS_MAX];
	size_t			 n, i, v, bad = 0;
	enum agg_add		 rc;
	int			 k;

	n = res->agg != NULL ? agg_count(res->agg) : 0;
	res->shaped = 1;
	res->shown = limit != 0 && limit < n ? limit : n;
	if (!others && !total)
		return 0;
	res->marked = 1;
	/* The sketches do not add up: the extra rows leave them out. */
	for (v = 0; v < res->q.nvals; v++)
		needs[v] = res->q.needs[v] & ~(unsigned)(QUERY_NEED_DISTINCT |
		    QUERY_NEED_HLL | QUERY_NEED_KLL);
	if ((res->shape = agg_new(res->q.nvals, 2, NULL)) == NULL ||
	    agg_set_needs(res->shape, needs, 0) == -1) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	for (k = 0; k < 2; k++) {
		if (!(k == 0 ? others : total))
			continue;
		res->extra[res->nextra++] = k == 0 ? ENGINE_ROW_OTHERS :
		    ENGINE_ROW_TOTAL;
		/* A key no group can have: one cell of that name. */
		{
			char	 key[2 + 8];
			size_t	 len = strlen(keys[k]);

			key[0] = (char)len;
			key[1] = 0;
			memcpy(key + 2, keys[k], len);
			/* Make the row even if no group folds into it. */
			for (i = k == 0 ? res->shown : 0; i < n; i++)
				if ((rc = agg_fold(res->shape, key, 2 + len,
				    res->agg, i, &bad)) != AGG_ADD_OK)
					goto fail;
			if (agg_count(res->shape) < res->nextra &&
			    (rc = agg_touch(res->shape, key, 2 + len)) !=
			    AGG_ADD_OK)
				goto fail;
		}
	}
	return 0;
fail:
	if (rc == AGG_ADD_OVERFLOW) {
		const char	*name = "a sum";

		for (i = 0; i < res->q.naggs; i++)
			if (res->q.aggs[i].val == (int)bad)
				name = res->q.aggs[i].name;
		snprintf(err, errsz, "the %s row's %s overflows 128 bits",
		    keys[res->extra[res->nextra - 1] == ENGINE_ROW_TOTAL],
		    name);
	} else
		snprintf(err, errsz, "out of memory");
	return -1;
}
