/*
 * A mean that falls exactly half way at its last printed digit rounds away
 * from zero: 1/128 = 0.0078125 prints 0.007813 (half-even would give
 * 0.007812, truncation too), and -1/128 prints -0.007813.
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

	n = (size_t)snprintf(csv, sizeof(csv), "department,x\nA,1\nB,-1\n");
	for (i = 0; i < 127; i++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, "A,0\nB,0\n");
	out = th_agg(csv, NULL, "mean:x,count:x", err, sizeof(err));
	CHECK_STR(out, "department,mean_x,count_x\n"
	    "A,0.007813,128\nB,-0.007813,128\n");
	free(out);
	return 0;
}
