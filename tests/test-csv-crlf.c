/*
 * A file whose every line ends in CR LF reads like the LF file: no CR ends
 * up in a key or a number, and the last field of each record is clean.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("id,department,number_of_sales\r\n"
	    "1,Toys,3\r\n"
	    "2,Books,4\r\n"
	    "3,Toys,5\r\n", NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "Books,4\nToys,8\n");
	free(out);

	/* The key as the last field: a CR would make Toys\r a new group. */
	out = th_agg("number_of_sales,department\r\n"
	    "3,Toys\r\n"
	    "5,Toys\r\n", NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nToys,8\n");
	free(out);
	return 0;
}
