/*
 * An exponent has at most 4 digits: 1e0004 is 10000, 1e00004 is a bad
 * row, and so is an exponent far too large for 38 digits.
 */
#include "config.h"

#include "harness.h"

#define HEAD	"department,number_of_sales\nToys,1\n"
#define WANT	"department,sum_number_of_sales\nToys,1\n"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\n"
	    "Toys,1e0004\n"
	    "Toys,25E-0001\n",
	    NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nToys,10002.5\n");
	free(out);
	CHECK_BAD_ROW(HEAD "Toys,1e00004\n", NULL, WANT, 3, 2,
	    "number_of_sales", "1e00004", "exponent too large");
	CHECK_BAD_ROW(HEAD "Toys,1e9999\n", NULL, WANT, 3, 2,
	    "number_of_sales", "1e9999", "too many digits");
	return 0;
}
