/*
 * A decoding pipeline: a thread reads a byte range of a file descriptor,
 * converts it to UTF-8 with transcode.c and writes the result into a pipe,
 * whose read end the parsers then read like any other pipe (so one parser
 * thread, pipelined with the decoder).  It is used for inputs that cannot
 * be parsed in place: UTF-16, and a pipe whose first bytes had to be read
 * to learn its encoding (they are handed back first).  It knows nothing of
 * CSV.
 */
#ifndef TALLY_DECODE_H
#define TALLY_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "transcode.h"

struct decode;

/*
 * Start decoding: first the prelen bytes at pre (copied), which came from
 * the start of the range, then len bytes of fd from offset off + prelen
 * (len < 0: to the end; a pipe is read from where it is), in enc.  On
 * success *rfd is the read end, which the caller reads and must not close
 * (decode_finish() does).  Returns NULL with err set on failure.
 */
struct decode	*decode_start(int fd, off_t off, off_t len, enum transcode_enc enc,
		    const char *pre, size_t prelen, int *rfd, char *err,
		    size_t errsz);

/* Bytes of the range consumed so far (pre included); any thread may ask. */
uint64_t	 decode_bytes(struct decode *d);

/*
 * Stop reading (if the parser stopped early), wait for the thread and free
 * everything.  Returns 0, or -1 with err set if the decoder failed to read
 * (then whatever the parser made of the input is not to be trusted).
 * NULL is fine.
 */
int		 decode_finish(struct decode *d, char *err, size_t errsz);

#endif /* TALLY_DECODE_H */
