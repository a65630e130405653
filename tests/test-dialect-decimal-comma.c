/*
 * --decimal-comma: "1,5" is 1.5 and "-0,25" is -0.25 in a ';'-separated
 * file, sums print with a point, and a thousands separator ("1.234,5") is
 * still a bad value.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { .decimal_comma = 1,
				    .aggs = "sum:number_of_sales,min:2" };
	const char		*csv = "department;number_of_sales\n"
	    "A;1,5\n"
	    "A;-0,25\n"
	    "B; 2 \n"
	    "B;1.234,5\n";

	th_sweep(csv, strlen(csv), &o, NULL);
	CHECK_BAD_ROW(csv, &o, "department,sum_number_of_sales,"
	    "min_number_of_sales\nA,1.25,-0.25\nB,2.00,2\n", 5, 2,
	    "number_of_sales", "1.234,5",
	    "thousands separators are not accepted");
	return 0;
}
