/*
 * store_list pages through jobs newest first with limit and offset, gives
 * the total whatever the page, and stops when the callback asks it to.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "store.h"

struct seen {
	char	 ids[8][JOB_ID_LEN + 1];
	int	 n;
	int	 stop_after;
};

static int
collect(void *arg, const struct store_job *j)
{
	struct seen	*s = arg;

	if (s->n < 8)
		snprintf(s->ids[s->n], sizeof(s->ids[0]), "%s", j->id);
	s->n++;
	return s->stop_after > 0 && s->n >= s->stop_after;
}

static struct seen
page(struct store *s, int limit, int offset, int stop_after, int64_t *total)
{
	struct seen	 seen;
	char		 err[TALLY_ERR_MAX];

	memset(&seen, 0, sizeof(seen));
	seen.stop_after = stop_after;
	*total = -1;
	if (store_list(s, NULL, limit, offset, collect, &seen, total, err,
	    sizeof(err)) != 0)
		th_fail(__FILE__, __LINE__, "%s", err);
	return seen;
}

int
main(void)
{
	static struct store_job	 j;
	char			 path[4096], err[TALLY_ERR_MAX];
	struct store		*s;
	struct seen		 p;
	int64_t			 total;
	int			 i;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-list"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	p = page(s, 10, 0, 0, &total);
	CHECK(p.n == 0 && total == 0);

	/* Jobs 1..5, inserted in that order, all with the same time. */
	for (i = 1; i <= 5; i++) {
		snprintf(j.id, sizeof(j.id), "%034x", i);
		j.created = 1700000000.0;
		CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	}
	p = page(s, 2, 0, 0, &total);
	CHECK(total == 5 && p.n == 2);
	CHECK_STR(p.ids[0], "0000000000000000000000000000000005");
	CHECK_STR(p.ids[1], "0000000000000000000000000000000004");
	p = page(s, 2, 2, 0, &total);
	CHECK(total == 5 && p.n == 2);
	CHECK_STR(p.ids[0], "0000000000000000000000000000000003");
	CHECK_STR(p.ids[1], "0000000000000000000000000000000002");
	p = page(s, 2, 4, 0, &total);
	CHECK(total == 5 && p.n == 1);
	CHECK_STR(p.ids[0], "0000000000000000000000000000000001");
	p = page(s, 2, 5, 0, &total);
	CHECK(total == 5 && p.n == 0);
	p = page(s, 10, 0, 3, &total);
	CHECK(total == 5 && p.n == 3);

	/* Deleting one changes the total and the pages. */
	CHECK(store_delete(s, "0000000000000000000000000000000004", err,
	    sizeof(err)) == 0);
	p = page(s, 2, 0, 0, &total);
	CHECK(total == 4 && p.n == 2);
	CHECK_STR(p.ids[1], "0000000000000000000000000000000003");
	store_close(s);
	return 0;
}
