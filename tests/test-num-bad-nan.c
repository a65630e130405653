/*
 * NaN, in any case and with a sign, is not a number.
 */
#include "config.h"

#include "harness.h"

#define HEAD	"department,number_of_sales\nToys,1\n"
#define WANT	"department,sum_number_of_sales\nToys,1\n"

int
main(void)
{
	CHECK_BAD_ROW(HEAD "Toys,NaN\n", NULL, WANT, 3, 2, "number_of_sales",
	    "NaN", "not a number");
	CHECK_BAD_ROW(HEAD "Toys,nan\n", NULL, WANT, 3, 2, "number_of_sales",
	    "nan", "not a number");
	CHECK_BAD_ROW(HEAD "Toys,-NAN\n", NULL, WANT, 3, 2, "number_of_sales",
	    "-NAN", "not a number");
	return 0;
}
