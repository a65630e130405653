/*
 * A header line with a NUL byte is a binary file, not CSV: refused at once
 * (even before its line end arrives), gzipped or not.  A NUL further down,
 * in a data row, is only a value.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "pack.h"

int
main(void)
{
	static const char	 bin[] = "\x01\x02id\0\0\0\x05,name\n1,2\n";
	static const char	 noeol[] = "abc\0def";
	static const char	 row[] = "k,v\nx\0y,1\n";
	char			 err[TALLY_ERR_MAX], *z, *out;
	size_t			 zlen;
	struct engine_opts	 o = { .groups = "k", .aggs = "count" };

	CHECK_NOT_CSV(bin, sizeof(bin) - 1, "the header line holds NUL "
	    "bytes: this is a binary file, not CSV");
	CHECK_NOT_CSV(noeol, sizeof(noeol) - 1, "NUL bytes");
	z = pack_gzip(bin, sizeof(bin) - 1, &zlen);
	CHECK_NOT_CSV(z, zlen, "NUL bytes");
	free(z);
	out = th_run(row, sizeof(row) - 1, &o, NULL, err, sizeof(err));
	CHECK(out != NULL);
	free(out);
	return 0;
}
