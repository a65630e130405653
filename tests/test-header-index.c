/*
 * A column may be named by its 1-based number, for groups and aggregates
 * alike; the output still uses the header's names.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("id,Region,qty\n1,North,2\n2,North,3\n3,South,4\n", "2",
	    "sum:3,count:1,max:3", err, sizeof(err));
	CHECK_STR(out, "Region,sum_qty,count_id,max_qty\n"
	    "North,5,2,3\nSouth,4,1,4\n");
	free(out);
	return 0;
}
