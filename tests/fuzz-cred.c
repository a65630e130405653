/*
 * libFuzzer target for the credential parsers (fcgi/cred.c), which read
 * the Cookie and Authorization headers straight from the request.  The
 * input, cut at its first NUL (a header cannot hold one), is parsed both
 * ways.  Nothing may crash; a found cookie value or bearer token is
 * NUL-terminated within the buffer, no longer than the header, and holds
 * no ';' (a cookie) or space (a token).  Violations abort().
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cred.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, v[40], t[80];
	size_t	 len;
	int	 rc;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);
	memset(v, 'x', sizeof(v));
	if (cred_cookie(s, "tally_owner", v, sizeof(v)) == 1) {
		if (memchr(v, '\0', sizeof(v)) == NULL || strlen(v) > len ||
		    strchr(v, ';') != NULL)
			abort();
	}
	memset(t, 'x', sizeof(t));
	rc = cred_bearer(s, t, sizeof(t));
	if (rc < -1 || rc > 1)
		abort();
	if (rc == 1 && (memchr(t, '\0', sizeof(t)) == NULL || t[0] == '\0' ||
	    strlen(t) > len || strchr(t, ' ') != NULL))
		abort();
	free(s);
	return 0;
}
