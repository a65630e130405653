/*
 * An empty file part is located, with length 0 at the byte where its data
 * would start; deciding that an empty file is an error is the caller's.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "locate.h"
#include "multipart.h"

static const char body[] =
    "--B\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"e.csv\"\r\n"
    "\r\n"
    "\r\n--B\r\n"
    "Content-Disposition: form-data; name=\"agg\"\r\n"
    "\r\n"
    "count\r\n"
    "--B--\r\n";

int
main(void)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX];

	if (th_locate(body, sizeof(body) - 1, "B", &m, err,
	    sizeof(err)) != 0)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(m.has_file);
	CHECK(m.file_len == 0);
	CHECK(m.file_off == strstr(body, "\r\n\r\n") - body + 4);
	CHECK(memcmp(body + m.file_off, "\r\n--B\r\n", 7) == 0);
	CHECK_STR(m.filename, "e.csv");
	CHECK_STR(multipart_field(&m, "agg"), "count");
	return 0;
}
