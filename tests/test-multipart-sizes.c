/*
 * Every file length around the point where the delimiter after the file
 * crosses the first block edge (and a run of small lengths from 0): the
 * located range is always exactly the file, and the fields on both sides
 * are read.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "multipart.h"

#define BOUNDARY	"sizes-7a1b"

static const char head[] =
    "--" BOUNDARY "\r\n"
    "Content-Disposition: form-data; name=\"group_by\"\r\n\r\n"
    "g\r\n--" BOUNDARY "\r\n"
    "Content-Disposition: form-data; name=\"f\"; filename=\"f.csv\"\r\n\r\n";
static const char tail[] =
    "\r\n--" BOUNDARY "\r\n"
    "Content-Disposition: form-data; name=\"agg\"\r\n\r\n"
    "count\r\n--" BOUNDARY "--\r\n";

static char	 body[sizeof(head) + sizeof(tail) + MULTIPART_BLOCK + 256];

static void
one(size_t flen)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX];
	uint32_t		 x = (uint32_t)flen * 2654435761u + 1;
	size_t			 hl = sizeof(head) - 1, tl = sizeof(tail) - 1;
	size_t			 i, len = hl + flen + tl;
	int			 fd;

	memcpy(body, head, hl);
	for (i = 0; i < flen; i++) {
		x = x * 1103515245u + 12345u;
		body[hl + i] = "0123456789,\r\n-abc"[(x >> 16) % 17];
	}
	memcpy(body + hl + flen, tail, tl);
	fd = th_file(body, len);
	if (multipart_locate(fd, (off_t)len, BOUNDARY, &m, err,
	    sizeof(err)) != 0)
		th_fail(__FILE__, __LINE__, "file length %zu: %s", flen, err);
	close(fd);
	if (m.file_off != (off_t)hl || m.file_len != (off_t)flen)
		th_fail(__FILE__, __LINE__, "file length %zu: got %lld+%lld",
		    flen, (long long)m.file_off, (long long)m.file_len);
	CHECK_STR(multipart_field(&m, "group_by"), "g");
	CHECK_STR(multipart_field(&m, "agg"), "count");
}

int
main(void)
{
	size_t	 edge = MULTIPART_BLOCK - (sizeof(tail) - 1), n;

	for (n = 0; n < 64; n++)
		one(n);
	for (n = edge - 80; n <= edge + 80; n++)
		one(n);
	return 0;
}
