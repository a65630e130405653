/*
 * A ZIP archive (an Excel .xlsx workbook) is refused at once as not CSV, with a sentence
 * naming what it looks like; so is the same file gzipped.
 */
#include "config.h"

#include "harness.h"
#include "pack.h"

int
main(void)
{
	static const char	 data[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";
	char			*z;
	size_t			 zlen;

	CHECK_NOT_CSV(data, sizeof(data) - 1, "this is a ZIP archive, for example an Excel .xlsx workbook: save it as CSV first");
	z = pack_gzip(data, sizeof(data) - 1, &zlen);
	CHECK_NOT_CSV(z, zlen, "this is a ZIP archive, for example an Excel .xlsx workbook: save it as CSV first");
	free(z);
	return 0;
}
