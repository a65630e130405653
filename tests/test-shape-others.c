/*
 * --others adds a row folding every group --limit left out, exactly for
 * count, sum, min, max, mean, stddev and var, and empty for distinct
 * counts and quantiles; a first column "kind" marks it, so a real group
 * called "others" cannot be mistaken for it.
 */
#include "config.h"

#include <string.h>

#include <unistd.h>

#include "harness.h"
#include "output.h"

int
main(void)
{
	struct engine_opts	 o;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out = NULL;
	size_t			 len = 0;
	FILE			*f;
	const char		*csv = "g,n\nothers,10\nB,5\nC,3\nC,1\nD,4\nD,x\n";
	int			 fd = th_file(csv, strlen(csv));

	memset(&o, 0, sizeof(o));
	o.groups = "g";
	o.aggs = "count,sum:n,min:n,max:n,mean:n,var:n,distinct:n,median:n";
	CHECK(engine_run(&o, fd, 0, -1, &res, err, sizeof(err)) == 0);
	CHECK(engine_sort(&res, 0) == 0);
	CHECK(engine_shape(&res, 1, 1, 0, err, sizeof(err)) == 0);
	CHECK((f = open_memstream(&out, &len)) != NULL);
	CHECK(output_csv(f, &res, 0) == 0);
	fclose(f);
	CHECK_STR(out, "kind,g,count,sum_n,min_n,max_n,mean_n,var_n,"
	    "distinct_n,median_n\n"
	    "group,B,1,5,5,5,5,,1,5\n"
	    "others,,4,18,1,10,4.5,15,,\n");
	free(out);
	engine_result_free(&res);
	close(fd);
	return 0;
}
