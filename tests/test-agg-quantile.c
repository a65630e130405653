/*
 * quantile:COL:Q takes any Q from 0 to 1 and names its column quantile_Q_COL; 0 is the minimum and 1 the maximum.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,p\nA,5\nA,-1\nA,2.25\n", "g",
	    "quantile:p:0,quantile:p:1,quantile:p:0.5", err, sizeof(err));
	CHECK_STR(out, "g,quantile_0_p,quantile_1_p,quantile_0.5_p\nA,-1,5,2.25\n");
	free(out);
	return 0;
}
