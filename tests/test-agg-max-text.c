/*
 * max of a column holding numbers and text is its largest text; texts compare by bytes, a prefix first.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,d\nA,2024-01-02\nA,2024-01-02T10:00\nA,99\nB,10\nB,9.5\n",
	    "g", "max:d", err, sizeof(err));
	CHECK_STR(out, "g,max_d\nA,2024-01-02T10:00\nB,10\n");
	free(out);
	return 0;
}
