/*
 * With --trim, spaces around a quoted field are not part of it ("  "K"  "
 * is K), while spaces inside the quotes are (" K " stays a distinct key,
 * quoted again on output so they survive).
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { .trim = 1 };
	char			 err[TALLY_ERR_MAX], *out;
	const char		*csv = "department,number_of_sales\n"
	    "  \"K\"  ,1\n"
	    "K,2\n"
	    "\" K \",4\n"
	    "\t\"K\"\t,8\n";

	out = th_run(csv, strlen(csv), &o, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "\" K \",4\n"
	    "K,11\n");
	free(out);
	return 0;
}
