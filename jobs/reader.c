/*
 * The libcsv reader.  Blocks are fed to libcsv one line segment at a time
 * (split at each LF), so that every callback knows the line it is on: a
 * record starts on the current line minus the newlines inside its first
 * field.  libcsv's field buffer is capped through csv_set_realloc_func(), so
 * no field can make it grow past TALLY_FIELD_MAX.  This file does not
 * interpret fields; that is the engine's job.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "reader.h"
#include "transcode.h"

/* libcsv's state (libcsv.c, not csv.h) while inside a field. */
#define LIBCSV_FIELD_BEGUN	2

struct state {
	const struct reader_cb	*cb;
	int			*slot_of;	/* by column; -1 to skip */
	size_t			 ncols;
	struct reader_slot	*slots;
	struct reader_row	 row;
	unsigned long		 line;		/* current line, 1-based */
	int			 stop;		/* a callback or limit said stop */
	char			*err;
	size_t			 errsz;
};

static void *
capped_realloc(void *p, size_t n)
{
	if (n > READER_FIELD_CAP)
		return NULL;
	return realloc(p, n);
}

/* libcsv's space function for keys as written: no byte is a blank. */
static int
no_blanks(unsigned char c)
{
	(void)c;
	return 0;
}

static unsigned long
count_nl(const char *p, size_t len)
{
	unsigned long	 n = 0;
	const char	*e = p + len;

	while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

static void
on_field(void *data, size_t len, void *arg)
{
	struct state	*s = arg;
	size_t		 fi = s->row.nfields++;
	int		 slot;

	if (s->stop)
		return;
	if (fi == 0)
		s->row.line = s->line - count_nl(data, len);
	if (len > TALLY_FIELD_MAX) {
		snprintf(s->err, s->errsz, "line %lu: field %zu is longer "
		    "than %d bytes", s->row.line, fi + 1, TALLY_FIELD_MAX);
		s->stop = 1;
		return;
	}
	if (fi < s->ncols && (slot = s->slot_of[fi]) >= 0) {
		struct reader_slot	*sl = &s->slots[slot];

		sl->len = len;
		memcpy(sl->buf, data, len < sizeof(sl->buf) ? len :
		    sizeof(sl->buf));
	}
}

static void
on_record(int c, void *arg)
{
	struct state	*s = arg;

	(void)c;
	if (!s->stop && s->cb->row(s->cb->arg, &s->row, s->err,
	    s->errsz) == -1)
		s->stop = 1;
	s->row.nfields = 0;
}

/*
 * Feed len bytes to libcsv, a line segment at a time.  Returns 0, or -1 with
 * s->err set.
 */
static int
feed(struct csv_parser *p, struct state *s, const char *buf, size_t len)
{
	const char	*nl, *end = buf + len;
	size_t		 n;

	while (buf < end) {
		nl = memchr(buf, '\n', (size_t)(end - buf));
		n = nl != NULL ? (size_t)(nl - buf) + 1 : (size_t)(end - buf);
		if (csv_parse(p, buf, n, on_field, on_record, s) != n) {
			/* In a quoted field still open: where it opened. */
			if (!s->stop)
				reader_long_message(s->err, s->errsz, s->line,
				    s->row.nfields + 1, p->pstate == LIBCSV_FIELD_BEGUN &&
				    p->quoted ? s->line - count_nl((const char *)
				    p->entry_buf, p->entry_pos) : 0);
			return -1;
		}
		if (s->stop)
			return -1;
		if (nl != NULL)
			s->line++;
		buf += n;
	}
	return 0;
}

int
reader_read_header(struct source *src, size_t block, char delim,
    struct header *h, char *hbuf, size_t *have, enum source_fail *why,
    char *err, size_t errsz)
{
	size_t	 n = 0;
	ssize_t	 got;
	int	 eof = 0;

	*why = SOURCE_FAIL_DATA;
	for (;;) {
		switch (header_parse(h, hbuf, n, eof, delim, err, errsz)) {
		case HEADER_OK:
			*have = n;
			*why = SOURCE_FAIL_NONE;
			return 0;
		case HEADER_NOT_CSV:
			*why = SOURCE_FAIL_NOT_CSV;
			return -1;
		case HEADER_ERR:
			return -1;
		default:
			break;
		}
		if (eof || n == TALLY_HEADER_MAX) {
			snprintf(err, errsz, "header line longer than %d "
			    "bytes", TALLY_HEADER_MAX);
			return -1;
		}
		got = source_read(src, n, hbuf + n, block < TALLY_HEADER_MAX -
		    n ? block : TALLY_HEADER_MAX - n, err, errsz);
		if (got < 0) {
			*why = source_why(src);
			return -1;
		}
		if (got == 0)
			eof = 1;
		n += (size_t)got;
	}
}

int
reader_names_utf8(const struct header *h, enum source_enc enc, char *err,
    size_t errsz)
{
	size_t	 i, n;
	char	*u;

	if (enc != SOURCE_ENC_LATIN1 && enc != SOURCE_ENC_CP1252)
		return 0;
	for (i = 0; i < h->ncols; i++) {
		n = strlen(h->names[i]);
		if ((u = malloc(3 * n + 1)) == NULL) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
		u[transcode_cell(enc, h->names[i], n, u)] = '\0';
		free(h->names[i]);
		h->names[i] = u;
	}
	return 0;
}

int
reader_header(int fd, off_t off, off_t len, char delim, enum source_enc enc,
    int no_header, struct header *h, enum source_fail *why, char *err,
    size_t errsz)
{
	struct source_opts	 so;
	struct source		*src;
	char			*hbuf;
	size_t			 have;
	int			 rc;

	memset(&so, 0, sizeof(so));
	so.inline_decode = 1;
	so.enc = enc;
	if ((hbuf = malloc(TALLY_HEADER_MAX)) == NULL) {
		*why = SOURCE_FAIL_IO;
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	if ((src = source_open(fd, off, len, &so, why, err, errsz)) == NULL) {
		free(hbuf);
		return -1;
	}
	rc = reader_read_header(src, TALLY_BLOCK_SIZE, delim, h, hbuf, &have,
	    why, err, errsz);
	if (rc == 0 && ((no_header && header_number(h, hbuf, err,
	    errsz) == -1) || reader_names_utf8(h, source_enc(src), err,
	    errsz) == -1)) {
		*why = SOURCE_FAIL_IO;
		header_free(h);
		rc = -1;
	}
	source_close(src);
	free(hbuf);
	return rc;
}

void
reader_long_message(char *err, size_t errsz, unsigned long line, size_t field,
    unsigned long opened)
{
	if (opened == 0)
		snprintf(err, errsz, "line %lu: field %zu is longer than %d "
		    "bytes", line, field, TALLY_FIELD_MAX);
	else
		snprintf(err, errsz, "line %lu: field %zu is longer than %d "
		    "bytes: it is quoted from line %lu on, and that quote may "
		    "never close", line, field, TALLY_FIELD_MAX, opened);
}

int
reader_run(struct source *src, const struct reader_opts *opts,
    const struct reader_cb *cb, uint64_t *bytes, char *err, size_t errsz)
{
	enum source_fail	 why;
	struct csv_parser	 p;
	struct header		 h;
	struct state		 s;
	char			*buf = NULL;
	size_t			 block, have, i;
	uint64_t		 pos;
	ssize_t			 got;
	int			 rc = -1, inited = 0;

	memset(&h, 0, sizeof(h));
	memset(&s, 0, sizeof(s));
	*bytes = 0;
	block = opts->block_size ? opts->block_size : TALLY_BLOCK_SIZE;
	s.cb = cb;
	s.err = err;
	s.errsz = errsz;

	if ((buf = malloc(block > TALLY_HEADER_MAX ? block :
	    TALLY_HEADER_MAX)) == NULL ||
	    (s.slots = calloc(READER_SLOTS_MAX, sizeof(*s.slots))) == NULL) {
		snprintf(err, errsz, "out of memory");
		rc = -2;
		goto out;
	}
	if (reader_read_header(src, block, opts->delim, &h, buf, &have, &why,
	    err, errsz) == -1) {
		if (why == SOURCE_FAIL_IO)
			rc = -2;
		goto out;
	}
	if (opts->no_header && header_number(&h, buf, err, errsz) == -1)
		goto out;
	if ((s.slot_of = malloc(h.ncols * sizeof(*s.slot_of))) == NULL) {
		snprintf(err, errsz, "out of memory");
		rc = -2;
		goto out;
	}
	for (i = 0; i < h.ncols; i++)
		s.slot_of[i] = -1;
	s.ncols = h.ncols;
	if (cb->header(cb->arg, &h, s.slot_of, err, errsz) == -1)
		goto out;
	for (i = 0; i < h.ncols; i++)
		if (s.slot_of[i] >= READER_SLOTS_MAX) {
			snprintf(err, errsz, "too many kept columns");
			goto out;
		}
	s.row.slots = s.slots;
	/* libcsv does not say where in the block a record starts. */
	s.row.off = s.row.end = READER_OFF_NONE;
	s.row.raw = NULL;
	s.line = 1 + h.lines;

	if (csv_init(&p, 0) != 0) {
		snprintf(err, errsz, "out of memory");
		rc = -2;
		goto out;
	}
	inited = 1;
	csv_set_delim(&p, (unsigned char)h.delim);
	csv_set_realloc_func(&p, capped_realloc);
	csv_set_blk_size(&p, READER_FIELD_STEP);
	if (!opts->trim)
		csv_set_space_func(&p, no_blanks);

	/* The bytes after the header that came in with it. */
	if (feed(&p, &s, buf + h.len, have - h.len) == -1)
		goto out;
	pos = have;
	*bytes = pos;
	if (cb->progress != NULL && cb->progress(cb->arg, pos, err,
	    errsz) == -1)
		goto out;

	while ((got = source_read(src, pos, buf, block, err, errsz)) > 0) {
		if (feed(&p, &s, buf, (size_t)got) == -1)
			goto out;
		pos += (uint64_t)got;
		*bytes = pos;
		if (cb->progress != NULL && cb->progress(cb->arg, pos, err,
		    errsz) == -1)
			goto out;
	}
	if (got < 0) {
		if (source_why(src) == SOURCE_FAIL_IO)
			rc = -2;
		goto out;
	}

	/* At the end, an open quoted field is an error, not a record. */
	csv_set_opts(&p, CSV_STRICT | CSV_STRICT_FINI);
	if (csv_fini(&p, on_field, on_record, &s) != 0) {
		unsigned long	 opened = s.line;

		if (p.entry_buf != NULL)
			opened -= count_nl((const char *)p.entry_buf,
			    p.entry_pos);
		snprintf(err, errsz, "line %lu: unterminated quoted field at "
		    "the end of the input (the quote opened on line %lu)",
		    s.line, opened);
		goto out;
	}
	if (s.stop)
		goto out;
	rc = 0;
out:
	if (inited)
		csv_free(&p);
	header_free(&h);
	free(s.slot_of);
	free(s.slots);
	free(buf);
	return rc;
}
