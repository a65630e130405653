/*
 * Differential runs: one input through the libcsv reader (the reference)
 * and through the fast scanner under several thread counts, seam windows
 * and block sizes, from a file and from a pipe.  Every run must print the
 * same result, record the same bad rows (all fields), count the same rows
 * and fail with the same message.  test-scan-diff and the fuzz-scan target
 * share this; it is not part of the library.
 */
#ifndef TALLY_DIFF_H
#define TALLY_DIFF_H

#include <stddef.h>

#include "engine.h"

/*
 * Run data (len bytes) with opts (parser, threads, split_min and
 * block_size are set here) once through libcsv and then through the fast
 * scanner: from a pipe with the first of the nblocks block sizes (0 is the
 * default), and from a file with each block size and 1 to maxthreads
 * threads (chunks as small as the input allows, and at least 64 bytes).
 * Then the same input gzipped (one member and two), zstd-compressed and,
 * if it is valid UTF-8, transcoded from UTF-16 LE, in each block size and
 * thread count, from a pipe, through libcsv, with
 * zlib instead of ISA-L and decoded inline.  Last, the fast scanner alone,
 * keeping three columns, in each block size: the fields a point scanner
 * hands over as cells (scan_conf.point) must be those of the slots.
 * Returns 0 if every run agrees with the reference, or -1 with the first
 * difference described in why.
 */
int		 diff_run(const char *data, size_t len,
		    const struct engine_opts *opts, const size_t *blocks,
		    size_t nblocks, int maxthreads, char *why, size_t whysz);

#endif /* TALLY_DIFF_H */
