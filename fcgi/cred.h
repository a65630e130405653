/*
 * Credentials in request headers: the value of one cookie in a Cookie
 * header (RFC 6265 syntax: "a=1; b=2"), and the token of an
 * "Authorization: Bearer TOKEN" header.  Both read untrusted bytes and are
 * fuzzed (tests/fuzz-cred.c); neither allocates.  What a credential means
 * is owner.c's business.
 */
#ifndef TALLY_CRED_H
#define TALLY_CRED_H

#include <stddef.h>

/*
 * Find cookie name in header (a Cookie header's value, or NULL) and copy
 * its value, without quotes, into buf.  The first cookie of that name
 * wins.  Returns 1 if found and it fits, 0 if absent or too long for buf.
 */
int		 cred_cookie(const char *header, const char *name, char *buf,
		    size_t sz);

/*
 * Parse an Authorization header's value: "Bearer TOKEN" (the scheme in any
 * case, spaces around the token ignored).  Returns 1 with the token in buf,
 * 0 if header is NULL or empty, -1 if it is another scheme, an empty token,
 * or a token longer than sz - 1 bytes or with bytes outside the token68
 * set.
 */
int		 cred_bearer(const char *header, char *buf, size_t sz);

#endif /* TALLY_CRED_H */
