/*
 * With no delimiter given, a pipe-separated header is read with '|'.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	const char		*csv = "department|number_of_sales|note\n"
	    "A, B|3|x;y\nA, B|4|\"p|q\"\n";
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n\"A, B\",7\n");
	CHECK(res.delim == '|');
	CHECK(res.rejected == 0);
	free(out);
	engine_result_free(&res);
	return 0;
}
