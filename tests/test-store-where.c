/*
 * A job's where conditions, limit, others and total come back from
 * store_get and store_list as they were given, conditions in their order
 * (quotes, spaces and UTF-8 untouched), and a job without any has an
 * empty shape; deleting the job deletes its conditions.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "store.h"

static const char *const conds[] = {
	"region in North|\"East Coast\"",
	"unit_price>=2.5",
	"name^=Zo\xc3\xab",
	"email!=",
};
#define NCONDS	(sizeof(conds) / sizeof(conds[0]))

static void
check_shape(const struct store_job *j, int full)
{
	size_t	 i;

	if (!full) {
		CHECK(j->shape.nwhere == 0 && j->shape.limit == 0 &&
		    !j->shape.others && !j->shape.total);
		return;
	}
	CHECK(j->shape.nwhere == NCONDS);
	for (i = 0; i < NCONDS; i++)
		CHECK_STR(j->shape.where[i], conds[i]);
	CHECK(j->shape.limit == 20 && j->shape.others == 1 &&
	    j->shape.total == 0);
}

static int
each(void *arg, const struct store_job *j)
{
	int	*n = arg;

	/* Newest first: the plain job, then the shaped one. */
	check_shape(j, *n == 1);
	(*n)++;
	return 0;
}

int
main(void)
{
	static struct store_job	 j, g;
	char			 path[4096], err[TALLY_ERR_MAX];
	struct store		*s;
	int64_t			 total;
	size_t			 i;
	int			 n = 0;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-where"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	strcpy(j.id, "0123456789abcdef0123456789abcdef01");
	for (i = 0; i < NCONDS; i++)
		CHECK(query_shape_where(&j.shape, conds[i], err,
		    sizeof(err)) == 0);
	j.shape.limit = 20;
	j.shape.others = 1;
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	memset(&j, 0, sizeof(j));
	strcpy(j.id, "fedcba9876543210fedcba9876543210fe");
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);

	CHECK(store_get(s, "0123456789abcdef0123456789abcdef01", &g, err,
	    sizeof(err)) == 0);
	check_shape(&g, 1);
	store_job_free(&g);
	CHECK(store_get(s, "fedcba9876543210fedcba9876543210fe", &g, err,
	    sizeof(err)) == 0);
	check_shape(&g, 0);
	store_job_free(&g);
	CHECK(store_list(s, NULL, 10, 0, each, &n, &total, err,
	    sizeof(err)) == 0);
	CHECK(n == 2 && total == 2);

	/* A duplicate id is refused whole: no stray conditions remain. */
	strcpy(j.id, "0123456789abcdef0123456789abcdef01");
	CHECK(query_shape_where(&j.shape, "x=1", err, sizeof(err)) == 0);
	CHECK(store_insert(s, &j, err, sizeof(err)) == -1);
	CHECK(store_get(s, j.id, &g, err, sizeof(err)) == 0);
	check_shape(&g, 1);
	store_job_free(&g);

	/* The conditions go with their job. */
	CHECK(store_delete(s, j.id, err, sizeof(err)) == 0);
	CHECK(store_get(s, j.id, &g, err, sizeof(err)) == 1);
	memset(&j, 0, sizeof(j));
	strcpy(j.id, "0123456789abcdef0123456789abcdef01");
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	CHECK(store_get(s, j.id, &g, err, sizeof(err)) == 0);
	check_shape(&g, 0);
	store_job_free(&g);
	store_close(s);
	return 0;
}
