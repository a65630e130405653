/*
 * CSV injection guard: a key cell that starts with = + - @ TAB or CR is
 * written with a leading single quote (and quoted as a CSV cell), so a
 * spreadsheet shows it as text instead of running it.  Keys with those
 * characters elsewhere are left alone.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("department,number_of_sales\n"
	    "=1+2,1\n"
	    "+x,2\n"
	    "-5,3\n"
	    "@SUM(A1),4\n"
	    "\"\tt\",5\n"
	    "\"\rc\",6\n"
	    "a=b-c+d@e,7\n"
	    "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",8\n", NULL, NULL, err,
	    sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "\"'\tt\",5\n"
	    "\"'\rc\",6\n"
	    "\"'+x\",2\n"
	    "\"'-5\",3\n"
	    "\"'=1+2\",1\n"
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",8\n"
	    "\"'@SUM(A1)\",4\n"
	    "a=b-c+d@e,7\n");
	free(out);
	return 0;
}
