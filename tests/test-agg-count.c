/*
 * count counts the records of each group, whatever their values hold, and
 * names its column "count".  Bad rows are not counted.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\n"
	    "A,1\nB,\nA,x\nA,\nA,-3\n", NULL, "count", err, sizeof(err));
	/* count alone reads no number, so A,x is a good row here. */
	CHECK_STR(out, "department,count\nA,4\nB,1\n");
	free(out);

	out = th_agg("department,number_of_sales\n"
	    "A,1\nB,\nA,x\nA,\nA,-3\n", NULL, "count,sum:number_of_sales",
	    err, sizeof(err));
	CHECK_STR(out, "department,count,sum_number_of_sales\nA,3,-2\nB,1,\n");
	free(out);
	return 0;
}
