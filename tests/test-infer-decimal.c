/*
 * Decimals are what dec_parse() accepts and is not an integer: a point, an
 * exponent, more than 64 bits.  With a decimal comma, "1,5" is one and a
 * point is refused, as `tally agg --decimal-comma` reads numbers.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "infer.h"

int
main(void)
{
	struct infer_value	 v;

	CHECK(infer_cell("1.50", 4, 0, &v) == INFER_DECIMAL);
	CHECK(v.num.v == 150 && v.num.scale == 2);
	CHECK(infer_cell("-.5", 3, 0, &v) == INFER_DECIMAL);
	CHECK(v.num.v == -5 && v.num.scale == 1);
	CHECK(infer_cell("2.5e-3", 6, 0, &v) == INFER_DECIMAL);
	CHECK(infer_cell("NaN", 3, 0, &v) == INFER_TEXT);
	CHECK(infer_cell("inf", 3, 0, &v) == INFER_TEXT);
	CHECK(infer_cell("1.2.3", 5, 0, &v) == INFER_TEXT);
	CHECK(infer_cell("1,5", 3, 0, &v) == INFER_TEXT);
	CHECK(infer_cell("1,5", 3, 1, &v) == INFER_DECIMAL);
	CHECK(v.num.v == 15 && v.num.scale == 1);
	CHECK(infer_cell("-0,25", 5, 1, &v) == INFER_DECIMAL);
	CHECK(v.num.v == -25 && v.num.scale == 2);
	CHECK(infer_cell("1.5", 3, 1, &v) == INFER_TEXT);
	CHECK(infer_cell("12", 2, 1, &v) == INFER_INTEGER);
	/* More than 18 digits after the point is beyond tally's numbers. */
	CHECK(infer_cell("0.1234567890123456789", 21, 0, &v) == INFER_TEXT);
	return 0;
}
