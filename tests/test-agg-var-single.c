/*
 * The sample variance and deviation of a single value are undefined: an empty cell, like SQL NULL.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,p\nA,1\nB,1\nB,3\n", "g", "var:p,stddev:p", err,
	    sizeof(err));
	CHECK_STR(out, "g,var_p,stddev_p\nA,,\nB,2,1.414214\n");
	free(out);
	return 0;
}
