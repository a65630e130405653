/*
 * libFuzzer target for the multipart parsers (fcgi/multipart.c), which
 * read bytes straight from the network.  Each input is tried twice:
 *
 *  - whole, as a stored body with the fixed boundary FUZZ_BOUNDARY;
 *  - split at its first '\n': the line (less a trailing '\r') is a
 *    Content-Type for multipart_boundary(), and the rest the body, located
 *    with the boundary found there or, if none, with the line itself
 *    (which may be empty or too long, and must then be refused).
 *
 * The first "%PAD" followed by a byte n is replaced with 65408 + n filler
 * bytes, so that small inputs also reach parts larger than 64 KiB.
 *
 * Nothing may crash, and a success must be consistent: the boundary had
 * a valid length, the file range lies inside the body, holds no line that
 * starts with "--" boundary, and is followed by CRLF "--" boundary; every
 * field is NUL-terminated within its limits.  A failure must say why.
 * Locating again in a small block size (from the input's length), so
 * that delimiters fall across block edges, must give the same answer.
 * Violations abort().
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "multipart.h"

#define FUZZ_BOUNDARY	"fuzzBoundary"
#define PAD_MARK	"%PAD"
#define PAD_BASE	(64 * 1024 - 128)
#define CT_MAX		256

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* One memory file for every input: no file system in the loop. */
static int
body_fd(const uint8_t *data, size_t size)
{
	static int	 fd = -1;

	if (fd == -1 && (fd = memfd_create("fuzz-multipart", 0)) == -1)
		abort();
	if (ftruncate(fd, 0) == -1 ||
	    (size > 0 && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	return fd;
}

static void
nul_within(const char *s, size_t sz)
{
	if (memchr(s, '\0', sz) == NULL)
		abort();
}

/* No line in body[off, end) starts with "--" boundary. */
static void
no_boundary_line(const uint8_t *body, size_t size, size_t off, size_t end,
    const char *boundary)
{
	char		 pat[MULTIPART_BOUNDARY_MAX + 4];
	const uint8_t	*p;
	size_t		 plen, from = off > 0 ? off - 1 : 0;

	plen = (size_t)snprintf(pat, sizeof(pat), "\n--%s", boundary);
	if (off == 0 && size - off >= plen - 1 &&
	    memcmp(body, pat + 1, plen - 1) == 0 && end > 0)
		abort();
	while ((p = memmem(body + from, size - from, pat, plen)) != NULL &&
	    (size_t)(p - body) < end) {
		if ((size_t)(p - body) + 1 < end)
			abort();
		from = (size_t)(p - body) + 1;
	}
}

static void
locate(const uint8_t *body, size_t size, const char *boundary)
{
	static struct multipart	 m, b;
	char			 err[256], berr[256];
	size_t			 blen = strlen(boundary), i, end;
	int			 fd = body_fd(body, size), rc, brc;

	err[0] = berr[0] = '\0';
	rc = multipart_locate(fd, (off_t)size, boundary, &m, err,
	    sizeof(err));
	brc = multipart_locate_block(fd, (off_t)size, boundary,
	    1 + size % 97, &b, berr, sizeof(berr));
	if (rc != brc || strcmp(err, berr) != 0 || (rc == 0 &&
	    (b.file_off != m.file_off || b.file_len != m.file_len ||
	    b.nfields != m.nfields)))
		abort();
	if (rc == -1) {
		if (err[0] == '\0')
			abort();
		return;
	}
	if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX)
		abort();
	if (!m.has_file || m.file_off < 0 || m.file_len < 0 ||
	    (size_t)m.file_off > size ||
	    (size_t)m.file_len > size - (size_t)m.file_off)
		abort();
	end = (size_t)(m.file_off + m.file_len);
	if (size - end < 4 + blen || memcmp(body + end, "\r\n--", 4) != 0 ||
	    memcmp(body + end + 4, boundary, blen) != 0)
		abort();
	no_boundary_line(body, size, (size_t)m.file_off, end, boundary);
	nul_within(m.filename, sizeof(m.filename));
	if (m.nfields > MULTIPART_FIELDS_MAX)
		abort();
	for (i = 0; i < m.nfields; i++) {
		nul_within(m.fields[i].name, sizeof(m.fields[i].name));
		nul_within(m.fields[i].value, sizeof(m.fields[i].value));
		if (multipart_field(&m, m.fields[i].name) == NULL)
			abort();
	}
}

static void
split(const uint8_t *data, size_t size)
{
	char		 ct[CT_MAX], b[CT_MAX], err[256];
	const uint8_t	*nl;
	size_t		 n;
	int		 rc;

	if ((nl = memchr(data, '\n', size)) == NULL ||
	    (n = (size_t)(nl - data)) >= sizeof(ct))
		return;
	memcpy(ct, data, n);
	if (n > 0 && ct[n - 1] == '\r')
		n--;
	ct[n] = '\0';
	if (strlen(ct) != n)
		return;		/* A NUL inside: no header carries one. */
	err[0] = '\0';
	rc = multipart_boundary(ct, b, MULTIPART_BOUNDARY_MAX + 1, err,
	    sizeof(err));
	if (rc == -1 && err[0] == '\0')
		abort();
	if (rc == 1 && (b[0] == '\0' || strlen(b) > MULTIPART_BOUNDARY_MAX ||
	    strstr(ct, b) == NULL))
		abort();
	if (rc != 1)
		memcpy(b, ct, n + 1);
	locate(nl + 1, size - (size_t)(nl - data) - 1, b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*p;
	uint8_t		*big;
	size_t		 at, pad, ml = sizeof(PAD_MARK) - 1;

	p = memmem(data, size, PAD_MARK, ml);
	if (p == NULL || (at = (size_t)(p - data)) + ml >= size) {
		locate(data, size, FUZZ_BOUNDARY);
		split(data, size);
		return 0;
	}
	pad = PAD_BASE + data[at + ml];
	if ((big = malloc(size - ml - 1 + pad)) == NULL)
		abort();
	memcpy(big, data, at);
	memset(big + at, 'a', pad);
	memcpy(big + at + pad, data + at + ml + 1, size - at - ml - 1);
	locate(big, size - ml - 1 + pad, FUZZ_BOUNDARY);
	split(big, size - ml - 1 + pad);
	free(big);
	return 0;
}
