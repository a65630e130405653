/*
 * Jobs of the versions before node ids (32 hex digits) are adopted at
 * start-up: their folders and records, bad-row samples included, take the
 * node's prefix; a job that already has a 34-digit id is left alone, and a
 * second run changes nothing.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "job.h"
#include "store.h"
#include "sweep.h"

#define OLD	"00112233445566778899aabbccddeeff"

int
main(void)
{
	static struct store_job	 j, g;
	struct store_reject	 rj = { 2, 3, "n", "x", 1, "not a number" };
	char			 db[4096], root[4096], p[4200];
	char			 err[TALLY_ERR_MAX], id[JOB_ID_LEN + 1];
	const char		*dir = th_tmpdir("test-sweep-adopt");
	struct store		*s;
	struct stat		 st;

	snprintf(db, sizeof(db), "%s/tally.db", dir);
	snprintf(root, sizeof(root), "%s/jobs", dir);
	CHECK(mkdir(root, 0755) == 0);
	if ((s = store_open(db, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	/* An old job, finished with a bad-row sample, and its folder. */
	strcpy(j.id, OLD);
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	CHECK(store_claim(s, 1, id, err, sizeof(err)) == 1);
	j.state = JOB_DONE;
	j.has_metrics = 1;
	j.rejected = 1;
	j.rejects = &rj;
	j.nrejects = 1;
	CHECK(store_finish(s, &j, err, sizeof(err)) == 1);
	snprintf(p, sizeof(p), "%s/%s", root, OLD);
	CHECK(mkdir(p, 0755) == 0);
	/* A new job of node 5, which stays as it is. */
	memset(&j, 0, sizeof(j));
	strcpy(j.id, "05" OLD);
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);

	CHECK(sweep_adopt(s, root, 0x2a, err, sizeof(err)) == 1);
	CHECK(stat(p, &st) == -1);
	snprintf(p, sizeof(p), "%s/2a%s", root, OLD);
	CHECK(stat(p, &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(store_get(s, OLD, &g, err, sizeof(err)) == 1);
	CHECK(store_get(s, "2a" OLD, &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_DONE);
	CHECK(g.nrejects == 1 && g.rejects[0].line == 2);
	store_job_free(&g);
	CHECK(store_get(s, "05" OLD, &g, err, sizeof(err)) == 0);
	store_job_free(&g);

	CHECK(sweep_adopt(s, root, 0x2a, err, sizeof(err)) == 0);
	CHECK(sweep_adopt(s, root, JOB_NODE_MAX + 1, err, sizeof(err)) == -1);
	store_close(s);
	return 0;
}
