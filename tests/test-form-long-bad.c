/*
 * Limits at N and N+1: a name of FORM_NAME_MAX - 1 bytes and a value of
 * TALLY_SPEC_MAX - 1 bytes (after decoding) fit, one more byte does not;
 * the raw text may be FORM_TEXT_MAX bytes and no more.
 */
#include "config.h"

#include <string.h>

#include "form.h"
#include "harness.h"

static struct form	 f;
static char		 err[TALLY_ERR_MAX];

/* Parse "<n bytes of c>=v" (value 0) or "a=<n bytes of c>" (value 1). */
static int
pair(size_t n, const char *c, int value)
{
	char	 s[3 * TALLY_SPEC_MAX + 16];
	size_t	 i, cl = strlen(c), at = 0;

	if (value) {
		memcpy(s, "a=", 2);
		at = 2;
	}
	for (i = 0; i < n; i++, at += cl)
		memcpy(s + at, c, cl);
	if (!value) {
		memcpy(s + at, "=v", 2);
		at += 2;
	}
	s[at] = '\0';
	return form_parse(s, &f, err, sizeof(err));
}

int
main(void)
{
	char	*s;

	CHECK(pair(FORM_NAME_MAX - 1, "n", 0) == 0);
	CHECK(strlen(f.pairs[0].name) == FORM_NAME_MAX - 1);
	CHECK(pair(FORM_NAME_MAX, "n", 0) == -1);
	CHECK_HAS(err, "name longer");
	CHECK(pair(FORM_NAME_MAX - 1, "%6e", 0) == 0);
	CHECK(pair(FORM_NAME_MAX, "%6e", 0) == -1);

	CHECK(pair(TALLY_SPEC_MAX - 1, "v", 1) == 0);
	CHECK(strlen(form_get(&f, "a")) == TALLY_SPEC_MAX - 1);
	CHECK(pair(TALLY_SPEC_MAX, "v", 1) == -1);
	CHECK_HAS(err, "longer than");
	CHECK(pair(TALLY_SPEC_MAX - 1, "+", 1) == 0);
	CHECK(pair(TALLY_SPEC_MAX, "+", 1) == -1);

	/* Two values that fill FORM_TEXT_MAX exactly, then one byte more. */
	if ((s = malloc(FORM_TEXT_MAX + 2)) == NULL)
		return TH_ERROR;
	memset(s, 'x', FORM_TEXT_MAX + 1);
	memcpy(s, "a=", 2);
	memcpy(s + FORM_TEXT_MAX / 2, "&b=", 3);
	s[FORM_TEXT_MAX] = '\0';
	CHECK(form_parse(s, &f, err, sizeof(err)) == 0);
	CHECK(f.n == 2);
	s[FORM_TEXT_MAX] = 'x';
	s[FORM_TEXT_MAX + 1] = '\0';
	CHECK(form_parse(s, &f, err, sizeof(err)) == -1);
	CHECK_HAS(err, "query string longer");
	free(s);
	return 0;
}
