/*
 * count:COL counts every non-empty cell, text too, as SQL's COUNT(col), and rejects no row for it.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("region,email\nN,a@x\nN,\nN,b@x\nS,7\n", "region",
	    "count:email", err, sizeof(err));
	CHECK_STR(out, "region,count_email\nN,2\nS,1\n");
	free(out);
	return 0;
}
