/*
 * Without strict mode, every recorded bad row carries the line its record
 * starts on, counting line ends inside quoted fields, the 1-based column
 * and its header name, or column 0 for a row with the wrong field count.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	const char		*csv = "department,number_of_sales,note\n"
	    "A,1,\"a\nb\"\n"		/* lines 2-3 */
	    "A,x,y\n"			/* line 4 */
	    "\"B\r\nC\",1\n"		/* lines 5-6, two fields */
	    "D,2,\"\n\n\"\n"		/* lines 7-9 */
	    "E,\"1\n\",z\n";		/* lines 10-11 */
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nA,1\nD,2\n");
	CHECK(res.rows == 5);
	CHECK(res.rejected == 3);
	CHECK(res.nrejects == 3);
	CHECK(res.rejects[0].line == 4);
	CHECK(res.rejects[0].column == 2);
	CHECK_STR(res.rejects[0].colname, "number_of_sales");
	CHECK_STR(res.rejects[0].value, "x");
	CHECK(res.rejects[1].line == 5);
	CHECK(res.rejects[1].column == 0);
	CHECK_STR(res.rejects[1].reason, "row has 2 fields, the header has 3");
	CHECK(res.rejects[2].line == 10);
	CHECK(res.rejects[2].column == 2);
	CHECK_STR(res.rejects[2].value, "1\n");
	free(out);
	engine_result_free(&res);
	return 0;
}
