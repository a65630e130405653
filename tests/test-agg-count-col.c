/*
 * count:col counts the non-missing values of col in each group, and names
 * its column count_<col>.  Zero is a value; an empty cell is not.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,Unit Price\n"
	    "A,0\nA,\nA,1.5\nB,\n", NULL, "count:unit_price", err,
	    sizeof(err));
	CHECK_STR(out, "department,count_unit_price\nA,2\nB,0\n");
	free(out);
	return 0;
}
