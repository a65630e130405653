/*
 * multipart/form-data without a usable boundary is an error (-1 with a
 * message), not "not multipart".
 */
#include "config.h"

#include "harness.h"
#include "multipart.h"

static const char *const types[] = {
	"multipart/form-data",
	"multipart/form-data;",
	"multipart/form-data; charset=utf-8",
	"multipart/form-data; boundary=",
	"multipart/form-data; boundary=;x=1",
	"multipart/form-data; boundary=\"\"",
	"multipart/form-data; boundary=\"abc",
};

int
main(void)
{
	char	 b[MULTIPART_BOUNDARY_MAX + 1], err[TALLY_ERR_MAX];
	size_t	 i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		err[0] = '\0';
		if (multipart_boundary(types[i], b, sizeof(b), err,
		    sizeof(err)) != -1)
			th_fail(__FILE__, __LINE__, "\"%s\" accepted",
			    types[i]);
		CHECK(err[0] != '\0');
	}
	return 0;
}
