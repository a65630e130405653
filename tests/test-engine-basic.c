/*
 * The classic job: total number_of_sales per department, sorted by key.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("id,department,number_of_sales\n"
	    "1,Toys,3\n2,Books,4\n3,Toys,5\n4,Books,-1.5\n", NULL, NULL,
	    err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "Books,2.5\nToys,8.0\n");
	free(out);
	return 0;
}
