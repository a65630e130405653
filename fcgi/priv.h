/*
 * Least privilege for the daemon.  Started as root, tally-fcgi prepares
 * what needs root (its folders, its log, binding its socket), gives what
 * it made to an unprivileged user, then becomes that user for good:
 * supplementary groups cleared, then the group, then the user, and the
 * drop checked (getting root back must fail).  Workers and runners are
 * forked after the drop and inherit it.  Started as another user, it
 * stays that user.  This file knows nothing of HTTP or jobs.
 */
#ifndef TALLY_PRIV_H
#define TALLY_PRIV_H

#include <stddef.h>
#include <sys/types.h>

/* The user used when --user is not given, and the one after it. */
#define PRIV_USER_DEFAULT	"tally"
#define PRIV_USER_FALLBACK	"nobody"

/* Who the daemon becomes. */
struct priv {
	int	 active;	/* started as root: a drop is due */
	uid_t	 uid;
	gid_t	 gid;
	char	 name[64];	/* the user's name, for messages */
};

/*
 * Decide who to become.  user is --user, or NULL for PRIV_USER_DEFAULT,
 * falling back to PRIV_USER_FALLBACK when no such user exists (a named
 * user must exist).  As root, p->active is set; otherwise the daemon stays
 * who it is, and a user named that is not that one is an error.  Root
 * itself is refused as the target.  Returns 0, or -1 with err set.
 */
int	 priv_init(struct priv *p, const char *user, char *err, size_t errsz);

/*
 * Give path, which the caller made while root, to the user (and its
 * group).  A no-op unless p->active.  Returns 0, or -1 with err set.
 */
int	 priv_give(const struct priv *p, const char *path, char *err,
	    size_t errsz);

/*
 * Become the user: setgroups(0), setgid(), setuid(), then check that
 * the ids are the user's in every slot, that no supplementary group is
 * left and that setuid(0) fails.  A no-op unless p->active.  Returns 0,
 * or -1 with err set (the caller must exit: it may be half-dropped).
 */
int	 priv_drop(const struct priv *p, char *err, size_t errsz);

/*
 * After the drop: whether this process may use path as mode asks
 * (access(2) bits; a folder gets X_OK added), as the sentence "what PATH
 * is not usable by user NAME: ..." in err otherwise.  Returns 0 or -1.
 */
int	 priv_usable(const struct priv *p, const char *what, const char *path,
	    int mode, char *err, size_t errsz);

#endif /* TALLY_PRIV_H */
