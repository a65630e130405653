/*
 * A number written with a redundant leading zero ("08123", "-05",
 * "00.5") is a code, not a quantity: text, as DuckDB's sniffer has it,
 * spelled as written.  A column of ZIP codes is text from 01001 to
 * 99950 (codes sort among numbers by value); one code among integers
 * spoils them (not_type names it); "0", "0.5" and "-0.25" stay numbers.
 * (test-profile-sketch-paths feeds codes through a sketch's quick
 * paths.)
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"

int
main(void)
{
	char	*js;

	js = th_profile_csv("zip\n08123\n12345\n01001\n99950\n");
	CHECK_HAS(js, "\"type\":\"text\"");
	CHECK_HAS(js, "\"min\":\"01001\",\"max\":\"99950\"");
	CHECK_HAS(js, "\"mean\":null");
	CHECK_HAS(js, "{\"value\":\"08123\",\"count\":1}");
	free(js);

	/* Line 1 is the header: "007" is on line 4. */
	js = th_profile_csv("qty\n1\n2\n007\n5\n-05\n7\n");
	CHECK_HAS(js, "\"type\":\"text\"");
	CHECK_HAS(js, "\"not_type\":{\"type\":\"integer\",\"count\":2,"
	    "\"first_line\":4,\"first_value\":\"007\"}");
	/* "007" and "7" are two values (as text), one number (007 first). */
	CHECK_HAS(js, "\"distinct\":6,");
	CHECK_HAS(js, "\"min\":\"-05\",\"max\":\"007\"");
	free(js);

	js = th_profile_csv("x,y\n0,0.5\n-0,-0.25\n3,00.5\n");
	CHECK_HAS(js, "\"name\":\"x\",\"type\":\"integer\"");
	CHECK_HAS(js, "\"name\":\"y\",\"type\":\"text\"");
	CHECK_HAS(js, "\"not_type\":{\"type\":\"decimal\",\"count\":1,"
	    "\"first_line\":4,\"first_value\":\"00.5\"}");
	free(js);
	return 0;
}
