/*
 * distinct:COL counts the distinct non-empty values of a group exactly; texts compare as bytes.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,e\nA,x\nA,y\nA,x\nA,\nA,X\nB,\n", "g", "distinct:e",
	    err, sizeof(err));
	CHECK_STR(out, "g,distinct_e\nA,3\nB,0\n");
	free(out);
	return 0;
}
