/*
 * An empty input has no header, so it is an error and not an empty
 * result; so is an input of blank lines only.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

static void
run(const char *csv)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK_HAS(err, "empty input");
	CHECK(res.data_error == 1);
	engine_result_free(&res);
}

int
main(void)
{
	run("");
	run("\n\r\n  \n\t\n");
	run("\xef\xbb\xbf");
	return 0;
}
