/*
 * An old Excel .xls workbook (OLE2) is refused at once as not CSV, with a sentence
 * naming what it looks like; so is the same file gzipped.
 */
#include "config.h"

#include "harness.h"
#include "pack.h"

int
main(void)
{
	static const char	 data[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00";
	char			*z;
	size_t			 zlen;

	CHECK_NOT_CSV(data, sizeof(data) - 1, "an old Microsoft Office file, for example an Excel .xls workbook");
	z = pack_gzip(data, sizeof(data) - 1, &zlen);
	CHECK_NOT_CSV(z, zlen, "an old Microsoft Office file, for example an Excel .xls workbook");
	free(z);
	return 0;
}
