/*
 * max keeps the largest value of a group, compared exactly across scales
 * and signs, printed in that value's own digits.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,unit_price\n"
	    "A,2\nA,2.001\nA,1.999\nB,-1\nB,-1.5\nB,-0.50\n"
	    "C,99999999999999999999999999999999999999\nC,-1\n", NULL,
	    "max:unit_price", err, sizeof(err));
	CHECK_STR(out, "department,max_unit_price\n"
	    "A,2.001\nB,-0.50\nC,99999999999999999999999999999999999999\n");
	free(out);
	return 0;
}
