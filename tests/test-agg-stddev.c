/*
 * stddev:COL is the exact sample standard deviation, rounded half away from zero to the scale of the column plus 6 digits, trailing zeros dropped.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,p\nA,1.5\nA,2\nA,10\nB,2\nB,2\n", "g", "stddev:p", err,
	    sizeof(err));
	CHECK_STR(out, "g,stddev_p\nA,4.769696\nB,0\n");
	free(out);
	return 0;
}
