/*
 * Strict mode stops at the first bad row: the run fails with a message
 * naming the line, the column (number and header name), the value and the
 * reason, flags the input as the cause, and reads no further.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

static void
strict(const char *csv, const char *want, unsigned long rows)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;

	o.strict = 1;
	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK_STR(err, want);
	CHECK(res.data_error == 1);
	CHECK(res.rejected == 1);
	CHECK(res.rows == rows);
	engine_result_free(&res);
}

int
main(void)
{
	strict("id,department,number_of_sales\n"
	    "1,A,1\n2,A,2\n3,B,3\n4,B,abc\n5,B,def\n",
	    "line 5, column 3 (number_of_sales), value \"abc\": not a number",
	    4);
	strict("id,department,number_of_sales\n1,A,1\n2,A\n3,A,x\n",
	    "line 3: row has 2 fields, the header has 3", 2);
	strict("department,number_of_sales\nA,\"1,000\"\n",
	    "line 2, column 2 (number_of_sales), value \"1,000\": thousands "
	    "separators are not accepted", 1);

	/* Without strict, the same file is fine apart from its bad rows. */
	{
		const char	*csv = "id,department,number_of_sales\n"
		    "1,A,1\n4,B,abc\n";
		char		 err[TALLY_ERR_MAX], *out;

		out = th_agg(csv, NULL, NULL, err, sizeof(err));
		CHECK_STR(out, "department,sum_number_of_sales\nA,1\n");
		free(out);
	}
	return 0;
}
