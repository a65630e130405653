/*
 * A zstd-compressed CSV (one frame, or two one after the other) gives the
 * same result as the plain file, and progress reaches its last compressed
 * byte.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "pack.h"

int
main(void)
{
	const char		*a = "department,number_of_sales\nToys,3\n";
	const char		*b = "Books,4\nToys,5\n";
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *za, *zb, *z, *out;
	size_t			 na, nb;

	za = pack_zstd(a, strlen(a), &na);
	zb = pack_zstd(b, strlen(b), &nb);
	out = th_run(za, na, &o, &res, err, sizeof(err));
	CHECK(out != NULL);
	CHECK_STR(out, "department,sum_number_of_sales\nToys,3\n");
	CHECK(res.comp == SOURCE_COMP_ZSTD);
	CHECK(res.bytes == na);
	engine_result_free(&res);
	free(out);

	if ((z = malloc(na + nb)) == NULL)
		return TH_ERROR;
	memcpy(z, za, na);
	memcpy(z + na, zb, nb);
	out = th_run(z, na + nb, &o, &res, err, sizeof(err));
	CHECK(out != NULL);
	CHECK_STR(out, "department,sum_number_of_sales\nBooks,4\nToys,8\n");
	CHECK(res.bytes == na + nb);
	CHECK(res.bytes_out == strlen(a) + strlen(b));
	engine_result_free(&res);
	free(out);
	free(za);
	free(zb);
	free(z);
	return 0;
}
