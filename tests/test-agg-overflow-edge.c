/*
 * Sums right up to the edge of 128 bits are exact, not errors: 17 values
 * of 10^37 make 1.7 * 10^38, below 2^127 - 1 (about 1.7014 * 10^38), and
 * going back down from there is exact too.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 csv[4096], err[TALLY_ERR_MAX], *out;
	size_t	 n;
	int	 i;

	n = (size_t)snprintf(csv, sizeof(csv), "department,number_of_sales\n");
	for (i = 0; i < 17; i++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, "A,1e37\n");
	snprintf(csv + n, sizeof(csv) - n, "A,-1\n");
	out = th_agg(csv, NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "A,169999999999999999999999999999999999999\n");
	free(out);
	return 0;
}
