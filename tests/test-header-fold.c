/*
 * Column names match after folding case, spaces, dashes and underscores:
 * number_of_sales finds "Number of Sales", NUMBER-OF-SALES and "number
 * of_sales" find it too, and the output names are lower snake case.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	static const char *const specs[] = {
		"sum:number_of_sales", "sum:Number of Sales",
		"sum:NUMBER-OF-SALES", "sum:numberofsales",
		"sum: number of_sales",
	};
	char	 err[TALLY_ERR_MAX], *out;
	size_t	 i;

	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		out = th_agg("Region,Number of Sales\nNorth,2\nNorth,3\n",
		    "REGION", specs[i], err, sizeof(err));
		CHECK_STR(out, "Region,sum_number_of_sales\nNorth,5\n");
		free(out);
	}

	/* The header side folds as well. */
	out = th_agg("region,NUMBER_OF-SALES\nNorth,2\n", "Region", NULL, err,
	    sizeof(err));
	CHECK_STR(out, "region,sum_number_of_sales\nNorth,2\n");
	free(out);
	return 0;
}
