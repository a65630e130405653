/*
 * cred_cookie finds one cookie among several ("a=1; b=2"), quoted or not,
 * the first of its name, and not a cookie whose name only ends or starts
 * like it; a value too long for the buffer is absent.
 */
#include "config.h"

#include "cred.h"
#include "harness.h"

int
main(void)
{
	char	 v[8];

	CHECK(cred_cookie("a=1; tally_owner=abc; b=2", "tally_owner", v,
	    sizeof(v)) == 1);
	CHECK_STR(v, "abc");
	CHECK(cred_cookie("tally_owner=\"q\"", "tally_owner", v,
	    sizeof(v)) == 1);
	CHECK_STR(v, "q");
	CHECK(cred_cookie("tally_owner=x;tally_owner=y", "tally_owner", v,
	    sizeof(v)) == 1);
	CHECK_STR(v, "x");
	CHECK(cred_cookie("xtally_owner=1; tally_ownerx=2", "tally_owner", v,
	    sizeof(v)) == 0);
	CHECK(cred_cookie("tally_owner=1234567", "tally_owner", v,
	    sizeof(v)) == 1);
	CHECK(cred_cookie("tally_owner=12345678", "tally_owner", v,
	    sizeof(v)) == 0);
	CHECK(cred_cookie(NULL, "tally_owner", v, sizeof(v)) == 0);
	CHECK(cred_cookie("", "tally_owner", v, sizeof(v)) == 0);
	CHECK(cred_cookie(";;; ", "tally_owner", v, sizeof(v)) == 0);
	return 0;
}
