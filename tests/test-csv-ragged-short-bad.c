/*
 * A record with fewer fields than the header is a bad row: skipped,
 * counted, and recorded for the whole row (column 0) with both counts in
 * the reason.  The records around it still count.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	CHECK_BAD_ROW("id,department,number_of_sales\n"
	    "1,Toys,3\n"
	    "2,Toys\n"
	    "3,Toys,4\n", NULL,
	    "department,sum_number_of_sales\nToys,7\n",
	    3, 0, NULL, NULL, "row has 2 fields, the header has 3");
	/* A lone value on a line is a record of one field. */
	CHECK_BAD_ROW("id,department,number_of_sales\n"
	    "1,Toys,3\n"
	    "Toys\n", NULL,
	    "department,sum_number_of_sales\nToys,3\n",
	    3, 0, NULL, NULL, "row has 1 field, the header has 3");
	return 0;
}
