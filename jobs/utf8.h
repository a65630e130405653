/*
 * UTF-8 as tally shows text it did not write: where a character starts
 * and ends, so that every cut of a value (samples, messages) falls between
 * characters, and a printable copy of a value for a message.  Bytes that
 * are not valid UTF-8 are never passed on as they are: they become U+FFFD.
 * Writing JSON is json.c's.
 */
#ifndef TALLY_UTF8_H
#define TALLY_UTF8_H

#include <stddef.h>

/*
 * The length (1 to 4) of the valid UTF-8 character at s, which has len
 * bytes, or 0 if the bytes there are not one: a stray continuation byte,
 * an overlong form, a surrogate, a code point past U+10FFFF, or a
 * character that len cuts short.
 */
size_t		 utf8_char(const char *s, size_t len);

/*
 * The largest n <= max (and <= len) that does not fall inside a valid
 * character of s (len bytes): the length of the longest prefix of whole
 * characters that fits in max bytes.  An invalid byte counts as one
 * character of its own.
 */
size_t		 utf8_cut(const char *s, size_t len, size_t max);

/*
 * Write into dst (sz >= 8) a printable copy of the len bytes at s, for a
 * message: NUL and other control characters become the six characters
 * \u0000 to \u001f (and \u007f), a byte that is not valid UTF-8 becomes
 * U+FFFD, the rest is copied.  If the copy does not fit it is cut between
 * characters and ends in "...".  dst is always NUL-terminated.  Returns
 * the length of dst.
 */
size_t		 utf8_show(char *dst, size_t sz, const char *s, size_t len);

#endif /* TALLY_UTF8_H */
