/*
 * Line numbers count the line ends inside quoted fields: after a record
 * whose fields span lines (LF and CR LF, in the first field and in a later
 * one), the next bad record is reported on the line it really starts on,
 * and a bad record that spans lines is reported where it starts.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

static void
strict(const char *csv, const char *want)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;

	o.strict = 1;
	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK_STR(err, want);
	engine_result_free(&res);
}

int
main(void)
{
	/* Lines 2-4 hold one record; the bad one is on line 5. */
	strict("department,number_of_sales,note\n"
	    "\"Books\nand\nMedia\",1,x\n"
	    "A,bad,y\n",
	    "line 5, column 2 (number_of_sales), value \"bad\": not a number");
	/* Line ends in a later field, CR LF ones too. */
	strict("department,number_of_sales,note\r\n"
	    "A,1,\"one\r\ntwo\r\nthree\"\r\n"
	    "B,2,\"x\ny\"\r\n"
	    "C,zz,z\r\n",
	    "line 7, column 2 (number_of_sales), value \"zz\": not a number");
	/* The bad record itself spans lines 3-5. */
	strict("department,number_of_sales,note\n"
	    "A,1,x\n"
	    "\"B\n\nB\",q,y\n",
	    "line 3, column 2 (number_of_sales), value \"q\": not a number");
	/* Blank lines count, before the header too. */
	strict("\n\ndepartment,number_of_sales\n\nA,1\n\n\r\nA,w\n",
	    "line 8, column 2 (number_of_sales), value \"w\": not a number");
	return 0;
}
