/*
 * Several group-by columns make one composite key, printed one column
 * each and sorted cell by cell.  The cells are kept apart: ("ab", "c") and
 * ("a", "bc") are different groups even though their bytes run together
 * the same, and so are ("a,b", "") and ("a", "b,").
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("region,department,number_of_sales\n"
	    "North,Toys,1\nSouth,Toys,2\nNorth,Books,4\nNorth,Toys,8\n"
	    "ab,c,16\na,bc,32\n\"a,b\",,64\na,\"b,\",128\n",
	    "region,department", "sum:number_of_sales,count", err,
	    sizeof(err));
	CHECK_STR(out, "region,department,sum_number_of_sales,count\n"
	    "North,Books,4,1\n"
	    "North,Toys,9,2\n"
	    "South,Toys,2,1\n"
	    "a,\"b,\",128,1\n"
	    "a,bc,32,1\n"
	    "\"a,b\",,64,1\n"
	    "ab,c,16,1\n");
	free(out);

	/* The order of the columns is the order given. */
	out = th_agg("region,department,number_of_sales\n"
	    "North,Toys,1\nSouth,Toys,2\n", "department,region", NULL, err,
	    sizeof(err));
	CHECK_STR(out, "department,region,sum_number_of_sales\n"
	    "Toys,North,1\nToys,South,2\n");
	free(out);
	return 0;
}
