/*
 * Counting nginx's refusals log (see refusals.h).  Lines are short ASCII
 * statuses; the file is read in fixed blocks from where the last count
 * stopped, so a scrape after a flood reads the flood once, in bounded
 * memory.  Rotation is followed by the file's inode: a log renamed aside
 * (deploy/tally.logrotate) is found again in its folder and counted to
 * its end before the new one is counted from its start.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "refusals.h"

static const struct {
	int		 status;
	const char	*code;
} refusals[REFUSAL__MAX] = {
	[REFUSAL_BAD_REQUEST] = { 400, "bad_request" },
	[REFUSAL_TIMEOUT] = { 408, "timeout" },
	[REFUSAL_TOO_LARGE] = { 413, "too_large" },
	[REFUSAL_URI_TOO_LONG] = { 414, "uri_too_long" },
	[REFUSAL_RATE_LIMITED] = { 429, "rate_limited" },
	[REFUSAL_HEADER_TOO_LARGE] = { 494, "header_too_large" },
};

int
refusal_status(enum refusal i)
{
	return refusals[i].status;
}

const char *
refusal_code(enum refusal i)
{
	return refusals[i].code;
}

/* One line's status (without its newline) into the counts. */
static void
count_line(unsigned long *count, const char *line, size_t len)
{
	int	 status = 0;
	size_t	 i;

	if (len == 0 || len > 3)
		return;
	for (i = 0; i < len; i++) {
		if (line[i] < '0' || line[i] > '9')
			return;
		status = status * 10 + (line[i] - '0');
	}
	for (i = 0; i < REFUSAL__MAX; i++)
		if (refusals[i].status == status)
			count[i]++;
}

/*
 * Count the lines of fd from off to its end into count.  A line is counted
 * only with its newline: the offset returned stays at the start of a last
 * line without one.  Returns that offset, or -1 (errno set).
 */
static off_t
count_from(int fd, off_t off, unsigned long *count)
{
	char		 buf[64 * 1024], line[8];
	ssize_t		 n, k;
	size_t		 ll = 0;

	while ((n = pread(fd, buf, sizeof(buf), off + (off_t)ll)) > 0) {
		for (k = 0; k < n; k++) {
			if (buf[k] != '\n') {
				if (ll < sizeof(line))
					line[ll] = buf[k];
				ll++;
				continue;
			}
			count_line(count, line, ll < sizeof(line) ? ll : 0);
			off += (off_t)ll + 1;
			ll = 0;
		}
	}
	return n == -1 ? -1 : off;
}

/*
 * The file r counted, if path's folder still holds it under another name
 * (logrotate renames it, and nginx writes to it until it reopens its
 * logs): an open descriptor, or -1 if it is gone (removed, or compressed
 * into another file).
 */
static int
open_moved(const struct refusals *r, const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		 dir[4096];
	struct dirent	*e;
	struct stat	 st;
	DIR		*d;
	int		 fd = -1;

	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if ((size_t)snprintf(dir, sizeof(dir), "%.*s", (int)(slash -
	    path), path) >= sizeof(dir) || dir[0] == '\0')
		snprintf(dir, sizeof(dir), "/");
	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_ino != r->ino || (fd = openat(dirfd(d), e->d_name,
		    O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
			continue;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_dev == r->dev && st.st_ino == r->ino)
			break;
		close(fd);
		fd = -1;
	}
	closedir(d);
	return fd;
}

int
refusals_update(struct refusals *r, const char *path, char *err,
    size_t errsz)
{
	struct stat	 st, now;
	unsigned long	 count[REFUSAL__MAX];
	off_t		 off, end;
	size_t		 i;
	int		 fd = -1, old = -1, tries, rc = -1;

	/*
	 * Locked, and still the file path names (not renamed meanwhile), so
	 * that every worker counting takes the same lock.
	 */
	for (tries = 0;; tries++) {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
			if (errno == ENOENT)
				return 0;
			goto fail;
		}
		if (flock(fd, LOCK_EX) == -1 || fstat(fd, &st) == -1)
			goto fail;
		if (stat(path, &now) == 0 && now.st_dev == st.st_dev &&
		    now.st_ino == st.st_ino)
			break;
		close(fd);
		fd = -1;
		if (tries == 3) {
			errno = EAGAIN;
			goto fail;
		}
	}
	memcpy(count, r->count, sizeof(count));
	off = r->offset;
	if (r->ino != 0 && (st.st_dev != r->dev || st.st_ino != r->ino)) {
		/*
		 * Rotated: first the rest of the file counted so far.  While
		 * the new one is empty nginx may not have reopened its logs
		 * yet, so the old one stays the one counted.
		 */
		if ((old = open_moved(r, path)) != -1) {
			if ((end = count_from(old, off, count)) == -1)
				goto fail;
			if (st.st_size == 0) {
				r->offset = end;
				goto done;
			}
		}
		off = 0;
	} else if (st.st_size < off)
		off = 0;	/* cut short: from its start */
	if ((end = count_from(fd, off, count)) == -1)
		goto fail;
	r->dev = st.st_dev;
	r->ino = st.st_ino;
	r->offset = end;
done:
	for (i = 0; i < REFUSAL__MAX; i++)
		r->count[i] = count[i];
	rc = 0;
	goto out;
fail:
	snprintf(err, errsz, "nginx's refusals log %s: %s", path,
	    strerror(errno));
out:
	if (fd != -1)
		close(fd);
	if (old != -1)
		close(old);
	return rc;
}
