/*
 * Types other than multipart/form-data are not multipart for us: 0, and
 * the output is left alone.
 */
#include "config.h"

#include "harness.h"
#include "multipart.h"

static const char *const types[] = {
	"text/csv",
	"application/x-www-form-urlencoded",
	"application/octet-stream; boundary=x",
	"multipart/mixed; boundary=x",
	"multipart/form-datax; boundary=x",
	"multipart/form",
	"",
	NULL,
};

int
main(void)
{
	char	 b[MULTIPART_BOUNDARY_MAX + 1], err[TALLY_ERR_MAX];
	size_t	 i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		b[0] = '!';
		b[1] = '\0';
		if (multipart_boundary(types[i], b, sizeof(b), err,
		    sizeof(err)) != 0)
			th_fail(__FILE__, __LINE__, "\"%s\" taken as multipart",
			    types[i] ? types[i] : "(null)");
		CHECK_STR(b, "!");
	}
	return 0;
}
