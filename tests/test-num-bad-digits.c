/*
 * At most 38 significant digits: 38 nines are accepted (and summed
 * exactly), 39 digits are a bad row.  Leading zeros are not significant, so
 * 38 nines after a run of zeros still fit.
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
	    "Toys,99999999999999999999999999999999999999\n"
	    "Toys,-99999999999999999999999999999999999998\n"
	    "Toys,00099999999999999999999999999999999999999\n",
	    NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "Toys,100000000000000000000000000000000000000\n");
	free(out);
	CHECK_BAD_ROW(HEAD "Toys,999999999999999999999999999999999999999\n",
	    NULL, WANT, 3, 2, "number_of_sales",
	    "999999999999999999999999999999999999999", "too many digits");
	/* Digits after the point count as well. */
	CHECK_BAD_ROW(HEAD "Toys,1.00000000000000000000000000000000000001\n",
	    NULL, WANT, 3, 2, "number_of_sales",
	    "1.00000000000000000000000000000000000001", "too many digits");
	/* So does what an exponent adds. */
	CHECK_BAD_ROW(HEAD "Toys,1e38\n", NULL, WANT, 3, 2, "number_of_sales",
	    "1e38", "too many digits");
	return 0;
}
