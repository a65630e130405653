/*
 * The key cell limit, TALLY_KEY_MAX bytes: a key of exactly that length is
 * a group like any other; one byte more makes the row bad (skipped and
 * counted, its value shown cut to TALLY_BADVALUE_SHOW bytes and "..."),
 * not a fatal error.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	static char	 csv[4 * TALLY_KEY_MAX], want[4 * TALLY_KEY_MAX];
	char		 key[TALLY_KEY_MAX + 2], shown[TALLY_BADVALUE_SHOW + 4];
	char		 err[TALLY_ERR_MAX], *out;

	/* N: accepted. */
	memset(key, 'k', TALLY_KEY_MAX);
	key[TALLY_KEY_MAX] = '\0';
	snprintf(csv, sizeof(csv), "department,number_of_sales\n"
	    "%s,1\nB,2\n%s,3\n", key, key);
	snprintf(want, sizeof(want), "department,sum_number_of_sales\n"
	    "B,2\n%s,4\n", key);
	out = th_agg(csv, NULL, NULL, err, sizeof(err));
	CHECK_STR(out, want);
	free(out);

	/* N + 1: a bad row. */
	memset(key, 'k', TALLY_KEY_MAX + 1);
	key[TALLY_KEY_MAX + 1] = '\0';
	memset(shown, 'k', TALLY_BADVALUE_SHOW);
	memcpy(shown + TALLY_BADVALUE_SHOW, "...", 4);
	snprintf(csv, sizeof(csv), "department,number_of_sales\n"
	    "B,2\n%s,1\n", key);
	CHECK_BAD_ROW(csv, NULL, "department,sum_number_of_sales\nB,2\n",
	    3, 1, "department", shown, "key longer than 1024 bytes");
	return 0;
}
