/*
 * A part with no headers at all starts with the blank line; what follows
 * is its content, even if that content looks like headers.  Such a part
 * has no Content-Disposition, so the form is an error.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "locate.h"
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
	th_locate_bad(bodies, sizeof(bodies) / sizeof(bodies[0]), "B",
	    "Content-Disposition");
	return 0;
}
