/*
 * A Parquet file is refused at once as not CSV, with a sentence
 * naming what it looks like; so is the same file gzipped.
 */
#include "config.h"

#include "harness.h"
#include "pack.h"

int
main(void)
{
	static const char	 data[] = "PAR1\x15\x04\x15\x10\x15\x14L\x15\x02\x15\x00";
	char			*z;
	size_t			 zlen;

	CHECK_NOT_CSV(data, sizeof(data) - 1, "this is a Parquet file");
	z = pack_gzip(data, sizeof(data) - 1, &zlen);
	CHECK_NOT_CSV(z, zlen, "this is a Parquet file");
	free(z);
	return 0;
}
