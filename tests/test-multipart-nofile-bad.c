/*
 * A form without a file part is an error: the job has no data.  So is a
 * form with no parts at all, and a body where the boundary never occurs.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "multipart.h"

static const struct {
	const char	*body;
	const char	*why;
} bodies[] = {
	{ "--B\r\n"
	"Content-Disposition: form-data; name=\"group_by\"\r\n\r\n"
	"a\r\n"
	"--B\r\n"
	"Content-Disposition: form-data; name=\"agg\"\r\n\r\n"
	"count\r\n"
	"--B--\r\n", "no file part" },
	{ "--B--\r\n", "no file part" },
	{ "id,x\r\n1,2\r\n", "boundary does not occur" },
	{ "", "boundary does not occur" },
};

int
main(void)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX];
	size_t			 i;
	int			 fd, rc;

	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		fd = th_file(bodies[i].body, strlen(bodies[i].body));
		rc = multipart_locate(fd, (off_t)strlen(bodies[i].body), "B",
		    &m, err, sizeof(err));
		close(fd);
		if (rc != -1)
			th_fail(__FILE__, __LINE__, "body %zu accepted", i);
		CHECK(!m.has_file);
		CHECK_HAS(err, bodies[i].why);
	}
	return 0;
}
