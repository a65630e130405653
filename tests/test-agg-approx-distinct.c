/*
 * approx_distinct:COL counts small groups exactly (its sketch keeps their hashes).
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,e\nA,x\nA,y\nA,x\nA,\nA,2\nA,2.0\nB,\n", "g",
	    "approx_distinct:e", err, sizeof(err));
	CHECK_STR(out, "g,approx_distinct_e\nA,3\nB,0\n");
	free(out);
	return 0;
}
