/*
 * engine_sort by value orders groups by the first aggregate, largest
 * first, ties by key, groups without a value last.  For a mean that is the
 * mean as printed, not one cut to the column's scale: 1.5 sorts above 1.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "output.h"

static void
sorted(const char *csv, const char *aggs, const char *want)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out = NULL;
	size_t			 len = 0;
	FILE			*f;
	int			 fd = th_file(csv, strlen(csv));

	o.aggs = aggs;
	if (engine_run(&o, fd, 0, -1, &res, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);
	close(fd);
	CHECK(engine_sort(&res, 1) == 0);
	if ((f = open_memstream(&out, &len)) == NULL)
		exit(TH_ERROR);
	CHECK(output_csv(f, &res, 0) == 0);
	fclose(f);
	CHECK_STR(out, want);
	free(out);
	engine_result_free(&res);
}

int
main(void)
{
	sorted("department,x\nA,1\nB,1\nB,2\nC,3\nD,\nE,-1\n", "sum:x",
	    "department,sum_x\nB,3\nC,3\nA,1\nE,-1\nD,\n");
	sorted("department,x\nA,1\nB,1\nB,2\nC,\n", "mean:x",
	    "department,mean_x\nB,1.5\nA,1\nC,\n");
	/* Means below 1, which a cut to scale 0 would all make 0. */
	sorted("department,x\nA,0\nA,0\nA,0\nA,1\nB,0\nB,0\nB,1\n", "mean:x",
	    "department,mean_x\nB,0.333333\nA,0.25\n");
	sorted("department,x\nA,1\nA,1\nA,-1\nA,-1\nA,1\nA,0\n"
	    "B,1\nB,0\nB,0\n", "mean:x,count", "department,mean_x,count\n"
	    "B,0.333333,3\nA,0.166667,6\n");
	sorted("department,x\nA,1\nB,1\nB,2\nC,\n", "count,sum:x",
	    "department,count,sum_x\nB,2,3\nA,1,1\nC,1,\n");
	sorted("department,x\nA,-1\nA,-2\nB,-1\nB,-1\n", "mean:x",
	    "department,mean_x\nB,-1\nA,-1.5\n");
	return 0;
}
