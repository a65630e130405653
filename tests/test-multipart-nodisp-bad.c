/*
 * Every part needs a Content-Disposition header: a part with other headers
 * only is an error, before the file and after it.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "locate.h"
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
	th_locate_bad(bodies, sizeof(bodies) / sizeof(bodies[0]), "B",
	    "Content-Disposition");
	return 0;
}
