/*
 * Counting nginx's refusals log (see refusals.h).  Lines are short ASCII
 * statuses; the file is read in fixed blocks from where the last count
 * stopped, so a scrape after a flood reads the flood once, in bounded
 * memory.
 */
#include "config.h"

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

int
refusals_update(struct refusals *r, const char *path, char *err,
    size_t errsz)
{
	struct stat	 st;
	unsigned long	 count[REFUSAL__MAX];
	char		 buf[64 * 1024], line[8];
	off_t		 off;
	ssize_t		 n, k;
	size_t		 ll = 0, i;
	int		 fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errsz, "nginx's refusals log %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX) == -1 || fstat(fd, &st) == -1) {
		snprintf(err, errsz, "nginx's refusals log %s: %s", path,
		    strerror(errno));
		goto out;
	}
	/* Another file (rotated), or this one cut short: from its start. */
	off = r->offset;
	if (st.st_dev != r->dev || st.st_ino != r->ino || st.st_size < off)
		off = 0;
	memcpy(count, r->count, sizeof(count));
	/* A line is counted only with its newline; off stays at its start. */
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
	if (n == -1) {
		snprintf(err, errsz, "nginx's refusals log %s: %s", path,
		    strerror(errno));
		goto out;
	}
	r->dev = st.st_dev;
	r->ino = st.st_ino;
	r->offset = off;
	for (i = 0; i < REFUSAL__MAX; i++)
		r->count[i] = count[i];
	rc = 0;
out:
	close(fd);
	return rc;
}
