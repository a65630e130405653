/*
 * A sum that would pass 128 bits is a fatal error, never a wrapped
 * number: the run fails naming the line, the column and the value that
 * overflowed, and flags the input as the cause.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

#define NINES	"99999999999999999999999999999999999999"

static void
run(const char *csv, const char *want)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK_STR(err, want);
	CHECK(res.data_error == 1);
	engine_result_free(&res);
}

int
main(void)
{
	/* Upwards: two times 10^38 - 1 is past 2^127 - 1. */
	run("department,number_of_sales\nA," NINES "\nB,1\nA," NINES "\n",
	    "line 4, column 2 (number_of_sales), value \"" NINES "\": the sum "
	    "of this column for this group overflows 128 bits");
	/* Downwards. */
	run("id,department,number_of_sales\n1,A,-" NINES "\n2,A,-" NINES "\n",
	    "line 3, column 3 (number_of_sales), value \"-" NINES "\": the sum "
	    "of this column for this group overflows 128 bits");
	return 0;
}
