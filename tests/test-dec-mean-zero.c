/*
 * dec_format_div: a quotient that rounds to zero prints "0" without a
 * sign, trailing zeros stop at minfrac, and rounding carries through nines
 * (9999995 / 10^7 to six digits is 1).
 */
#include "config.h"

#include <string.h>

#include "dec.h"
#include "harness.h"

static void
div_is(const char *num, uint64_t n, int minfrac, int maxfrac,
    const char *want)
{
	struct dec	 d;
	const char	*why;
	char		 buf[DEC_TEXT_MAX];

	CHECK(dec_parse(num, strlen(num), &d, &why) == DEC_OK);
	CHECK(dec_format_div(&d, n, minfrac, maxfrac, buf, sizeof(buf)) > 0);
	CHECK_STR(buf, want);
}

int
main(void)
{
	div_is("-1", 3000000, 0, 6, "0");
	div_is("-1", 1999999, 0, 6, "-0.000001");
	div_is("1", 3000000, 0, 6, "0");
	div_is("0", 7, 0, 6, "0");
	div_is("9999995", 10000000, 0, 6, "1");
	div_is("-9999995", 10000000, 0, 6, "-1");
	div_is("99999995", 10000000, 0, 6, "10");
	div_is("2", 1, 2, 6, "2.00");
	div_is("1", 8, 0, 6, "0.125");
	div_is("99999999999999999999999999999999999999", 1, 0, 0,
	    "99999999999999999999999999999999999999");
	div_is("-99999999999999999999999999999999999999", 3, 0, 6,
	    "-33333333333333333333333333333333333333");
	return 0;
}
