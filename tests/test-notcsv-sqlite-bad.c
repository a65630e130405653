/*
 * An SQLite database is refused at once as not CSV, with a sentence
 * naming what it looks like; so is the same file gzipped.
 */
#include "config.h"

#include "harness.h"
#include "pack.h"

int
main(void)
{
	static const char	 data[] = "SQLite format 3\x00\x10\x00\x01\x01\x00@  ";
	char			*z;
	size_t			 zlen;

	CHECK_NOT_CSV(data, sizeof(data) - 1, "this is an SQLite database");
	z = pack_gzip(data, sizeof(data) - 1, &zlen);
	CHECK_NOT_CSV(z, zlen, "this is an SQLite database");
	free(z);
	return 0;
}
