/*
 * A zstd stream with damaged bytes fails as bad input, saying it is
 * corrupt and where; one cut short says it ends early.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "pack.h"

int
main(void)
{
	struct engine_opts	 o = { .groups = "k", .aggs = "sum:v" };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], csv[8192], *z;
	size_t			 zlen, n = 0, i;

	n += (size_t)snprintf(csv, sizeof(csv), "k,v\n");
	for (i = 0; i < 500; i++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, "%zu,%zu\n",
		    i * 7919 % 101, i);
	z = pack_zstd(csv, n, &zlen);
	/* Garbage in the middle of the compressed block. */
	for (i = zlen / 3; i < zlen / 3 + 16; i++)
		z[i] = (char)0xff;
	CHECK(th_run(z, zlen, &o, &res, err, sizeof(err)) == NULL);
	CHECK_HAS(err, "the zstd stream is corrupt after ");
	CHECK_HAS(err, " compressed bytes (");
	CHECK(res.data_error && !res.not_csv);
	engine_result_free(&res);
	free(z);

	z = pack_zstd(csv, n, &zlen);
	CHECK(th_run(z, zlen - 3, &o, &res, err, sizeof(err)) == NULL);
	CHECK_HAS(err, "the zstd stream ends early, after");
	CHECK(res.data_error);
	engine_result_free(&res);
	free(z);
	return 0;
}
