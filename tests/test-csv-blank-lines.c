/*
 * Blank lines are skipped wherever they are: before the header, between
 * records, at the end, or ending in CR LF.  They are not records, so they
 * are neither counted nor bad rows.  With --trim, so are lines holding
 * only spaces or tabs (without it, blanks are data: see test-key-blanks).
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { .trim = 1 };
	struct engine_result	 res;
	const char		*csv = "\n\r\n  \n"
	    "department,number_of_sales\n"
	    "\n"
	    "Toys,3\n"
	    "\r\n"
	    "   \n"
	    "\t\n"
	    "Toys,4\n"
	    "\n\n";
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nToys,7\n");
	CHECK(res.rows == 2);
	CHECK(res.rejected == 0);
	free(out);
	engine_result_free(&res);
	return 0;
}
