/*
 * Without the decimal comma asked for, "1,5" is a bad number whose reason
 * says how to ask for it, not that thousands separators are refused: a
 * comma followed by digits that are not a group of three is read as a
 * decimal comma, in a comma-separated file too ("1,5" quoted there).  A
 * group of three stays a thousands separator, and so does a point where a
 * decimal comma was asked for ("1.5" then has a thousands point).
 */
#include "config.h"

#include "harness.h"

#define HEAD	"department;number_of_sales\nToys;1\n"
#define WANT	"department,sum_number_of_sales\nToys,1\n"
#define ASK	"a decimal comma is read only when asked for " \
		"(--decimal-comma, API decimal=comma)"

int
main(void)
{
	CHECK_BAD_ROW(HEAD "Toys;1,5\n", NULL, WANT, 3, 2,
	    "number_of_sales", "1,5", ASK);
	CHECK_BAD_ROW(HEAD "Toys;-0,25\n", NULL, WANT, 3, 2,
	    "number_of_sales", "-0,25", ASK);
	CHECK_BAD_ROW(HEAD "Toys;12,3456\n", NULL, WANT, 3, 2,
	    "number_of_sales", "12,3456", ASK);
	CHECK_BAD_ROW(HEAD "Toys;1,500\n", NULL, WANT, 3, 2,
	    "number_of_sales", "1,500",
	    "thousands separators are not accepted");
	CHECK_BAD_ROW("department,number_of_sales\nToys,1\nToys,\"1,5\"\n",
	    NULL, WANT, 3, 2, "number_of_sales", "1,5", ASK);
	CHECK_BAD_ROW("department,number_of_sales\nToys,1\nToys,\"1,500\"\n",
	    NULL, WANT, 3, 2, "number_of_sales", "1,500",
	    "thousands separators are not accepted");
	{
		struct engine_opts	 o = { .decimal_comma = 1 };

		CHECK_BAD_ROW(HEAD "Toys;1.5\n", &o, WANT, 3, 2,
		    "number_of_sales", "1.5",
		    "thousands separators are not accepted");
	}
	return 0;
}
