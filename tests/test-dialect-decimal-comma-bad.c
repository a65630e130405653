/*
 * --decimal-comma in a comma-separated file: an unquoted "1,5" is two
 * fields, so its row has one field too many and is a bad row whose reason
 * says a decimal comma is quoted there; it is never read as 1 and 5.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { .decimal_comma = 1 };

	CHECK_BAD_ROW("department,number_of_sales\nA,\"2,5\"\nA,1,5\n", &o,
	    "department,sum_number_of_sales\nA,2.5\n", 3, 0, NULL, NULL,
	    "row has 3 fields, the header has 2 (a decimal comma must be "
	    "quoted: \"1,5\")");
	/* One field short says nothing of decimal commas. */
	CHECK_BAD_ROW("department,number_of_sales,x\nA,\"2,5\",1\nA,1\n", &o,
	    "department,sum_number_of_sales\nA,2.5\n", 3, 0, NULL, NULL,
	    "row has 2 fields, the header has 3");
	return 0;
}
