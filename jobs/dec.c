/*
 * Exact decimal arithmetic for sums, means, minimums and maximums.  This file
 * owns the accepted number syntax (see dec_parse() in dec.h) and the printed
 * form of every number tally writes.  It knows nothing of CSV or columns.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dec.h"
#include "bounds.h"

/* 10^0 .. 10^38: every power that fits in a signed 128-bit integer. */
static __int128
pow10_i128(int n)
{
	__int128	 p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Why a number stops at a comma (p is just past it).  Digits to the end
 * that are not a group of three read as a decimal comma ("1,5", "-0,25"),
 * which is only taken when asked for; anything else ("1,234", "12,000.5")
 * is a thousands separator, never taken.
 */
const char	 DEC_WHY_COMMA[] = "a decimal comma is read only when asked "
		    "for (--decimal-comma, API decimal=comma)";
const char	 DEC_WHY_THOUSANDS[] = "thousands separators are not accepted";

static const char *
comma_why(const unsigned char *p, const unsigned char *end)
{
	const unsigned char	*q = p;

	while (q < end && *q >= '0' && *q <= '9')
		q++;
	if (q == end && q - p > 0 && q - p != 3)
		return DEC_WHY_COMMA;
	return DEC_WHY_THOUSANDS;
}

enum dec_parse
dec_parse_full(const char *s, size_t len, struct dec *out, const char **why)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + len;
	__int128		 v = 0;
	int			 neg = 0, digits = 0, sig = 0, frac = 0;
	int			 seen_point = 0, exp = 0, expneg = 0, expdig = 0;
	int			 scale;

	while (p < end && is_blank(*p))
		p++;
	while (end > p && is_blank(end[-1]))
		end--;
	if (p == end)
		return DEC_EMPTY;
	if (end - p > TALLY_NUMBER_MAX) {
		*why = "number too long";
		return DEC_BAD;
	}

	if (*p == '+' || *p == '-') {
		neg = *p == '-';
		p++;
	}
	for (; p < end; p++) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			if (seen_point)
				frac++;
			if (sig == 0 && *p == '0') {
				/* Leading zeros are not significant. */
				continue;
			}
			if (++sig > TALLY_DIGITS_MAX) {
				*why = "too many digits";
				return DEC_BAD;
			}
			v = v * 10 + (*p - '0');
		} else if (*p == '.' && !seen_point) {
			seen_point = 1;
		} else
			break;
	}
	if (digits == 0) {
		*why = "not a number";
		return DEC_BAD;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-')) {
			expneg = *p == '-';
			p++;
		}
		for (; p < end && *p >= '0' && *p <= '9'; p++) {
			if (++expdig > 4) {
				*why = "exponent too large";
				return DEC_BAD;
			}
			exp = exp * 10 + (*p - '0');
		}
		if (expdig == 0) {
			*why = "not a number";
			return DEC_BAD;
		}
	}
	if (p < end) {
		if (*p == ',' && !seen_point)
			*why = comma_why(p + 1, end);
		else
			*why = "not a number";
		return DEC_BAD;
	}

	scale = frac + (expneg ? exp : -exp);
	if (v == 0)
		scale = scale < 0 ? 0 : scale;
	if (scale < 0) {
		if (sig - scale > TALLY_DIGITS_MAX) {
			*why = "too many digits";
			return DEC_BAD;
		}
		v *= pow10_i128(-scale);
		scale = 0;
	}
	while (scale > TALLY_SCALE_MAX && v % 10 == 0) {
		v /= 10;
		scale--;
	}
	if (scale > TALLY_SCALE_MAX) {
		*why = "too many decimal places";
		return DEC_BAD;
	}
	out->v = neg ? -v : v;
	out->scale = scale;
	return DEC_OK;
}

/*
 * Only [-]digits[.digits] with 1 to 18 digits in all: no blanks, no plus
 * sign, no exponent.  For these dec_parse_full() keeps every digit (leading
 * zeros add nothing), and the scale is the count of fractional digits; with
 * at most TALLY_SCALE_MAX of them no trailing zero is ever dropped.  Almost
 * every value in a CSV file has this form.
 */
enum dec_parse
dec_parse(const char *s, size_t len, struct dec *out, const char **why)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + len, *d0, *f0;
	uint64_t		 v = 0;
	int			 neg = 0, nd, frac = 0;

	if (len == 0 || len > 20)
		return dec_parse_full(s, len, out, why);
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (d0 = p; p < end && (unsigned)(*p - '0') < 10; p++)
		v = v * 10 + (uint64_t)(*p - '0');
	nd = (int)(p - d0);
	if (p < end) {
		if (*p != '.')
			return dec_parse_full(s, len, out, why);
		for (f0 = ++p; p < end && (unsigned)(*p - '0') < 10; p++)
			v = v * 10 + (uint64_t)(*p - '0');
		frac = (int)(p - f0);
		if (p < end)
			return dec_parse_full(s, len, out, why);
	}
	if (nd + frac == 0 || nd + frac > 18 || nd + frac > TALLY_DIGITS_MAX ||
	    frac > TALLY_SCALE_MAX)
		return dec_parse_full(s, len, out, why);
	out->v = neg ? -(__int128)v : (__int128)v;
	out->scale = frac;
	return DEC_OK;
}

int
dec_rescale(struct dec *d, int scale)
{
	__int128	 r;

	if (scale <= d->scale)
		return 0;
	if (__builtin_mul_overflow(d->v, pow10_i128(scale - d->scale), &r))
		return -1;
	d->v = r;
	d->scale = scale;
	return 0;
}

int
dec_add(struct dec *acc, const struct dec *x)
{
	struct dec	 a = *acc, b = *x;
	__int128	 r;

	if (dec_rescale(&a, b.scale) == -1 || dec_rescale(&b, a.scale) == -1)
		return -1;
	if (__builtin_add_overflow(a.v, b.v, &r))
		return -1;
	acc->v = r;
	acc->scale = a.scale;
	return 0;
}

int
dec_cmp(const struct dec *a, const struct dec *b)
{
	struct dec	 x = *a, y = *b;

	if ((x.v < 0) != (y.v < 0))
		return x.v < 0 ? -1 : 1;
	/*
	 * Same sign.  If raising one to the other's scale overflows, its
	 * magnitude is the larger one.
	 */
	if (dec_rescale(&x, y.scale) == -1)
		return x.v < 0 ? -1 : 1;
	if (dec_rescale(&y, x.scale) == -1)
		return y.v < 0 ? 1 : -1;
	return (x.v > y.v) - (x.v < y.v);
}

/*
 * Write the magnitude of v as digits into tmp, least significant first.
 * Returns the number of digits (at least one).
 */
static int
digits_rev(__int128 v, char *tmp)
{
	unsigned __int128	 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
	uint64_t		 w;
	int			 n = 0;

	/*
	 * A 128-bit division is a library call; nearly every value printed
	 * fits 64 bits, where dividing by ten is a multiplication.
	 */
	while (u > UINT64_MAX) {
		tmp[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	}
	w = (uint64_t)u;
	do {
		tmp[n++] = (char)('0' + (int)(w % 10));
		w /= 10;
	} while (w != 0);
	return n;
}

int
dec_format(const struct dec *d, int scale, char *buf, size_t sz)
{
	char		 tmp[48];
	int		 n, i, pad, len = 0, intdig;

	if (scale < d->scale)
		scale = d->scale;
	pad = scale - d->scale;
	n = digits_rev(d->v, tmp);
	/* Total digits printed: n plus padding zeros, at least scale + 1. */
	intdig = n + pad > scale ? n + pad - scale : 1;
	if ((size_t)(1 + intdig + 1 + scale + 1) > sz)
		return -1;
	if (d->v < 0)
		buf[len++] = '-';
	for (i = intdig + scale - 1; i >= 0; i--) {
		/* Digit i counts from the last printed digit, 0-based. */
		int	 k = i - pad;

		buf[len++] = (k >= 0 && k < n) ? tmp[k] : '0';
		if (i == scale && scale > 0)
			buf[len++] = '.';
	}
	buf[len] = '\0';
	return len;
}

int
dec_format_div(const struct dec *sum, uint64_t n, int minfrac, int maxfrac,
    char *buf, size_t sz)
{
	unsigned __int128	 u, q, r;
	char			 fracd[64], tmp[48];
	int			 neg, nf, i, len = 0, nq;

	if (n == 0 || maxfrac < sum->scale || maxfrac > 60 || minfrac > maxfrac)
		return -1;
	neg = sum->v < 0;
	u = neg ? -(unsigned __int128)sum->v : (unsigned __int128)sum->v;
	q = u / n;
	r = u % n;
	/*
	 * The quotient has sum->scale implied decimals.  Long division
	 * produces maxfrac - scale further digits beyond them, plus one to
	 * round on; r < n < 2^64 so r * 10 never overflows.
	 */
	nf = 0;
	for (i = 0; i < maxfrac - sum->scale + 1 && i < 62; i++) {
		r *= 10;
		fracd[nf++] = (char)('0' + (int)(r / n));
		r %= n;
	}
	/*
	 * Lay out all digits: q's digits then fracd; the point sits
	 * sum->scale + (nf - 1) digits before the rounding digit.
	 */
	{
		char	 all[160];
		int	 na = 0, ndig, point, carry;

		nq = 0;
		do {
			tmp[nq++] = (char)('0' + (int)(q % 10));
			q /= 10;
		} while (q != 0);
		while (nq > 0)
			all[na++] = tmp[--nq];
		for (i = 0; i < nf; i++)
			all[na++] = fracd[i];
		/* all holds value * 10^(scale + nf); keep one rounding digit. */
		ndig = na - 1;
		carry = all[ndig] >= '5';
		for (i = ndig - 1; i >= 0 && carry; i--) {
			if (all[i] == '9')
				all[i] = '0';
			else {
				all[i]++;
				carry = 0;
			}
		}
		/* Fractional digits now: sum->scale + nf - 1 = maxfrac. */
		point = ndig - maxfrac;
		while (point < 1) {
			memmove(all + 1, all, (size_t)ndig);
			all[0] = '0';
			ndig++;
			point++;
		}
		if (carry) {
			memmove(all + 1, all, (size_t)ndig);
			all[0] = '1';
			ndig++;
			point++;
		}
		/* Drop leading zeros of the integer part. */
		i = 0;
		while (i < point - 1 && all[i] == '0')
			i++;
		/* Drop trailing zeros down to minfrac. */
		while (ndig - point > minfrac && all[ndig - 1] == '0')
			ndig--;
		if ((size_t)(ndig - i + 3) > sz)
			return -1;
		/* A result that rounds to zero prints without a sign. */
		{
			int	 j, allzero = 1;

			for (j = i; j < ndig; j++)
				if (all[j] != '0')
					allzero = 0;
			if (neg && !allzero)
				buf[len++] = '-';
		}
		for (; i < ndig; i++) {
			if (i == point)
				buf[len++] = '.';
			buf[len++] = all[i];
		}
		buf[len] = '\0';
	}
	return len;
}
