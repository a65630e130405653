/*
 * An unquoted boundary, as browsers send it, ends at ';', a space or the
 * end of the header.
 */
#include "config.h"

#include "harness.h"
#include "multipart.h"

int
main(void)
{
	char	 b[MULTIPART_BOUNDARY_MAX + 1], err[TALLY_ERR_MAX];

	CHECK(multipart_boundary("multipart/form-data; "
	    "boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW", b, sizeof(b),
	    err, sizeof(err)) == 1);
	CHECK_STR(b, "----WebKitFormBoundary7MA4YWxkTrZu0gW");
	CHECK(multipart_boundary("multipart/form-data;boundary=xyz;x=1", b,
	    sizeof(b), err, sizeof(err)) == 1);
	CHECK_STR(b, "xyz");
	CHECK(multipart_boundary("multipart/form-data; boundary=xyz ", b,
	    sizeof(b), err, sizeof(err)) == 1);
	CHECK_STR(b, "xyz");
	return 0;
}
