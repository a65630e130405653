/*
 * distinct's sets count against the job's memory budget (--max-memory):
 * past it the run fails with a data error that names the aggregate and
 * suggests approx_distinct, on one thread and on four alike.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *csv, *out;
	size_t			 len = 0, cap = 2 * 1024 * 1024, j;
	int			 t;

	if ((csv = malloc(cap)) == NULL)
		return TH_ERROR;
	len += (size_t)snprintf(csv, cap, "g,email\n");
	for (j = 0; j < 50000; j++)
		len += (size_t)snprintf(csv + len, cap - len,
		    "A,user%zu@example.com\n", j);
	for (t = 1; t <= 4; t += 3) {
		memset(&o, 0, sizeof(o));
		o.groups = "g";
		o.aggs = "distinct:email";
		o.threads = t;
		o.split_min = 65536;
		o.max_memory = 1024 * 1024;
		out = th_run(csv, len, &o, &res, err, sizeof(err));
		CHECK(out == NULL);
		CHECK(res.data_error);
		CHECK_HAS(err, "distinct_email needs more than the job's "
		    "memory budget of 1 MiB (--max-job-memory)");
		CHECK_HAS(err, "approx_distinct:email");
		engine_result_free(&res);
		/* With the default budget it fits. */
		o.max_memory = 0;
		out = th_run(csv, len, &o, NULL, err, sizeof(err));
		CHECK_STR(out, "g,distinct_email\nA,50000\n");
		free(out);
	}
	free(csv);
	return 0;
}
