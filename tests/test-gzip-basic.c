/*
 * A gzipped CSV, recognised by its magic bytes alone, gives the same
 * result as the plain file; progress counts the compressed bytes, to the
 * last one, and the decoded bytes are counted apart.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "pack.h"

int
main(void)
{
	const char		*csv = "department,number_of_sales\n"
				    "Toys,3\nBooks,4\nToys,5\n";
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *z, *out;
	size_t			 zlen;

	z = pack_gzip(csv, strlen(csv), &zlen);
	out = th_run(z, zlen, &o, &res, err, sizeof(err));
	CHECK(out != NULL);
	CHECK_STR(out, "department,sum_number_of_sales\nBooks,4\nToys,8\n");
	CHECK(res.comp == SOURCE_COMP_GZIP);
	CHECK(res.bytes == zlen);
	CHECK(res.bytes_out == strlen(csv));
	CHECK(res.rows == 3);
	engine_result_free(&res);
	free(out);
	free(z);
	return 0;
}
