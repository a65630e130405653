/*
 * Multipart locator test helpers (see locate.h).  The body goes through a
 * real file so that the locator's pread() of head and tail is what runs.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "locate.h"

int
th_locate(const char *body, size_t len, const char *boundary,
    struct multipart *m, char *err, size_t errsz)
{
	int	 fd = th_file(body, len), rc;

	rc = multipart_locate(fd, (off_t)len, boundary, m, err, errsz);
	close(fd);
	return rc;
}

void
th_locate_bad(const char *const *bodies, size_t n, const char *boundary,
    const char *part)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX];
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (th_locate(bodies[i], strlen(bodies[i]), boundary, &m, err,
		    sizeof(err)) != -1)
			th_fail(__FILE__, __LINE__, "body %zu accepted", i);
		CHECK_HAS(err, part);
	}
}
