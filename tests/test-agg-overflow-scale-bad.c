/*
 * Raising a large sum to a finer scale can overflow too: 10^37 kept in
 * units cannot be kept in units of 10^-18, so adding 0.000000000000000001
 * to it is a fatal error rather than a rounded or a wrapped sum.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	const char		*csv = "department,number_of_sales\n"
	    "A,1e37\n"
	    "A,0.000000000000000001\n";
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK_STR(err, "line 3, column 2 (number_of_sales), value "
	    "\"0.000000000000000001\": the sum of this column for this group "
	    "overflows 128 bits");
	CHECK(res.data_error == 1);
	engine_result_free(&res);
	return 0;
}
