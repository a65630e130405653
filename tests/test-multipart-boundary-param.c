/*
 * The boundary parameter need not come first; a parameter whose name only
 * ends in "boundary" is not it.
 */
#include "config.h"

#include "harness.h"
#include "multipart.h"

int
main(void)
{
	char	 b[MULTIPART_BOUNDARY_MAX + 1], err[TALLY_ERR_MAX];

	CHECK(multipart_boundary("multipart/form-data; charset=utf-8; "
	    "boundary=xyz", b, sizeof(b), err, sizeof(err)) == 1);
	CHECK_STR(b, "xyz");
	CHECK(multipart_boundary("multipart/form-data; xboundary=no; "
	    "boundary=yes", b, sizeof(b), err, sizeof(err)) == 1);
	CHECK_STR(b, "yes");
	return 0;
}
