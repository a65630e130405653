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

/*
 * Locate body in every block size from 1 to 300 (to its length + 1 for
 * bodies up to 1 KiB; for bodies over 16 KiB,
 * a spread of them: 1, 2, 4, 7, 11...), then in a few larger
 * ones up to past its length, and check each gives what the default block
 * size gives: the same return, error, range, file name and fields.
 * Returns that result (m and err as th_locate() fills them); exits 1
 * naming the first block size that differs.
 */
int		 th_locate_blocks(const char *body, size_t len,
		    const char *boundary, struct multipart *m, char *err,
		    size_t errsz);

#endif /* TALLY_LOCATE_H */
