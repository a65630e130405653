/*
 * File data may hold CRLF, "--", and anything that only looks like the
 * delimiter: a prefix of the boundary, a bare CR before "--", the
 * boundary in another case.  None of them ends the file.  (A bare LF
 * before "--boundary" starts a boundary line, which is an error: see
 * test-multipart-boundary-line-bad.)
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "locate.h"
#include "multipart.h"

#define FILEDATA \
	"a,b\r\n" \
	"--\r\n" \
	"\r\n--\r\n" \
	"\r\n--bounda\r\n" \
	"\r--boundary\r\n" \
	"\r\n-boundary\r\n" \
	"\r\n--BOUNDARY\r\n" \
	"x--boundary\r\n" \
	"\r\n\r\n--bound" \
	"\r\n--boundar"

static const char body[] =
    "--boundary\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n"
    "\r\n"
    FILEDATA
    "\r\n--boundary\r\n"
    "Content-Disposition: form-data; name=\"agg\"\r\n"
    "\r\n"
    "count\r\n--bounda\r\n"
    "\r\n--boundary--\r\n";

int
main(void)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX];

	if (th_locate(body, sizeof(body) - 1, "boundary", &m, err,
	    sizeof(err)) != 0)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(m.file_off == strstr(body, FILEDATA) - body);
	CHECK(m.file_len == (off_t)strlen(FILEDATA));
	CHECK_STR(multipart_field(&m, "agg"), "count\r\n--bounda\r\n");
	return 0;
}
