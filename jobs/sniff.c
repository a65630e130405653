/*
 * The sniffer (see sniff.h).  The first bytes are decoded through the
 * source with the decoding done inline; a compressed prefix that stops in
 * the middle of its stream gives what it decoded so far.  Unless the input
 * ended there, the bytes after the last line end are dropped, so no row of
 * the preview is a cut one.  A first line "looks like a header" when none
 * of its fields is a number or empty.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "dec.h"
#include "header.h"
#include "json.h"
#include "bounds.h"
#include "query.h"
#include "sniff.h"
#include "transcode.h"
#include "utf8.h"

/* Decoded bytes kept: the longest header and room for the rows. */
#define SNIFF_DECODED_MAX	(TALLY_HEADER_MAX + 1024 * 1024)

/* The preview rows as libcsv hands them over. */
struct rows {
	FILE	*f;
	size_t	 nrows;
	size_t	 nfields;	/* in the current row */
	int	 failed;
};

static int
no_blanks(unsigned char c)
{
	(void)c;
	return 0;
}

static void
on_field(void *data, size_t len, void *arg)
{
	struct rows	*r = arg;

	if (r->nrows >= SNIFF_ROWS)
		return;
	fputs(r->nfields == 0 ? (r->nrows == 0 ? "[" : ",[") : ",", r->f);
	r->nfields++;
	if (json_strn(r->f, data, utf8_cut(data, len, SNIFF_CELL_MAX)) == -1)
		r->failed = 1;
}

static void
on_row(int c, void *arg)
{
	struct rows	*r = arg;

	(void)c;
	if (r->nrows >= SNIFF_ROWS)
		return;
	if (r->nfields == 0)
		fputs(r->nrows == 0 ? "[" : ",[", r->f);
	fputc(']', r->f);
	r->nrows++;
	r->nfields = 0;
}

/* Whether the first line looks like a header rather than data. */
static int
looks_header(const struct header *h)
{
	struct dec	 d;
	const char	*why;
	size_t		 i;

	for (i = 0; i < h->ncols; i++)
		if (dec_parse(h->names[i], strlen(h->names[i]), &d,
		    &why) != DEC_BAD)
			return 0;
	return 1;
}

/* The default query's columns, as the user would write them. */
static void
default_query(FILE *f, const struct header *h)
{
	struct query	 q;
	char		 err[TALLY_ERR_MAX];

	if (query_bind(&q, NULL, NULL, h, err, sizeof(err)) == -1) {
		fputs(",\"default_query\":null,\"default_query_error\":", f);
		json_str(f, err);
		return;
	}
	fputs(",\"default_query\":{\"group_by\":", f);
	json_str(f, h->names[q.keys[0]]);
	fputs(",\"agg\":", f);
	{
		char	*s;
		size_t	 n = strlen(h->names[q.vals[0]]);

		/* "sum:" and the name, escaped as one string. */
		if ((s = malloc(n + 5)) == NULL) {
			fputs("null", f);
		} else {
			memcpy(s, "sum:", 4);
			memcpy(s + 4, h->names[q.vals[0]], n + 1);
			json_str(f, s);
			free(s);
		}
	}
	fputs("},\"default_query_error\":null", f);
}

int
sniff_json(int fd, off_t off, off_t len, const struct sniff_opts *o,
    FILE *f, enum source_fail *why, char *err, size_t errsz)
{
	struct source_opts	 so;
	struct source		*src = NULL;
	struct header		 h;
	struct csv_parser	 p;
	struct rows		 r;
	enum source_enc		 enc;
	char			*buf = NULL, *u8 = NULL, *text, d[2];
	size_t			 n = 0, i;
	ssize_t			 got;
	int			 rc = -1, at_eof = 0, truncated = 0, header;
	int			 guessed = 0, inited = 0;

	memset(&h, 0, sizeof(h));
	memset(&so, 0, sizeof(so));
	*why = SOURCE_FAIL_IO;
	so.enc = o->enc;
	so.inline_decode = 1;
	if (len > SNIFF_INPUT_MAX)
		len = SNIFF_INPUT_MAX;
	if ((src = source_open(fd, off, len, &so, why, err, errsz)) == NULL)
		goto out;
	if ((buf = malloc(SNIFF_DECODED_MAX)) == NULL) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	while (n < SNIFF_DECODED_MAX) {
		got = source_read(src, n, buf + n, SNIFF_DECODED_MAX - n, err,
		    errsz);
		if (got == 0) {
			at_eof = 1;
			break;
		}
		if (got < 0) {
			/* A prefix of a compressed file: keep what came. */
			if (source_why(src) != SOURCE_FAIL_DATA || n == 0) {
				*why = source_why(src);
				goto out;
			}
			truncated = 1;
			break;
		}
		n += (size_t)got;
	}
	if (!at_eof) {
		truncated = 1;
		/* No cut row: end at the last line end, if there is one. */
		for (i = n; i > 0 && buf[i - 1] != '\n'; i--)
			continue;
		if (i > 0)
			n = i;
	}
	enc = source_enc(src);
	text = buf;
	if (enc == SOURCE_ENC_LATIN1 || enc == SOURCE_ENC_CP1252) {
		if ((u8 = malloc(3 * n + 1)) == NULL) {
			snprintf(err, errsz, "out of memory");
			goto out;
		}
		n = transcode_cell(enc, buf, n, u8);
		text = u8;
	}
	*why = SOURCE_FAIL_DATA;
	if (header_parse(&h, text, n, 1, o->delim, err, errsz) != HEADER_OK)
		goto out;
	header = o->header;
	if (header < 0) {
		header = looks_header(&h);
		guessed = 1;
	}
	if (!header && header_number(&h, text, err, errsz) == -1)
		goto out;

	fputs("{\"compression\":", f);
	json_str(f, source_comp_name(source_comp(src)));
	fputs(",\"encoding\":", f);
	json_str(f, transcode_names[enc]);
	d[0] = h.delim;
	d[1] = '\0';
	fputs(",\"delimiter\":", f);
	json_str(f, h.delim == '\t' ? "tab" : d);
	fprintf(f, ",\"header\":%s,\"header_guessed\":%s,\"columns\":[",
	    header ? "true" : "false", guessed ? "true" : "false");
	for (i = 0; i < h.ncols; i++) {
		if (i > 0)
			fputc(',', f);
		json_strn(f, h.names[i], utf8_cut(h.names[i],
		    strlen(h.names[i]), SNIFF_CELL_MAX));
	}
	fputs("],\"rows\":[", f);

	memset(&r, 0, sizeof(r));
	r.f = f;
	if (csv_init(&p, 0) != 0) {
		snprintf(err, errsz, "out of memory");
		*why = SOURCE_FAIL_IO;
		goto out;
	}
	inited = 1;
	csv_set_delim(&p, (unsigned char)h.delim);
	if (!o->trim)
		csv_set_space_func(&p, no_blanks);
	/* Fields are bounded by the buffer; a quote left open just ends. */
	(void)csv_parse(&p, text + h.len, n - h.len, on_field, on_row, &r);
	if (r.nrows < SNIFF_ROWS)
		(void)csv_fini(&p, on_field, on_row, &r);
	if (r.nfields > 0)
		fputc(']', f);
	fprintf(f, "],\"truncated\":%s", truncated ? "true" : "false");
	default_query(f, &h);
	fprintf(f, ",\"decimal\":\"%s\",\"trim\":%s", o->decimal_comma ?
	    "comma" : "point", o->trim ? "true" : "false");
	fputs("}\n", f);
	if (ferror(f) || r.failed) {
		snprintf(err, errsz, "cannot write the answer");
		*why = SOURCE_FAIL_IO;
		goto out;
	}
	*why = SOURCE_FAIL_NONE;
	rc = 0;
out:
	if (inited)
		csv_free(&p);
	header_free(&h);
	source_close(src);
	free(buf);
	free(u8);
	return rc;
}
