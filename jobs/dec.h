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
#include <string.h>

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
 * Two of dec_parse()'s reasons, by address: a comma followed by digits
 * that are not a group of three ("1,5") gives DEC_WHY_COMMA, which says a
 * decimal comma can be asked for; any other comma gives DEC_WHY_THOUSANDS.
 * A caller that cannot take a decimal comma (a comma-separated file) or
 * already took one (so the text was swapped) says DEC_WHY_THOUSANDS.
 */
extern const char	 DEC_WHY_COMMA[];
extern const char	 DEC_WHY_THOUSANDS[];

/*
 * dec_parse() without its shortcut for plain numbers (-ddd.ddd with at most
 * 18 digits, converted in 64 bits): the whole grammar, digit by digit.
 * dec_parse() must always give what this gives; the tests check it.
 */
enum dec_parse	 dec_parse_full(const char *s, size_t len, struct dec *out,
		    const char **why);

/*
 * *r = a + b; returns 1 (leaving *r the sum's low 128 bits) if it left
 * 128 bits, else 0.  __builtin_add_overflow() on __int128 makes GCC 12
 * store the sum to the stack in two halves and read it back in one,
 * which no store forwards: a stall per call, and far worse when another
 * thread runs (seen on the profile's sketched numbers at -j 2).  This
 * form stays in registers.
 */
static inline __attribute__((always_inline)) int
dec_add128(__int128 a, __int128 b, __int128 *r)
{
	unsigned __int128	 x = (unsigned __int128)a,
				 y = (unsigned __int128)b, u = x + y;

	*r = (__int128)u;
	/* Same signs in, another sign out. */
	return (int)((~(x ^ y) & (x ^ u)) >> 127);
}

/*
 * Store v, a signed or unsigned 128-bit number, at p as two 64-bit
 * stores: GCC 12 otherwise may build it on the stack and copy it with
 * one 16-byte load, which no store forwards.
 */
static inline __attribute__((always_inline)) void
dec_store128(void *p, unsigned __int128 v)
{
	uint64_t	 half[2];

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	half[0] = (uint64_t)(v >> 64);
	half[1] = (uint64_t)v;
#else
	half[0] = (uint64_t)v;
	half[1] = (uint64_t)(v >> 64);
#endif
	memcpy((char *)p, &half[0], 8);
	memcpy((char *)p + 8, &half[1], 8);
}

/*
 * The short form dec_parse() reads in 64 bits, specialised for a scale
 * known beforehand: an optional minus, digits, and if scale > 0 a point
 * followed by exactly scale digits; 1 to 18 digits in all, no blanks, no
 * plus sign, no exponent.  Returns 1 with *v set to what dec_parse() would
 * give (at that scale), or 0 if s is anything else (dec_parse() decides).
 * s must have at least 8 readable bytes, whatever len is.
 */
static inline __attribute__((always_inline)) int
dec_parse_fixed(const char *s, size_t len, int scale, int64_t *v)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + len, *pt;
	uint64_t		 x = 0, d;
	int			 neg = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/*
	 * Up to 8 bytes, the usual case, without a loop: the bytes go to the
	 * top of a word, the point is cut out, everything below the digits
	 * becomes '0', and eight digits are checked and converted at once.
	 * s must have 8 readable bytes.
	 */
	if (len >= 1 && len <= 8 && scale >= 0 && scale < 7) {
		const uint64_t	 zeros = 0x3030303030303030ULL;
		const uint64_t	 high = 0xf0f0f0f0f0f0f0f0ULL;
		uint64_t	 w, low;
		unsigned	 nd;

		neg = s[0] == '-';
		nd = (unsigned)len - (unsigned)neg - (scale > 0);
		if (nd == 0 || (unsigned)len < (unsigned)scale + 1 + (unsigned)neg ||
		    (scale > 0 && s[len - (size_t)scale - 1] != '.'))
			return 0;
		memcpy(&w, s, sizeof(w));
		w <<= 8 * (8 - len);
		if (scale > 0) {
			/* Bytes below the point move up over it. */
			low = ~(uint64_t)0 >> (64 - 8 * (7 - scale));
			w = (w & ~(low << 8 | low)) | ((w & low) << 8);
		}
		low = nd == 8 ? 0 : ~(uint64_t)0 >> (8 * nd);
		w = (w & ~low) | (zeros & low);
		if ((w & high) != zeros ||
		    ((w + 0x0606060606060606ULL) & high) != zeros)
			return 0;
		w -= zeros;
		w = w * 10 + (w >> 8);
		w = (((w & 0x000000ff000000ffULL) * (100 + (1000000ULL << 32))) +
		    (((w >> 16) & 0x000000ff000000ffULL) *
		    (1 + (10000ULL << 32)))) >> 32;
		/* Negate without a branch: the sign is a coin toss. */
		w = ((uint64_t)(uint32_t)w ^ -(uint64_t)neg) + (uint64_t)neg;
		*v = (int64_t)w;
		return 1;
	}
#endif
	if (len == 0 || len > 20)
		return 0;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (scale > 0) {
		if (end - p < scale + 1 || end - p > 19 ||
		    *(pt = end - scale - 1) != '.')
			return 0;
	} else if (end == p || end - p > 18)
		return 0;
	else
		pt = end;
	for (; p < pt; p++) {
		if ((d = (uint64_t)*p - '0') > 9)
			return 0;
		x = x * 10 + d;
	}
	for (p = pt + (scale > 0); p < end; p++) {
		if ((d = (uint64_t)*p - '0') > 9)
			return 0;
		x = x * 10 + d;
	}
	*v = neg ? -(int64_t)x : (int64_t)x;
	return 1;
}

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
