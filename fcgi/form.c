/*
 * The urlencoded parser (see form.h).  Decoded text may hold any byte but
 * NUL; the callers validate meaning.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "form.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode s[0..len) into out (sz bytes with the NUL).  Returns 0, -1 on a
 * bad escape or NUL, -2 if it does not fit.
 */
static int
decode(const char *s, size_t len, char *out, size_t sz)
{
	size_t	 i, n = 0;
	int	 hi, lo;
	char	 c;

	for (i = 0; i < len; i++) {
		c = s[i];
		if (c == '+')
			c = ' ';
		else if (c == '%') {
			if (i + 2 >= len || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return -1;
			c = (char)(hi * 16 + lo);
			i += 2;
			if (c == '\0')
				return -1;
		}
		if (n + 1 >= sz)
			return -2;
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
}

int
form_parse(const char *s, struct form *f, char *err, size_t errsz)
{
	const char	*p, *amp, *eq;
	struct form_pair *fp;
	size_t		 nlen, vlen;

	memset(f, 0, sizeof(*f));
	if (s == NULL)
		return 0;
	if (strlen(s) > FORM_TEXT_MAX) {
		snprintf(err, errsz, "query string longer than %d bytes",
		    FORM_TEXT_MAX);
		return -1;
	}
	for (p = s; *p != '\0'; p = *amp ? amp + 1 : amp) {
		amp = p + strcspn(p, "&");
		if (amp == p)
			continue;
		if (f->n == FORM_PAIRS_MAX) {
			snprintf(err, errsz, "more than %d parameters",
			    FORM_PAIRS_MAX);
			return -1;
		}
		fp = &f->pairs[f->n];
		eq = memchr(p, '=', (size_t)(amp - p));
		nlen = (size_t)((eq != NULL ? eq : amp) - p);
		vlen = eq != NULL ? (size_t)(amp - eq - 1) : 0;
		switch (decode(p, nlen, fp->name, sizeof(fp->name))) {
		case -1:
			snprintf(err, errsz, "bad %%-escape in a parameter "
			    "name");
			return -1;
		case -2:
			snprintf(err, errsz, "parameter name longer than %d "
			    "bytes", FORM_NAME_MAX - 1);
			return -1;
		}
		switch (decode(eq != NULL ? eq + 1 : amp, vlen, fp->value,
		    sizeof(fp->value))) {
		case -1:
			snprintf(err, errsz, "bad %%-escape in parameter "
			    "\"%s\"", fp->name);
			return -1;
		case -2:
			snprintf(err, errsz, "parameter \"%s\" longer than "
			    "%d bytes", fp->name, TALLY_SPEC_MAX - 1);
			return -1;
		}
		f->n++;
	}
	return 0;
}

const char *
form_get(const struct form *f, const char *name)
{
	size_t	 i;
	const char *v = NULL;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->pairs[i].name, name) == 0)
			v = f->pairs[i].value;
	return v;
}
