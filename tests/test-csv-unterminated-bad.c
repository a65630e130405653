/*
 * A quote still open at the end of the input is an error, not a record,
 * and the message names the line where the quote opened (here three lines
 * before the end, in the second field) as well as where the input ended.
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
	    "Toys,1\n"
	    "\"Books\nand Media\",2\n"
	    "Toys,\"3\n"
	    "4\n"
	    "5\n";
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK_HAS(err, "unterminated quoted field");
	CHECK_HAS(err, "the quote opened on line 5");
	CHECK_HAS(err, "line 8");
	CHECK(res.data_error == 1);
	engine_result_free(&res);

	/* Without a final line end, in the first field. */
	csv = "department,number_of_sales\nToys,1\n\"Toy";
	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK_HAS(err, "the quote opened on line 3");
	engine_result_free(&res);

	/* In the header itself. */
	csv = "\"department,number_of_sales\nToys,1\n";
	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK_HAS(err, "line 1: unterminated quoted field");
	engine_result_free(&res);
	return 0;
}
