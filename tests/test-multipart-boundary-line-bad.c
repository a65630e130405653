/*
 * No located range ever holds a line that starts with the boundary: one
 * inside the file that is not a delimiter (after a bare LF, or followed by
 * other characters) makes the form an error, not data.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "locate.h"
#include "multipart.h"

static const char *const bare[] = {
	"--B\r\n"
	"Content-Disposition: form-data; name=\"f\"; filename=\"f.csv\"\r\n"
	"\r\n"
	"x\n--B\n1\r\n"
	"--B--\r\n",
};

static const char *const other[] = {
	"--B\r\n"
	"Content-Disposition: form-data; name=\"f\"; filename=\"f.csv\"\r\n"
	"\r\n"
	"x\r\n--Bx\r\n1\r\n"
	"--B--\r\n",
};

int
main(void)
{
	th_locate_bad(bare, 1, "B", "bare LF");
	th_locate_bad(other, 1, "B", "not a delimiter");
	return 0;
}
