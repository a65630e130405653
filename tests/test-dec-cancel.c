/*
 * Large and small values do not absorb each other: 10^20 + 1 - 10^20 is 1
 * and 10^25 + 0.000000001 - 10^25 is 0.000000001, where a double would
 * give 0 for both.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,x\n"
	    "A,100000000000000000000\nA,1\nA,-100000000000000000000\n"
	    "B,1e25\nB,0.000000001\nB,-1e25\n", NULL, "sum:x", err,
	    sizeof(err));
	CHECK_STR(out, "department,sum_x\n"
	    "A,1.000000000\nB,0.000000001\n");
	free(out);
	return 0;
}
