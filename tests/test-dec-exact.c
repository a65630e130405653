/*
 * Decimal exactness: ten million additions of 0.1 give exactly 1000000.0,
 * where a double would drift.
 */
#include "config.h"

#include <string.h>

#include "dec.h"
#include "harness.h"

int
main(void)
{
	struct dec	 acc = { 0, 0 }, x;
	const char	*why = NULL;
	char		 buf[DEC_TEXT_MAX];
	long		 i;

	CHECK(dec_parse("0.1", 3, &x, &why) == DEC_OK);
	for (i = 0; i < 10000000; i++)
		CHECK(dec_add(&acc, &x) == 0);
	CHECK(dec_format(&acc, 0, buf, sizeof(buf)) > 0);
	CHECK_STR(buf, "1000000.0");
	return 0;
}
