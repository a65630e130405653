/*
 * Values that spoil a type a majority had: the column falls back to the
 * type every value fits, and not_type names the spoiled type, how many
 * values did not fit it, and the first with its line.  An integer column
 * with "n/a" is text; an integer past 64 bits makes the column decimal;
 * 2026-02-30 is not a date; booleans in mixed case are still booleans; a
 * column half empty keeps its type.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	*js;

	/* Line 1 is the header: "n/a" is on line 5. */
	js = th_profile_csv("qty\n1\n2\n3\nn/a\n5\nN/A\n");
	CHECK_HAS(js, "\"type\":\"text\"");
	CHECK_HAS(js, "\"count\":6,\"empty\":0,");
	CHECK_HAS(js, "\"not_type\":{\"type\":\"integer\",\"count\":2,"
	    "\"first_line\":5,\"first_value\":\"n/a\"}");
	/* Text extremes by bytes: digits before letters. */
	CHECK_HAS(js, "\"min\":\"1\",\"max\":\"n/a\"");
	free(js);

	js = th_profile_csv("big\n1\n9223372036854775807\n9223372036854775808\n-4\n");
	CHECK_HAS(js, "\"type\":\"decimal\",\"precision\":19,\"scale\":0,");
	CHECK_HAS(js, "\"min\":-4,\"max\":9223372036854775808,");
	CHECK_HAS(js, "\"mean\":4611686018427387903,");
	CHECK_HAS(js, "\"not_type\":{\"type\":\"integer\",\"count\":1,"
	    "\"first_line\":4,\"first_value\":\"9223372036854775808\"}");
	free(js);

	js = th_profile_csv("day\n2026-02-27\n2026-02-28\n2026-02-30\n2026-03-01\n");
	CHECK_HAS(js, "\"type\":\"text\"");
	CHECK_HAS(js, "\"not_type\":{\"type\":\"date\",\"count\":1,"
	    "\"first_line\":4,\"first_value\":\"2026-02-30\"}");
	free(js);

	/* Dates and timestamps together: timestamp, spoiling date. */
	js = th_profile_csv("t\n2026-02-27\n2026-02-28\n2026-02-28T10:00\n");
	CHECK_HAS(js, "\"type\":\"timestamp\"");
	CHECK_HAS(js, "\"max\":\"2026-02-28T10:00\"");
	CHECK_HAS(js, "\"not_type\":{\"type\":\"date\",\"count\":1,"
	    "\"first_line\":4,");
	free(js);

	js = th_profile_csv("ok\nTrue\nfalse\nYES\nno\nFALSE\n");
	CHECK_HAS(js, "\"type\":\"boolean\"");
	/* Booleans are one value whatever their spelling. */
	CHECK_HAS(js, "\"distinct\":2,");
	CHECK_HAS(js, "\"top\":[{\"value\":\"false\",\"count\":3},"
	    "{\"value\":\"True\",\"count\":2}]");
	CHECK_HAS(js, "\"not_type\":null");
	free(js);

	/* A minority of misfits is no spoiling: no not_type. */
	js = th_profile_csv("c\n1\nx\ny\nz\n");
	CHECK_HAS(js, "\"type\":\"text\"");
	CHECK_HAS(js, "\"not_type\":null");
	free(js);

	/* Empties are not values: a half-empty column keeps its type. */
	js = th_profile_csv("a,b\n1,\n,\n3,\n,\n");
	CHECK_HAS(js, "{\"name\":\"a\",\"type\":\"integer\",\"precision\":null,"
	    "\"scale\":null,\"count\":2,\"empty\":2,\"distinct\":2,");
	CHECK_HAS(js, "{\"name\":\"b\",\"type\":\"text\",\"precision\":null,"
	    "\"scale\":null,\"count\":0,\"empty\":4,\"distinct\":0,");
	free(js);

	/* Numbers are one value whatever their digits, as in agg. */
	js = th_profile_csv("p\n1.5\n1.50\n2\n2.0\n");
	CHECK_HAS(js, "\"distinct\":2,");
	CHECK_HAS(js, "\"top\":[{\"value\":\"1.5\",\"count\":2},"
	    "{\"value\":\"2\",\"count\":2}]");
	free(js);

	/* A row with the wrong number of fields is counted and skipped. */
	js = th_profile_csv("a,b\n1,2\n3\n4,5\n");
	CHECK_HAS(js, "\"rows\":3,\"rejected\":1,");
	CHECK_HAS(js, "\"count\":2,\"empty\":0,");
	free(js);
	return 0;
}
