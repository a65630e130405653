/*
 * An empty cell is a missing value, not zero: it adds nothing to sum and
 * mean, never becomes a min or a max, and count:col leaves it out while
 * count (rows) does not.  A group with no values at all has empty sum,
 * min, max and mean cells.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\n"
	    "A,4\nA,\nA,2\nB,\nB,\n", NULL,
	    "sum:number_of_sales,min:number_of_sales,max:number_of_sales,"
	    "mean:number_of_sales,count:number_of_sales,count",
	    err, sizeof(err));
	/* A's mean is 3 (two values), not 2 (three rows); its min is 2. */
	CHECK_STR(out, "department,sum_number_of_sales,min_number_of_sales,"
	    "max_number_of_sales,mean_number_of_sales,count_number_of_sales,"
	    "count\n"
	    "A,6,2,4,3,2,3\n"
	    "B,,,,,0,2\n");
	free(out);
	return 0;
}
