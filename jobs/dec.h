/*
 * Exact decimal numbers: a 128-bit signed integer and a scale, the value
 * being v / 10^scale.  Parsing, addition, comparison and printing never go
 * through floating point, so ten million additions of 0.1 give exactly
 * 1000000.0.  Every operation that could overflow checks and says so.
 */
#ifndef TALLY_DEC_H
#define TALLY_DEC_H

#include <stddef.h>
#include <stdint.h>

struct dec {
	__int128	v;	/* the digits, signed */
	int		scale;	/* digits after the point, 0..TALLY_SCALE_MAX */
};

/* The result of dec_parse(). */
enum dec_parse {
	DEC_OK,		/* a number was stored */
	DEC_EMPTY,	/* blank: a missing value, not zero */
	DEC_BAD,	/* not an accepted number; *why says why */
	DEC__MAX
};

/*
 * Parse len bytes at s (not NUL-terminated) as a decimal number.  Accepted:
 * optional surrounding spaces and tabs, an optional + or - sign, digits with
 * at most one decimal point (".5" and "5." too), and an optional exponent
 * (e or E, optional sign, at most 4 digits).  Not accepted: thousands
 * separators, NaN, infinities, hex, more than TALLY_DIGITS_MAX significant
 * digits, or more than TALLY_SCALE_MAX digits after the point once trailing
 * zeros beyond it are dropped.  On DEC_BAD, *why points at a static reason.
 */
enum dec_parse	 dec_parse(const char *s, size_t len, struct dec *out,
		    const char **why);

/*
 * dec_parse() without its shortcut for plain numbers (-ddd.ddd with at most
 * 18 digits, converted in 64 bits): the whole grammar, digit by digit.
 * dec_parse() must always give what this gives; the tests check it.
 */
enum dec_parse	 dec_parse_full(const char *s, size_t len, struct dec *out,
		    const char **why);

/*
 * Add x to acc in place, raising acc's scale to x's if it is smaller.
 * Returns 0, or -1 if the result does not fit in 128 bits; acc is then
 * unchanged.
 */
int		 dec_add(struct dec *acc, const struct dec *x);

/*
 * Raise d's scale to scale (never lowers it).  Returns 0, or -1 on overflow
 * with d unchanged.
 */
int		 dec_rescale(struct dec *d, int scale);

/* Compare exactly: <0, 0 or >0 as a is less than, equal to or above b. */
int		 dec_cmp(const struct dec *a, const struct dec *b);

/*
 * Print d into buf (size sz) at its own scale, or at scale if that is
 * larger ("12.50" for 1250/2 printed at scale 2).  The text is always
 * NUL-terminated; returns its length, or -1 if sz is too small.  DEC_TEXT_MAX
 * is always enough.
 */
#define DEC_TEXT_MAX	96
int		 dec_format(const struct dec *d, int scale, char *buf, size_t sz);

/*
 * Print sum / n rounded half away from zero to maxfrac digits after the
 * point, then with trailing zeros dropped down to minfrac digits.  n must be
 * above zero.  Returns the length, or -1 if sz is too small.
 */
int		 dec_format_div(const struct dec *sum, uint64_t n, int minfrac,
		    int maxfrac, char *buf, size_t sz);

#endif /* TALLY_DEC_H */
