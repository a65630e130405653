/*
 * The sweeps (see sweep.h).  Each one is bounded per call (a directory
 * walk, or 256 expired jobs), so the daemon's tick stays short; whatever is
 * left waits for the next tick.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "clock.h"
#include "job.h"
#include "store.h"
#include "sweep.h"

int
sweep_uploads(const char *dir, double grace)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	double		 now = clock_wall();
	int		 n = 0, dfd;

	if ((d = opendir(dir)) == NULL)
		return 0;
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (now - ((double)st.st_mtim.tv_sec +
		    (double)st.st_mtim.tv_nsec / 1e9) <= grace)
			continue;
		if (unlinkat(dfd, de->d_name, 0) == 0)
			n++;
	}
	closedir(d);
	return n;
}

int
sweep_orphans(struct store *s, const char *root, double grace, char *err,
    size_t errsz)
{
	static struct store_job	 j;
	struct dirent		*de;
	struct stat		 st;
	DIR			*d;
	double			 now = clock_wall();
	int			 n = 0, rc = 0;
	char			 why[TALLY_ERR_MAX];

	if ((d = opendir(root)) == NULL) {
		snprintf(err, errsz, "%s: %s", root, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (!job_id_valid(de->d_name))
			continue;
		if (fstatat(dirfd(d), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == -1 || !S_ISDIR(st.st_mode))
			continue;
		if (now - ((double)st.st_mtim.tv_sec +
		    (double)st.st_mtim.tv_nsec / 1e9) <= grace)
			continue;
		switch (store_get(s, de->d_name, &j, err, errsz)) {
		case 0:
			/*
			 * A finished job's folder keeps its named files but
			 * not a lock file or temporary files that a runner
			 * killed after recording its end left; emptied, the
			 * folder goes.
			 */
			if (j.state != JOB_QUEUED && j.state != JOB_RUNNING)
				job_clear(root, de->d_name,
				    ~JOB_KEEP(JOB_FILE_LOCK));
			store_job_free(&j);
			continue;
		case 1:
			break;
		default:
			rc = -1;
			goto out;
		}
		if (job_remove(root, de->d_name, why, sizeof(why)) == 0)
			n++;
		else
			fprintf(stderr, "tally: sweeping: %s\n", why);
	}
out:
	closedir(d);
	return rc == -1 ? -1 : n;
}

struct expired {
	struct store	*s;
	const char	*root;
	int		 n;
	int		 failed;
	char		*err;
	size_t		 errsz;
};

static int
expire_one(void *arg, const char *id)
{
	struct expired	*e = arg;
	char		 why[TALLY_ERR_MAX];

	if (store_delete(e->s, id, e->err, e->errsz) == -1) {
		e->failed = 1;
		return 1;
	}
	if (job_remove(e->root, id, why, sizeof(why)) == -1)
		fprintf(stderr, "tally: retention: %s\n", why);
	e->n++;
	return 0;
}

int
sweep_expired(struct store *s, const char *root, double keep, char *err,
    size_t errsz)
{
	struct expired	 e = { s, root, 0, 0, err, errsz };

	if (store_expired(s, clock_wall() - keep, expire_one, &e, err,
	    errsz) == -1 || e.failed)
		return -1;
	return e.n;
}

/* Is name an id of the versions before node prefixes (32 hex digits)? */
static int
old_id(const char *name)
{
	size_t	 i;

	for (i = 0; i < JOB_ID_LEN - JOB_NODE_LEN; i++)
		if (!((name[i] >= '0' && name[i] <= '9') ||
		    (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	return name[i] == '\0';
}

int
sweep_adopt(struct store *s, const char *root, unsigned node, char *err,
    size_t errsz)
{
	struct dirent	*de;
	DIR		*d;
	char		 prefix[JOB_NODE_LEN + 1], to[JOB_ID_LEN + 1];

	if (node > JOB_NODE_MAX) {
		snprintf(err, errsz, "node %u is not 0 to %d", node,
		    JOB_NODE_MAX);
		return -1;
	}
	snprintf(prefix, sizeof(prefix), "%02x", node);
	if ((d = opendir(root)) == NULL) {
		snprintf(err, errsz, "%s: %s", root, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (!old_id(de->d_name))
			continue;
		memcpy(to, prefix, JOB_NODE_LEN);
		memcpy(to + JOB_NODE_LEN, de->d_name, JOB_ID_LEN - JOB_NODE_LEN + 1);
		if (renameat(dirfd(d), de->d_name, dirfd(d), to) == -1) {
			snprintf(err, errsz, "%s/%s: %s", root, de->d_name,
			    strerror(errno));
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return store_adopt_ids(s, prefix, err, errsz);
}
