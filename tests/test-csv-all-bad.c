/*
 * A run whose every row is a bad row fails (a data error) with a message
 * that says so and shows the first, rather than giving an empty result.
 * A header-only file still gives an empty result.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;
	const char		*csv = "department;number_of_sales\nA;1,5\nB;2,5\n";

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK(res.data_error);
	CHECK_STR(err, "all 2 rows are bad rows, so there is no result; the "
	    "first: line 2, column 2 (number_of_sales), value \"1,5\": "
	    "thousands separators are not accepted");
	engine_result_free(&res);
	out = th_run("department,number_of_sales\n", 27, &o, NULL, err,
	    sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n");
	free(out);
	return 0;
}
