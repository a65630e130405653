/*
 * The files nginx stores request bodies in (client_body_temp_path),
 * opened by tally-fcgi.  nginx's workers write each one mode 0600 as their
 * own user; tally-fcgi, run as a user of its own (tally), takes the file
 * over first: it gives the file to itself with fchownat(), which needs
 * CAP_CHOWN (the systemd unit's only capability), and only a plain file
 * with one link, so no other file can be reached through the body folder.
 * Run as nginx's own user, the file is already readable and nothing is
 * changed.  This file knows nothing of jobs or of HTTP.
 */
#ifndef TALLY_BODY_H
#define TALLY_BODY_H

#include <stddef.h>

/*
 * Open the stored body at path for reading, taking it over first if it
 * belongs to another user.  Returns a descriptor (O_CLOEXEC) the caller
 * closes, or -1 with err set.  After the call the file at path is
 * readable by this process's user (the caller may rename it into a job's
 * folder, and that job's runner may read it).
 */
int	 body_open(const char *path, char *err, size_t errsz);

#endif /* TALLY_BODY_H */
