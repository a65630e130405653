/*
 * Dates are YYYY-MM-DD that exist on the Gregorian calendar: 2026-02-30
 * and 2023-02-29 do not, 2024-02-29 and 2000-02-29 do, 1900-02-29 does
 * not.  Other layouts are text.
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
	static const char *const bad[] = { "2026-02-30", "2023-02-29",
	    "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
	    "2026-01-00", "0000-01-01", "2026-1-01", "2026/01/01",
	    "26-01-01", "2026-01-1", "2026-01-01x", "2026-01-32" };
	struct infer_value	 v, w;
	size_t			 i;

	CHECK(type_of("2024-02-29", &v) == INFER_DATE);
	CHECK(type_of("2000-02-29", &v) == INFER_DATE);
	CHECK(type_of("1970-01-01", &v) == INFER_DATE);
	CHECK(v.secs == 0);
	CHECK(type_of("1970-01-02", &v) == INFER_DATE);
	CHECK(v.secs == 86400);
	CHECK(type_of("1969-12-31", &v) == INFER_DATE);
	CHECK(v.secs == -86400);
	CHECK(type_of("9999-12-31", &v) == INFER_DATE);
	CHECK(type_of("0001-01-01", &v) == INFER_DATE);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (type_of(bad[i], &v) == INFER_DATE)
			th_fail(__FILE__, __LINE__, "%s is a date", bad[i]);
	CHECK(type_of("2026-02-30", &v) == INFER_TEXT);
	/* Dates order by time. */
	type_of("2024-03-01", &v);
	type_of("2024-02-29", &w);
	CHECK(infer_cmp(INFER_DATE, &w, &v) < 0);
	CHECK(infer_fits(INFER_DATE, INFER_TIMESTAMP));
	return 0;
}
