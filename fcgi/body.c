/*
 * Taking over nginx's stored request bodies (see body.h).  The body folder
 * is writable by nginx's workers too, so nothing here trusts a path twice:
 * the file is pinned with O_PATH, checked (a regular file with one link,
 * not a link planted to some other file of nginx's user), given to us
 * through that descriptor, then reopened and checked to be the same inode.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "body.h"

int
body_open(const char *path, char *err, size_t errsz)
{
	struct stat	 pin, st;
	int		 pfd = -1, fd = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) != -1)
		return fd;
	if (errno != EACCES) {
		snprintf(err, errsz, "the stored upload cannot be read: %s",
		    strerror(errno));
		return -1;
	}
	if ((pfd = open(path, O_PATH | O_CLOEXEC | O_NOFOLLOW)) == -1 ||
	    fstat(pfd, &pin) == -1) {
		snprintf(err, errsz, "the stored upload cannot be read: %s",
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(pin.st_mode) || pin.st_nlink != 1) {
		snprintf(err, errsz, "the stored upload is not a plain file "
		    "with one link; it is left alone");
		goto out;
	}
	if (fchownat(pfd, "", geteuid(), (gid_t)-1, AT_EMPTY_PATH) == -1) {
		snprintf(err, errsz, "the stored upload belongs to uid %d "
		    "(nginx's workers) and cannot be given to uid %d: %s; run "
		    "tally-fcgi as nginx's user or give it CAP_CHOWN (as "
		    "tally-fcgi.service does)", (int)pin.st_uid,
		    (int)geteuid(), strerror(errno));
		goto out;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1 ||
	    fstat(fd, &st) == -1) {
		snprintf(err, errsz, "the stored upload cannot be read: %s",
		    strerror(errno));
		goto fail;
	}
	if (st.st_dev != pin.st_dev || st.st_ino != pin.st_ino) {
		snprintf(err, errsz, "the stored upload was replaced while it "
		    "was taken over");
		goto fail;
	}
	goto out;
fail:
	if (fd != -1)
		close(fd);
	fd = -1;
out:
	if (pfd != -1)
		close(pfd);
	return fd;
}
