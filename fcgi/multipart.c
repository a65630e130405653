/*
 * The multipart locator (see multipart.h).  A delimiter is CRLF "--"
 * boundary; the first may open the body without the CRLF.  The whole body
 * is scanned for lines that start with the boundary, MULTIPART_BLOCK bytes
 * at a time (never loaded whole), so the parts before and after the file
 * may have any size up to the limits, and the file's range is exactly the
 * bytes between its headers and the next delimiter.  A line that starts
 * with the boundary but is not a delimiter is an error, so that no located
 * range ever holds one.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "multipart.h"
#include "utf8.h"

int
multipart_boundary(const char *ct, char *out, size_t sz, char *err,
    size_t errsz)
{
	const char	*p, *end;
	size_t		 n;

	if (ct == NULL)
		return 0;
	while (*ct == ' ')
		ct++;
	if (strncasecmp(ct, "multipart/form-data", 19) != 0 ||
	    (ct[19] != '\0' && ct[19] != ';' && ct[19] != ' '))
		return 0;
	for (p = ct + 19; (p = strchr(p, ';')) != NULL; ) {
		p++;
		while (*p == ' ')
			p++;
		if (strncasecmp(p, "boundary=", 9) == 0)
			break;
	}
	if (p == NULL) {
		snprintf(err, errsz, "multipart body without a boundary");
		return -1;
	}
	p += 9;
	if (*p == '"') {
		p++;
		if ((end = strchr(p, '"')) == NULL) {
			snprintf(err, errsz, "unterminated quoted boundary");
			return -1;
		}
	} else
		end = p + strcspn(p, "; ");
	n = (size_t)(end - p);
	if (n == 0 || n > MULTIPART_BOUNDARY_MAX || n + 1 > sz) {
		snprintf(err, errsz, "multipart boundary must be 1 to %d "
		    "characters", MULTIPART_BOUNDARY_MAX);
		return -1;
	}
	memcpy(out, p, n);
	out[n] = '\0';
	return 1;
}

const char *
multipart_field(const struct multipart *m, const char *name)
{
	size_t	 i;

	for (i = 0; i < m->nfields; i++)
		if (strcmp(m->fields[i].name, name) == 0)
			return m->fields[i].value;
	return NULL;
}

static int
read_at(int fd, off_t off, char *buf, size_t len, char *err, size_t errsz)
{
	size_t	 got = 0;
	ssize_t	 n;

	while (got < len) {
		n = pread(fd, buf + got, len - got, off + (off_t)got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errsz, "reading the upload: %s",
			    n == 0 ? "short file" : strerror(errno));
			return -1;
		}
		got += (size_t)n;
	}
	return 0;
}

/*
 * Copy the value of param (name= or filename=) out of a Content-Disposition
 * header line (hdr, len bytes) into out.  Returns 1 if present, 0 if not.
 */
static int
disp_param(const char *hdr, size_t len, const char *param, char *out,
    size_t sz)
{
	size_t	 plen = strlen(param), i, n;

	for (i = 0; i + plen < len; i++) {
		if ((i > 0 && hdr[i - 1] != ';' && hdr[i - 1] != ' ') ||
		    strncasecmp(hdr + i, param, plen) != 0)
			continue;
		i += plen;
		n = 0;
		if (hdr[i] == '"') {
			for (i++; i < len && hdr[i] != '"'; i++)
				if (n + 1 < sz)
					out[n++] = hdr[i];
		} else
			for (; i < len && hdr[i] != ';' && hdr[i] != ' ';
			    i++)
				if (n + 1 < sz)
					out[n++] = hdr[i];
		out[n] = '\0';
		return 1;
	}
	return 0;
}

/* The state of one scan over a stored body. */
struct scan {
	int		 fd;
	off_t		 size;
	char		 pat[MULTIPART_BOUNDARY_MAX + 4];	/* LF "--" b */
	size_t		 plen;
	size_t		 block;
	char		*win;		/* block + plen - 1 bytes */
	char		*hdr;		/* HDR_READ bytes */
	char		*err;
	size_t		 errsz;
};

/* Bytes read after a delimiter: its padding, CRLF and a part's headers. */
#define PAD_MAX		128
#define HDR_READ	(MULTIPART_HEAD_MAX + PAD_MAX + 2)

/*
 * Find the first LF "--" boundary at or after from, reading block bytes
 * at a time and keeping the last plen - 1 bytes of each window, so that a
 * pattern split across two blocks is found.  Returns 1 with *at on the
 * LF, 0 if there is none before the end of the body, -1 on a read error.
 */
static int
find(struct scan *s, off_t from, off_t *at)
{
	const char	*p;
	off_t		 woff = from;
	size_t		 n = 0, r, keep = s->plen - 1;

	for (;;) {
		if (woff + (off_t)n >= s->size)
			return 0;
		r = s->size - (woff + (off_t)n) > (off_t)s->block ?
		    s->block : (size_t)(s->size - (woff + (off_t)n));
		if (read_at(s->fd, woff + (off_t)n, s->win + n, r, s->err,
		    s->errsz) == -1)
			return -1;
		n += r;
		if ((p = memmem(s->win, n, s->pat, s->plen)) != NULL) {
			*at = woff + (off_t)(p - s->win);
			return 1;
		}
		if (n > keep) {
			memmove(s->win, s->win + n - keep, keep);
			woff += (off_t)(n - keep);
			n = keep;
		}
	}
}

/*
 * The next delimiter (CRLF "--" boundary) at or after from - 1: returns 1
 * with *at on its CR, 0 if the body has none after from, -1 with the
 * error set.  A line that starts with the boundary without a CR before
 * its LF is an error, not data: no part may hold a boundary line.
 */
static int
next_delim(struct scan *s, off_t from, off_t *at)
{
	off_t	 lf;
	char	 cr;
	int	 r;

	if ((r = find(s, from, &lf)) <= 0)
		return r;
	if (lf == 0 || read_at(s->fd, lf - 1, &cr, 1, s->err, s->errsz) ==
	    -1 || cr != '\r') {
		if (lf == 0 || cr != '\r')
			snprintf(s->err, s->errsz, "malformed multipart body: "
			    "a line starts with the boundary after a bare LF");
		return -1;
	}
	*at = lf - 1;
	return 1;
}

/*
 * Parse the headers of one part, the bytes hdr[0..len) (the blank line
 * excluded).  name and filename are filled, *is_file says whether
 * filename= was present.
 */
static int
part_headers(const char *hdr, size_t len, char *name, size_t namesz,
    char *filename, size_t fnsz, int *is_file, char *err, size_t errsz)
{
	const char	*line, *eol, *end = hdr + len;
	int		 disp = 0;

	*is_file = 0;
	name[0] = filename[0] = '\0';
	for (line = hdr; line < end; line = eol + 2) {
		if ((eol = memmem(line, (size_t)(end - line), "\r\n",
		    2)) == NULL)
			eol = end;
		if ((size_t)(eol - line) > 20 &&
		    strncasecmp(line, "Content-Disposition:", 20) == 0) {
			disp = 1;
			disp_param(line, (size_t)(eol - line), "name=", name,
			    namesz);
			*is_file = disp_param(line, (size_t)(eol - line),
			    "filename=", filename, fnsz);
		}
	}
	if (!disp) {
		snprintf(err, errsz, "malformed multipart body: a part has "
		    "no Content-Disposition");
		return -1;
	}
	return 0;
}

/* Store a field read from the body; values over the limit are an error. */
static int
add_field(struct scan *s, struct multipart *m, const char *name, off_t off,
    off_t len)
{
	struct multipart_field	*f;

	if (m->nfields == MULTIPART_FIELDS_MAX) {
		snprintf(s->err, s->errsz, "more than %d form fields",
		    MULTIPART_FIELDS_MAX);
		return -1;
	}
	if (len >= (off_t)sizeof(f->value)) {
		snprintf(s->err, s->errsz, "form field \"%.*s\" longer than "
		    "%zu bytes", (int)utf8_cut(name, strlen(name), 32), name,
		    sizeof(f->value) - 1);
		return -1;
	}
	f = &m->fields[m->nfields];
	if (read_at(s->fd, off, f->value, (size_t)len, s->err, s->errsz) ==
	    -1)
		return -1;
	f->value[len] = '\0';
	snprintf(f->name, sizeof(f->name), "%s", name);
	m->nfields++;
	return 0;
}

/*
 * Parse the part after the delimiter whose boundary ends at p.  Returns 0
 * at the closing delimiter, 1 with *next on the CR of the delimiter that
 * ends this part, -1 with the error set.
 */
static int
part(struct scan *s, struct multipart *m, off_t p, off_t *next)
{
	char		 name[MULTIPART_NAME_MAX], fname[256];
	const char	*e;
	size_t		 n, q = 0;
	off_t		 hstart, hend, data, d;
	int		 is_file, r;

	n = s->size - p > HDR_READ ? HDR_READ : (size_t)(s->size - p);
	if (read_at(s->fd, p, s->hdr, n, s->err, s->errsz) == -1)
		return -1;
	/* After a delimiter: "--" closes, else transport padding, CRLF. */
	if (n >= 2 && memcmp(s->hdr, "--", 2) == 0)
		return 0;
	while (q < n && q < PAD_MAX && (s->hdr[q] == ' ' ||
	    s->hdr[q] == '\t'))
		q++;
	if (q + 2 > n || memcmp(s->hdr + q, "\r\n", 2) != 0) {
		snprintf(s->err, s->errsz, "malformed multipart body: %s",
		    n == 0 ? "the body ends without the closing boundary" :
		    "a line starts with the boundary but is not a delimiter");
		return -1;
	}
	q += 2;
	hstart = p + (off_t)q;
	if (q + 2 <= n && memcmp(s->hdr + q, "\r\n", 2) == 0) {
		/* No headers at all: an anonymous part, never a form's. */
		snprintf(s->err, s->errsz, "malformed multipart body: a part "
		    "has no Content-Disposition");
		return -1;
	}
	if ((e = memmem(s->hdr + q, n - q > MULTIPART_HEAD_MAX ?
	    MULTIPART_HEAD_MAX : n - q, "\r\n\r\n", 4)) == NULL) {
		snprintf(s->err, s->errsz, "malformed multipart body: part "
		    "headers do not end within %d bytes", MULTIPART_HEAD_MAX);
		return -1;
	}
	hend = p + (off_t)(e - s->hdr);
	/* The part ends at the next delimiter, which may not be inside. */
	if ((r = next_delim(s, hstart - 1, &d)) == -1)
		return -1;
	if (r == 0 || d < hend + 2) {
		snprintf(s->err, s->errsz, "malformed multipart body: %s",
		    r == 0 ? "a part does not end (truncated upload?)" :
		    "a part's headers do not end before the next boundary");
		return -1;
	}
	if (part_headers(s->hdr + q, (size_t)(e - s->hdr) - q, name,
	    sizeof(name), fname, sizeof(fname), &is_file, s->err,
	    s->errsz) == -1)
		return -1;
	/* Content after the blank line; none if the delimiter shares it. */
	data = d == hend + 2 ? d : hend + 4;
	if (is_file) {
		if (m->has_file) {
			snprintf(s->err, s->errsz, "only one file part is "
			    "accepted; this form has two or more");
			return -1;
		}
		m->has_file = 1;
		m->file_off = data;
		m->file_len = d - data;
		snprintf(m->filename, sizeof(m->filename), "%s", fname);
	} else if (add_field(s, m, name, data, d - data) == -1)
		return -1;
	*next = d;
	return 1;
}

int
multipart_locate_block(int fd, off_t size, const char *boundary,
    size_t block, struct multipart *m, char *err, size_t errsz)
{
	struct scan	 s;
	size_t		 blen;
	off_t		 d, p;
	int		 rc = -1, r;

	memset(m, 0, sizeof(*m));
	memset(&s, 0, sizeof(s));
	blen = strlen(boundary);
	if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX) {
		snprintf(err, errsz, "multipart boundary must be 1 to %d "
		    "characters", MULTIPART_BOUNDARY_MAX);
		return -1;
	}
	s.fd = fd;
	s.size = size;
	s.plen = (size_t)snprintf(s.pat, sizeof(s.pat), "\n--%s", boundary);
	s.block = block == 0 ? MULTIPART_BLOCK : block;
	s.err = err;
	s.errsz = errsz;
	if ((s.win = malloc(s.block + s.plen)) == NULL ||
	    (s.hdr = malloc(HDR_READ)) == NULL) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}

	/* The first delimiter may open the body without its CRLF. */
	if (size >= (off_t)(s.plen - 1) && read_at(fd, 0, s.hdr, s.plen - 1,
	    err, errsz) == 0 && memcmp(s.hdr, s.pat + 1, s.plen - 1) == 0)
		p = (off_t)s.plen - 1;
	else if ((r = next_delim(&s, 0, &d)) == -1)
		goto out;
	else if (r == 0) {
		snprintf(err, errsz, "malformed multipart body: the boundary "
		    "does not occur");
		goto out;
	} else
		p = d + 1 + (off_t)s.plen;

	/* Every part up to the closing delimiter, whatever their sizes. */
	while ((r = part(&s, m, p, &d)) == 1)
		p = d + 1 + (off_t)s.plen;
	if (r == -1)
		goto out;
	if (!m->has_file) {
		snprintf(err, errsz, "the form has no file part");
		goto out;
	}
	rc = 0;
out:
	free(s.win);
	free(s.hdr);
	return rc;
}

int
multipart_locate(int fd, off_t size, const char *boundary,
    struct multipart *m, char *err, size_t errsz)
{
	return multipart_locate_block(fd, size, boundary, MULTIPART_BLOCK, m,
	    err, errsz);
}
