/*
 * A line feed inside a quoted field is part of the field, not the end of
 * the record: the key "Books<LF>and Media" is one group, and the records
 * around it are read whole.
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
	    "\"Books\nand Media\",1\n"
	    "Toys,2\n"
	    "\"Books\nand Media\",3\n";
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "\"Books\nand Media\",4\n"
	    "Toys,2\n");
	CHECK(res.rows == 3);
	CHECK(res.rejected == 0);
	free(out);
	engine_result_free(&res);
	return 0;
}
