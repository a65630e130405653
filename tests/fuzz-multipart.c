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
 * bytes, so that small inputs also reach the code that reads only the
 * tail of a large body.
 *
 * Nothing may crash, and a success must be consistent: the boundary had
 * a valid length, the file range lies inside the body, starts within the
 * head that was read, and is followed by CRLF "--" boundary; every field
 * is NUL-terminated within its limits.  A failure must say why.
 * Violations abort().
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "multipart.h"

#define FUZZ_BOUNDARY	"fuzzBoundary"
#define PAD_MARK	"%PAD"
#define PAD_BASE	(MULTIPART_TAIL_MAX - 128)
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

static void
locate(const uint8_t *body, size_t size, const char *boundary)
{
	static struct multipart	 m;
	char			 err[256];
	size_t			 blen = strlen(boundary), i, end;

	err[0] = '\0';
	if (multipart_locate(body_fd(body, size), (off_t)size, boundary, &m,
	    err, sizeof(err)) == -1) {
		if (err[0] == '\0')
			abort();
		return;
	}
	if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX)
		abort();
	if (!m.has_file || m.file_off < 0 || m.file_len < 0 ||
	    m.file_off > MULTIPART_HEAD_MAX || (size_t)m.file_off > size ||
	    (size_t)m.file_len > size - (size_t)m.file_off)
		abort();
	end = (size_t)(m.file_off + m.file_len);
	if (size - end < 4 + blen || memcmp(body + end, "\r\n--", 4) != 0 ||
	    memcmp(body + end + 4, boundary, blen) != 0)
		abort();
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
