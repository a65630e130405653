/*
 * The decimal point may lead or trail: .5 is one half and 5. is five.
 * Trailing zeros set the scale ("2.50" is kept as 2.50 by min and max).
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\n"
	    "A,.5\nA,5.\nB,-.25\nB,2.50\n", NULL,
	    "sum:number_of_sales,min:number_of_sales,max:number_of_sales",
	    err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales,min_number_of_sales,"
	    "max_number_of_sales\n"
	    "A,5.50,0.5,5\n"
	    "B,2.25,-0.25,2.50\n");
	free(out);
	return 0;
}
