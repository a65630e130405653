/*
 * A value counted before is known by its hash, so the profile skips what
 * it cannot change; but numbers and booleans are known by value, and a
 * second spelling of one still counts: 1.50 after 1.5 raises the scale
 * and the longest length, TRUE after true is a text's smallest bytes and
 * yes after true its shortest length, 1.0 after 1 spoils integer.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	*js;

	js = th_profile_csv("p\n1.5\n1.5\n1.50\n2\n");
	CHECK_HAS(js, "\"type\":\"decimal\",\"precision\":3,\"scale\":2,");
	CHECK_HAS(js, "\"distinct\":2,");
	CHECK_HAS(js, "\"mean\":1.625,");
	CHECK_HAS(js, "\"min_length\":1,\"max_length\":4,");
	free(js);

	js = th_profile_csv("t\ntrue\nzebra\nTRUE\nyes\n");
	CHECK_HAS(js, "\"type\":\"text\"");
	CHECK_HAS(js, "\"min\":\"TRUE\",\"max\":\"zebra\"");
	CHECK_HAS(js, "\"min_length\":3,\"max_length\":5,");
	free(js);

	js = th_profile_csv("n\n1\n2\n1.0\n3\n");
	CHECK_HAS(js, "\"type\":\"decimal\"");
	CHECK_HAS(js, "\"not_type\":{\"type\":\"integer\",\"count\":1,"
	    "\"first_line\":4,\"first_value\":\"1.0\"}");
	free(js);

	/* A repeated text is counted, not re-examined. */
	js = th_profile_csv("w\nb\na\nb\nc\nb\n");
	CHECK_HAS(js, "\"count\":5,\"empty\":0,\"distinct\":3,");
	CHECK_HAS(js, "\"min\":\"a\",\"max\":\"c\"");
	CHECK_HAS(js, "\"top\":[{\"value\":\"b\",\"count\":3},");
	free(js);
	return 0;
}
