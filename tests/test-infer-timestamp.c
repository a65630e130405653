/*
 * Timestamps are ISO 8601: a real date, T or a space, HH:MM with optional
 * seconds and fraction, and an optional zone (Z, +HH:MM, +HHMM, +HH).
 * They compare as instants: zones are applied.
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
	static const char *const good[] = { "2024-01-01T10:00",
	    "2024-01-01 10:00", "2024-01-01T10:00:05", "2024-01-01T10:00:05Z",
	    "2024-01-01T10:00:05.123", "2024-01-01T10:00:05.123456789+02:00",
	    "2024-01-01T10:00:05+0200", "2024-01-01T10:00-05",
	    "2024-01-01t10:00:05z", "2024-01-01 23:59:59,5" };
	static const char *const bad[] = { "2024-01-01T24:00",
	    "2024-01-01T10:60", "2024-01-01T10:00:60", "2024-02-30T10:00",
	    "2024-01-01T10", "2024-01-01T10:00:05.", "2024-01-01T1:00",
	    "2024-01-01T10:00:05.1234567890", "2024-01-01T10:00+2",
	    "2024-01-01T10:00+02:", "2024-01-01T10:00 ", "2024-01-01X10:00",
	    "2024-01-01T10:00:05+25:00" };
	struct infer_value	 a, b;
	size_t			 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (type_of(good[i], &a) != INFER_TIMESTAMP)
			th_fail(__FILE__, __LINE__, "%s is no timestamp",
			    good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (type_of(bad[i], &a) == INFER_TIMESTAMP)
			th_fail(__FILE__, __LINE__, "%s is a timestamp",
			    bad[i]);
	/* 10:00+02:00 is 08:00Z, before 09:00Z. */
	CHECK(type_of("2024-01-01T10:00+02:00", &a) == INFER_TIMESTAMP);
	CHECK(type_of("2024-01-01T09:00Z", &b) == INFER_TIMESTAMP);
	CHECK(infer_cmp(INFER_TIMESTAMP, &a, &b) < 0);
	CHECK(a.secs == 19723LL * 86400 + 8 * 3600);
	/* Fractions order too. */
	CHECK(type_of("2024-01-01T09:00:00.5", &a) == INFER_TIMESTAMP);
	CHECK(a.nanos == 500000000);
	CHECK(type_of("2024-01-01T09:00:00.25", &b) == INFER_TIMESTAMP);
	CHECK(infer_cmp(INFER_TIMESTAMP, &b, &a) < 0);
	/* A date is midnight UTC of its day. */
	CHECK(type_of("2024-01-01", &a) == INFER_DATE);
	CHECK(type_of("2024-01-01T00:00:00Z", &b) == INFER_TIMESTAMP);
	CHECK(infer_cmp(INFER_TIMESTAMP, &a, &b) == 0);
	return 0;
}
