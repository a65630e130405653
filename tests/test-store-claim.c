/*
 * store_claim starts the oldest queued job while fewer than max_running
 * run: with two slots and three jobs, two claims succeed and the third
 * gets 0; once a job finishes, the next claim takes the oldest one left.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "store.h"

#define ID(n)	"000000000000000000000000000000000" #n

int
main(void)
{
	static struct store_job	 j;
	char			 path[4096], err[TALLY_ERR_MAX];
	char			 id[JOB_ID_LEN + 1];
	struct store		*s;
	int64_t			 counts[JOB_STATE__MAX];
	int			 i;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-claim"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(store_claim(s, 2, id, err, sizeof(err)) == 0);
	for (i = 1; i <= 3; i++) {
		snprintf(j.id, sizeof(j.id), "%034x", i);
		j.created = 1700000000.0 + i;
		CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	}
	CHECK(store_claim(s, 2, id, err, sizeof(err)) == 1);
	CHECK_STR(id, ID(1));
	CHECK(store_claim(s, 2, id, err, sizeof(err)) == 1);
	CHECK_STR(id, ID(2));
	strcpy(id, "unchanged");
	CHECK(store_claim(s, 2, id, err, sizeof(err)) == 0);
	CHECK(store_claim(s, 2, id, err, sizeof(err)) == 0);
	CHECK(store_counts(s, counts, err, sizeof(err)) == 0);
	CHECK(counts[JOB_RUNNING] == 2 && counts[JOB_QUEUED] == 1);

	strcpy(j.id, ID(2));
	j.state = JOB_DONE;
	CHECK(store_finish(s, &j, err, sizeof(err)) == 1);
	CHECK(store_claim(s, 2, id, err, sizeof(err)) == 1);
	CHECK_STR(id, ID(3));
	CHECK(store_claim(s, 3, id, err, sizeof(err)) == 0);
	CHECK(store_counts(s, counts, err, sizeof(err)) == 0);
	CHECK(counts[JOB_RUNNING] == 2 && counts[JOB_DONE] == 1);
	CHECK(counts[JOB_QUEUED] == 0);
	CHECK(store_claim(s, 0, id, err, sizeof(err)) == 0);
	store_close(s);
	return 0;
}
