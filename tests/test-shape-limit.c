/*
 * --limit N keeps the first N groups in the printed order (by value here),
 * and no kind column appears without --others or --total.
 */
#include "config.h"

#include <stdlib.h>

#include "harness.h"

int
main(void)
{
	char	*out;

	out = th_shaped("g,n\nA,1\nB,5\nC,3\nD,4\n", "g", "sum:n", 1, 2, 0,
	    0, NULL);
	CHECK_STR(out, "g,sum_n\nB,5\nD,4\n");
	free(out);
	return 0;
}
