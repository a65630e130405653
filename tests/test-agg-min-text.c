/*
 * min takes any value: numbers compare as numbers, texts by bytes, and every number sorts before every text, so ISO dates come out right.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,d\nA,2024-01-02\nA,2023-12-31\nA,\nB,zeta\nB,10\nB,9.5\n",
	    "g", "min:d", err, sizeof(err));
	CHECK_STR(out, "g,min_d\nA,2023-12-31\nB,9.5\n");
	free(out);
	return 0;
}
