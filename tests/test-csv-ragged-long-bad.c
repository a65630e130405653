/*
 * A record with more fields than the header is a bad row, including one
 * that only has a trailing delimiter (an empty extra field).
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	CHECK_BAD_ROW("department,number_of_sales\n"
	    "Toys,3\n"
	    "Toys,4,5\n", NULL,
	    "department,sum_number_of_sales\nToys,3\n",
	    3, 0, NULL, NULL, "row has 3 fields, the header has 2");
	CHECK_BAD_ROW("department,number_of_sales\n"
	    "Toys,3,\n"
	    "Toys,4\n", NULL,
	    "department,sum_number_of_sales\nToys,4\n",
	    2, 0, NULL, NULL, "row has 3 fields, the header has 2");
	return 0;
}
