/*
 * A JPEG image is refused at once as not CSV, with a sentence
 * naming what it looks like; so is the same file gzipped.
 */
#include "config.h"

#include "harness.h"
#include "pack.h"

int
main(void)
{
	static const char	 data[] = "\xff\xd8\xff\xe0\x00\x10JFIF\x00";
	char			*z;
	size_t			 zlen;

	CHECK_NOT_CSV(data, sizeof(data) - 1, "this is a JPEG image");
	z = pack_gzip(data, sizeof(data) - 1, &zlen);
	CHECK_NOT_CSV(z, zlen, "this is a JPEG image");
	free(z);
	return 0;
}
