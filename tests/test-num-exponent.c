/*
 * Exponents (e or E, optional sign) scale the number exactly: 1.5e3 is
 * 1500, 25E-2 is 0.25, 1e+2 is 100, and 12.5e-1 is 1.25.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\n"
	    "A,1.5e3\nB,25E-2\nC,1e+2\nD,12.5e-1\nE,-2E1\nE,0e5\n", NULL,
	    "sum:number_of_sales,max:number_of_sales", err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales,max_number_of_sales\n"
	    "A,1500.00,1500\n"
	    "B,0.25,0.25\n"
	    "C,100.00,100\n"
	    "D,1.25,1.25\n"
	    "E,-20.00,0\n");
	free(out);
	return 0;
}
