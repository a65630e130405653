/*
 * A thousands separator is refused, not guessed at: "1,234" (quoted, so
 * the comma is in the field) is a bad row with a reason that says why, and
 * so is "1,234.50".  The value is recorded as it was.
 */
#include "config.h"

#include "harness.h"

#define HEAD	"department,number_of_sales\nToys,1\n"
#define WANT	"department,sum_number_of_sales\nToys,1\n"

int
main(void)
{
	CHECK_BAD_ROW(HEAD "Toys,\"1,234\"\n", NULL, WANT, 3, 2,
	    "number_of_sales", "1,234", "thousands separators are not accepted");
	CHECK_BAD_ROW(HEAD "Toys,\"1,234.50\"\n", NULL, WANT, 3, 2,
	    "number_of_sales", "1,234.50",
	    "thousands separators are not accepted");
	CHECK_BAD_ROW(HEAD "Toys,\"-12,000\"\n", NULL, WANT, 3, 2,
	    "number_of_sales", "-12,000",
	    "thousands separators are not accepted");
	return 0;
}
