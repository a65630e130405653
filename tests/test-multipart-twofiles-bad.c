/*
 * Only one file part is accepted; a second one, right after the first or
 * after a field, is an error.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "multipart.h"

static const char *const bodies[] = {
	"--B\r\n"
	"Content-Disposition: form-data; name=\"a\"; filename=\"a.csv\"\r\n"
	"\r\n"
	"x\r\n1\r\n"
	"--B\r\n"
	"Content-Disposition: form-data; name=\"b\"; filename=\"b.csv\"\r\n"
	"\r\n"
	"y\r\n2\r\n"
	"--B--\r\n",

	"--B\r\n"
	"Content-Disposition: form-data; name=\"a\"; filename=\"a.csv\"\r\n"
	"\r\n"
	"x\r\n1\r\n"
	"--B\r\n"
	"Content-Disposition: form-data; name=\"agg\"\r\n\r\n"
	"count\r\n"
	"--B\r\n"
	"Content-Disposition: form-data; name=\"b\"; filename=\"\"\r\n"
	"\r\n"
	"\r\n"
	"--B--\r\n",
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
		CHECK_HAS(err, "one file");
	}
	return 0;
}
