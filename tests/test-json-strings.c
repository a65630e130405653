/*
 * With json_strings every decimal is a JSON string holding its exact text
 * (a 29-digit sum that a double would round, a mean, a min), counts stay
 * numbers and a missing value stays null; without it, the same values are
 * JSON numbers.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "output.h"

static char *
json(const struct engine_result *res, int strings)
{
	struct output_opts	 oo;
	char			*out = NULL;
	size_t			 len = 0;
	FILE			*f;

	memset(&oo, 0, sizeof(oo));
	oo.json_strings = strings;
	if ((f = open_memstream(&out, &len)) == NULL)
		exit(TH_ERROR);
	CHECK(output_json_with(f, res, &oo) == 0);
	fclose(f);
	return out;
}

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	const char		*csv = "dept,qty,price\n"
	    "Toys,12345678901234567890123456789.5,1.5\nToys,1,\n"
	    "Cafe,2,\n";
	char			 err[TALLY_ERR_MAX], *out;
	int			 fd = th_file(csv, strlen(csv));

	o.groups = "dept";
	o.aggs = "sum:qty,count,mean:price,min:price";
	if (engine_run(&o, fd, 0, -1, &res, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);
	close(fd);
	CHECK(engine_sort(&res, 0) == 0);

	out = json(&res, 1);
	CHECK_HAS(out, "{\"dept\":\"Cafe\",\"sum_qty\":\"2.0\",\"count\":1,"
	    "\"mean_price\":null,\"min_price\":null}");
	CHECK_HAS(out, "{\"dept\":\"Toys\",\"sum_qty\":"
	    "\"12345678901234567890123456790.5\",\"count\":2,"
	    "\"mean_price\":\"1.5\",\"min_price\":\"1.5\"}");
	free(out);

	out = json(&res, 0);
	CHECK_HAS(out, "{\"dept\":\"Toys\",\"sum_qty\":"
	    "12345678901234567890123456790.5,\"count\":2,"
	    "\"mean_price\":1.5,\"min_price\":1.5}");
	free(out);
	engine_result_free(&res);
	return 0;
}
