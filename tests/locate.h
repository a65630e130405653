/*
 * Helpers for the multipart locator tests: run multipart_locate() over a
 * body held in memory, the way the daemon runs it over a stored upload.
 */
#ifndef TALLY_LOCATE_H
#define TALLY_LOCATE_H

#include <stddef.h>

#include "multipart.h"

/*
 * Write len bytes of body to a temporary file and locate its parts with
 * boundary.  Returns what multipart_locate() returns; the file is gone.
 */
int		 th_locate(const char *body, size_t len, const char *boundary,
		    struct multipart *m, char *err, size_t errsz);

/*
 * Each of the n NUL-terminated bodies must be refused, with an error that
 * contains part.  Exits 1 naming the first body that is not.
 */
void		 th_locate_bad(const char *const *bodies, size_t n,
		    const char *boundary, const char *part);

#endif /* TALLY_LOCATE_H */
