/*
 * RFC 2046 caps a boundary at 70 characters: 70 is taken, 71 is an error,
 * and so is an output buffer too small for the boundary.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "multipart.h"

int
main(void)
{
	char	 ct[200], want[MULTIPART_BOUNDARY_MAX + 2];
	char	 b[MULTIPART_BOUNDARY_MAX + 1], err[TALLY_ERR_MAX];

	memset(want, 'b', MULTIPART_BOUNDARY_MAX);
	want[MULTIPART_BOUNDARY_MAX] = '\0';
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", want);
	CHECK(multipart_boundary(ct, b, sizeof(b), err, sizeof(err)) == 1);
	CHECK_STR(b, want);
	CHECK(multipart_boundary(ct, b, 10, err, sizeof(err)) == -1);

	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%sb", want);
	CHECK(multipart_boundary(ct, b, sizeof(b), err, sizeof(err)) == -1);
	CHECK_HAS(err, "70");
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=\"%sb\"",
	    want);
	CHECK(multipart_boundary(ct, b, sizeof(b), err, sizeof(err)) == -1);
	return 0;
}
