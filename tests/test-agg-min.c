/*
 * min keeps the smallest value of a group, compared exactly across scales
 * (1.10 against 1.09 against 2) and printed in that value's own digits.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,unit_price\n"
	    "A,2\nA,1.10\nA,1.09\nB,-1\nB,-1.5\nB,3e2\n"
	    "C,0.000000000000000001\nC,0.000000000000000002\n", NULL,
	    "min:unit_price", err, sizeof(err));
	CHECK_STR(out, "department,min_unit_price\n"
	    "A,1.09\nB,-1.5\nC,0.000000000000000001\n");
	free(out);
	return 0;
}
