/*
 * Every part needs a Content-Disposition header: a part with other headers
 * only is an error, before the file and after it.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "multipart.h"

#define FILEPART \
	"--B\r\nContent-Disposition: form-data; name=\"f\"; " \
	"filename=\"f.csv\"\r\n\r\nx\r\n1\r\n"

static const char *const bodies[] = {
	"--B\r\nContent-Type: text/plain\r\n\r\nvalue\r\n"
	FILEPART "--B--\r\n",

	FILEPART "--B\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--B--\r\n",

	"--B\r\nContent-Type: text/csv\r\n\r\nx\r\n1\r\n--B--\r\n",
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
