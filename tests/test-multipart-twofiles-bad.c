/*
 * Only one file part is accepted; a second one, right after the first or
 * after a field, is an error.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "locate.h"
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
	th_locate_bad(bodies, sizeof(bodies) / sizeof(bodies[0]), "B",
	    "one file");
	return 0;
}
