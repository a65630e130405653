/*
 * Aggregate names in JSON are escaped like every other string: a header
 * column called qty "x" or a<LF>b gives "sum_qty_\"x\"" and "max_a\nb",
 * so the document stays valid JSON.
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

	o.groups = "dept";
	o.aggs = "sum:2,max:3,min:4";
	if (engine_run(&o, fd, 0, -1, &res, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);
	close(fd);
	if ((f = open_memstream(&out, &len)) == NULL)
		return TH_ERROR;
	CHECK(output_json(f, &res) == 0);
	fclose(f);
	CHECK_HAS(out, "{\"columns\":[\"dept\",\"sum_qty_\\\"x\\\"\","
	    "\"max_a\\nb\",\"min_c\\\\d\"],");
	CHECK_HAS(out, "{\"dept\":\"Toys\",\"sum_qty_\\\"x\\\"\":1,"
	    "\"max_a\\nb\":2,\"min_c\\\\d\":3}");
	free(out);
	engine_result_free(&res);
	return 0;
}
