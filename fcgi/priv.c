/*
 * Dropping root (see priv.h).  The order is fixed: supplementary groups
 * while still root, the group while still root, the user last; each
 * failure is fatal to the caller, never ignored.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include "priv.h"

int
priv_init(struct priv *p, const char *user, char *err, size_t errsz)
{
	struct passwd	*pw;
	const char	*want = user != NULL ? user : PRIV_USER_DEFAULT;

	memset(p, 0, sizeof(*p));
	errno = 0;
	if ((pw = getpwnam(want)) == NULL && user == NULL)
		pw = getpwnam(want = PRIV_USER_FALLBACK);
	if (geteuid() != 0) {
		/* Not root: stay who we are, unless asked to be another. */
		if (user != NULL && (pw == NULL || pw->pw_uid != geteuid())) {
			snprintf(err, errsz, "--user %s: only root can switch "
			    "users, and tally-fcgi runs as uid %d", user,
			    (int)geteuid());
			return -1;
		}
		return 0;
	}
	if (pw == NULL) {
		snprintf(err, errsz, "--user %s: no such user", want);
		return -1;
	}
	if (pw->pw_uid == 0 || pw->pw_gid == 0) {
		snprintf(err, errsz, "--user %s: tally-fcgi will not keep "
		    "root's uid or gid; name an unprivileged user", want);
		return -1;
	}
	if (snprintf(p->name, sizeof(p->name), "%s", pw->pw_name) >=
	    (int)sizeof(p->name)) {
		snprintf(err, errsz, "--user: the name is too long");
		return -1;
	}
	p->uid = pw->pw_uid;
	p->gid = pw->pw_gid;
	p->active = 1;
	return 0;
}

int
priv_give(const struct priv *p, const char *path, char *err, size_t errsz)
{
	if (!p->active)
		return 0;
	if (lchown(path, p->uid, p->gid) == -1) {
		snprintf(err, errsz, "giving %s to user %s: %s", path, p->name,
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
priv_drop(const struct priv *p, char *err, size_t errsz)
{
	if (!p->active)
		return 0;
	if (setgroups(0, NULL) == -1) {
		snprintf(err, errsz, "setgroups: %s", strerror(errno));
		return -1;
	}
	if (setresgid(p->gid, p->gid, p->gid) == -1) {
		snprintf(err, errsz, "setgid %d: %s", (int)p->gid,
		    strerror(errno));
		return -1;
	}
	if (setresuid(p->uid, p->uid, p->uid) == -1) {
		snprintf(err, errsz, "setuid %d (%s): %s", (int)p->uid, p->name,
		    strerror(errno));
		return -1;
	}
	/* Check, never trust: every id is the user's, root stays out. */
	if (getuid() != p->uid || geteuid() != p->uid ||
	    getgid() != p->gid || getegid() != p->gid ||
	    getgroups(0, NULL) != 0 || setuid(0) != -1 || setgid(0) != -1 ||
	    setegid(0) != -1 || seteuid(0) != -1) {
		snprintf(err, errsz, "the switch to user %s did not hold "
		    "(root could be regained)", p->name);
		return -1;
	}
#if defined(__SANITIZE_ADDRESS__)
	/*
	 * A changed uid makes the process undumpable, and LeakSanitizer's
	 * check at exit needs to trace its own threads.  Sanitizer builds
	 * only: a release build stays undumpable.
	 */
	(void)prctl(PR_SET_DUMPABLE, 1);
#endif
	return 0;
}

int
priv_usable(const struct priv *p, const char *what, const char *path,
    int mode, char *err, size_t errsz)
{
	struct stat	 st;
	const char	*how;
	int		 dir;

	dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	if (dir)
		mode |= X_OK;
	if (access(path, mode) == 0)
		return 0;
	if (mode & W_OK)
		how = dir ? "searchable and writable" : "readable and writable";
	else if (mode & R_OK)
		how = "readable";
	else
		how = "executable";
	snprintf(err, errsz, "the %s %s is not usable by user %s (uid %d): "
	    "%s; it and the folders above it must be %s by that user: give "
	    "it to %s, or name another --user", what, path,
	    p->active ? p->name : "running tally-fcgi", (int)getuid(),
	    strerror(errno), how, p->active ? p->name : "that user");
	return -1;
}
