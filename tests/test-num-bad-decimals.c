/*
 * At most 18 digits after the point: 18 are accepted, 19 are a bad row,
 * unless the digits beyond the 18th are trailing zeros, which are dropped.
 * An exponent that moves the point counts the same way.
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
	    "Toys,0.000000000000000001\n"
	    "Toys,0.1000000000000000000000\n",
	    NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "Toys,0.100000000000000001\n");
	free(out);
	CHECK_BAD_ROW(HEAD "Toys,0.0000000000000000001\n", NULL, WANT, 3, 2,
	    "number_of_sales", "0.0000000000000000001",
	    "too many decimal places");
	CHECK_BAD_ROW(HEAD "Toys,1.5e-18\n", NULL, WANT, 3, 2,
	    "number_of_sales", "1.5e-18", "too many decimal places");
	return 0;
}
