/*
 * A key cell is its bytes as written (RFC 4180: spaces are part of a
 * field): " x", "x", "x ", TAB x and x TAB are five groups, in both parsers,
 * in every block size and thread count; numbers still accept blanks around
 * them; and a line of blanks is a record, not a blank line.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	const char		*csv = "department,number_of_sales\n"
	    " x,1\n"
	    "x,2\n"
	    "x ,4\n"
	    "\tx,8\n"
	    "x\t, 16 \n"
	    "\"x\",32\n";
	const char		*want = "department,sum_number_of_sales\n"
	    "\"'\tx\",8\n"
	    "\" x\",1\n"
	    "x,34\n"
	    "x\t,16\n"
	    "\"x \",4\n";
	struct engine_opts	 o = { 0 };
	char			 err[TALLY_ERR_MAX], *out;
	int			 t;

	th_sweep(csv, strlen(csv), &o, want);
	o.parser = ENGINE_PARSER_LIBCSV;
	th_sweep(csv, strlen(csv), &o, want);
	o.parser = ENGINE_PARSER_FAST;
	o.split_min = 16;
	for (t = 1; t <= 4; t++) {
		o.threads = t;
		out = th_run(csv, strlen(csv), &o, NULL, err, sizeof(err));
		CHECK_STR(out, want);
		free(out);
	}
	/* A line of blanks is a one-field record. */
	o.threads = 1;
	CHECK_BAD_ROW("department,number_of_sales\nx,1\n   \n", &o,
	    "department,sum_number_of_sales\nx,1\n", 3, 0, NULL, NULL,
	    "row has 1 field, the header has 2");
	return 0;
}
