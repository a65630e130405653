/*
 * At most FORM_PAIRS_MAX pairs: that many parse, one more is an error.
 * Skipped empty pairs do not count.
 */
#include "config.h"

#include <string.h>

#include "form.h"
#include "harness.h"

int
main(void)
{
	static struct form	 f;
	char			 err[TALLY_ERR_MAX], s[512];
	size_t			 at = 0;
	int			 i;

	for (i = 0; i < FORM_PAIRS_MAX; i++)
		at += (size_t)snprintf(s + at, sizeof(s) - at, "p%d=%d&&", i,
		    i);
	CHECK(form_parse(s, &f, err, sizeof(err)) == 0);
	CHECK(f.n == FORM_PAIRS_MAX);
	CHECK_STR(form_get(&f, "p15"), "15");
	snprintf(s + at, sizeof(s) - at, "x");
	CHECK(form_parse(s, &f, err, sizeof(err)) == -1);
	CHECK_HAS(err, "more than");
	return 0;
}
