/*
 * Column names come from the input's header, so the CSV header row quotes
 * them like any other cell: a key column whose name holds a comma, a quote
 * or a line end stays one column.  An aggregate's name is its column's in
 * lower snake case, so punctuation there becomes "_" and needs no quotes.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("\"dept, main\",\"qty \"\"units\"\"\",\"a,b\"\n"
	    "Toys,1,2\n", "1", "sum:2,max:3,count", err, sizeof(err));
	CHECK_STR(out, "\"dept, main\",sum_qty_units,max_a_b,count\n"
	    "Toys,1,2,1\n");
	free(out);
	out = th_agg("\"k \"\"x\"\"\nline\",v\nA,1\n", "1", "sum:2", err,
	    sizeof(err));
	CHECK_STR(out, "\"k \"\"x\"\"\nline\",sum_v\nA,1\n");
	free(out);
	return 0;
}
