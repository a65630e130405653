/*
 * job_remove deletes a job folder with the files tally puts there
 * (input, results, temporary results); a missing folder is fine, a bad id
 * is refused, and a file tally does not know is left in place (so the
 * folder stays and the call fails).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "harness.h"
#include "job.h"

#define ID	"0000112233445566778899aabbccddeeff"

int
main(void)
{
	const char	*root = th_tmpdir("test-job-remove");
	char		 dir[JOB_PATH_MAX], path[JOB_PATH_MAX + 16];
	char		 err[TALLY_ERR_MAX];
	struct stat	 st;

	CHECK(job_path(dir, sizeof(dir), root, ID, -1) == 0);
	if (mkdir(dir, 0700) == -1)
		return TH_ERROR;
	th_touch(dir, "input");
	th_touch(dir, "result.csv");
	th_touch(dir, "result.json");
	th_touch(dir, "result.csv.tmp.1234");
	th_touch(dir, "result.json.tmp.99");
	CHECK(job_remove(root, ID, err, sizeof(err)) == 0);
	CHECK(stat(dir, &st) == -1);

	/* Gone already: still fine. */
	CHECK(job_remove(root, ID, err, sizeof(err)) == 0);

	CHECK(job_remove(root, "..", err, sizeof(err)) == -1);
	CHECK_HAS(err, "bad job id");

	if (mkdir(dir, 0700) == -1)
		return TH_ERROR;
	th_touch(dir, "input");
	th_touch(dir, "notes.txt");
	CHECK(job_remove(root, ID, err, sizeof(err)) == -1);
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	CHECK(stat(path, &st) == 0);
	snprintf(path, sizeof(path), "%s/input", dir);
	CHECK(stat(path, &st) == -1);
	return 0;
}
