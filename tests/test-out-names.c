/*
 * Column names come from the input's header, so the CSV header row quotes
 * them like any other cell: a key or aggregate column whose name holds a
 * comma, a quote or a line end stays one column.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("\"dept, main\",\"qty \"\"units\"\"\",\"a,b\"\n"
	    "Toys,1,2\n", "1", "sum:2,max:3,count", err, sizeof(err));
	CHECK_STR(out, "\"dept, main\",\"sum_qty_\"\"units\"\"\",\"max_a,b\","
	    "count\nToys,1,2,1\n");
	free(out);
	return 0;
}
