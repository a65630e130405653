/*
 * COL= keeps the empty cells.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	static const char *const where[] = { "city=" };
	struct engine_opts	 o;
	char			 err[TALLY_ERR_MAX], *out;
	const char		*csv = "g,city,price,note\nA,Oslo,1.50,\nA,Bergen,10,x y\nA,Oslo,abc,=\nB,Oslo Sud,2,\"a,b\"\nB,,9.5,in\nC,Paris,100,x\n";

	memset(&o, 0, sizeof(o));
	o.groups = "g";
	o.aggs = "count";
	o.where = where;
	o.nwhere = sizeof(where) / sizeof(where[0]);
	if ((out = th_run(csv, strlen(csv), &o, NULL, err,
	    sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK_STR(out, "g,count\nB,1\n");
	free(out);
	return 0;
}
