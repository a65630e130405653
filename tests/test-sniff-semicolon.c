/*
 * With no delimiter given, a header with more semicolons than commas is
 * read as semicolon-separated: commas in the records are then data (and
 * a decimal comma is a bad number, not a column break).
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	const char		*csv = "department;number_of_sales;note\n"
	    "Home, Garden;3;a, b\n"
	    "Home, Garden;\"4\";c\n"
	    "Toys;1,5;d\n";
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n\"Home, Garden\",7\n");
	CHECK(res.delim == ';');
	CHECK(res.rejected == 1);
	CHECK_STR(res.rejects[0].reason, "a decimal comma is read only when "
	    "asked for (--decimal-comma, API decimal=comma)");
	free(out);
	engine_result_free(&res);
	return 0;
}
