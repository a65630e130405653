/*
 * With no group-by, the key is the "department" column, or failing that
 * "Department Name" (folded, so department_name too); a real
 * "department" column wins over "Department Name".
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("Department Name,Number of Sales\nToys,1\nToys,2\n", NULL,
	    NULL, err, sizeof(err));
	CHECK_STR(out, "Department Name,sum_number_of_sales\nToys,3\n");
	free(out);

	out = th_agg("department_name,number_of_sales\nToys,1\n", NULL, NULL,
	    err, sizeof(err));
	CHECK_STR(out, "department_name,sum_number_of_sales\nToys,1\n");
	free(out);

	out = th_agg("Department Name,Department,number_of_sales\n"
	    "Toys,T,1\n", NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "Department,sum_number_of_sales\nT,1\n");
	free(out);
	return 0;
}
