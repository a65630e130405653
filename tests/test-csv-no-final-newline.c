/*
 * The last record needs no line end: it is read and counted, whether its
 * last field is plain or quoted, and with CR LF elsewhere in the file.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

static void
run(const char *csv, const char *want)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK_STR(out, want);
	CHECK(res.rows == 2);
	CHECK(res.rejected == 0);
	free(out);
	engine_result_free(&res);
}

int
main(void)
{
	run("department,number_of_sales\nToys,3\nBooks,4",
	    "department,sum_number_of_sales\nBooks,4\nToys,3\n");
	run("department,number_of_sales\r\nToys,3\r\nBooks,\"4\"",
	    "department,sum_number_of_sales\nBooks,4\nToys,3\n");
	run("number_of_sales,department\n3,Toys\n4,\"Bo,oks\"",
	    "department,sum_number_of_sales\n\"Bo,oks\",4\nToys,3\n");
	return 0;
}
