/*
 * Hexadecimal (0x1F, 0X10, hex floats) is not a number.
 */
#include "config.h"

#include "harness.h"

#define HEAD	"department,number_of_sales\nToys,1\n"
#define WANT	"department,sum_number_of_sales\nToys,1\n"

int
main(void)
{
	CHECK_BAD_ROW(HEAD "Toys,0x1F\n", NULL, WANT, 3, 2, "number_of_sales",
	    "0x1F", "not a number");
	CHECK_BAD_ROW(HEAD "Toys,0X10\n", NULL, WANT, 3, 2, "number_of_sales",
	    "0X10", "not a number");
	CHECK_BAD_ROW(HEAD "Toys,0x1p3\n", NULL, WANT, 3, 2, "number_of_sales",
	    "0x1p3", "not a number");
	return 0;
}
