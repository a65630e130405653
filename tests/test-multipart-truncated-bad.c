/*
 * A truncated upload is an error wherever it was cut: in the fields, in
 * the file's headers, in its data, in the delimiter after it, or before
 * the closing delimiter.  Only the optional CRLF after "--B--" may be
 * missing.  The cuts of a body larger than one block are tried too.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "multipart.h"

static const char small[] =
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"group_by\"\r\n"
    "\r\n"
    "department\r\n"
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"file\"; "
    "filename=\"sales.csv\"\r\n"
    "\r\n"
    "id,department\r\n1,Toys\r\n"
    "\r\n--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"agg\"\r\n"
    "\r\n"
    "count\r\n"
    "--AaB03x--\r\n";

static int
locate(const char *body, size_t len)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX];
	int			 fd, rc;

	err[0] = '\0';
	fd = th_file(body, len);
	rc = multipart_locate(fd, (off_t)len, "AaB03x", &m, err, sizeof(err));
	close(fd);
	if (rc == -1 && err[0] == '\0')
		th_fail(__FILE__, __LINE__, "-1 without a message");
	return rc;
}

int
main(void)
{
	size_t	 len = sizeof(small) - 1, n, big_len, fill;
	char	*big;

	CHECK(locate(small, len) == 0);
	CHECK(locate(small, len - 2) == 0);
	for (n = 0; n < len - 2; n++)
		if (locate(small, n) != -1)
			th_fail(__FILE__, __LINE__, "accepted the first %zu "
			    "bytes", n);

	/* The same form with a file of twice the tail read. */
	fill = 2 * MULTIPART_BLOCK;
	big_len = len + fill;
	if ((big = malloc(big_len)) == NULL)
		return TH_ERROR;
	n = (size_t)(strstr(small, "1,Toys") - small);
	memcpy(big, small, n);
	memset(big + n, 'x', fill);
	memcpy(big + n + fill, small + n, len - n);
	CHECK(locate(big, big_len) == 0);
	for (n = big_len - 200; n < big_len - 2; n++)
		if (locate(big, n) != -1)
			th_fail(__FILE__, __LINE__, "accepted the first %zu "
			    "bytes of %zu", n, big_len);
	free(big);
	return 0;
}
