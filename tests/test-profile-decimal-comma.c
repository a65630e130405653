/*
 * A profile with --decimal-comma of a comma-separated file whose decimal
 * numbers are quoted ("1,5"), as spreadsheets in comma locales write them:
 * the column is a decimal with typed extremes and an exact mean, read the
 * same as the same numbers in a ';'-separated file.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { .decimal_comma = 1 };
	const char		*comma = "k,v\nA,\"1,5\"\nB,\"-0,25\"\nA,2\n";
	const char		*semi = "k;v\nA;1,5\nB;-0,25\nA;2\n";
	char			 err[TALLY_ERR_MAX], *a, *b;

	a = th_profile(comma, strlen(comma), &o, err, sizeof(err));
	if (a == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK_HAS(a, "{\"name\":\"v\",\"type\":\"decimal\",\"precision\":3,"
	    "\"scale\":2,\"count\":3,\"empty\":0,\"distinct\":3,"
	    "\"distinct_exact\":true,\"distinct_error\":0,\"min\":-0.25,"
	    "\"max\":2,\"mean\":1.08333333,");
	b = th_profile(semi, strlen(semi), &o, err, sizeof(err));
	if (b == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	/* Past the dialect, the two profiles say the same. */
	CHECK_STR(strstr(a, "\"columns\""), strstr(b, "\"columns\""));
	free(a);
	free(b);
	return 0;
}
