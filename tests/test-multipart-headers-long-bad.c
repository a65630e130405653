/*
 * A part's headers must end within MULTIPART_HEAD_MAX bytes of their
 * start (after the delimiter line "--B\r\n"): headers whose blank line
 * ends exactly there are taken, one byte more is an error.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "multipart.h"

static const char pre[] =
    "--B\r\n"
    "Content-Disposition: form-data; name=\"f\"; filename=\"f.csv\"\r\n"
    "X-Pad: ";
static const char post[] = "x\r\n1\r\n--B--\r\n";

static struct multipart	 m;
static char		 err[TALLY_ERR_MAX];

/* A form whose file headers end (blank line included) at byte end. */
static int
form(size_t end)
{
	static char	 body[MULTIPART_HEAD_MAX + 1024];
	size_t		 pl = sizeof(pre) - 1, pad = end - pl - 4, len;
	int		 fd, rc;

	memcpy(body, pre, pl);
	memset(body + pl, 'p', pad);
	memcpy(body + pl + pad, "\r\n\r\n", 4);
	memcpy(body + end, post, sizeof(post) - 1);
	len = end + sizeof(post) - 1;
	fd = th_file(body, len);
	rc = multipart_locate(fd, (off_t)len, "B", &m, err, sizeof(err));
	close(fd);
	return rc;
}

int
main(void)
{
	CHECK(form(5 + MULTIPART_HEAD_MAX) == 0);
	CHECK(m.file_off == 5 + MULTIPART_HEAD_MAX);
	CHECK(m.file_len == 4);
	CHECK(form(5 + MULTIPART_HEAD_MAX + 1) == -1);
	CHECK_HAS(err, "headers do not end");
	return 0;
}
