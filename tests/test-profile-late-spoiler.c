/*
 * Values are classified once, when a part's exact table first sees them;
 * a spoiler that repeats on many lines but first appears in a later
 * thread's range still counts every time and reports its first line.  A
 * column that passes its exact bound in the middle of the file goes on
 * counting its spoilers, and a value frequent only after the bound is in
 * its estimated top list, with its text.  Whatever the thread count.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "harness.h"

#define ROWS	150000

int
main(void)
{
	struct engine_opts	 o;
	char			 err[TALLY_ERR_MAX], *csv, *js, want[160];
	size_t			 len = 0, cap = 8 << 20, i, nx = 0, nna = 0;
	unsigned long		 line, xline = 0, naline = 0;
	static const int	 threads[] = { 1, 2, 3 };

	CHECK((csv = malloc(cap)) != NULL);
	len += (size_t)snprintf(csv, cap, "u,s,h\n");
	for (i = 0; i < ROWS; i++) {
		line = i + 2;
		/* u: unique, past the bound at 100,000, "n/a" after it. */
		if (i >= 120000 && i % 1000 == 7) {
			len += (size_t)snprintf(csv + len, cap - len, "n/a,");
			if (nna++ == 0)
				naline = line;
		} else
			len += (size_t)snprintf(csv + len, cap - len, "%zu,",
			    i * 7);
		/* s: 50 values, "x" on many lines of the second half. */
		if (i >= 90000 && i % 7 == 0) {
			len += (size_t)snprintf(csv + len, cap - len, "x,");
			if (nx++ == 0)
				xline = line;
		} else
			len += (size_t)snprintf(csv + len, cap - len, "%zu,",
			    i % 50);
		/* h: unique texts, and "hot" often after the bound. */
		if (i >= 110000 && i % 3 == 0)
			len += (size_t)snprintf(csv + len, cap - len, "hot\n");
		else
			len += (size_t)snprintf(csv + len, cap - len, "v%zu\n",
			    i);
	}
	for (i = 0; i < sizeof(threads) / sizeof(threads[0]); i++) {
		memset(&o, 0, sizeof(o));
		o.threads = threads[i];
		o.split_min = 65536;
		if ((js = th_profile(csv, len, &o, err, sizeof(err))) == NULL)
			th_fail(__FILE__, __LINE__, "%s", err);
		snprintf(want, sizeof(want), "\"not_type\":{\"type\":\"integer\","
		    "\"count\":%zu,\"first_line\":%lu,\"first_value\":\"n/a\"}",
		    nna, naline);
		CHECK_HAS(js, want);
		snprintf(want, sizeof(want), "\"not_type\":{\"type\":\"integer\","
		    "\"count\":%zu,\"first_line\":%lu,\"first_value\":\"x\"}",
		    nx, xline);
		CHECK_HAS(js, want);
		CHECK_HAS(js, "\"distinct_exact\":false");
		CHECK_HAS(js, "\"top\":[{\"value\":\"hot\",\"count\":");
		free(js);
	}
	free(csv);
	return 0;
}
