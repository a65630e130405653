/*
 * Integers are whole numbers that fit a signed 64-bit integer: the bounds
 * themselves are integers, one past them is a decimal (tally's exact
 * numbers hold it), and an exponent or a point makes a decimal.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "infer.h"

static enum infer_type
type_of(const char *s, struct infer_value *v)
{
	return infer_cell(s, strlen(s), 0, v);
}

int
main(void)
{
	struct infer_value	 v;
	char			 buf[DEC_TEXT_MAX];

	CHECK(type_of("42", &v) == INFER_INTEGER);
	CHECK(v.num.v == 42 && v.num.scale == 0);
	CHECK(type_of("-17", &v) == INFER_INTEGER);
	CHECK(v.num.v == -17);
	CHECK(type_of("+5", &v) == INFER_INTEGER);
	CHECK(type_of(" 7 ", &v) == INFER_INTEGER);
	CHECK(v.num.v == 7);
	CHECK(type_of("0", &v) == INFER_INTEGER);
	CHECK(type_of("-0", &v) == INFER_INTEGER);
	CHECK(type_of("9223372036854775807", &v) == INFER_INTEGER);
	CHECK(v.num.v == (__int128)INT64_MAX);
	CHECK(type_of("-9223372036854775808", &v) == INFER_INTEGER);
	CHECK(v.num.v == (__int128)INT64_MIN);
	/* One past either bound: a decimal, exact. */
	CHECK(type_of("9223372036854775808", &v) == INFER_DECIMAL);
	dec_format(&v.num, 0, buf, sizeof(buf));
	CHECK_STR(buf, "9223372036854775808");
	CHECK(type_of("-9223372036854775809", &v) == INFER_DECIMAL);
	CHECK(type_of("99999999999999999999999999999999999999",
	    &v) == INFER_DECIMAL);
	/* 39 digits are more than tally's numbers hold: text. */
	CHECK(type_of("999999999999999999999999999999999999999",
	    &v) == INFER_TEXT);
	CHECK(type_of("1e3", &v) == INFER_DECIMAL);
	CHECK(type_of("1.", &v) == INFER_DECIMAL);
	CHECK(type_of("12a", &v) == INFER_TEXT);
	CHECK(type_of("-", &v) == INFER_TEXT);
	CHECK(type_of("1,000", &v) == INFER_TEXT);
	CHECK(type_of("0x10", &v) == INFER_TEXT);
	CHECK(infer_fits(INFER_INTEGER, INFER_DECIMAL));
	CHECK(!infer_fits(INFER_DECIMAL, INFER_INTEGER));
	return 0;
}
