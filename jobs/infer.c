/*
 * Type inference for one cell (see infer.h).  Every test here is on the
 * bytes of one value, cheapest first: the first byte rules most types
 * out, so a text column costs a few comparisons a cell.  Numbers are
 * dec.c's grammar (what infer_cell() calls a number, `tally agg` sums),
 * less those written with a redundant leading zero, which are codes.
 */
#include "config.h"

#include <string.h>

#include "dec.h"
#include "infer.h"
#include "bounds.h"

const char *const infer_names[INFER__MAX] = {
	"boolean", "integer", "decimal", "date", "timestamp", "text",
};

const unsigned infer_fits_bits[INFER__MAX + 1] = {
	[INFER_BOOLEAN] = 1u << INFER_BOOLEAN | 1u << INFER_TEXT,
	[INFER_INTEGER] = 1u << INFER_INTEGER | 1u << INFER_DECIMAL |
	    1u << INFER_TEXT,
	[INFER_DECIMAL] = 1u << INFER_DECIMAL | 1u << INFER_TEXT,
	[INFER_DATE] = 1u << INFER_DATE | 1u << INFER_TIMESTAMP |
	    1u << INFER_TEXT,
	[INFER_TIMESTAMP] = 1u << INFER_TIMESTAMP | 1u << INFER_TEXT,
	[INFER_TEXT] = 1u << INFER_TEXT,
};

int
infer_fits(enum infer_type v, enum infer_type t)
{
	return (infer_fits_bits[v] >> t) & 1;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Two or four digits at s as a number. */
static int
dig2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

static int
alldig(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Hinnant). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t		 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int
infer_date(const char *s, int64_t *days)
{
	static const unsigned char mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	 y, m, d, leap, dim;

	if (s[4] != '-' || s[7] != '-' || !alldig(s, 4) ||
	    !alldig(s + 5, 2) || !alldig(s + 8, 2))
		return 0;
	y = dig2(s) * 100 + dig2(s + 2);
	m = dig2(s + 5);
	d = dig2(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	dim = mdays[m - 1] + (m == 2 && leap);
	if (d > dim)
		return 0;
	*days = days_from_civil(y, (unsigned)m, (unsigned)d);
	return 1;
}

/*
 * The time and zone after a date: HH:MM, optional :SS, optional fraction
 * (a point or comma and 1 to 9 digits), optional Z or +HH:MM, +HHMM, +HH.
 */
static int
timepart(const char *s, size_t len, int64_t *secs, int32_t *nanos)
{
	size_t	 i = 5, k;
	int	 h, mi, se = 0, zh, zm = 0, sign;
	int32_t	 ns = 0, mul = 100000000;

	if (len < 5 || !is_digit(s[0]) || !is_digit(s[1]) || s[2] != ':' ||
	    !is_digit(s[3]) || !is_digit(s[4]))
		return 0;
	h = dig2(s);
	mi = dig2(s + 3);
	if (h > 23 || mi > 59)
		return 0;
	if (i < len && s[i] == ':') {
		if (i + 3 > len || !is_digit(s[i + 1]) || !is_digit(s[i + 2]))
			return 0;
		se = dig2(s + i + 1);
		if (se > 59)
			return 0;
		i += 3;
		if (i < len && (s[i] == '.' || s[i] == ',')) {
			for (k = i + 1; k < len && is_digit(s[k]); k++) {
				if (k - i > 9)
					return 0;
				ns += (s[k] - '0') * mul;
				mul /= 10;
			}
			if (k == i + 1)
				return 0;
			i = k;
		}
	}
	*secs = (int64_t)h * 3600 + mi * 60 + se;
	*nanos = ns;
	if (i == len)
		return 1;
	if (s[i] == 'Z' || s[i] == 'z')
		return i + 1 == len;
	if (s[i] != '+' && s[i] != '-')
		return 0;
	sign = s[i] == '-' ? -1 : 1;
	i++;
	if (i + 2 > len || !alldig(s + i, 2))
		return 0;
	zh = dig2(s + i);
	i += 2;
	if (i < len && s[i] == ':')
		i++;
	if (i < len) {
		if (i + 2 != len || !alldig(s + i, 2))
			return 0;
		zm = dig2(s + i);
	} else if (s[i - 1] == ':')
		return 0;
	if (zh > 23 || zm > 59)
		return 0;
	*secs -= sign * ((int64_t)zh * 3600 + zm * 60);
	return 1;
}

/* [blanks][sign]digits[blanks] fitting int64, into *v. */
static int
integer(const char *s, size_t len, int64_t *v)
{
	size_t		 i = 0, j = len, start;
	uint64_t	 u = 0;
	int		 neg = 0;

	while (i < j && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (j > i && (s[j - 1] == ' ' || s[j - 1] == '\t'))
		j--;
	if (i < j && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	start = i;
	if (i == j)
		return 0;
	for (; i < j; i++) {
		if (!is_digit(s[i]))
			return 0;
		if (__builtin_mul_overflow(u, 10, &u) ||
		    __builtin_add_overflow(u, (uint64_t)(s[i] - '0'), &u))
			return 0;
	}
	(void)start;
	if (neg) {
		if (u > (uint64_t)INT64_MAX + 1)
			return 0;
		*v = u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u;
	} else {
		if (u > (uint64_t)INT64_MAX)
			return 0;
		*v = (int64_t)u;
	}
	return 1;
}

static int
word(const char *s, size_t len, const char *w)
{
	size_t	 i;

	if (strlen(w) != len)
		return 0;
	for (i = 0; i < len; i++)
		if ((s[i] | 0x20) != w[i])
			return 0;
	return 1;
}

/*
 * A number written with a decimal comma: dec_parse() of it with the
 * comma and point swapped.  Apart, so that infer_cell() needs no buffer.
 */
static __attribute__((noinline)) int
comma_number(const char *s, size_t len, struct dec *out)
{
	const char	*why;
	char		 pt[TALLY_NUMBER_MAX];
	size_t		 i;

	for (i = 0; i < len; i++)
		pt[i] = s[i] == ',' ? '.' : s[i] == '.' ? ',' : s[i];
	return dec_parse(pt, len, out, &why) == DEC_OK;
}

enum infer_type
infer_cell(const char *s, size_t len, int decimal_comma,
    struct infer_value *out)
{
	const char	*why;
	int64_t		 iv, days;
	size_t		 b = 0;
	char		 c = s[0];

	out->code = 0;
	if (len == 10 && is_digit(c) && infer_date(s, &days)) {
		out->secs = days * 86400;
		out->nanos = 0;
		return INFER_DATE;
	}
	if (len > 11 && is_digit(c) && (s[10] == 'T' || s[10] == 't' ||
	    s[10] == ' ') && infer_date(s, &days) &&
	    timepart(s + 11, len - 11, &out->secs, &out->nanos)) {
		out->secs += days * 86400;
		return INFER_TIMESTAMP;
	}
	if (len <= 5 && (c | 0x20) >= 'f' && (c | 0x20) <= 'y') {
		if (word(s, len, "true") || word(s, len, "yes")) {
			out->truth = 1;
			return INFER_BOOLEAN;
		}
		if (word(s, len, "false") || word(s, len, "no")) {
			out->truth = 0;
			return INFER_BOOLEAN;
		}
		return INFER_TEXT;
	}
	if (len > TALLY_NUMBER_MAX || !(is_digit(c) || c == '-' || c == '+' ||
	    c == '.' || c == ' ' || c == '\t' || (decimal_comma && c == ',')))
		return INFER_TEXT;
	/* Past the blanks dec_parse() allows: a padded number is a code. */
	while (b < len && (s[b] == ' ' || s[b] == '\t'))
		b++;
	if (b < len && infer_padded(s + b, len - b)) {
		out->code = (decimal_comma ? comma_number(s, len, &out->num) :
		    dec_parse(s, len, &out->num, &why) == DEC_OK);
		return INFER_TEXT;
	}
	if (integer(s, len, &iv)) {
		out->num.v = iv;
		out->num.scale = 0;
		return INFER_INTEGER;
	}
	if (decimal_comma ? comma_number(s, len, &out->num) :
	    dec_parse(s, len, &out->num, &why) == DEC_OK)
		return INFER_DECIMAL;
	return INFER_TEXT;
}

int
infer_cmp(enum infer_type t, const struct infer_value *a,
    const struct infer_value *b)
{
	switch (t) {
	case INFER_BOOLEAN:
		return a->truth - b->truth;
	case INFER_INTEGER:
	case INFER_DECIMAL:
		return dec_cmp(&a->num, &b->num);
	case INFER_DATE:
	case INFER_TIMESTAMP:
		if (a->secs != b->secs)
			return a->secs < b->secs ? -1 : 1;
		return a->nanos < b->nanos ? -1 : a->nanos > b->nanos;
	default:
		return 0;
	}
}
