/*
 * A column that is not in the header (by name or by number) fails the run
 * before any record is read, with a message naming it and listing the
 * header's columns, so the user can see what to type.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

static void
bad(const char *groups, const char *aggs, const char *name)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	const char		*csv = "id,Region,Number of Sales\n1,North,2\n";
	char			 err[TALLY_ERR_MAX], want[256], *out;

	o.groups = groups;
	o.aggs = aggs;
	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	if (name != NULL)
		snprintf(want, sizeof(want), "unknown column \"%s\"; the "
		    "header has: id, Region, Number of Sales", name);
	else
		snprintf(want, sizeof(want), "no \"department\" or "
		    "\"Department Name\" column to group by by default (name "
		    "one with group_by); the header has: id, Region, Number "
		    "of Sales");
	CHECK_STR(err, want);
	CHECK(res.data_error == 1);
	CHECK(res.rows == 0);
	engine_result_free(&res);
}

int
main(void)
{
	bad("city", NULL, "city");
	bad("region", "sum:price", "price");
	bad("region", "count,mean:numbers_of_sales", "numbers_of_sales");
	bad("4", NULL, "4");
	bad("0", NULL, "0");
	/* No group-by and neither default column: both are named. */
	bad(NULL, NULL, NULL);
	return 0;
}
