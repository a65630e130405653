/*
 * var:COL is the exact sample variance, with trailing zeros dropped like a mean.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,p\nA,1.5\nA,2\nA,10\nB,0.1\nB,0.2\nB,0.4\n", "g", "var:p",
	    err, sizeof(err));
	CHECK_STR(out, "g,var_p\nA,22.75\nB,0.0233333\n");
	free(out);
	return 0;
}
