/*
 * Spaces and tabs between a delimiter and its CRLF (transport padding,
 * RFC 2046 section 5.1.1) are allowed.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "locate.h"
#include "multipart.h"

#define FILEDATA "k\r\n1\r\n"

static const char body[] =
    "--XyZ \t \r\n"
    "Content-Disposition: form-data; name=\"strict\"\r\n"
    "\r\n"
    "1\r\n"
    "--XyZ\t\r\n"
    "Content-Disposition: form-data; name=\"f\"; filename=\"p.csv\"\r\n"
    "\r\n"
    FILEDATA
    "\r\n--XyZ  \r\n"
    "Content-Disposition: form-data; name=\"delimiter\"\r\n"
    "\r\n"
    ";\r\n"
    "--XyZ--";

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
	CHECK_STR(multipart_field(&m, "strict"), "1");
	CHECK_STR(multipart_field(&m, "delimiter"), ";");
	return 0;
}
