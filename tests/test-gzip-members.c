/*
 * A gzip file of several members (`cat a.gz b.gz`) is their contents one
 * after the other, even with a member cut inside a row, and an empty
 * member in between; each member's checksum is checked.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "pack.h"

int
main(void)
{
	const char		*a = "department,number_of_sales\nToys,3\nBo";
	const char		*b = "oks,4\nToys,5\n";
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *za, *zb, *ze, *z, *out;
	size_t			 na, nb, ne;

	za = pack_gzip(a, strlen(a), &na);
	ze = pack_gzip("", 0, &ne);
	zb = pack_gzip(b, strlen(b), &nb);
	if ((z = malloc(na + ne + nb)) == NULL)
		return TH_ERROR;
	memcpy(z, za, na);
	memcpy(z + na, ze, ne);
	memcpy(z + na + ne, zb, nb);
	out = th_run(z, na + ne + nb, &o, &res, err, sizeof(err));
	CHECK(out != NULL);
	CHECK_STR(out, "department,sum_number_of_sales\nBooks,4\nToys,8\n");
	CHECK(res.bytes == na + ne + nb);
	engine_result_free(&res);
	free(out);

	/* The second member's checksum, broken: the error names it. */
	z[na + ne + nb - 5] ^= 1;
	CHECK(th_run(z, na + ne + nb, &o, &res, err, sizeof(err)) == NULL);
	CHECK_HAS(err, "the gzip stream is corrupt after");
	CHECK(res.data_error);
	engine_result_free(&res);
	free(za);
	free(zb);
	free(ze);
	free(z);
	return 0;
}
