/*
 * A quoted boundary: the quotes are not part of it, and inside them a
 * space or a ';' does not end it.
 */
#include "config.h"

#include "harness.h"
#include "multipart.h"

int
main(void)
{
	char	 b[MULTIPART_BOUNDARY_MAX + 1], err[TALLY_ERR_MAX];

	CHECK(multipart_boundary("multipart/form-data; boundary=\"AaB03x\"",
	    b, sizeof(b), err, sizeof(err)) == 1);
	CHECK_STR(b, "AaB03x");
	CHECK(multipart_boundary("multipart/form-data; "
	    "boundary=\"a b;c=d\"; charset=utf-8", b, sizeof(b), err,
	    sizeof(err)) == 1);
	CHECK_STR(b, "a b;c=d");
	return 0;
}
