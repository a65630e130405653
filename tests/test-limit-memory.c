/*
 * The memory budget, opts.max_memory: a run whose group tables would pass
 * it stops at the first allocation past it with the sentence that names
 * the budget, the groups so far and the option to raise; the same input
 * under a budget that fits succeeds, and its tables stay within it.  On
 * threads (a table each) the run fails the same way, groups included.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "mem.h"

#define KEYS	20000

static char	 csv[KEYS * 16 + 64];
static size_t	 len;

static char *
run(size_t budget, int threads, const char *option,
    struct engine_result *res, char *err, size_t errsz)
{
	struct engine_opts	 o = { 0 };

	o.max_memory = budget;
	o.memory_option = option;
	o.aggs = "count,sum:v";
	o.threads = threads;
	o.split_min = 4096;
	return th_run(csv, len, &o, res, err, errsz);
}

int
main(void)
{
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], err1[TALLY_ERR_MAX], *out;
	char			 tail[TALLY_ERR_MAX];
	size_t			 groups = 0;
	int			 i;

	len = (size_t)snprintf(csv, sizeof(csv), "department,v\n");
	for (i = 0; i < KEYS; i++)
		len += (size_t)snprintf(csv + len, sizeof(csv) - len,
		    "k%07d,1\n", i);

	/* 256 KiB cannot hold 20,000 groups of about 80 bytes. */
	out = run(256 * 1024, 1, NULL, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK(res.data_error == 1);
	CHECK(sscanf(err, "the job needs more than 256 KiB of memory for its "
	    "groups (%zu groups so far); raise --max-job-memory%s", &groups,
	    tail) == 1);
	snprintf(err1, sizeof(err1), "the job needs more than 256 KiB of "
	    "memory for its groups (%zu groups so far); raise "
	    "--max-job-memory", groups);
	CHECK_STR(err, err1);
	CHECK(groups > 0 && groups < KEYS);
	engine_result_free(&res);

	/* Threads: the same sentence, the same count. */
	out = run(256 * 1024, 4, NULL, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK_STR(err, err1);
	engine_result_free(&res);

	/* The command line names its own option. */
	out = run(256 * 1024, 1, "--max-memory", &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK_HAS(err, "; raise --max-memory");
	engine_result_free(&res);

	/* 16 MiB is plenty, and what the tables hold stays inside it. */
	out = run(16 << 20, 1, NULL, &res, err, sizeof(err));
	if (out == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(strstr(out, "k0019999,1,1\n") != NULL);
	CHECK(mem_used(res.mem) > (size_t)KEYS * 40);
	CHECK(mem_peak(res.mem) <= (size_t)16 << 20);
	free(out);
	engine_result_free(&res);

	/* The default budget is 1 GiB. */
	out = run(0, 1, NULL, &res, err, sizeof(err));
	CHECK(out != NULL);
	CHECK(res.mem->max == (size_t)1 << 30);
	free(out);
	engine_result_free(&res);
	return 0;
}
