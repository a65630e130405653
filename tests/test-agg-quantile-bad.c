/*
 * A quantile outside 0..1, or none at all, is an error that says what is expected.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,p\nA,5\n", "g", "quantile:p:1.5", err, sizeof(err));
	CHECK(out == NULL);
	CHECK_HAS(err, "from 0 to 1");
	out = th_agg("g,p\nA,5\n", "g", "quantile:p", err, sizeof(err));
	CHECK(out == NULL);
	CHECK_HAS(err, "quantile:unit_price:0.999");
	return 0;
}
