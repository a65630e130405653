/*
 * --decimal-comma in a comma-separated file, as spreadsheets in comma
 * locales export it: numbers with a decimal comma are quoted ("1,5"), and
 * are read as 1.5 in every block size, compressed or not, on one thread
 * and on two; a bare integer needs no quotes, and a thousands point is
 * still a bad value.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { .decimal_comma = 1,
				    .aggs = "sum:number_of_sales,min:2,max:2" };
	const char		*csv = "department,number_of_sales\n"
	    "A,\"1,5\"\n"
	    "A,\"-0,25\"\n"
	    "\"B, C\",2\n"
	    "\"B, C\",\"0,125\"\n"
	    "A,\"1.234,5\"\n";
	const char		*want = "department,sum_number_of_sales,"
	    "min_number_of_sales,max_number_of_sales\n"
	    "A,1.250,-0.25,1.5\n\"B, C\",2.125,0.125,2\n";
	char			 big[64 * 1024], err[TALLY_ERR_MAX], *out;
	size_t			 n;
	int			 i;

	th_sweep(csv, strlen(csv), &o, NULL);
	CHECK_BAD_ROW(csv, &o, want, 6, 2, "number_of_sales", "1.234,5",
	    "thousands separators are not accepted");

	/* Enough rows for two threads to split the file between them. */
	n = (size_t)snprintf(big, sizeof(big), "department,number_of_sales\n");
	for (i = 0; i < 2000; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n,
		    "%s,\"%d,%02d\"\n", i % 2 ? "A" : "B", i % 7, i % 100);
	o.aggs = "sum:number_of_sales,count";
	o.threads = 1;
	out = th_run(big, n, &o, NULL, err, sizeof(err));
	CHECK(out != NULL);
	o.threads = 2;
	o.split_min = 1024;
	{
		char	*two = th_run(big, n, &o, NULL, err, sizeof(err));

		CHECK(two != NULL);
		CHECK_STR(two, out);
		free(two);
	}
	CHECK_STR(out, "department,sum_number_of_sales,count\n"
	    "A,3497.00,1000\nB,3488.00,1000\n");
	free(out);
	return 0;
}
