/*
 * A --where on a column the header does not have fails the run as the
 * caller's mistake (not the input's: data_error stays unset), naming the
 * column and listing the header's.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	static const char *const where[] = { "zone=North" };
	struct engine_opts	 o;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;
	const char		*csv = "region,n\nNorth,1\n";

	memset(&o, 0, sizeof(o));
	o.groups = "region";
	o.aggs = "sum:n";
	o.where = where;
	o.nwhere = 1;
	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK(!res.data_error);
	CHECK(res.usage_error);
	CHECK_HAS(err, "--where: unknown column \"zone\"; the header has: "
	    "region, n");
	engine_result_free(&res);
	return 0;
}
