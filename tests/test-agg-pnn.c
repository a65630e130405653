/*
 * pNN:COL is the quantile NN/100, the value at rank ceil(n * q) - 1, as DuckDB quantile_disc.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,p\nA,1\nA,2\nA,3\nA,4\nA,5\nA,6\nA,7\nA,8\nA,9\nA,10\nA,11\n",
	    "g", "p90:p,p10:p,p99:p", err, sizeof(err));
	CHECK_STR(out, "g,p90_p,p10_p,p99_p\nA,10,2,11\n");
	free(out);
	return 0;
}
