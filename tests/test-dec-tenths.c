/*
 * Decimal fractions add exactly where binary floating point does not:
 * 0.1 + 0.2 is 0.3, and ten 0.1s are 1.0.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,x\n"
	    "A,0.1\nA,0.2\n"
	    "B,0.1\nB,0.1\nB,0.1\nB,0.1\nB,0.1\nB,0.1\nB,0.1\nB,0.1\nB,0.1\n"
	    "B,0.1\n"
	    "C,1.1\nC,2.2\n", NULL, "sum:x,mean:x", err, sizeof(err));
	CHECK_STR(out, "department,sum_x,mean_x\n"
	    "A,0.3,0.15\nB,1.0,0.1\nC,3.3,1.65\n");
	free(out);
	return 0;
}
