/*
 * job_path builds "<root>/<id>" and "<root>/<id>/<file>", and refuses a bad
 * id, an unknown file and a buffer too small (N and N+1 bytes).
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "job.h"

#define ID	"0000112233445566778899aabbccddeeff"

int
main(void)
{
	char	 buf[JOB_PATH_MAX];

	CHECK(job_path(buf, sizeof(buf), "/var/tally", ID, -1) == 0);
	CHECK_STR(buf, "/var/tally/" ID);
	CHECK(job_path(buf, sizeof(buf), "/r", ID, JOB_FILE_INPUT) == 0);
	CHECK_STR(buf, "/r/" ID "/input");
	CHECK(job_path(buf, sizeof(buf), "/r", ID, JOB_FILE_JSON) == 0);
	CHECK_STR(buf, "/r/" ID "/result.json");

	strcpy(buf, "untouched");
	CHECK(job_path(buf, sizeof(buf), "/r", "../etc", -1) == -1);
	CHECK(job_path(buf, sizeof(buf), "/r", "../etc", JOB_FILE_CSV) == -1);
	CHECK(job_path(buf, sizeof(buf), "/r", ID "/..", -1) == -1);
	CHECK(job_path(buf, sizeof(buf), "/r", NULL, -1) == -1);
	CHECK_STR(buf, "untouched");
	CHECK(job_path(buf, sizeof(buf), "/r", ID, JOB_FILE__MAX) == -1);

	/* "/r/" ID is 37 bytes: it needs 38 with the NUL. */
	CHECK(job_path(buf, 38, "/r", ID, -1) == 0);
	CHECK(job_path(buf, 37, "/r", ID, -1) == -1);
	return 0;
}
