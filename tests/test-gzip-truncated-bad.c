/*
 * A gzip file cut short fails as bad input, saying the stream ends early
 * and after how many compressed bytes, whatever the cut and whether ISA-L
 * or zlib decodes it; the rows before the cut are not a result.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "pack.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], want[128], csv[4096], *z;
	size_t			 zlen, cut, n = 0;
	int			 i, zlib;

	n += (size_t)snprintf(csv, sizeof(csv), "k,v\n");
	for (i = 0; i < 300; i++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, "%d,%d\n",
		    i % 7, i);
	z = pack_gzip(csv, n, &zlen);
	for (zlib = 0; zlib < 2; zlib++) {
		o.source.zlib = zlib;
		/* Past the 10-byte header, and short of the 8-byte trailer. */
		for (cut = 10; cut < zlen; cut += cut < 40 ? 1 : 37) {
			CHECK(th_run(z, cut, &o, &res, err, sizeof(err)) ==
			    NULL);
			snprintf(want, sizeof(want), "the gzip stream ends "
			    "early, after %zu compressed bytes", cut);
			CHECK_STR(err, want);
			CHECK(res.data_error && !res.not_csv);
			engine_result_free(&res);
		}
		/* The trailer alone missing its last byte. */
		CHECK(th_run(z, zlen - 1, &o, &res, err, sizeof(err)) == NULL);
		CHECK_HAS(err, "ends early");
		engine_result_free(&res);
	}
	free(z);
	return 0;
}
