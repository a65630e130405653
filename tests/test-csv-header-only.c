/*
 * A file with a header and no records is a valid, empty result: the output
 * is just its header row, with or without a final line end, and no row is
 * counted.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

static void
run(const char *csv)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n");
	CHECK(res.rows == 0);
	CHECK(res.rejected == 0);
	free(out);
	engine_result_free(&res);
}

int
main(void)
{
	run("department,number_of_sales\n");
	run("department,number_of_sales");
	run("department,number_of_sales\r\n");
	run("\xef\xbb\xbf" "department,number_of_sales\n\n\n");
	return 0;
}
