/*
 * median:COL is the lower median, one of the values seen, exact for small groups, and names its column median_COL.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,p\nA,3\nA,1\nA,2\nB,4\nB,1.5\nC,\n", "g", "median:p",
	    err, sizeof(err));
	CHECK_STR(out, "g,median_p\nA,2\nB,1.5\nC,\n");
	free(out);
	return 0;
}
