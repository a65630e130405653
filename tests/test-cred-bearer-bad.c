/*
 * cred_bearer takes "Bearer TOKEN" (any case, spaces around) and refuses
 * other schemes, an empty token, two tokens, bytes outside token68 and a
 * token too long for the buffer; no header is 0, not an error.
 */
#include "config.h"

#include "cred.h"
#include "harness.h"

int
main(void)
{
	char	 t[8];

	CHECK(cred_bearer("Bearer abc", t, sizeof(t)) == 1);
	CHECK_STR(t, "abc");
	CHECK(cred_bearer("  bearer\tA-b_c= ", t, sizeof(t)) == 1);
	CHECK_STR(t, "A-b_c=");
	CHECK(cred_bearer(NULL, t, sizeof(t)) == 0);
	CHECK(cred_bearer(" ", t, sizeof(t)) == 0);
	CHECK(cred_bearer("Basic dXNlcjpwYXNz", t, sizeof(t)) == -1);
	CHECK(cred_bearer("Bearer", t, sizeof(t)) == -1);
	CHECK(cred_bearer("Bearer ", t, sizeof(t)) == -1);
	CHECK(cred_bearer("Bearerabc", t, sizeof(t)) == -1);
	CHECK(cred_bearer("Bearer a b", t, sizeof(t)) == -1);
	CHECK(cred_bearer("Bearer a\"b", t, sizeof(t)) == -1);
	CHECK(cred_bearer("Bearer 1234567", t, sizeof(t)) == 1);
	CHECK(cred_bearer("Bearer 12345678", t, sizeof(t)) == -1);
	return 0;
}
