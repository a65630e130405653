/*
 * Booleans are true/false and yes/no in any case, nothing else: not 1/0,
 * not t/f, not a word that starts like one.
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
	static const char *const yes[] = { "true", "TRUE", "True", "tRuE",
	    "yes", "YES", "Yes" };
	static const char *const no[] = { "false", "FALSE", "FaLsE", "no",
	    "NO", "No" };
	static const char *const not[] = { "t", "f", "y", "n", "truee",
	    "yess", "nope", "ture", " true", "true ", "on", "off" };
	struct infer_value	 v;
	size_t			 i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		CHECK(type_of(yes[i], &v) == INFER_BOOLEAN);
		CHECK(v.truth == 1);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		CHECK(type_of(no[i], &v) == INFER_BOOLEAN);
		CHECK(v.truth == 0);
	}
	for (i = 0; i < sizeof(not) / sizeof(not[0]); i++)
		CHECK(type_of(not[i], &v) == INFER_TEXT);
	/* 1 and 0 are numbers, not booleans. */
	CHECK(type_of("1", &v) == INFER_INTEGER);
	CHECK(type_of("0", &v) == INFER_INTEGER);
	CHECK(infer_fits(INFER_BOOLEAN, INFER_TEXT));
	CHECK(!infer_fits(INFER_BOOLEAN, INFER_INTEGER));
	return 0;
}
