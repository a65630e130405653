/*
 * A doubled quote inside a quoted field is one quote character: the key
 * Toys "R" Fun is read as such and written back with its quotes doubled.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\n"
	    "\"Toys \"\"R\"\" Fun\",1\n"
	    "\"\"\"\",2\n"
	    "\"Toys \"\"R\"\" Fun\",3\n", NULL, NULL, err, sizeof(err));
	/* The second key is a single quote character. */
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "\"\"\"\",2\n"
	    "\"Toys \"\"R\"\" Fun\",4\n");
	free(out);
	return 0;
}
