/*
 * A CR LF pair inside a quoted field is kept as both bytes, in a file whose
 * records end in CR LF too: the embedded pair is data, the others end
 * records.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	const char		*csv = "department,number_of_sales\r\n"
	    "\"Books\r\nand Media\",1\r\n"
	    "\"Books\nand Media\",10\r\n"
	    "\"Books\r\nand Media\",3\r\n";
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	/* LF alone and CR LF inside quotes are different keys. */
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "\"Books\nand Media\",10\n"
	    "\"Books\r\nand Media\",4\n");
	CHECK(res.rows == 3);
	CHECK(res.rejected == 0);
	free(out);
	engine_result_free(&res);
	return 0;
}
