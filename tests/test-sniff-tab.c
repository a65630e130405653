/*
 * With no delimiter given, a tab-separated header is read as TSV: commas,
 * semicolons and pipes in the records are data.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	const char		*csv = "department\tnumber_of_sales\tnote\n"
	    "Home, Garden; Pool|Spa\t3\tx,y\n"
	    "Home, Garden; Pool|Spa\t4\tx;y\n";
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "\"Home, Garden; Pool|Spa\",7\n");
	CHECK(res.delim == '\t');
	CHECK(res.rejected == 0);
	free(out);
	engine_result_free(&res);
	return 0;
}
