/*
 * A part with no headers at all starts with the blank line; what follows
 * is its content, even if that content looks like headers.  Such a part
 * has no Content-Disposition, so the form is an error.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "multipart.h"

static const char *const bodies[] = {
	/* The content looks like a file part's headers. */
	"--B\r\n"
	"\r\n"
	"Content-Disposition: form-data; name=\"f\"; filename=\"f.csv\"\r\n"
	"\r\n"
	"x\r\n1\r\n"
	"--B--\r\n",

	/* The content looks like a field, and a file part follows. */
	"--B\r\n"
	"\r\n"
	"Content-Disposition: form-data; name=\"agg\"\r\n"
	"\r\n"
	"count\r\n"
	"--B\r\n"
	"Content-Disposition: form-data; name=\"f\"; filename=\"f.csv\"\r\n"
	"\r\n"
	"x\r\n1\r\n"
	"--B--\r\n",

	/* Empty content. */
	"--B\r\n"
	"\r\n"
	"\r\n--B--\r\n",
};

int
main(void)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX];
	size_t			 i;
	int			 fd, rc;

	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		fd = th_file(bodies[i], strlen(bodies[i]));
		rc = multipart_locate(fd, (off_t)strlen(bodies[i]), "B", &m,
		    err, sizeof(err));
		close(fd);
		if (rc != -1)
			th_fail(__FILE__, __LINE__, "body %zu accepted", i);
		CHECK_HAS(err, "Content-Disposition");
	}
	return 0;
}
