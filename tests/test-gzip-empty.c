/*
 * An empty .gz: a gzipped header-only file gives zero rows and no groups,
 * like the plain file; a gzipped empty file is an empty input, with the
 * plain file's message, not a decompression error.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "pack.h"

int
main(void)
{
	const char		*hdr = "department,number_of_sales\n";
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *z, *out;
	size_t			 zlen;

	z = pack_gzip(hdr, strlen(hdr), &zlen);
	out = th_run(z, zlen, &o, &res, err, sizeof(err));
	CHECK(out != NULL);
	CHECK_STR(out, "department,sum_number_of_sales\n");
	CHECK(res.rows == 0);
	CHECK(res.bytes == zlen);
	engine_result_free(&res);
	free(out);
	free(z);

	z = pack_gzip("", 0, &zlen);
	CHECK(th_run(z, zlen, &o, &res, err, sizeof(err)) == NULL);
	CHECK_HAS(err, "empty input");
	CHECK(res.data_error && !res.not_csv);
	engine_result_free(&res);
	free(z);
	return 0;
}
