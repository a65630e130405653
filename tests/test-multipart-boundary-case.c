/*
 * Media type and parameter names are case-insensitive (RFC 2045); the
 * boundary value itself keeps its case.
 */
#include "config.h"

#include "harness.h"
#include "multipart.h"

int
main(void)
{
	char	 b[MULTIPART_BOUNDARY_MAX + 1], err[TALLY_ERR_MAX];

	CHECK(multipart_boundary("Multipart/Form-Data; BOUNDARY=AbC", b,
	    sizeof(b), err, sizeof(err)) == 1);
	CHECK_STR(b, "AbC");
	CHECK(multipart_boundary("  MULTIPART/FORM-DATA;Boundary=\"q\"", b,
	    sizeof(b), err, sizeof(err)) == 1);
	CHECK_STR(b, "q");
	return 0;
}
