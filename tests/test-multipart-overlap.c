/*
 * A small upload: the head and the tail read overlap (both cover the whole
 * body), and nothing before the file's data is taken for its end or for a
 * field after it.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "locate.h"
#include "multipart.h"

#define FILEDATA "x\r\n1\r\n"

static const char body[] =
    "--B\r\n"
    "Content-Disposition: form-data; name=\"agg\"\r\n\r\n"
    "count\r\n"
    "--B\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"s.csv\"\r\n"
    "\r\n"
    FILEDATA
    "\r\n--B\r\n"
    "Content-Disposition: form-data; name=\"strict\"\r\n\r\n"
    "1\r\n"
    "--B--\r\n";

int
main(void)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX];

	CHECK(sizeof(body) < MULTIPART_HEAD_MAX);
	if (th_locate(body, sizeof(body) - 1, "B", &m, err,
	    sizeof(err)) != 0)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(m.file_off == strstr(body, FILEDATA) - body);
	CHECK(m.file_len == (off_t)strlen(FILEDATA));
	CHECK(m.nfields == 2);
	CHECK_STR(m.fields[0].name, "agg");
	CHECK_STR(m.fields[1].name, "strict");
	CHECK_STR(multipart_field(&m, "strict"), "1");
	return 0;
}
