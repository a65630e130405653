/*
 * Infinities (inf, Infinity, with a sign) are not numbers.
 */
#include "config.h"

#include "harness.h"

#define HEAD	"department,number_of_sales\nToys,1\n"
#define WANT	"department,sum_number_of_sales\nToys,1\n"

int
main(void)
{
	CHECK_BAD_ROW(HEAD "Toys,inf\n", NULL, WANT, 3, 2, "number_of_sales",
	    "inf", "not a number");
	CHECK_BAD_ROW(HEAD "Toys,-Infinity\n", NULL, WANT, 3, 2,
	    "number_of_sales", "-Infinity", "not a number");
	CHECK_BAD_ROW(HEAD "Toys,+INF\n", NULL, WANT, 3, 2, "number_of_sales",
	    "+INF", "not a number");
	return 0;
}
