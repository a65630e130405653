/*
 * dec_parse_fixed(), the hot path's number parser, against dec_parse():
 * for every string of up to 6 bytes over digits, sign, point, plus, blank
 * and exponent, and for up to 9 bytes of digits with a point and a minus,
 * at every scale 0-8, it must either decline or give exactly what
 * dec_parse() gives at that scale; and it must take every plain number of
 * up to 18 digits at its own scale, whether its loop or its 8-byte word
 * does the work.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dec.h"
#include "harness.h"

static unsigned long	 taken, checked;

/* Check s (len bytes) at every scale; return how many scales took it. */
static int
one(const char *s, size_t len)
{
	char		 buf[64];
	struct dec	 d;
	const char	*why;
	enum dec_parse	 rc;
	int64_t		 v;
	int		 scale, n = 0;

	/* Eight readable bytes past the start, whatever len is. */
	memset(buf, 'x', sizeof(buf));
	memcpy(buf, s, len);
	rc = dec_parse(buf, len, &d, &why);
	for (scale = 0; scale <= 8; scale++) {
		checked++;
		if (!dec_parse_fixed(buf, len, scale, &v))
			continue;
		n++;
		taken++;
		if (rc != DEC_OK || d.scale != scale || d.v != (__int128)v)
			th_fail(__FILE__, __LINE__, "\"%.*s\" at scale %d: "
			    "fixed gives %lld, dec_parse %s (scale %d)",
			    (int)len, s, scale, (long long)v, rc == DEC_OK ?
			    "ok" : "declines", d.scale);
	}
	/* A plain number must be taken at its own scale. */
	if (rc == DEC_OK && len > 0 && strspn(s, "-0123456789.") == len &&
	    s[len - 1] != '.' && n == 0 && len - (s[0] == '-') -
	    (memchr(s, '.', len) != NULL) <= 18)
		th_fail(__FILE__, __LINE__, "\"%.*s\" declined at scale %d",
		    (int)len, s, d.scale);
	return n;
}

int
main(void)
{
	static const char	 alpha[] = "0159-.+e ";
	static const char	 digits[] = "09-.";
	char			 s[32];
	size_t			 len, i, k, na = sizeof(alpha) - 1;
	unsigned long		 x, top;

	for (len = 0; len <= 6; len++) {
		for (top = 1, i = 0; i < len; i++)
			top *= na;
		for (x = 0; x < top; x++) {
			unsigned long	 y = x;

			for (i = 0; i < len; i++, y /= na)
				s[i] = alpha[y % na];
			(void)one(s, len);
		}
	}
	/* Longer: digits, one point, a minus, up to 9 bytes. */
	for (len = 7; len <= 9; len++)
		for (x = 0; x < 1UL << (2 * len); x++) {
			for (i = 0, k = x; i < len; i++, k >>= 2)
				s[i] = digits[k & 3];
			(void)one(s, len);
		}
	/* The limits of the word and of 18 digits. */
	CHECK(one("-99.9", 5) == 1);
	CHECK(one("12345678", 8) == 1);
	CHECK(one("-1234567", 8) == 1);
	CHECK(one("-1234.567", 9) == 1);
	CHECK(one("123456789012345678", 18) == 1);
	CHECK(one("-12345678901234567.8", 20) == 1);
	CHECK(one("1234567890123456789", 19) == 0);
	CHECK(one("1.", 2) == 0);
	CHECK(one(".5", 2) == 1);
	CHECK(one("-.5", 3) == 1);
	CHECK(one("-", 1) == 0);
	CHECK(one("", 0) == 0);
	CHECK(taken > 1000 && checked > taken);
	return TH_PASS;
}
