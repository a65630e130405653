/*
 * --no-header: the first line is data, the columns are named 1, 2, ...
 * and selected by number; blank lines before it are still skipped and line
 * numbers still count them.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { .no_header = 1, .groups = "1",
				    .aggs = "sum:2,count" };
	const char		*csv = "\nToys,1\nBooks,2\nToys,4\nToys,x\n";

	th_sweep(csv, strlen(csv), &o, "1,sum_2,count\nBooks,2,1\nToys,5,2\n");
	o.parser = ENGINE_PARSER_LIBCSV;
	CHECK_BAD_ROW(csv, &o, "1,sum_2,count\nBooks,2,1\nToys,5,2\n", 5, 2,
	    "2", "x", "not a number");
	return 0;
}
