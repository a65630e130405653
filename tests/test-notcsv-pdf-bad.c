/*
 * A PDF document is refused at once as not CSV, with a sentence
 * naming what it looks like; so is the same file gzipped.
 */
#include "config.h"

#include "harness.h"
#include "pack.h"

int
main(void)
{
	static const char	 data[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
	char			*z;
	size_t			 zlen;

	CHECK_NOT_CSV(data, sizeof(data) - 1, "this is a PDF document");
	z = pack_gzip(data, sizeof(data) - 1, &zlen);
	CHECK_NOT_CSV(z, zlen, "this is a PDF document");
	free(z);
	return 0;
}
