/*
 * Number options: the one parser of the numbers that people type on command
 * lines, in configuration and in query strings (thread counts, limits, byte
 * sizes).  Numbers inside CSV data are dec.c's business, not this file's.
 */
#ifndef TALLY_NUM_H
#define TALLY_NUM_H

#include <stddef.h>

/*
 * Parse s, the whole string, as a decimal integer with an optional sign,
 * from min to max inclusive.  No spaces, no "0x", no trailing bytes.
 * Returns 0 with *out set, or -1 with err naming the value and the range
 * ("\"12x\" is not a whole number from 1 to 64"); *out is then unchanged.
 */
int	 num_int(const char *s, long long min, long long max, long long *out,
	    char *err, size_t errsz);

/*
 * Parse s, the whole string, as a byte count: decimal digits, then
 * optionally one of K, M or G (either case, powers of 1024), so "64M" is
 * 67108864.  Returns 0 with *out set, or -1 with err naming the value if
 * it is not of that form or does not fit a size_t; *out is then unchanged.
 */
int	 num_size(const char *s, size_t *out, char *err, size_t errsz);

/*
 * Write n bytes for people into buf: "1 GiB", "64 MiB", "3 KiB" when n is a
 * whole number of those, else "1000 bytes".  Returns buf.
 */
const char *num_size_text(size_t n, char *buf, size_t sz);

#endif /* TALLY_NUM_H */
