/*
 * Rows that fail --where are counted as filtered, apart from rejected
 * rows, and are never rejected for a bad number in a column they are not
 * counted in; a row that passes is still checked.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	static const char *const where[] = { "region=North" };
	struct engine_opts	 o;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;
	const char		*csv = "region,n\nNorth,1\nSouth,oops\nSouth,2\n"
				    "North,bad\n";

	memset(&o, 0, sizeof(o));
	o.groups = "region";
	o.aggs = "sum:n";
	o.where = where;
	o.nwhere = 1;
	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK_STR(out, "region,sum_n\nNorth,1\n");
	CHECK(res.rows == 4);
	CHECK(res.filtered == 2);
	CHECK(res.rejected == 1);
	CHECK(res.nrejects == 1 && res.rejects[0].line == 5);
	engine_result_free(&res);
	free(out);
	return 0;
}
