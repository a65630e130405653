/*
 * Column names in JSON are escaped like every other string: key columns
 * called qty "x", a<LF>b and c\d give "qty \"x\"", "a\nb" and "c\\d",
 * so the document stays valid JSON.  (An aggregate's name is snake case,
 * with no such characters left.)
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "output.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	const char		*csv = "dept,\"qty \"\"x\"\"\",\"a\nb\",\"c\\d\"\n"
	    "Toys,1,2,3\n";
	char			 err[TALLY_ERR_MAX], *out = NULL;
	size_t			 len = 0;
	FILE			*f;
	int			 fd = th_file(csv, strlen(csv));

	o.groups = "dept,2,3,4";
	o.aggs = "count";
	if (engine_run(&o, fd, 0, -1, &res, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);
	close(fd);
	if ((f = open_memstream(&out, &len)) == NULL)
		return TH_ERROR;
	CHECK(output_json(f, &res) == 0);
	fclose(f);
	CHECK_HAS(out, "{\"columns\":[\"dept\",\"qty \\\"x\\\"\","
	    "\"a\\nb\",\"c\\\\d\",\"count\"],");
	CHECK_HAS(out, "{\"dept\":\"Toys\",\"qty \\\"x\\\"\":\"1\","
	    "\"a\\nb\":\"2\",\"c\\\\d\":\"3\",\"count\":1}");
	free(out);
	engine_result_free(&res);
	return 0;
}
