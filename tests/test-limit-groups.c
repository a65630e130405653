/*
 * The group limit, opts.max_groups = N: N distinct groups are fine (rows
 * for groups already seen too); the row that would make group N + 1 fails
 * the run with a message naming its line and the limit.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

#define N	50

static char *
run(int groups, struct engine_result *res, char *err, size_t errsz)
{
	struct engine_opts	 o = { 0 };
	char			 csv[8192];
	size_t			 n;
	int			 i;

	o.max_groups = N;
	o.aggs = "count";
	n = (size_t)snprintf(csv, sizeof(csv), "department\n");
	for (i = 0; i < groups; i++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, "g%03d\ng%03d\n",
		    i, i);
	return th_run(csv, n, &o, res, err, errsz);
}

int
main(void)
{
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;

	out = run(N, &res, err, sizeof(err));
	CHECK(out != NULL);
	CHECK(res.rows == 2 * N);
	CHECK(strstr(out, "g049,2\n") != NULL);
	free(out);
	engine_result_free(&res);

	out = run(N + 1, &res, err, sizeof(err));
	CHECK(out == NULL);
	/* Group 51 first shows up on line 2 + 2 * 50. */
	CHECK_STR(err, "line 102: more than 50 groups (the group limit)");
	CHECK(res.data_error == 1);
	engine_result_free(&res);
	return 0;
}
