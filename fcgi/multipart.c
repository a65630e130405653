/*
 * The multipart locator (see multipart.h).  A delimiter is CRLF "--"
 * boundary; the first may open the body without the CRLF.  Only a bounded
 * head and tail of the body are ever read, so locating costs the same for
 * a 1 KB and a 10 GB upload.  Assumption, documented in the README: at most
 * one file part, and the form fields after it fit in MULTIPART_TAIL_MAX.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "multipart.h"

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

/*
 * Parse the headers of a part starting at buf[0] (len bytes available).
 * On 0, *hlen is their length including the blank line, name and filename
 * are filled, *is_file says whether filename= was present.
 */
static int
part_headers(const char *buf, size_t len, size_t *hlen, char *name,
    size_t namesz, char *filename, size_t fnsz, int *is_file, char *err,
    size_t errsz)
{
	const char	*end, *line, *eol;
	int		 disp = 0;

	*is_file = 0;
	name[0] = filename[0] = '\0';
	if (len >= 2 && memcmp(buf, "\r\n", 2) == 0) {
		/*
		 * No headers at all: an anonymous part, whose content starts
		 * right after this CRLF even if it looks like headers.
		 */
		end = buf - 2;
	} else if ((end = memmem(buf, len, "\r\n\r\n", 4)) == NULL) {
		snprintf(err, errsz, "malformed multipart body: part "
		    "headers do not end within %d bytes", MULTIPART_HEAD_MAX);
		return -1;
	}
	*hlen = (size_t)(end - buf) + 4;
	for (line = buf; line < end; line = eol + 2) {
		if ((eol = memmem(line, (size_t)(end - line) + 2, "\r\n",
		    2)) == NULL)
			break;
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

/* Store a field; values longer than the limit are an error. */
static int
add_field(struct multipart *m, const char *name, const char *v, size_t len,
    char *err, size_t errsz)
{
	struct multipart_field	*f;

	if (m->nfields == MULTIPART_FIELDS_MAX) {
		snprintf(err, errsz, "more than %d form fields",
		    MULTIPART_FIELDS_MAX);
		return -1;
	}
	if (len >= sizeof(f->value)) {
		snprintf(err, errsz, "form field \"%.32s\" longer than %zu "
		    "bytes", name, sizeof(f->value) - 1);
		return -1;
	}
	f = &m->fields[m->nfields++];
	snprintf(f->name, sizeof(f->name), "%s", name);
	memcpy(f->value, v, len);
	f->value[len] = '\0';
	return 0;
}

/*
 * Walk parts starting right after a delimiter at buf[pos].  Stops at the
 * closing delimiter (returns 0), or at a file part when stop_at_file
 * (returns 1 with *data at its first data byte).  Fields are added to m.
 */
static int
walk(const char *buf, size_t len, size_t pos, const char *delim,
    size_t dlen, int stop_at_file, struct multipart *m, size_t *data,
    char *err, size_t errsz)
{
	char		 name[MULTIPART_NAME_MAX], fname[256];
	const char	*next;
	size_t		 hlen;
	int		 is_file;

	for (;;) {
		/* After a delimiter: "--" closes, else optional LWSP, CRLF. */
		if (pos + 2 <= len && memcmp(buf + pos, "--", 2) == 0)
			return 0;
		while (pos < len && (buf[pos] == ' ' || buf[pos] == '\t'))
			pos++;
		if (pos + 2 > len || memcmp(buf + pos, "\r\n", 2) != 0) {
			snprintf(err, errsz, "malformed multipart body: "
			    "bad delimiter line");
			return -1;
		}
		pos += 2;
		if (part_headers(buf + pos, len - pos, &hlen, name,
		    sizeof(name), fname, sizeof(fname), &is_file, err,
		    errsz) == -1)
			return -1;
		pos += hlen;
		if (is_file) {
			if (!stop_at_file) {
				snprintf(err, errsz, "only one file part is "
				    "accepted");
				return -1;
			}
			snprintf(m->filename, sizeof(m->filename), "%s",
			    fname);
			*data = pos;
			return 1;
		}
		if ((next = memmem(buf + pos, len - pos, delim,
		    dlen)) == NULL) {
			snprintf(err, errsz, "malformed multipart body: form "
			    "field \"%.32s\" does not end", name);
			return -1;
		}
		if (add_field(m, name, buf + pos, (size_t)(next - buf) - pos,
		    err, errsz) == -1)
			return -1;
		pos = (size_t)(next - buf) + dlen;
	}
}

int
multipart_locate(int fd, off_t size, const char *boundary,
    struct multipart *m, char *err, size_t errsz)
{
	char		 delim[MULTIPART_BOUNDARY_MAX + 8], *buf = NULL;
	const char	*d;
	size_t		 dlen, hlen, tlen, data = 0, pos;
	off_t		 toff;
	int		 rc = -1, r;

	memset(m, 0, sizeof(*m));
	dlen = strlen(boundary);
	if (dlen == 0 || dlen > MULTIPART_BOUNDARY_MAX) {
		snprintf(err, errsz, "multipart boundary must be 1 to %d "
		    "characters", MULTIPART_BOUNDARY_MAX);
		return -1;
	}
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	if ((buf = malloc(MULTIPART_HEAD_MAX > MULTIPART_TAIL_MAX ?
	    MULTIPART_HEAD_MAX : MULTIPART_TAIL_MAX)) == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}

	/* The head: the first delimiter, fields, the file part's headers. */
	hlen = size < MULTIPART_HEAD_MAX ? (size_t)size : MULTIPART_HEAD_MAX;
	if (read_at(fd, 0, buf, hlen, err, errsz) == -1)
		goto out;
	if (hlen >= dlen - 2 && memcmp(buf, delim + 2, dlen - 2) == 0)
		pos = dlen - 2;
	else if ((d = memmem(buf, hlen, delim, dlen)) != NULL)
		pos = (size_t)(d - buf) + dlen;
	else {
		snprintf(err, errsz, "malformed multipart body: the boundary "
		    "does not occur");
		goto out;
	}
	if ((r = walk(buf, hlen, pos, delim, dlen, 1, m, &data, err,
	    errsz)) == -1)
		goto out;
	if (r == 0) {
		snprintf(err, errsz, "the form has no file part");
		goto out;
	}
	m->has_file = 1;
	m->file_off = (off_t)data;

	/* The tail: where the file ends, and the fields after it. */
	toff = size - (off_t)data > MULTIPART_TAIL_MAX ?
	    size - MULTIPART_TAIL_MAX : (off_t)data;
	tlen = (size_t)(size - toff);
	if (read_at(fd, toff, buf, tlen, err, errsz) == -1)
		goto out;
	if ((d = memmem(buf, tlen, delim, dlen)) == NULL) {
		snprintf(err, errsz, "malformed multipart body: the file "
		    "part does not end (truncated upload?)");
		goto out;
	}
	m->file_len = toff + (off_t)(d - buf) - m->file_off;
	if (walk(buf, tlen, (size_t)(d - buf) + dlen, delim, dlen, 0, m,
	    &data, err, errsz) == -1)
		goto out;
	rc = 0;
out:
	free(buf);
	return rc;
}
