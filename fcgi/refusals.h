/*
 * Requests nginx refuses itself (a body over client_max_body_size, a rate
 * or connection limit, a bad or oversized header) never reach tally-fcgi.
 * nginx writes one line, the status, for each of them into a log of their
 * own (log_format tally_refusals '$status', only when no upstream
 * answered: see nginx/tally.conf.in), and GET /api/metrics counts that
 * file incrementally: the counts and how far the file was read live in
 * the daemon's shared memory, so a scrape reads only the bytes added
 * since the last one, whichever worker answers it, and a flood of refusals
 * costs nginx four bytes a request and tally nothing until a scrape.  A
 * restart reads the file again from its start, so the counts survive it.
 * A rotated log is counted exactly: the old file, found by its inode in
 * the same folder under its new name, is counted to its end (nginx writes
 * to it until it reopens its logs), then the new one from its start; a
 * file cut short (truncated) is read from its start.  A log copied and
 * truncated (logrotate's copytruncate) can lose lines: rotate by renaming.
 */
#ifndef TALLY_REFUSALS_H
#define TALLY_REFUSALS_H

#include <stddef.h>
#include <sys/types.h>

/* The statuses nginx refuses with, each with the error code it answers. */
enum refusal {
	REFUSAL_BAD_REQUEST,	/* 400 */
	REFUSAL_TIMEOUT,	/* 408: client_header/body_timeout */
	REFUSAL_TOO_LARGE,	/* 413: client_max_body_size */
	REFUSAL_URI_TOO_LONG,	/* 414 */
	REFUSAL_RATE_LIMITED,	/* 429: limit_req, limit_conn */
	REFUSAL_HEADER_TOO_LARGE, /* 494 */
	REFUSAL__MAX
};

/* What the workers share (inside struct api_pool, in shared memory). */
struct refusals {
	off_t		 offset;	/* bytes of the file counted */
	dev_t		 dev;		/* the file counted */
	ino_t		 ino;
	unsigned long	 count[REFUSAL__MAX];
};

/* The status and the error code of a refusal. */
int		 refusal_status(enum refusal);
const char	*refusal_code(enum refusal);

/*
 * Count the lines path gained since the last call into r, under an
 * exclusive flock() on the file so that two workers never count a line
 * twice.  A missing file counts nothing (nginx refused nothing yet); a
 * line of another status is skipped; a last line without its newline is
 * left for the next call.  After a rotation (path names another inode),
 * the rest of the file counted so far is counted first if path's folder
 * still holds it, and it stays the one counted while the new file is
 * empty.  Returns 0, or -1 with err set (r unchanged).
 */
int		 refusals_update(struct refusals *r, const char *path,
		    char *err, size_t errsz);

#endif /* TALLY_REFUSALS_H */
