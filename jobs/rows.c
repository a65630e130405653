/*
 * The row index of a result and the pages read through it (see rows.h).
 * rows_index() reads result.csv once, as output.c wrote it (RFC 4180:
 * quoted cells may hold commas, doubled quotes and line ends; every record
 * ends in LF), and notes where each record starts.  rows_page() reads the
 * index's header, then per row of the page its two offsets (and, for a
 * value order, its row number) and the record's bytes: a page of L rows
 * is about 2L + 3 positioned reads, whatever the result's size.  The
 * order of another column is made by rows_sort(), which reads every row
 * through the same reader (struct rdr) with a window read ahead.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "bounds.h"
#include "rows.h"

#define ROWS_MAGIC	"TLYROWS1"
#define ROWS_HEAD	32		/* magic, nrows, nextra, two u32 */
#define ROWS_NONE	UINT32_MAX

/* One group's cell of the value column, for sorting. */
struct val {
	uint32_t	 row;
	int		 num;		/* s is a number as tally prints it */
	double		 d;		/* its nearest double, to sort fast */
	char		*s;		/* owned, NUL-terminated; NULL: empty */
	size_t		 len;
};

/* The reader of one record's cells. */
struct cells {
	const char	*p;
	size_t		 len;
	size_t		 pos;
	int		 done;
	char		*buf;		/* unquoted cell, len bytes */
};

static void
le64(unsigned char *b, uint64_t v)
{
	int	 i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get64(const unsigned char *b)
{
	uint64_t	 v = 0;
	int		 i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

static uint32_t
get32(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	    (uint32_t)b[3] << 24;
}

/*
 * The next cell of the record c holds (its line end excluded) into *s
 * and *n (s points into the record or into c->buf).  Returns 1, or 0
 * after the last cell.
 */
static int
cell_next(struct cells *c, const char **s, size_t *n)
{
	size_t	 k = 0;

	if (c->done)
		return 0;
	if (c->pos < c->len && c->p[c->pos] == '"') {
		for (c->pos++; c->pos < c->len; c->pos++) {
			if (c->p[c->pos] == '"') {
				if (c->pos + 1 < c->len &&
				    c->p[c->pos + 1] == '"') {
					c->buf[k++] = '"';
					c->pos++;
					continue;
				}
				c->pos++;
				break;
			}
			c->buf[k++] = c->p[c->pos];
		}
		*s = c->buf;
		*n = k;
	} else {
		*s = c->p + c->pos;
		while (c->pos < c->len && c->p[c->pos] != ',')
			c->pos++;
		*n = (size_t)(c->p + c->pos - *s);
	}
	if (c->pos < c->len && c->p[c->pos] == ',')
		c->pos++;
	else
		c->done = 1;
	return 1;
}

static void
cells_init(struct cells *c, const char *p, size_t len, char *buf)
{
	if (len > 0 && p[len - 1] == '\n')
		len--;
	c->p = p;
	c->len = len;
	c->pos = 0;
	c->done = 0;
	c->buf = buf;
}

/* Whether s (n bytes) is a number as tally prints it: -?D+(.D+)? */
static int
is_num(const char *s, size_t n)
{
	size_t	 i = 0, d = 0;

	if (i < n && s[i] == '-')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			continue;
	return d > 0 && i == n;
}

/* Compare two printed numbers exactly, without converting them. */
static int
num_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int		 na = an > 0 && a[0] == '-', nb = bn > 0 && b[0] == '-';
	const char	*ap, *bp;
	size_t		 ai, bi, af, bf, i;
	int		 r = 0;

	if (na != nb)
		return na ? -1 : 1;
	a += na, an -= (size_t)na, b += nb, bn -= (size_t)nb;
	while (an > 1 && a[0] == '0' && a[1] != '.')
		a++, an--;
	while (bn > 1 && b[0] == '0' && b[1] != '.')
		b++, bn--;
	ap = memchr(a, '.', an);
	bp = memchr(b, '.', bn);
	ai = ap ? (size_t)(ap - a) : an;
	bi = bp ? (size_t)(bp - b) : bn;
	if (ai != bi)
		r = ai < bi ? -1 : 1;
	else if ((r = memcmp(a, b, ai)) == 0) {
		af = an - ai;
		bf = bn - bi;
		for (i = 1; r == 0 && (i < af || i < bf); i++) {
			char	 x = i < af ? a[ai + i] : '0';
			char	 y = i < bf ? b[bi + i] : '0';

			r = (x > y) - (x < y);
		}
	}
	r = r < 0 ? -1 : r > 0;
	return na ? -r : r;
}

/*
 * The order of result.byvalue: valued cells first, largest first (numbers
 * above texts, numbers exactly, texts by bytes), then empty cells; ties in
 * row order.
 */
static int
val_cmp(const void *x, const void *y)
{
	const struct val	*a = x, *b = y;
	int			 an, bn, r;

	if ((a->s == NULL) != (b->s == NULL))
		return a->s == NULL ? 1 : -1;
	if (a->s != NULL) {
		an = a->num;
		bn = b->num;
		if (an != bn)
			return an ? 1 : -1;
		/*
		 * Rounding to a double keeps order (x < y gives dx <= dy), so
		 * different doubles decide; equal ones need the exact text.
		 */
		if (an && a->d != b->d)
			r = a->d < b->d ? -1 : 1;
		else if (an)
			r = num_cmp(a->s, a->len, b->s, b->len);
		else {
			r = memcmp(a->s, b->s, a->len < b->len ? a->len :
			    b->len);
			if (r == 0)
				r = (a->len > b->len) - (a->len < b->len);
		}
		if (r != 0)
			return r > 0 ? -1 : 1;
	}
	return (a->row > b->row) - (a->row < b->row);
}

/* Sort vals (nv) and write them to byvalue, as rows.h says. */
static int
write_byvalue(const char *path, struct val *vals, size_t nv, char *err,
    size_t errsz)
{
	FILE		*f;
	size_t		 i, k = 0;
	unsigned char	 b[8];
	int		 bad;

	qsort(vals, nv, sizeof(*vals), val_cmp);
	for (i = 0; i < nv; i++)
		if (vals[i].s != NULL)
			k++;
	if ((f = fopen(path, "w")) == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	le64(b, k);
	fwrite(b, 1, 8, f);
	for (i = 0; i < nv; i++) {
		le64(b, vals[i].row);
		fwrite(b, 1, 4, f);
	}
	bad = ferror(f);
	if (fclose(f) == EOF || bad) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno ? errno :
		    EIO));
		return -1;
	}
	return 0;
}

/* Keep the value cell (column valcol) of record rec as row's. */
static int
keep_value(struct val *v, uint32_t row, const char *rec, size_t len,
    uint32_t valcol, char *buf)
{
	struct cells	 c;
	const char	*s = NULL;
	size_t		 n = 0;
	uint32_t	 j = 0;

	cells_init(&c, rec, len, buf);
	while (cell_next(&c, &s, &n) && j < valcol)
		j++;
	v->row = row;
	v->s = NULL;
	v->len = 0;
	v->num = 0;
	v->d = 0;
	if (j != valcol || n == 0)
		return 0;
	if ((v->s = malloc(n + 1)) == NULL)
		return -1;
	memcpy(v->s, s, n);
	v->s[n] = '\0';
	v->len = n;
	if ((v->num = is_num(s, n)))
		v->d = strtod(v->s, NULL);
	return 0;
}

int
rows_index(const char *csv, const char *idx, const char *byvalue,
    uint32_t keycol, uint32_t valcol, uint64_t nextra, char *err,
    size_t errsz)
{
	FILE		*in = NULL, *out = NULL;
	unsigned char	 head[ROWS_HEAD], b[8];
	char		 blk[65536], *rec = NULL, *cbuf = NULL, *np;
	struct val	*vals = NULL, *nvals;
	size_t		 got, i, rlen = 0, rcap = 0, nv = 0, vcap = 0;
	uint64_t	 pos = 0, nrows = 0, ngroups;
	int		 inq = 0, header = 1, rc = -1, bad;

	if ((in = fopen(csv, "r")) == NULL ||
	    (out = fopen(idx, "w")) == NULL) {
		snprintf(err, errsz, "%s: %s", in == NULL ? csv : idx,
		    strerror(errno));
		goto out;
	}
	memset(head, 0, sizeof(head));
	fwrite(head, 1, sizeof(head), out);
	while ((got = fread(blk, 1, sizeof(blk), in)) > 0) {
		for (i = 0; i < got; i++) {
			char	 ch = blk[i];

			if (byvalue != NULL && !header) {
				if (rlen == rcap) {
					rcap = rcap ? rcap * 2 : 4096;
					if (rcap > TALLY_ROWS_RECORD_MAX ||
					    (np = realloc(rec, rcap)) == NULL)
						goto nomem;
					rec = np;
				}
				rec[rlen++] = ch;
			}
			pos++;
			if (ch == '"')
				inq = !inq;
			if (ch != '\n' || inq)
				continue;
			/* A record ends: the next starts at pos. */
			if (!header && byvalue != NULL) {
				if (nv == vcap) {
					vcap = vcap ? vcap * 2 : 1024;
					if ((nvals = realloc(vals, vcap *
					    sizeof(*vals))) == NULL)
						goto nomem;
					vals = nvals;
				}
				if ((np = realloc(cbuf, rlen + 1)) == NULL)
					goto nomem;
				cbuf = np;
				if (keep_value(&vals[nv], (uint32_t)nrows, rec,
				    rlen, valcol, cbuf) == -1)
					goto nomem;
				nv++;
			}
			if (!header)
				nrows++;
			header = 0;
			rlen = 0;
			le64(b, pos);
			fwrite(b, 1, 8, out);
		}
	}
	if (ferror(in)) {
		snprintf(err, errsz, "%s: %s", csv, strerror(errno));
		goto out;
	}
	if (header || inq || rlen > 0) {
		snprintf(err, errsz, "%s: not a complete result", csv);
		goto out;
	}
	/* The last offset written is the file's size: off[nrows]. */
	memcpy(head, ROWS_MAGIC, 8);
	le64(head + 8, nrows);
	le64(head + 16, nextra);
	le64(b, keycol);
	memcpy(head + 24, b, 4);
	le64(b, byvalue != NULL ? valcol : ROWS_NONE);
	memcpy(head + 28, b, 4);
	if (fseek(out, 0, SEEK_SET) == -1 ||
	    fwrite(head, 1, sizeof(head), out) != sizeof(head)) {
		snprintf(err, errsz, "%s: %s", idx, strerror(errno));
		goto out;
	}
	bad = ferror(out);
	if (fclose(out) == EOF || bad) {
		out = NULL;
		snprintf(err, errsz, "%s: %s", idx, strerror(errno ? errno :
		    EIO));
		goto out;
	}
	out = NULL;
	if (byvalue != NULL) {
		/* The others and total rows stay out of the order. */
		ngroups = nrows > nextra ? nrows - nextra : 0;
		for (i = ngroups; i < nv; i++)
			free(vals[i].s);
		nv = nv < ngroups ? nv : (size_t)ngroups;
		if (write_byvalue(byvalue, vals, nv, err, errsz) == -1)
			goto out;
	}
	rc = 0;
	goto out;
nomem:
	snprintf(err, errsz, "%s: out of memory indexing the result (or a "
	    "row over %d bytes)", csv, TALLY_ROWS_RECORD_MAX);
out:
	if (in != NULL)
		fclose(in);
	if (out != NULL)
		fclose(out);
	for (i = 0; i < nv; i++)
		free(vals[i].s);
	free(vals);
	free(rec);
	free(cbuf);
	return rc;
}

/*
 * pread at least min and at most max bytes at off into buf, counted in st
 * (may be NULL).  Returns the bytes read, or -1 (a failure, or the file
 * ends first).
 */
static ssize_t
read_at(int fd, void *buf, size_t min, size_t max, uint64_t off,
    struct rows_stats *st)
{
	size_t	 got = 0;
	ssize_t	 r;

	while (got < min) {
		r = pread(fd, (char *)buf + got, max - got, (off_t)(off + got));
		if (st != NULL)
			st->reads++;
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
		if (st != NULL)
			st->bytes_read += (uint64_t)r;
	}
	return (ssize_t)got;
}

/*
 * Positioned reads of one file, through a window of cap bytes read ahead
 * (a pass over every row reads in blocks) or none (buf NULL: a page reads
 * exactly the bytes it shows).
 */
struct win {
	int		 fd;
	char		*buf;		/* NULL: each read is its own pread */
	size_t		 cap;
	uint64_t	 off;		/* where buf's len bytes start */
	size_t		 len;
};

/* Copy n bytes at off into dst, through w.  0, or -1 (short too). */
static int
win_read(struct win *w, void *dst, size_t n, uint64_t off,
    struct rows_stats *st)
{
	ssize_t	 got;

	if (w->buf == NULL || n > w->cap)
		return read_at(w->fd, dst, n, n, off, st) == -1 ? -1 : 0;
	if (off < w->off || off + n > w->off + w->len) {
		w->off = off;
		w->len = 0;
		if ((got = read_at(w->fd, w->buf, n, w->cap, off, st)) == -1)
			return -1;
		w->len = (size_t)got;
	}
	memcpy(dst, w->buf + (off - w->off), n);
	return 0;
}

#define RDR_HEADER	UINT64_MAX	/* rdr_record()'s row: the header */
#define RDR_AHEAD	65536		/* a pass's window, per file */

/*
 * The reader of an indexed result, the one way rows_page() and rows_sort()
 * read it: the index's header, then any record by its row number.
 */
struct rdr {
	struct win	 ix, csv;
	struct rows_stats *st;		/* may be NULL */
	uint64_t	 nrows, nextra, ngroups;
	uint32_t	 keycol, valcol;
	uint64_t	 off0;		/* off[0]: the header row's end */
	char		*rec;		/* the record last read */
	char		*cbuf;		/* as long, for cells_init() */
	size_t		 cap;
	int		 noindex;	/* idx is missing (ENOENT) */
};

static void
rdr_close(struct rdr *r)
{
	if (r->ix.fd != -1)
		close(r->ix.fd);
	if (r->csv.fd != -1)
		close(r->csv.fd);
	free(r->ix.buf);
	free(r->csv.buf);
	free(r->rec);
	free(r->cbuf);
	r->ix.fd = r->csv.fd = -1;
	r->ix.buf = r->csv.buf = r->rec = r->cbuf = NULL;
}

/*
 * Open csv through its index idx and read the index's header, with
 * windows of ahead bytes (0: none) and what is read counted in st (may be
 * NULL).  Returns 0, or -1 with r->noindex set if idx does not exist; r
 * must be closed with rdr_close() either way.
 */
static int
rdr_open(struct rdr *r, const char *csv, const char *idx, size_t ahead,
    struct rows_stats *st)
{
	unsigned char	 head[ROWS_HEAD], b[8];

	memset(r, 0, sizeof(*r));
	r->ix.fd = r->csv.fd = -1;
	r->st = st;
	if ((r->ix.fd = open(idx, O_RDONLY | O_CLOEXEC)) == -1) {
		r->noindex = errno == ENOENT;
		return -1;
	}
	if ((r->csv.fd = open(csv, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (ahead > 0) {
		if ((r->ix.buf = malloc(ahead)) == NULL ||
		    (r->csv.buf = malloc(ahead)) == NULL)
			return -1;
		r->ix.cap = r->csv.cap = ahead;
	}
	if (read_at(r->ix.fd, head, sizeof(head), sizeof(head), 0, st) == -1 ||
	    memcmp(head, ROWS_MAGIC, 8) != 0 ||
	    read_at(r->ix.fd, b, 8, 8, ROWS_HEAD, st) == -1)
		return -1;
	r->nrows = get64(head + 8);
	r->nextra = get64(head + 16);
	r->keycol = get32(head + 24);
	r->valcol = get32(head + 28);
	r->ngroups = r->nrows > r->nextra ? r->nrows - r->nextra : 0;
	r->off0 = get64(b);
	return 0;
}

/*
 * Read record row (RDR_HEADER: the header row, [0, off[0])) into r->rec,
 * its length into *len.  Returns 0, or -1 if the files disagree (a row
 * past the end, offsets out of order, a record over
 * TALLY_ROWS_RECORD_MAX), a read fails or memory is short.
 */
static int
rdr_record(struct rdr *r, uint64_t row, size_t *len)
{
	unsigned char	 b[16];
	uint64_t	 start = 0, end = r->off0;
	char		*np;

	if (row != RDR_HEADER) {
		if (row >= r->nrows || win_read(&r->ix, b, 16, ROWS_HEAD +
		    8 * row, r->st) == -1)
			return -1;
		start = get64(b);
		end = get64(b + 8);
	}
	if (end <= start || end - start > TALLY_ROWS_RECORD_MAX)
		return -1;
	*len = (size_t)(end - start);
	if (*len > r->cap) {
		if ((np = realloc(r->rec, *len)) == NULL)
			return -1;
		r->rec = np;
		if ((np = realloc(r->cbuf, *len)) == NULL)
			return -1;
		r->cbuf = np;
		r->cap = *len;
	}
	return win_read(&r->csv, r->rec, *len, start, r->st);
}

/*
 * Write the order of the groups by column col (as result.byvalue is by the
 * first aggregate) to path, through a temporary file renamed into place,
 * reading csv once through its index idx.  Returns 0, or -1 with err set.
 */
static int
rows_sort(const char *csv, const char *idx, uint32_t col, const char *path,
    char *err, size_t errsz)
{
	struct rdr	 r;
	char		 tmp[4200];
	struct val	*vals = NULL;
	uint64_t	 row = 0;
	size_t		 nv = 0, len, i;
	int		 rc = -1;

	if (rdr_open(&r, csv, idx, RDR_AHEAD, NULL) == -1) {
		snprintf(err, errsz, "the result cannot be read to sort it");
		goto out;
	}
	if ((vals = calloc(r.ngroups ? r.ngroups : 1, sizeof(*vals))) ==
	    NULL) {
		snprintf(err, errsz, "out of memory sorting the result");
		goto out;
	}
	for (row = 0; row < r.ngroups; row++) {
		if (rdr_record(&r, row, &len) == -1 ||
		    keep_value(&vals[nv], (uint32_t)row, r.rec, len, col,
		    r.cbuf) == -1)
			goto damaged;
		nv++;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	if (write_byvalue(tmp, vals, nv, err, errsz) == -1) {
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, path) == -1) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
	goto out;
damaged:
	snprintf(err, errsz, "the result or its row index is damaged, or "
	    "memory is short (row %llu)", (unsigned long long)row);
out:
	rdr_close(&r);
	for (i = 0; i < nv; i++)
		free(vals[i].s);
	free(vals);
	return rc;
}

/* Write the cells of the record rec (len bytes) as a JSON array. */
static void
json_record(FILE *out, const char *rec, size_t len, char *buf)
{
	struct cells	 c;
	const char	*s;
	size_t		 n, k = 0;

	cells_init(&c, rec, len, buf);
	fputc('[', out);
	while (cell_next(&c, &s, &n)) {
		if (k++ > 0)
			fputc(',', out);
		json_strn(out, s, n);
	}
	fputc(']', out);
}

/* The orders of rows.h, as a page asks for them. */
enum order {
	ORDER_FILE,		/* keys ascending: the file as it is */
	ORDER_FILE_DESC,	/* keys descending: the file backwards */
	ORDER_VALUE_DESC,	/* result.byvalue forwards */
	ORDER_VALUE_ASC,	/* its valued part backwards */
	ORDER__MAX
};

enum rows_status
rows_page(const char *csv, const char *idx, const char *byvalue,
    uint64_t offset, uint64_t limit, const char *sort, FILE *out,
    struct rows_stats *st, char *err, size_t errsz)
{
	struct rdr	 r;
	unsigned char	 b[8];
	struct cells	 c;
	const char	*s = NULL, *name;
	char		 path[4096];
	enum order	 order = ORDER_FILE;
	enum rows_status rc = ROWS_ERROR;
	uint64_t	 nvalued = 0, p = 0, row, end;
	uint32_t	 j;
	size_t		 n = 0, hlen;
	int		 vfd = -1, desc;

	if (rdr_open(&r, csv, idx, 0, st) == -1) {
		if (r.noindex) {
			snprintf(err, errsz, "this result has no row index");
			rc = ROWS_NO_INDEX;
		} else
			snprintf(err, errsz, "the row index cannot be read");
		goto out;
	}
	if (rdr_record(&r, RDR_HEADER, &hlen) == -1) {
		snprintf(err, errsz, "the result's header cannot be read");
		goto out;
	}
	fprintf(out, "{\"total\":%llu,\"offset\":%llu,\"limit\":%llu,"
	    "\"sort\":", (unsigned long long)r.nrows,
	    (unsigned long long)offset, (unsigned long long)limit);
	if (sort != NULL && sort[0] != '\0')
		json_str(out, sort);
	else
		fputs("null", out);
	fputs(",\"columns\":", out);
	json_record(out, r.rec, hlen, r.cbuf);
	/* The column sorted by: named in the header. */
	if (sort != NULL && sort[0] != '\0') {
		desc = sort[0] == '-';
		name = sort + desc;
		cells_init(&c, r.rec, hlen, r.cbuf);
		for (j = 0; cell_next(&c, &s, &n); j++)
			if (strlen(name) == n && memcmp(name, s, n) == 0)
				break;
		if (c.done && !(strlen(name) == n && memcmp(name, s, n) == 0)) {
			snprintf(err, errsz, "sort takes a column of the "
			    "result (a leading - for descending), and \"%.100s"
			    "\" is none", name);
			rc = ROWS_BAD_SORT;
			goto out;
		}
		if (j == r.keycol)
			order = desc ? ORDER_FILE_DESC : ORDER_FILE;
		else {
			order = desc ? ORDER_VALUE_DESC : ORDER_VALUE_ASC;
			if (j != r.valcol) {
				/* Another column: its order, made once. */
				snprintf(path, sizeof(path), "%s.%u", byvalue,
				    (unsigned)j);
				byvalue = path;
				if (access(path, R_OK) == -1 &&
				    (r.nrows > TALLY_ROWS_SORT_MAX ||
				    rows_sort(csv, idx, j, path, err,
				    errsz) == -1)) {
					if (r.nrows > TALLY_ROWS_SORT_MAX)
						snprintf(err, errsz, "sort by "
						    "%.100s: the result has more "
						    "than %d rows; sort by its "
						    "first key or first total",
						    name, TALLY_ROWS_SORT_MAX);
					rc = r.nrows > TALLY_ROWS_SORT_MAX ?
					    ROWS_BAD_SORT : ROWS_ERROR;
					goto out;
				}
			}
		}
	}
	if ((order == ORDER_VALUE_DESC || order == ORDER_VALUE_ASC) &&
	    ((vfd = open(byvalue, O_RDONLY | O_CLOEXEC)) == -1 ||
	    read_at(vfd, b, 8, 8, 0, st) == -1)) {
		snprintf(err, errsz, "the value order cannot be read");
		goto out;
	}
	if (vfd != -1)
		nvalued = get64(b);
	fputs(",\"rows\":[", out);
	end = offset < r.nrows ? (limit < r.nrows - offset ? offset + limit :
	    r.nrows) : offset;
	for (p = offset; p < end; p++) {
		/* Position p in the order asked for: row number row. */
		row = p;
		if (p < r.ngroups)
			switch (order) {
			case ORDER_FILE_DESC:
				row = r.ngroups - 1 - p;
				break;
			case ORDER_VALUE_ASC:
			case ORDER_VALUE_DESC:
				row = order == ORDER_VALUE_ASC && p < nvalued ?
				    nvalued - 1 - p : p;
				if (read_at(vfd, b, 4, 4, 8 + 4 * row,
				    st) == -1)
					goto damaged;
				row = get32(b);
				break;
			default:
				break;
			}
		if (rdr_record(&r, row, &n) == -1)
			goto damaged;
		if (p > offset)
			fputc(',', out);
		fputc('\n', out);
		json_record(out, r.rec, n, r.cbuf);
	}
	fputs("]}\n", out);
	rc = ROWS_OK;
	goto out;
damaged:
	snprintf(err, errsz, "the result or its row index is damaged (row "
	    "%llu)", (unsigned long long)p);
out:
	rdr_close(&r);
	if (vfd != -1)
		close(vfd);
	return rc;
}
