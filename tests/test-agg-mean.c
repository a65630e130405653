/*
 * mean is the exact sum over the count of values, by long division,
 * rounded half away from zero to the column's scale plus 6 digits, with
 * trailing zeros trimmed: 5/3 is 1.666667, 6/2 is 3, -1/2 is -0.5.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,x\n"
	    "A,1\nA,2\nA,2\n"
	    "B,2\nB,4\n"
	    "C,-1\nC,0\n"
	    "D,-2\nD,-1\nD,-2\n", NULL, "mean:x", err, sizeof(err));
	CHECK_STR(out, "department,mean_x\n"
	    "A,1.666667\nB,3\nC,-0.5\nD,-1.666667\n");
	free(out);

	/* At scale 2 the mean has 8 digits after the point. */
	out = th_agg("department,x\nA,1.00\nA,2\nA,2\n", NULL, "mean:x", err,
	    sizeof(err));
	CHECK_STR(out, "department,mean_x\nA,1.66666667\n");
	free(out);
	return 0;
}
