/*
 * A number may carry one + or - sign: +5 is 5, -5 is minus five, and -0
 * is zero (printed without a sign).
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\n"
	    "A,+5\nA,-2\nB,-0\nC,-7\nC,+0.5\n", NULL,
	    "sum:number_of_sales,min:number_of_sales,max:number_of_sales",
	    err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales,min_number_of_sales,"
	    "max_number_of_sales\n"
	    "A,3.0,-2,5\n"
	    "B,0.0,0,0\n"
	    "C,-6.5,-7,0.5\n");
	free(out);
	return 0;
}
