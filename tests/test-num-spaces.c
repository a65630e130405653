/*
 * Spaces and tabs around a number are accepted and ignored, inside quotes
 * too (where the CSV parser keeps them), and so is a blank value: a cell of
 * spaces only is missing, not zero and not bad.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	const char		*csv = "department,number_of_sales\n"
	    "Toys, 1\n"
	    "Toys,2 \n"
	    "Toys,\"\t3\t\"\n"
	    "Toys,\"  4  \"\n"
	    "Toys,\"   \"\n";
	char			 err[TALLY_ERR_MAX], *out;

	o.aggs = "sum:number_of_sales,count:number_of_sales,count";
	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales,count_number_of_sales,"
	    "count\nToys,10,4,5\n");
	CHECK(res.rejected == 0);
	free(out);
	engine_result_free(&res);
	return 0;
}
