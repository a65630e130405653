/*
 * A name that several header columns could mean is refused, never
 * guessed: "a" in a header with "a" twice, "sales" (folded) in one with
 * "Sales" and "SALES".  The message names both columns and says to name
 * one by number, which then works.  A name equal byte for byte to exactly
 * one of them picks that one, as before.
 */
#include "config.h"

#include <stdlib.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("a,a\n1,2\n1,3\n", "a", "sum:2", err, sizeof(err));
	CHECK(out == NULL);
	CHECK_STR(err, "column \"a\" is ambiguous: columns 1 (a) and 2 (a) "
	    "both match it; name it by number");
	out = th_agg("a,a\n1,2\n1,3\n", "1", "sum:a", err, sizeof(err));
	CHECK(out == NULL);

	out = th_agg("a,a\n1,2\n1,3\n", "1", "sum:2", err, sizeof(err));
	CHECK_STR(out, "a,sum_a\n1,5\n");
	free(out);

	out = th_agg("k,Sales,SALES\nx,1,10\n", "k", "sum:sales", err,
	    sizeof(err));
	CHECK(out == NULL);
	CHECK_STR(err, "column \"sales\" is ambiguous: columns 2 (Sales) and "
	    "3 (SALES) both match it; name it by number");

	/* One exact match among folded ones is the one meant. */
	out = th_agg("k,Sales,SALES\nx,1,10\n", "k", "sum:SALES", err,
	    sizeof(err));
	CHECK_STR(out, "k,sum_sales\nx,10\n");
	free(out);
	return 0;
}
