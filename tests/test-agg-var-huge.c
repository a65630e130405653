/*
 * The variance of values near the 38-digit limit is still exact: the squares are kept in 256 bits.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,p\nA,99999999999999999999999999999999999999\n"
	    "A,-99999999999999999999999999999999999999\n", "g", "var:p", err,
	    sizeof(err));
	CHECK_STR(out, "g,var_p\nA,"
	    "19999999999999999999999999999999999999600000000000000000000000000000000000002\n");
	free(out);
	return 0;
}
