/*
 * The Parquet writer (see parquet.h).  A file is "PAR1", the column chunks
 * of each row group one after the other, each a run of data pages (a
 * Thrift page header, then the page), and at the end the footer: the
 * FileMetaData struct in the Thrift compact protocol, its length as 4
 * little-endian bytes, and "PAR1" again.  The footer holds the schema (a
 * root element and one element per column) and, per row group and column,
 * where its pages start and how big they are, which is why this file keeps
 * one small record per column chunk until the end.
 *
 * A data page (v1) is, before compression: the definition levels of an
 * OPTIONAL column (a 4-byte little-endian length, then the levels in the
 * RLE/bit-packed hybrid at bit width 1: 1 present, 0 null), then the
 * present values in PLAIN encoding: BYTE_ARRAY as a 4-byte little-endian
 * length and the bytes, INT64 as 8 little-endian bytes, FIXED_LEN_BYTE_ARRAY
 * as its bytes.  REQUIRED columns have no levels.  Nulls take no value.
 *
 * Values are taken from engine_cell(), the text the CSV and JSON writers
 * print, so every Parquet value is the CSV's value by construction; a
 * first pass over each column decides its type and scale.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "agg.h"
#include "dec.h"
#include "engine.h"
#include "bounds.h"
#include "parquet.h"
#include "thrift.h"

const char *const parquet_codec_names[PARQUET_CODEC__MAX] = {
	"zstd",
	"none",
};

/* Values of parquet.thrift's enums that this file writes. */
#define PQ_INT64		2	/* Type */
#define PQ_BYTE_ARRAY		6
#define PQ_FLBA			7
#define PQ_REQUIRED		0	/* FieldRepetitionType */
#define PQ_OPTIONAL		1
#define PQ_CT_UTF8		0	/* ConvertedType */
#define PQ_CT_DECIMAL		5
#define PQ_LT_STRING		1	/* LogicalType union members */
#define PQ_LT_DECIMAL		5
#define PQ_ENC_PLAIN		0	/* Encoding */
#define PQ_ENC_RLE		3
#define PQ_CODEC_NONE		0	/* CompressionCodec */
#define PQ_CODEC_ZSTD		6
#define PQ_PAGE_DATA		0	/* PageType */

/* DECIMAL(38, s) fits a 16-byte two's complement integer. */
#define PQ_PRECISION		38
#define PQ_DEC_BYTES		16

/* Column types, as this writer chooses them. */
enum col_kind {
	COL_STRING,		/* BYTE_ARRAY, STRING */
	COL_BINARY,		/* BYTE_ARRAY, bytes that are not UTF-8 */
	COL_INT64,
	COL_DECIMAL,		/* FIXED_LEN_BYTE_ARRAY(16), DECIMAL(38, s) */
	COL__MAX
};

struct col {
	char		*name;		/* owned, unique among the columns */
	enum col_kind	 kind;
	enum parquet_hint hint;
	int		 optional;	/* some value is missing */
	int		 scale;		/* COL_DECIMAL */
};

/* Where one column chunk is, for the footer. */
struct chunk {
	int64_t		 off;		/* of its first page */
	int64_t		 usize;		/* headers plus uncompressed pages */
	int64_t		 csize;		/* headers plus stored pages */
	int64_t		 nvals;
};

/* A growing byte buffer; bounded in use by the page limits. */
struct buf {
	unsigned char	*p;
	size_t		 len;
	size_t		 cap;
};

struct pq {
	FILE			*f;
	uint64_t		 pos;		/* bytes written to f */
	const struct parquet_table *t;
	enum parquet_codec	 codec;
	size_t			 n;		/* rows */
	struct col		*cols;
	size_t			 ncols;
	struct chunk		*chunks;	/* nrg * ncols */
	size_t			 nrg;
	unsigned char		*def;		/* the page's levels */
	size_t			 nrows;		/* rows in the page */
	struct buf		 vals;		/* the page's values */
	struct buf		 page;		/* levels and values */
	struct buf		 comp;		/* the page compressed */
	struct buf		 lev;		/* encoded levels */
	int			 nomem;
};

static int
buf_reserve(struct pq *w, struct buf *b, size_t n)
{
	unsigned char	*np;
	size_t		 cap;

	if (n <= b->cap - b->len)
		return 0;
	cap = b->cap ? b->cap : 4096;
	while (n > cap - b->len)
		cap *= 2;
	if ((np = realloc(b->p, cap)) == NULL) {
		w->nomem = 1;
		return -1;
	}
	b->p = np;
	b->cap = cap;
	return 0;
}

static void
buf_put(struct pq *w, struct buf *b, const void *p, size_t n)
{
	if (buf_reserve(w, b, n) == -1)
		return;
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
put_u32le(struct pq *w, struct buf *b, uint32_t v)
{
	unsigned char	 x[4];

	x[0] = (unsigned char)v;
	x[1] = (unsigned char)(v >> 8);
	x[2] = (unsigned char)(v >> 16);
	x[3] = (unsigned char)(v >> 24);
	buf_put(w, b, x, 4);
}

static void
put_varint(struct pq *w, struct buf *b, uint64_t v)
{
	unsigned char	 x[10];
	size_t		 n = 0;

	while (v >= 0x80) {
		x[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	x[n++] = (unsigned char)v;
	buf_put(w, b, x, n);
}

static int
out(struct pq *w, const void *p, size_t n)
{
	if (n > 0 && fwrite(p, 1, n, w->f) != n)
		return -1;
	w->pos += n;
	return 0;
}

/* Whether s (n bytes) is well-formed UTF-8 (no overlongs, surrogates). */
static int
utf8_valid(const unsigned char *s, size_t n)
{
	size_t		 i = 0, k, len;
	uint32_t	 c;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			len = 2, c = s[i] & 0x1f;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			len = 3, c = s[i] & 0x0f;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			len = 4, c = s[i] & 0x07;
		else
			return 0;
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
		    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
			return 0;
		i += len;
	}
	return 1;
}

/*
 * The shape of a printed decimal: an optional sign, digits, an optional
 * point and digits.  Returns 0 with the significant integer digits and
 * the fraction digits counted, or -1 if s is not such a number.
 */
static int
num_shape(const char *s, size_t *nint, size_t *nfrac)
{
	size_t	 i = 0, lead = 1, d = 0;

	*nint = *nfrac = 0;
	if (s[i] == '-' || s[i] == '+')
		i++;
	for (; s[i] >= '0' && s[i] <= '9'; i++, d++) {
		if (lead && s[i] == '0')
			continue;
		lead = 0;
		(*nint)++;
	}
	if (s[i] == '.')
		for (i++; s[i] >= '0' && s[i] <= '9'; i++, d++)
			(*nfrac)++;
	return d > 0 && s[i] == '\0' ? 0 : -1;
}

/*
 * The printed decimal s as an integer at scale (which must be at least its
 * fraction digits).  Returns 0, or -1 if it needs more than 38 digits.
 */
static int
num_scaled(const char *s, int scale, __int128 *out)
{
	__int128	 v = 0;
	const __int128	 lim = (__int128)10000000000000000000ULL *
			    (__int128)10000000000000000000ULL; /* 10^38 */
	int		 neg = 0, frac = -1;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s != '\0'; s++) {
		if (*s == '.') {
			frac = 0;
			continue;
		}
		v = v * 10 + (*s - '0');
		if (frac >= 0)
			frac++;
		if (v >= lim)
			return -1;
	}
	for (frac = frac < 0 ? 0 : frac; frac < scale; frac++)
		if ((v = v * 10) >= lim)
			return -1;
	*out = neg ? -v : v;
	return 0;
}

/*
 * Cell (row, col) of the table: 0 with *s and *len set, or 1 for a null.
 * cell is ENGINE_CELL_MAX bytes of scratch.
 */
static int
get_cell(const struct pq *w, size_t row, size_t col, char *cell,
    const char **s, size_t *len)
{
	*s = NULL;
	*len = 0;
	return w->t->cell(w->t->arg, row, col, cell, ENGINE_CELL_MAX, s,
	    len) == 1 || *s == NULL ? 1 : 0;
}

/*
 * Decide column c's type from its hint and values: texts are STRING unless
 * a cell is not UTF-8 (then plain BYTE_ARRAY); counts are INT64 when they
 * all fit; numbers are DECIMAL at the largest printed scale; anything that
 * does not fit those is text.
 */
static void
plan_col(struct pq *w, struct col *c, size_t i)
{
	char		 cell[ENGINE_CELL_MAX], num[ENGINE_CELL_MAX];
	const char	*s;
	__int128	 v;
	size_t		 g, len, nint, nfrac, maxint = 0, maxfrac = 0, seen = 0;
	int		 is_int = 1, is_dec = 1, utf8 = 1;

	for (g = 0; g < w->n; g++) {
		if (get_cell(w, g, i, cell, &s, &len) == 1) {
			c->optional = 1;
			continue;
		}
		seen++;
		if (c->hint == PARQUET_TEXT) {
			if (utf8 && !utf8_valid((const unsigned char *)s, len))
				utf8 = 0;
			continue;
		}
		/* Text (a min or max): look on only for missing values. */
		if (!is_dec || len >= sizeof(num)) {
			is_int = is_dec = 0;
			continue;
		}
		memcpy(num, s, len);
		num[len] = '\0';
		if (num_shape(num, &nint, &nfrac) == -1) {
			is_int = is_dec = 0;
			continue;
		}
		if (nint > maxint)
			maxint = nint;
		if (nfrac > maxfrac)
			maxfrac = nfrac;
		if (is_int && (nfrac > 0 || nint > 19 ||
		    num_scaled(num, 0, &v) == -1 || v > INT64_MAX ||
		    v < INT64_MIN))
			is_int = 0;
	}
	if (c->hint == PARQUET_TEXT) {
		c->kind = utf8 ? COL_STRING : COL_BINARY;
		return;
	}
	if (seen == 0)
		/* No values to look at: the scale the column would print. */
		maxfrac = (size_t)w->t->cols[i].scale;
	if (c->hint == PARQUET_COUNT && is_int)
		c->kind = COL_INT64;
	else if (is_dec && maxint + maxfrac <= PQ_PRECISION) {
		c->kind = COL_DECIMAL;
		c->scale = (int)maxfrac;
	} else
		c->kind = COL_STRING;
}

/* Give every column a unique name ("x", "x_2", ...).  -1 if no memory. */
static int
name_cols(struct pq *w)
{
	const char	*base;
	size_t		 i, j, k, sz;
	int		 clash;

	for (i = 0; i < w->ncols; i++) {
		struct col	*c = &w->cols[i];

		base = w->t->cols[i].name;
		sz = strlen(base) + 24;
		if ((c->name = malloc(sz)) == NULL)
			return -1;
		snprintf(c->name, sz, "%s", base);
		for (k = 2;; k++) {
			for (clash = 0, j = 0; j < i; j++)
				if (strcmp(w->cols[j].name, c->name) == 0)
					clash = 1;
			if (!clash)
				break;
			snprintf(c->name, sz, "%s_%zu", base, k);
		}
	}
	return 0;
}

/*
 * Encode the page's levels (bit width 1) in the RLE/bit-packed hybrid: a
 * run of 8 or more equal levels as an RLE run (header count << 1, then
 * the level in one byte), everything else in bit-packed groups of 8
 * (header groups << 1 | 1, then one byte per group, first level in the
 * lowest bit), the last group padded with zeros.
 */
static void
encode_levels(struct pq *w)
{
	const unsigned char	*d = w->def;
	size_t			 n = w->nrows, i = 0, run, start, groups, k, t;
	unsigned char		 b;

	w->lev.len = 0;
	while (i < n) {
		for (run = 1; i + run < n && d[i + run] == d[i]; run++)
			continue;
		if (run >= 8) {
			put_varint(w, &w->lev, (uint64_t)run << 1);
			buf_put(w, &w->lev, &d[i], 1);
			i += run;
			continue;
		}
		start = i;
		groups = 0;
		do {
			groups++;
			i += 8;
			for (run = 1; i < n && i + run < n && run < 8 &&
			    d[i + run] == d[i]; run++)
				continue;
		} while (i < n && run < 8);
		put_varint(w, &w->lev, (uint64_t)groups << 1 | 1);
		for (k = 0; k < groups; k++) {
			b = 0;
			for (t = 0; t < 8; t++)
				if (start + 8 * k + t < n &&
				    d[start + 8 * k + t])
					b |= (unsigned char)(1u << t);
			buf_put(w, &w->lev, &b, 1);
		}
	}
}

/* Write the page being built as one data page of chunk ch. */
static int
flush_page(struct pq *w, const struct col *c, struct chunk *ch)
{
	struct thrift	 t;
	const void	*body;
	size_t		 blen, z;
	int		 rc = -1;

	thrift_init(&t);
	w->page.len = 0;
	if (c->optional) {
		encode_levels(w);
		put_u32le(w, &w->page, (uint32_t)w->lev.len);
		buf_put(w, &w->page, w->lev.p, w->lev.len);
	}
	buf_put(w, &w->page, w->vals.p, w->vals.len);
	if (w->nomem)
		goto out;
	body = w->page.p;
	blen = w->page.len;
	if (w->codec == PARQUET_ZSTD) {
		w->comp.len = 0;
		if (buf_reserve(w, &w->comp, ZSTD_compressBound(blen)) == -1)
			goto out;
		z = ZSTD_compress(w->comp.p, w->comp.cap, body, blen, 3);
		if (ZSTD_isError(z)) {
			w->nomem = 1;
			goto out;
		}
		body = w->comp.p;
		blen = z;
	}

	thrift_i32(&t, 1, PQ_PAGE_DATA);
	thrift_i32(&t, 2, (int32_t)w->page.len);
	thrift_i32(&t, 3, (int32_t)blen);
	thrift_struct_begin(&t, 5);		/* DataPageHeader */
	thrift_i32(&t, 1, (int32_t)w->nrows);
	thrift_i32(&t, 2, PQ_ENC_PLAIN);
	thrift_i32(&t, 3, PQ_ENC_RLE);
	thrift_i32(&t, 4, PQ_ENC_RLE);
	thrift_struct_end(&t);
	thrift_stop(&t);
	if (thrift_failed(&t)) {
		w->nomem = 1;
		goto out;
	}
	if (ch->nvals == 0)
		ch->off = (int64_t)w->pos;
	if (out(w, t.buf, t.len) == -1 || out(w, body, blen) == -1)
		goto out;
	ch->usize += (int64_t)(t.len + w->page.len);
	ch->csize += (int64_t)(t.len + blen);
	ch->nvals += (int64_t)w->nrows;
	w->nrows = 0;
	w->vals.len = 0;
	rc = 0;
out:
	thrift_free(&t);
	return rc;
}

/* Append row g's value of column i (c) to the page being built. */
static void
add_value(struct pq *w, const struct col *c, size_t i, size_t g)
{
	char		 cell[ENGINE_CELL_MAX], num[ENGINE_CELL_MAX];
	unsigned char	 x[PQ_DEC_BYTES];
	unsigned __int128 u;
	__int128	 v = 0;
	const char	*s;
	size_t		 len;
	int		 k;

	if (get_cell(w, g, i, cell, &s, &len) == 1) {
		w->def[w->nrows++] = 0;
		return;
	}
	w->def[w->nrows++] = 1;
	switch (c->kind) {
	case COL_INT64:
	case COL_DECIMAL:
		/* The plan checked that every value fits. */
		memcpy(num, s, len);
		num[len] = '\0';
		(void)num_scaled(num, c->kind == COL_DECIMAL ? c->scale : 0,
		    &v);
		u = (unsigned __int128)v;
		if (c->kind == COL_INT64) {
			for (k = 0; k < 8; k++)
				x[k] = (unsigned char)(u >> (8 * k));
			buf_put(w, &w->vals, x, 8);
		} else {
			for (k = 0; k < PQ_DEC_BYTES; k++)
				x[PQ_DEC_BYTES - 1 - k] =
				    (unsigned char)(u >> (8 * k));
			buf_put(w, &w->vals, x, PQ_DEC_BYTES);
		}
		break;
	default:
		put_u32le(w, &w->vals, (uint32_t)len);
		buf_put(w, &w->vals, s, len);
		break;
	}
}

/* Write the column chunks of row group rg. */
static int
write_group(struct pq *w, size_t rg)
{
	size_t	 r0 = rg * TALLY_PARQUET_GROUP_ROWS, r1, i, g;

	r1 = r0 + TALLY_PARQUET_GROUP_ROWS < w->n ?
	    r0 + TALLY_PARQUET_GROUP_ROWS : w->n;
	for (i = 0; i < w->ncols; i++) {
		struct chunk	*ch = &w->chunks[rg * w->ncols + i];

		for (g = r0; g < r1; g++) {
			add_value(w, &w->cols[i], i, g);
			if (w->nomem)
				return -1;
			if ((w->vals.len >= TALLY_PARQUET_PAGE_BYTES ||
			    w->nrows == TALLY_PARQUET_PAGE_ROWS) &&
			    flush_page(w, &w->cols[i], ch) == -1)
				return -1;
		}
		if (w->nrows > 0 && flush_page(w, &w->cols[i], ch) == -1)
			return -1;
	}
	return 0;
}

static void
schema_col(struct thrift *t, const struct col *c)
{
	thrift_elem_struct_begin(t);
	switch (c->kind) {
	case COL_INT64:
		thrift_i32(t, 1, PQ_INT64);
		break;
	case COL_DECIMAL:
		thrift_i32(t, 1, PQ_FLBA);
		thrift_i32(t, 2, PQ_DEC_BYTES);
		break;
	default:
		thrift_i32(t, 1, PQ_BYTE_ARRAY);
		break;
	}
	thrift_i32(t, 3, c->optional ? PQ_OPTIONAL : PQ_REQUIRED);
	thrift_binary(t, 4, c->name, strlen(c->name));
	switch (c->kind) {
	case COL_STRING:
		thrift_i32(t, 6, PQ_CT_UTF8);
		thrift_struct_begin(t, 10);		/* LogicalType */
		thrift_struct_begin(t, PQ_LT_STRING);	/* StringType {} */
		thrift_struct_end(t);
		thrift_struct_end(t);
		break;
	case COL_DECIMAL:
		thrift_i32(t, 6, PQ_CT_DECIMAL);
		thrift_i32(t, 7, c->scale);
		thrift_i32(t, 8, PQ_PRECISION);
		thrift_struct_begin(t, 10);		/* LogicalType */
		thrift_struct_begin(t, PQ_LT_DECIMAL);	/* DecimalType */
		thrift_i32(t, 1, c->scale);
		thrift_i32(t, 2, PQ_PRECISION);
		thrift_struct_end(t);
		thrift_struct_end(t);
		break;
	default:
		break;
	}
	thrift_struct_end(t);
}

static void
column_chunk(struct pq *w, struct thrift *t, const struct col *c,
    const struct chunk *ch)
{
	thrift_elem_struct_begin(t);		/* ColumnChunk */
	thrift_i64(t, 2, ch->off);
	thrift_struct_begin(t, 3);		/* ColumnMetaData */
	thrift_i32(t, 1, c->kind == COL_INT64 ? PQ_INT64 :
	    c->kind == COL_DECIMAL ? PQ_FLBA : PQ_BYTE_ARRAY);
	thrift_list(t, 2, THRIFT_I32, 2);
	thrift_elem_i32(t, PQ_ENC_PLAIN);
	thrift_elem_i32(t, PQ_ENC_RLE);
	thrift_list(t, 3, THRIFT_BINARY, 1);
	thrift_elem_binary(t, c->name, strlen(c->name));
	thrift_i32(t, 4, w->codec == PARQUET_ZSTD ? PQ_CODEC_ZSTD :
	    PQ_CODEC_NONE);
	thrift_i64(t, 5, ch->nvals);
	thrift_i64(t, 6, ch->usize);
	thrift_i64(t, 7, ch->csize);
	thrift_i64(t, 9, ch->off);
	thrift_struct_end(t);
	thrift_struct_end(t);
}

/* The FileMetaData struct, its length and the closing magic. */
static int
write_footer(struct pq *w)
{
	static const char	 created[] = "tally version " PACKAGE_VERSION;
	struct thrift		 t;
	unsigned char		 x[4];
	size_t			 i, rg;
	int64_t			 ubytes, cbytes;
	int			 rc = -1;

	thrift_init(&t);
	thrift_i32(&t, 1, 1);				/* version */
	thrift_list(&t, 2, THRIFT_STRUCT, w->ncols + 1);	/* schema */
	thrift_elem_struct_begin(&t);
	thrift_binary(&t, 4, "schema", 6);
	thrift_i32(&t, 5, (int32_t)w->ncols);
	thrift_struct_end(&t);
	for (i = 0; i < w->ncols; i++)
		schema_col(&t, &w->cols[i]);
	thrift_i64(&t, 3, (int64_t)w->n);		/* num_rows */
	thrift_list(&t, 4, THRIFT_STRUCT, w->nrg);	/* row_groups */
	for (rg = 0; rg < w->nrg; rg++) {
		const struct chunk	*ch = &w->chunks[rg * w->ncols];
		size_t			 r0 = rg * TALLY_PARQUET_GROUP_ROWS;

		thrift_elem_struct_begin(&t);
		thrift_list(&t, 1, THRIFT_STRUCT, w->ncols);
		ubytes = cbytes = 0;
		for (i = 0; i < w->ncols; i++) {
			column_chunk(w, &t, &w->cols[i], &ch[i]);
			ubytes += ch[i].usize;
			cbytes += ch[i].csize;
		}
		thrift_i64(&t, 2, ubytes);		/* total_byte_size */
		thrift_i64(&t, 3, (int64_t)(w->n - r0 <
		    TALLY_PARQUET_GROUP_ROWS ? w->n - r0 :
		    TALLY_PARQUET_GROUP_ROWS));		/* num_rows */
		thrift_i64(&t, 5, w->ncols > 0 ? ch[0].off : 0);
		thrift_i64(&t, 6, cbytes);
		thrift_i16(&t, 7, (int16_t)rg);
		thrift_struct_end(&t);
	}
	thrift_binary(&t, 6, created, strlen(created));	/* created_by */
	thrift_stop(&t);
	if (thrift_failed(&t) || t.len > UINT32_MAX) {
		w->nomem = 1;
		goto out;
	}
	x[0] = (unsigned char)t.len;
	x[1] = (unsigned char)(t.len >> 8);
	x[2] = (unsigned char)(t.len >> 16);
	x[3] = (unsigned char)(t.len >> 24);
	if (out(w, t.buf, t.len) == -1 || out(w, x, 4) == -1 ||
	    out(w, "PAR1", 4) == -1)
		goto out;
	rc = 0;
out:
	thrift_free(&t);
	return rc;
}

int
parquet_write_table(FILE *f, const struct parquet_table *t,
    enum parquet_codec codec, char *err, size_t errsz)
{
	struct pq	 w;
	size_t		 i, rg;
	int		 rc = -1;

	memset(&w, 0, sizeof(w));
	w.f = f;
	w.t = t;
	w.codec = codec;
	w.n = t->nrows;
	w.ncols = t->ncols;
	w.nrg = (w.n + TALLY_PARQUET_GROUP_ROWS - 1) /
	    TALLY_PARQUET_GROUP_ROWS;
	if ((w.cols = calloc(w.ncols ? w.ncols : 1, sizeof(*w.cols))) == NULL ||
	    (w.chunks = calloc(w.nrg * w.ncols > 0 ? w.nrg * w.ncols : 1,
	    sizeof(*w.chunks))) == NULL ||
	    (w.def = malloc(TALLY_PARQUET_PAGE_ROWS)) == NULL) {
		w.nomem = 1;
		goto out;
	}
	for (i = 0; i < w.ncols; i++) {
		w.cols[i].hint = t->cols[i].hint;
		plan_col(&w, &w.cols[i], i);
	}
	if (name_cols(&w) == -1) {
		w.nomem = 1;
		goto out;
	}
	if (out(&w, "PAR1", 4) == -1)
		goto out;
	for (rg = 0; rg < w.nrg; rg++)
		if (write_group(&w, rg) == -1)
			goto out;
	if (write_footer(&w) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1) {
		if (w.nomem)
			snprintf(err, errsz, "out of memory writing Parquet");
		else
			snprintf(err, errsz, "%s", strerror(errno));
	}
	if (w.cols != NULL)
		for (i = 0; i < w.ncols; i++)
			free(w.cols[i].name);
	free(w.cols);
	free(w.chunks);
	free(w.def);
	free(w.vals.p);
	free(w.page.p);
	free(w.comp.p);
	free(w.lev.p);
	return rc;
}

/* An engine result as a table: its rows and columns as output.c prints. */
struct esrc {
	const struct engine_result *res;
	size_t			 ngroups;
};

/*
 * The parquet_table cell function of an engine result: the "kind" column
 * (when the result is marked), the key cells (nulls on others and total
 * rows), then the aggregates' printed text.
 */
static int
engine_source(void *arg, size_t row, size_t col, char *buf, size_t sz,
    const char **s, size_t *len)
{
	const struct esrc		*e = arg;
	const struct engine_result	*res = e->res;
	const char			*k, *c = NULL;
	size_t				 klen, pos = 0, j;

	if (res->marked) {
		if (col == 0) {
			*s = engine_row_names[row < e->ngroups ?
			    ENGINE_ROW_GROUP : res->extra[row - e->ngroups]];
			*len = strlen(*s);
			return 0;
		}
		col--;
	}
	if (col < res->q.nkeys) {
		if (row >= e->ngroups)
			return 1;
		k = agg_key(res->agg, row, &klen);
		for (j = 0; j <= col; j++)
			if ((c = agg_key_cell(k, klen, &pos, len)) == NULL)
				break;
		if (c == NULL) {
			c = "";
			*len = 0;
		}
		*s = c;
		return 0;
	}
	j = col - res->q.nkeys;
	if ((row < e->ngroups ? engine_cell(res, row, j, buf, sz) :
	    engine_extra_cell(res, row - e->ngroups, j, buf, sz)) == 1)
		return 1;
	*s = buf;
	*len = strlen(buf);
	return 0;
}

int
parquet_write(FILE *f, const struct engine_result *res,
    enum parquet_codec codec, char *err, size_t errsz)
{
	struct parquet_table	 t;
	struct parquet_col	*cols;
	struct esrc		 e;
	size_t			 i, k, mark = res->marked ? 1 : 0;
	int			 rc;

	e.res = res;
	e.ngroups = engine_groups(res);
	t.ncols = mark + res->q.nkeys + res->q.naggs;
	t.nrows = e.ngroups + res->nextra;
	t.cell = engine_source;
	t.arg = &e;
	if ((cols = calloc(t.ncols ? t.ncols : 1, sizeof(*cols))) == NULL) {
		snprintf(err, errsz, "out of memory writing Parquet");
		return -1;
	}
	for (i = 0; i < t.ncols; i++) {
		k = i - mark;
		if (i < mark) {
			/* "group", "others" or "total", as in CSV. */
			cols[i].name = "kind";
			cols[i].hint = PARQUET_TEXT;
		} else if (k < res->q.nkeys) {
			cols[i].name = res->keynames[k];
			cols[i].hint = PARQUET_TEXT;
		} else {
			const struct query_agg	*a = &res->q.aggs[k -
						    res->q.nkeys];

			cols[i].name = a->name;
			cols[i].hint = a->kind == AGG_COUNT ||
			    a->kind == AGG_DISTINCT ||
			    a->kind == AGG_APPROX_DISTINCT ? PARQUET_COUNT :
			    PARQUET_NUMBER;
			if (res->agg != NULL && a->val >= 0)
				cols[i].scale = agg_scale(res->agg,
				    (size_t)a->val) + (a->kind == AGG_MEAN ?
				    TALLY_MEAN_EXTRA : 0);
		}
	}
	t.cols = cols;
	rc = parquet_write_table(f, &t, codec, err, errsz);
	free(cols);
	return rc;
}
