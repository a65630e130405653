/*
 * A column read on its fast paths gives what the general one gives.  A
 * column tries the fixed-point parse at the scale of its last number
 * before the whole classifier, and rows are counted one behind their
 * reading: numbers at one scale, then another, then texts in the middle
 * of the file ("n/a", a date, "+12", " 13", "1e2", ".50") keep the exact
 * types, spoilers and their lines, distinct counts (2.50 is 2.5), typed
 * extremes, means and lengths; the last row is counted too.  The
 * expected figures are those of the profile before the fast paths.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

static const char csv[] =
    "a,b,d\n"
    "1.25,7,1.25\n"
    "2.50,8,2.5\n"
    "2.5,-9,300\n"
    "-0.75,10,-0.75\n"
    ".50,2024-01-02,1.250\n"
    "n/a,11,0.001\n"
    "3.00,+12,12\n"
    "1e2, 13,-3\n"
    "hello world,14.0,4.5\n";

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *js;

	if ((js = th_profile(csv, strlen(csv), NULL, err,
	    sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	/* Decimals, then a text: 6 numbers by value and 2 texts. */
	CHECK_HAS(js, "{\"name\":\"a\",\"type\":\"text\",\"precision\":null,"
	    "\"scale\":null,\"count\":9,\"empty\":0,\"distinct\":8,"
	    "\"distinct_exact\":true,\"distinct_error\":0,\"min\":\"-0.75\","
	    "\"max\":\"n/a\",\"mean\":null,\"stddev\":null,\"min_length\":3,"
	    "\"max_length\":11,");
	CHECK_HAS(js, "\"not_type\":{\"type\":\"decimal\",\"count\":2,"
	    "\"first_line\":7,\"first_value\":\"n/a\"}");
	/* Integers (signed, blank) with a date and a decimal among them. */
	CHECK_HAS(js, "{\"name\":\"b\",\"type\":\"text\",\"precision\":null,"
	    "\"scale\":null,\"count\":9,\"empty\":0,\"distinct\":9,"
	    "\"distinct_exact\":true,\"distinct_error\":0,\"min\":\"-9\","
	    "\"max\":\"2024-01-02\",\"mean\":null,\"stddev\":null,"
	    "\"min_length\":1,\"max_length\":10,");
	CHECK_HAS(js, "\"not_type\":{\"type\":\"integer\",\"count\":2,"
	    "\"first_line\":6,\"first_value\":\"2024-01-02\"}");
	/* Decimals whose scale changes from row to row. */
	CHECK_HAS(js, "{\"name\":\"d\",\"type\":\"decimal\",\"precision\":6,"
	    "\"scale\":3,\"count\":9,\"empty\":0,\"distinct\":8,"
	    "\"distinct_exact\":true,\"distinct_error\":0,\"min\":-3,"
	    "\"max\":300,\"mean\":35.305666667,\"stddev\":99.350878589,"
	    "\"min_length\":2,\"max_length\":5,");
	CHECK_HAS(js, "{\"value\":\"1.25\",\"count\":2}");
	free(js);
	return 0;
}
