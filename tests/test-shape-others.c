/*
 * --others adds a row folding every group --limit left out, exactly for
 * count, sum, min, max, mean, stddev and var, and empty for distinct
 * counts and quantiles; a first column "kind" marks it, so a real group
 * called "others" cannot be mistaken for it.
 */
#include "config.h"

#include <stdlib.h>

#include "harness.h"

int
main(void)
{
	char	*out;

	out = th_shaped("g,n\nothers,10\nB,5\nC,3\nC,1\nD,4\nD,x\n", "g",
	    "count,sum:n,min:n,max:n,mean:n,var:n,distinct:n,median:n", 0, 1,
	    1, 0, NULL);
	CHECK_STR(out, "kind,g,count,sum_n,min_n,max_n,mean_n,var_n,"
	    "distinct_n,median_n\n"
	    "group,B,1,5,5,5,5,,1,5\n"
	    "others,,4,18,1,10,4.5,15,,\n");
	free(out);
	return 0;
}
