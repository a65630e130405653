/*
 * application/x-www-form-urlencoded text, as in query strings: parsed into
 * a bounded set of decoded name/value pairs.
 */
#ifndef TALLY_FORM_H
#define TALLY_FORM_H

#include <stddef.h>

#include "bounds.h"

#define FORM_PAIRS_MAX	16
#define FORM_NAME_MAX	64
#define FORM_TEXT_MAX	(8 * 1024)	/* the longest query string */

struct form_pair {
	char	 name[FORM_NAME_MAX];
	char	 value[TALLY_SPEC_MAX];
};

struct form {
	size_t		 n;
	struct form_pair pairs[FORM_PAIRS_MAX];
};

/*
 * Parse s ("a=1&b=x%20y"; NULL or "" is empty) into f, decoding %XX and
 * '+'.  Returns 0, or -1 with err set for a bad escape, a NUL byte, a name
 * or value over its limit, or too many pairs.
 */
int		 form_parse(const char *s, struct form *f, char *err,
		    size_t errsz);

/* The value of the last pair called name, or NULL. */
const char	*form_get(const struct form *f, const char *name);

#endif /* TALLY_FORM_H */
