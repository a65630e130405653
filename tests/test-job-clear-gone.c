/*
 * A done job's input is renamed to input.tmp.gone before the job is
 * recorded and unlinked after (runner.c); a runner killed in between
 * leaves it behind.  The sweep's job_clear() of a finished job's folder,
 * which keeps every named file but the lock, removes it as a temporary
 * file and keeps the results.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "harness.h"
#include "job.h"

#define ID	"0000112233445566778899aabbccddeeff"

static int
exists(const char *dir, const char *name)
{
	char		 path[JOB_PATH_MAX];
	struct stat	 st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0;
}

int
main(void)
{
	const char	*root = th_tmpdir("test-job-clear-gone");
	char		 dir[JOB_PATH_MAX];

	CHECK(job_path(dir, sizeof(dir), root, ID, -1) == 0);
	if (mkdir(dir, 0700) == -1)
		return TH_ERROR;
	th_touch(dir, "result.csv");
	th_touch(dir, "result.json");
	th_touch(dir, "lock");
	th_touch(dir, "input.tmp.gone");
	job_clear(root, ID, ~JOB_KEEP(JOB_FILE_LOCK));
	CHECK(!exists(dir, "input.tmp.gone"));
	CHECK(!exists(dir, "lock"));
	CHECK(exists(dir, "result.csv"));
	CHECK(exists(dir, "result.json"));

	/* A kept input (--keep-input) is a named file, and stays. */
	th_touch(dir, "input");
	job_clear(root, ID, ~JOB_KEEP(JOB_FILE_LOCK));
	CHECK(exists(dir, "input"));
	return 0;
}
