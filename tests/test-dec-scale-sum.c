/*
 * A sum is printed at the largest scale its column has seen: 3 and -1.5
 * give 1.5, and 3 and 5 give 9.0 once another row said 1.0, even in
 * another group, so a column's cells line up.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\nA,3\nA,-1.5\n", NULL, NULL,
	    err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nA,1.5\n");
	free(out);

	out = th_agg("department,number_of_sales\nA,3\nA,5\nA,1.0\n", NULL,
	    NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nA,9.0\n");
	free(out);

	out = th_agg("department,number_of_sales\nA,3\nA,5\nB,1.000\n", NULL,
	    NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nA,8.000\nB,1.000\n");
	free(out);
	return 0;
}
