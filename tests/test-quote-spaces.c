/*
 * Spaces around a quoted field are not part of it ("  "K"  " is K), while
 * spaces inside the quotes are (" K " stays a distinct key, quoted again on
 * output so they survive).
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\n"
	    "  \"K\"  ,1\n"
	    "K,2\n"
	    "\" K \",4\n"
	    "\t\"K\"\t,8\n", NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "\" K \",4\n"
	    "K,11\n");
	free(out);
	return 0;
}
