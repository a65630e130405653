/*
 * distinct compares numbers as numbers: 1.5, 1.50 and 15e-1 are one value, 1.5 and the text 1.5x are two.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,e\nA,1.5\nA,1.50\nA,15e-1\nA,1.5x\nA,-0\nA,0.0\n", "g",
	    "distinct:e", err, sizeof(err));
	CHECK_STR(out, "g,distinct_e\nA,3\n");
	free(out);
	return 0;
}
