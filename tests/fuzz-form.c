/*
 * libFuzzer target for the urlencoded parser (fcgi/form.c), which reads
 * query strings straight from the request.  The input, cut at its first
 * NUL (a query string cannot hold one), is parsed.  Nothing may crash; a
 * success holds at most FORM_PAIRS_MAX pairs whose names and values are
 * NUL-terminated within their limits and no longer than the raw text, and
 * form_get finds each name; a failure says why.  Violations abort().
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct form	 f;
	char			 err[256], *s;
	size_t			 i, len, sum = 0;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);
	err[0] = '\0';
	if (form_parse(s, &f, err, sizeof(err)) == -1) {
		if (err[0] == '\0')
			abort();
		free(s);
		return 0;
	}
	if (len > FORM_TEXT_MAX || f.n > FORM_PAIRS_MAX)
		abort();
	for (i = 0; i < f.n; i++) {
		if (memchr(f.pairs[i].name, '\0', FORM_NAME_MAX) == NULL ||
		    memchr(f.pairs[i].value, '\0', TALLY_SPEC_MAX) == NULL)
			abort();
		sum += strlen(f.pairs[i].name) + strlen(f.pairs[i].value);
		if (form_get(&f, f.pairs[i].name) == NULL)
			abort();
	}
	if (sum > len)
		abort();
	free(s);
	return 0;
}
