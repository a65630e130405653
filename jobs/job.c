/*
 * Job ids and job folders.  A job folder holds only what tally puts there:
 * the input, result.csv and result.json, and while a result is being
 * written, its temporary file.  This file does not know about the database.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>

#include "job.h"

const char *const job_file_names[JOB_FILE__MAX] = {
	"input", "lock", "result.csv", "result.json", "result.parquet",
	"rejects.csv", "result.csv.gz", "result.json.gz",
};

int
job_id_new(char id[JOB_ID_LEN + 1], char *err, size_t errsz)
{
	unsigned char	 raw[JOB_ID_LEN / 2];
	size_t		 got = 0, i;
	ssize_t		 n;

	while (got < sizeof(raw)) {
		n = getrandom(raw + got, sizeof(raw) - got, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			snprintf(err, errsz, "getrandom: %s", strerror(errno));
			return -1;
		}
		got += (size_t)n;
	}
	for (i = 0; i < sizeof(raw); i++)
		snprintf(id + 2 * i, 3, "%02x", raw[i]);
	return 0;
}

int
job_id_valid(const char *s)
{
	size_t	 i;

	if (s == NULL)
		return 0;
	for (i = 0; i < JOB_ID_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[JOB_ID_LEN] == '\0';
}

int
job_path(char *buf, size_t sz, const char *root, const char *id, int file)
{
	int	 n;

	if (!job_id_valid(id) || file >= JOB_FILE__MAX)
		return -1;
	if (file < 0)
		n = snprintf(buf, sz, "%s/%s", root, id);
	else
		n = snprintf(buf, sz, "%s/%s/%s", root, id,
		    job_file_names[file]);
	return n < 0 || (size_t)n >= sz ? -1 : 0;
}

/* Is name one of the temporary files output_file() makes? */
static int
is_tmp(const char *name)
{
	size_t	 i;

	for (i = JOB_FILE_CSV; i < JOB_FILE__MAX; i++) {
		size_t	 n = strlen(job_file_names[i]);

		if (strncmp(name, job_file_names[i], n) == 0 &&
		    strncmp(name + n, ".tmp.", 5) == 0)
			return 1;
	}
	return 0;
}

static void
remove_matching(const char *dir, int all)
{
	char		 path[JOB_PATH_MAX];
	struct dirent	*de;
	DIR		*d;
	size_t		 i;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		int	 ours = is_tmp(de->d_name);

		for (i = 0; all && i < JOB_FILE__MAX; i++)
			if (strcmp(de->d_name, job_file_names[i]) == 0)
				ours = 1;
		if (!ours)
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir,
		    de->d_name) < (int)sizeof(path))
			unlink(path);
	}
	closedir(d);
}

int
job_remove(const char *root, const char *id, char *err, size_t errsz)
{
	char	 dir[JOB_PATH_MAX];

	if (job_path(dir, sizeof(dir), root, id, -1) == -1) {
		snprintf(err, errsz, "bad job id");
		return -1;
	}
	remove_matching(dir, 1);
	if (rmdir(dir) == -1 && errno != ENOENT) {
		snprintf(err, errsz, "%s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

void
job_clean_tmp(const char *root, const char *id)
{
	char	 dir[JOB_PATH_MAX];

	if (job_path(dir, sizeof(dir), root, id, -1) == 0)
		remove_matching(dir, 0);
}

void
job_clear(const char *root, const char *id, unsigned keep)
{
	char	 dir[JOB_PATH_MAX], path[JOB_PATH_MAX];
	int	 f;

	if (job_path(dir, sizeof(dir), root, id, -1) == -1)
		return;
	remove_matching(dir, 0);
	for (f = 0; f < JOB_FILE__MAX; f++)
		if (!(keep & JOB_KEEP(f)) &&
		    job_path(path, sizeof(path), root, id, f) == 0)
			unlink(path);
	/* Not empty (a kept file): it stays. */
	(void)rmdir(dir);
}
