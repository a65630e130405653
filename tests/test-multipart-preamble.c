/*
 * Text before the first delimiter (the preamble) is ignored, including a
 * "--boundary" that does not start a line.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "locate.h"
#include "multipart.h"

#define FILEDATA "k,v\r\n1,2\r\n"

static const char body[] =
    "This is the preamble.  x--XyZ is not a delimiter.\r\n"
    "It is to be ignored.\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"f\"; filename=\"p.csv\"\r\n"
    "\r\n"
    FILEDATA
    "\r\n--XyZ--\r\n"
    "and an epilogue\r\n";

int
main(void)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX];

	if (th_locate(body, sizeof(body) - 1, "XyZ", &m, err,
	    sizeof(err)) != 0)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(m.file_off == strstr(body, FILEDATA) - body);
	CHECK(m.file_len == (off_t)strlen(FILEDATA));
	CHECK_STR(m.filename, "p.csv");
	CHECK(m.nfields == 0);
	return 0;
}
