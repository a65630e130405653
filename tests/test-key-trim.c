/*
 * --trim drops the spaces and tabs around key cells, as libcsv's default
 * does: " x", "x", "x " and TAB x TAB are one group, in both parsers and
 * every block size.
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
	    "\tx\t,8\n"
	    "  \"x\"  ,16\n"
	    "\" x\",32\n";
	const char		*want = "department,sum_number_of_sales\n"
	    "\" x\",32\n"
	    "x,31\n";
	struct engine_opts	 o = { .trim = 1 };

	th_sweep(csv, strlen(csv), &o, want);
	o.parser = ENGINE_PARSER_LIBCSV;
	th_sweep(csv, strlen(csv), &o, want);
	return 0;
}
