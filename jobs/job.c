/*
 * Job ids and job folders.  A job folder holds only what tally puts there:
 * the input, result.csv and result.json, and while a result is being
 * written, its temporary file.  Ids and paths know nothing of the
 * database; job_cancel() and job_delete() at the end go through the store.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>

#include "job.h"
#include "lock.h"
#include "sched.h"
#include "store.h"

/* How long a cancel waits for its runner before killing it. */
#define CANCEL_WAIT_MS	2000

const char *const job_kind_names[JOB_KIND__MAX] = {
	"agg", "profile",
};

const char *const job_file_names[JOB_FILE__MAX] = {
	"input", "lock", "result.csv", "result.json", "result.parquet",
	"rejects.csv", "result.csv.gz", "result.json.gz", "query",
	"result.idx", "result.byvalue",
};

int
job_id_new(unsigned node, char id[JOB_ID_LEN + 1], char *err, size_t errsz)
{
	unsigned char	 raw[(JOB_ID_LEN - JOB_NODE_LEN) / 2];
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
	if (node > JOB_NODE_MAX) {
		snprintf(err, errsz, "node %u is not 0 to %d", node,
		    JOB_NODE_MAX);
		return -1;
	}
	snprintf(id, JOB_NODE_LEN + 1, "%02x", node);
	for (i = 0; i < sizeof(raw); i++)
		snprintf(id + JOB_NODE_LEN + 2 * i, 3, "%02x", raw[i]);
	return 0;
}

unsigned
job_id_node(const char *id)
{
	unsigned	 n = 0;
	size_t		 i;

	for (i = 0; i < JOB_NODE_LEN; i++)
		n = n * 16 + (unsigned)(id[i] <= '9' ? id[i] - '0' :
		    id[i] - 'a' + 10);
	return n;
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

/*
 * Is name one of the temporary files output_file() or lock_take() makes,
 * or a done job's input on its way out (NAME.tmp.SUFFIX)?
 */
static int
is_tmp(const char *name)
{
	size_t	 i;

	for (i = 0; i < JOB_FILE__MAX; i++) {
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
	size_t		 i, n;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		int	 ours = is_tmp(de->d_name);

		for (i = 0; all && i < JOB_FILE__MAX; i++)
			if (strcmp(de->d_name, job_file_names[i]) == 0)
				ours = 1;
		/* The orders by other columns (rows.c): result.byvalue.N. */
		n = strlen(job_file_names[JOB_FILE_BYVALUE]);
		if (all && strncmp(de->d_name, job_file_names[JOB_FILE_BYVALUE],
		    n) == 0 && de->d_name[n] == '.')
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

int
job_cancel(struct store *s, const struct sched_conf *c, const char *id,
    char *err, size_t errsz)
{
	struct store_job	 j;
	enum job_state		 was;
	int64_t			 pid = 0;
	char			 why[TALLY_ERR_MAX];
	int			 rc;

	if ((rc = store_cancel(s, id, &was, &pid, err, errsz)) == -1)
		return -1;
	if (rc == 0) {
		if ((rc = store_get(s, id, &j, err, errsz)) == -1)
			return -1;
		if (rc == 1)
			return JOB_END_ABSENT;
		store_job_free(&j);
		return JOB_END_ENDED;
	}
	/*
	 * Only the process that holds the job's lock is signalled; once the
	 * lock is free nothing writes in the folder, so clear it.
	 */
	if (was == JOB_RUNNING)
		(void)lock_stop(c->jobs, id, CANCEL_WAIT_MS);
	job_clear(c->jobs, id, c->keep_input ? JOB_KEEP(JOB_FILE_INPUT) : 0);
	if (sched_kick(s, c, why, sizeof(why)) == -1)
		fprintf(stderr, "tally: scheduling: %s\n", why);
	return JOB_END_DONE;
}

int
job_delete(struct store *s, const struct sched_conf *c, const char *id,
    char *err, size_t errsz)
{
	int	 rc;

	if ((rc = job_cancel(s, c, id, err, errsz)) == -1)
		return -1;
	if (rc == JOB_END_ABSENT)
		return JOB_END_ABSENT;
	if (store_delete(s, id, err, errsz) == -1)
		return -1;
	if (job_remove(c->jobs, id, err, errsz) == -1)
		fprintf(stderr, "tally: %s\n", err);
	return JOB_END_DONE;
}
