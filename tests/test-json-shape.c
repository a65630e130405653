/*
 * output_json writes one object: "columns" (keys then aggregates),
 * "rows" (one object per group, numbers as JSON numbers, a missing value
 * as null, keys as escaped strings), "metrics" and the "rejected" samples.
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
	static const char	 start[] = "{\"columns\":[\"department\","
	    "\"sum_number_of_sales\",\"count\"],\"rows\":[";
	const char		*csv = "department,number_of_sales\n"
	    "\"Toys \"\"R\"\" Us\",1.5\nBooks,\nToys,x\n\"a\\b\nc\",-2\n";
	char			 err[TALLY_ERR_MAX], *out = NULL;
	size_t			 len = 0;
	FILE			*f;
	int			 fd = th_file(csv, strlen(csv));

	o.aggs = "sum:number_of_sales,count";
	if (engine_run(&o, fd, 0, -1, &res, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);
	close(fd);
	CHECK(engine_sort(&res, 0) == 0);
	if ((f = open_memstream(&out, &len)) == NULL)
		return TH_ERROR;
	CHECK(output_json(f, &res) == 0);
	fclose(f);

	CHECK(strncmp(out, start, sizeof(start) - 1) == 0);
	CHECK_HAS(out, "{\"department\":\"Books\","
	    "\"sum_number_of_sales\":null,\"count\":1}");
	CHECK_HAS(out, "{\"department\":\"Toys \\\"R\\\" Us\","
	    "\"sum_number_of_sales\":1.5,\"count\":1}");
	CHECK_HAS(out, "{\"department\":\"a\\\\b\\nc\","
	    "\"sum_number_of_sales\":-2.0,\"count\":1}");
	CHECK_HAS(out, "\"metrics\":{\"rows\":4,\"rejected\":1,\"groups\":3,");
	CHECK_HAS(out, "\"peak_rss_kb\":");
	CHECK_HAS(out, "\"rejected\":[{\"line\":4,\"column\":2,"
	    "\"column_name\":\"number_of_sales\",\"value\":\"x\","
	    "\"reason\":\"not a number\"}]}\n");
	/* Books sorts before the others; the row objects come in order. */
	CHECK(strstr(out, "Books") < strstr(out, "Toys"));
	free(out);
	engine_result_free(&res);
	return 0;
}
