/*
 * sum adds every value of a group exactly and prints it at the column's
 * largest scale, named sum_<col>.  Negative values subtract.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,unit_price\n"
	    "A,19.99\nA,0.01\nB,-5\nB,2\nA,100\n", NULL, "sum:unit_price",
	    err, sizeof(err));
	CHECK_STR(out, "department,sum_unit_price\nA,120.00\nB,-3.00\n");
	free(out);
	return 0;
}
