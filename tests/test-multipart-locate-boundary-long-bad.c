/*
 * multipart_locate takes a boundary of 1 to MULTIPART_BOUNDARY_MAX
 * characters, as multipart_boundary gives them, and refuses any other with
 * an error: a boundary one character too long, even in a body that uses it
 * consistently, and one longer than its delimiter buffer (which it once
 * read past).
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "multipart.h"

static struct multipart	 m;
static char		 err[TALLY_ERR_MAX];

/* A well-formed one-file form using a boundary of n 'b's. */
static int
form(size_t n)
{
	char	 b[512], body[2048];
	int	 fd, len, rc;

	memset(b, 'b', n);
	b[n] = '\0';
	len = snprintf(body, sizeof(body), "--%s\r\n"
	    "Content-Disposition: form-data; name=\"f\"; filename=\"f.csv\"\r\n"
	    "\r\nx\r\n1\r\n--%s--\r\n", b, b);
	fd = th_file(body, (size_t)len);
	err[0] = '\0';
	rc = multipart_locate(fd, len, b, &m, err, sizeof(err));
	close(fd);
	return rc;
}

int
main(void)
{
	CHECK(form(1) == 0);
	CHECK(form(MULTIPART_BOUNDARY_MAX) == 0);
	CHECK(m.file_len == 4);
	CHECK(form(MULTIPART_BOUNDARY_MAX + 1) == -1);
	CHECK_HAS(err, "boundary");
	CHECK(form(300) == -1);
	CHECK_HAS(err, "boundary");
	CHECK(form(0) == -1);
	return 0;
}
