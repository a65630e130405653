/*
 * Bad rows are all counted, but only the first TALLY_BADROWS_KEEP are
 * recorded in detail, in input order with their lines; the good rows
 * between them still add up.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

#define BAD	250

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	static char		 csv[BAD * 32];
	char			 err[TALLY_ERR_MAX], want[64], *out;
	size_t			 n, i;

	n = (size_t)snprintf(csv, sizeof(csv), "department,number_of_sales\n");
	for (i = 0; i < BAD; i++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n,
		    "A,1\nA,x%zu\n", i);
	out = th_run(csv, n, &o, &res, err, sizeof(err));
	snprintf(want, sizeof(want), "department,sum_number_of_sales\nA,%d\n",
	    BAD);
	CHECK_STR(out, want);
	CHECK(res.rows == 2 * BAD);
	CHECK(res.rejected == BAD);
	CHECK(res.nrejects == TALLY_BADROWS_KEEP);
	for (i = 0; i < TALLY_BADROWS_KEEP; i++) {
		char	 v[16];

		snprintf(v, sizeof(v), "x%zu", i);
		CHECK(res.rejects[i].line == 3 + 2 * i);
		CHECK(res.rejects[i].column == 2);
		CHECK_STR(res.rejects[i].value, v);
	}
	free(out);
	engine_result_free(&res);
	return 0;
}
