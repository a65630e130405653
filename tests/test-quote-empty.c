/*
 * A quoted empty field is an empty cell: as a key it is the empty group
 * (the same group as an unquoted empty key), and as a value it is missing,
 * not zero, so it is not counted by count:col.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\n"
	    "\"\",1\n"
	    ",2\n"
	    "A,\"\"\n"
	    "A,5\n", NULL, "sum:number_of_sales,count:number_of_sales,count",
	    err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales,"
	    "count_number_of_sales,count\n"
	    ",3,2,2\n"
	    "A,5,1,2\n");
	free(out);
	return 0;
}
