/*
 * A delimiter inside a quoted field is data: "Home, Garden" is one key
 * cell, not two fields, and it is quoted again on output.  A quoted number
 * is a number.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\n"
	    "\"Home, Garden\",1\n"
	    "Home,2\n"
	    "\"Home, Garden\",\"3\"\n", NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "Home,2\n"
	    "\"Home, Garden\",4\n");
	free(out);
	return 0;
}
