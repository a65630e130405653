/*
 * The engine turns records from the reader into groups in the table: it
 * binds the query to the header, checks each record (field count, key
 * length, numbers), records bad rows, and keeps the metrics.  It owns the
 * meaning of "bad row" and of each aggregate's printed value; it does not
 * parse CSV or write files.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include "agg.h"
#include "dec.h"
#include "engine.h"
#include "header.h"
#include "reader.h"

struct run {
	const struct engine_opts *opts;
	struct engine_result	*res;
	size_t			 ncols;
	char			**colnames;	/* borrowed from the header */
	int			 keyslot[TALLY_GROUP_COLS_MAX];
	int			 valslot[TALLY_AGGS_MAX];
	char			 key[TALLY_GROUP_COLS_MAX * (2 + TALLY_KEY_MAX)];
	struct dec		 vals[TALLY_AGGS_MAX];
	unsigned char		 present[TALLY_AGGS_MAX];
};

long
engine_peak_rss_kb(void)
{
	struct rusage	 ru;

	if (getrusage(RUSAGE_SELF, &ru) == -1)
		return -1;
	return ru.ru_maxrss;
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Copy at most TALLY_BADVALUE_SHOW bytes of a value, marking a cut. */
static void
show_value(char *dst, size_t sz, const char *v, size_t len, size_t kept)
{
	size_t	 n = len < kept ? len : kept;

	if (n > TALLY_BADVALUE_SHOW)
		n = TALLY_BADVALUE_SHOW;
	if (n + 4 > sz)
		n = sz - 4;
	memcpy(dst, v, n);
	if (n < len)
		memcpy(dst + n, "...", 4);
	else
		dst[n] = '\0';
}

/*
 * Record a bad row.  In strict mode this stops the run with the same text
 * in err.  Returns 0 to go on or -1 to stop.
 */
static int
reject(struct run *r, const struct reader_row *row, int col,
    const char *value, size_t len, const char *reason, char *err,
    size_t errsz)
{
	struct engine_result	*res = r->res;
	struct engine_reject	 rj;

	memset(&rj, 0, sizeof(rj));
	rj.line = row->line;
	rj.column = col + 1;
	if (col >= 0) {
		snprintf(rj.colname, sizeof(rj.colname), "%s",
		    r->colnames[col]);
		show_value(rj.value, sizeof(rj.value), value, len,
		    READER_SLOT_BYTES);
	}
	snprintf(rj.reason, sizeof(rj.reason), "%s", reason);
	res->rejected++;
	if (res->nrejects < TALLY_BADROWS_KEEP)
		res->rejects[res->nrejects++] = rj;
	if (!r->opts->strict)
		return 0;
	res->data_error = 1;
	if (col >= 0)
		snprintf(err, errsz, "line %lu, column %d (%s), value \"%s\": "
		    "%s", rj.line, rj.column, rj.colname, rj.value, rj.reason);
	else
		snprintf(err, errsz, "line %lu: %s", rj.line, rj.reason);
	return -1;
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
		if ((res->keynames[i] = strdup(h->names[q->keys[i]])) == NULL) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
	}
	for (i = 0; i < q->nvals; i++) {
		if (slot_of[q->vals[i]] < 0)
			slot_of[q->vals[i]] = (int)nslots++;
		r->valslot[i] = slot_of[q->vals[i]];
	}
	if ((res->agg = agg_new(q->nvals, r->opts->max_groups ?
	    r->opts->max_groups : TALLY_GROUPS_MAX)) == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	return 0;
}

static int
on_row(void *arg, const struct reader_row *row, char *err, size_t errsz)
{
	struct run		*r = arg;
	struct engine_result	*res = r->res;
	const struct query	*q = &res->q;
	const struct reader_slot *sl;
	char			 why[96], cell[DEC_TEXT_MAX];
	const char		*reason;
	size_t			 i, n = 0, bad;

	res->rows++;
	if (row->nfields != r->ncols) {
		snprintf(why, sizeof(why), "row has %zu fields, the header "
		    "has %zu", row->nfields, r->ncols);
		return reject(r, row, -1, NULL, 0, why, err, errsz);
	}
	for (i = 0; i < q->nkeys; i++) {
		sl = &row->slots[r->keyslot[i]];
		if (sl->len > TALLY_KEY_MAX) {
			snprintf(why, sizeof(why), "key longer than %d bytes",
			    TALLY_KEY_MAX);
			return reject(r, row, q->keys[i], sl->buf, sl->len,
			    why, err, errsz);
		}
		r->key[n++] = (char)(sl->len & 0xff);
		r->key[n++] = (char)(sl->len >> 8);
		memcpy(r->key + n, sl->buf, sl->len);
		n += sl->len;
	}
	for (i = 0; i < q->nvals; i++) {
		sl = &row->slots[r->valslot[i]];
		/*
		 * Only the first bytes of a field are kept: a longer one can
		 * only be judged by what was cut off ("1", spaces, then
		 * "abc"), so it is too long whatever its start looks like.
		 */
		if (sl->len > sizeof(sl->buf))
			return reject(r, row, q->vals[i], sl->buf, sl->len,
			    "number too long", err, errsz);
		switch (dec_parse(sl->buf, sl->len, &r->vals[i], &reason)) {
		case DEC_OK:
			r->present[i] = 1;
			break;
		case DEC_EMPTY:
			r->present[i] = 0;
			break;
		default:
			return reject(r, row, q->vals[i], sl->buf, sl->len,
			    reason, err, errsz);
		}
	}
	switch (agg_add(res->agg, r->key, n, r->vals, r->present, &bad)) {
	case AGG_ADD_OK:
		return 0;
	case AGG_ADD_FULL:
		res->data_error = 1;
		snprintf(err, errsz, "line %lu: more than %zu groups (the group "
		    "limit)", row->line, r->opts->max_groups ?
		    r->opts->max_groups : (size_t)TALLY_GROUPS_MAX);
		return -1;
	case AGG_ADD_OVERFLOW:
		res->data_error = 1;
		sl = &row->slots[r->valslot[bad]];
		show_value(cell, sizeof(cell), sl->buf, sl->len,
		    sizeof(sl->buf));
		snprintf(err, errsz, "line %lu, column %d (%s), value \"%s\": "
		    "the sum of this column for this group overflows 128 bits",
		    row->line, q->vals[bad] + 1, r->colnames[q->vals[bad]],
		    cell);
		return -1;
	default:
		snprintf(err, errsz, "out of memory");
		return -1;
	}
}

static int
on_progress(void *arg, uint64_t bytes, char *err, size_t errsz)
{
	struct run	*r = arg;

	r->res->bytes = bytes;
	if (r->opts->progress != NULL &&
	    r->opts->progress(r->opts->progress_arg, bytes,
	    r->res->rows) == -1) {
		r->res->cancelled = 1;
		snprintf(err, errsz, "cancelled");
		return -1;
	}
	return 0;
}

int
engine_run(const struct engine_opts *opts, int fd, off_t off, off_t len,
    struct engine_result *res, char *err, size_t errsz)
{
	struct reader_opts	 ro;
	struct reader_cb	 cb;
	struct run		*r;
	double			 t0 = now();
	int			 rc;

	memset(res, 0, sizeof(*res));
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	r->opts = opts;
	r->res = res;
	ro.delim = opts->delim;
	ro.block_size = opts->block_size;
	cb.header = on_header;
	cb.row = on_row;
	cb.progress = on_progress;
	cb.arg = r;
	rc = reader_run(fd, off, len, &ro, &cb, &res->bytes, err, errsz);
	if (rc == -1 && !res->cancelled)
		res->data_error = 1;
	if (rc != 0)
		rc = -1;
	res->seconds = now() - t0;
	res->peak_rss_kb = engine_peak_rss_kb();
	free(r);
	return rc;
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
}

int
engine_cell(const struct engine_result *res, size_t i, size_t j, char *buf,
    size_t sz)
{
	const struct query_agg	*a = &res->q.aggs[j];
	const struct agg_acc	*acc;
	int			 scale;

	if (a->kind == AGG_COUNT && a->col < 0) {
		snprintf(buf, sz, "%llu",
		    (unsigned long long)agg_rows(res->agg, i));
		return 0;
	}
	acc = &agg_accs(res->agg, i)[a->val];
	if (a->kind == AGG_COUNT) {
		snprintf(buf, sz, "%llu", (unsigned long long)acc->n);
		return 0;
	}
	buf[0] = '\0';
	if (acc->n == 0)
		return 1;
	scale = agg_scale(res->agg, (size_t)a->val);
	switch (a->kind) {
	case AGG_SUM:
		dec_format(&acc->sum, scale, buf, sz);
		break;
	case AGG_MIN:
		dec_format(&acc->min, 0, buf, sz);
		break;
	case AGG_MAX:
		dec_format(&acc->max, 0, buf, sz);
		break;
	default:
		dec_format_div(&acc->sum, acc->n, 0, scale + TALLY_MEAN_EXTRA,
		    buf, sz);
		break;
	}
	return 0;
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

/* The first aggregate of group i as a number, for sorting by value. */
static int
sort_value(const struct agg *agg, size_t i, void *arg, struct dec *out)
{
	const struct engine_result	*res = arg;
	const struct query_agg		*a = &res->q.aggs[0];
	const struct agg_acc		*acc;

	if (a->kind == AGG_COUNT && a->col < 0) {
		out->v = (__int128)agg_rows(agg, i);
		out->scale = 0;
		return 0;
	}
	acc = &agg_accs(agg, i)[a->val];
	if (a->kind == AGG_COUNT) {
		out->v = (__int128)acc->n;
		out->scale = 0;
		return 0;
	}
	if (acc->n == 0)
		return -1;
	switch (a->kind) {
	case AGG_SUM:
		*out = acc->sum;
		break;
	case AGG_MIN:
		*out = acc->min;
		break;
	case AGG_MAX:
		*out = acc->max;
		break;
	default:
		mean_value(acc, agg_scale(agg, (size_t)a->val) +
		    TALLY_MEAN_EXTRA, out);
		break;
	}
	return 0;
}

int
engine_sort(struct engine_result *res, int by_value)
{
	if (res->agg == NULL)
		return 0;
	return agg_sort(res->agg, by_value ? AGG_ORDER_VALUE : AGG_ORDER_KEY,
	    sort_value, res);
}
