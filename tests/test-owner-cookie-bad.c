/*
 * A cookie names an owner only if it is exactly 32 lowercase hex digits;
 * the owner is "cookie:" and the cookie's SHA-256, never the cookie; a new
 * cookie has that form, and two new cookies differ.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "owner.h"

int
main(void)
{
	struct owner	 who;
	char		 c1[OWNER_COOKIE_LEN + 1], c2[OWNER_COOKIE_LEN + 1];
	char		 err[TALLY_ERR_MAX];

	CHECK(owner_cookie_new(c1, err, sizeof(err)) == 0);
	CHECK(owner_cookie_new(c2, err, sizeof(err)) == 0);
	CHECK(strcmp(c1, c2) != 0);
	CHECK(owner_from_cookie(c1, &who) == 0);
	CHECK(strncmp(who.id, "cookie:", 7) == 0 && strlen(who.id) == 7 + 64);
	CHECK(strstr(who.id, c1) == NULL);
	CHECK(!who.admin);
	/* SHA-256("00000000000000000000000000000000") */
	CHECK(owner_from_cookie("00000000000000000000000000000000",
	    &who) == 0);
	CHECK_STR(who.id, "cookie:"
	    "84e0c0eafaa95a34c293f278ac52e45ce537bab5e752a00e6959a13ae103b65a");
	CHECK(owner_from_cookie("0000000000000000000000000000000", &who) == -1);
	CHECK(owner_from_cookie("000000000000000000000000000000000",
	    &who) == -1);
	CHECK(owner_from_cookie("0000000000000000000000000000000A",
	    &who) == -1);
	CHECK(owner_from_cookie(NULL, &who) == -1);
	CHECK(!owner_may(&who, ""));
	return 0;
}
