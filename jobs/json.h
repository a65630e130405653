/*
 * The one JSON string writer: every JSON that tally writes (results,
 * job records, errors, bad-row samples) quotes its strings here, so that
 * it is always valid UTF-8 whatever bytes the upload held.  Bytes that are
 * not valid UTF-8 are written as \ufffd (the replacement character: the
 * original bytes are not recoverable from the JSON); NUL and every other
 * control character are escaped (\u0000), never dropped or cut.  Numbers
 * and the shape of the documents stay with their writers.
 */
#ifndef TALLY_JSON_H
#define TALLY_JSON_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write the len bytes at s to f as a quoted JSON string, as above.
 * Returns 0, or -1 if f is in error.
 */
int		 json_strn(FILE *f, const char *s, size_t len);

/* json_strn() of a NUL-terminated string. */
int		 json_str(FILE *f, const char *s);

#endif /* TALLY_JSON_H */
