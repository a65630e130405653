/*
 * --decimal-comma with a comma delimiter is refused (here sniffed from the
 * header), since "1,5" could not be told from two fields.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o = { .decimal_comma = 1 };
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run("department,number_of_sales\nA,1\n", 31, &o, NULL, err,
	    sizeof(err));
	CHECK(out == NULL);
	CHECK_HAS(err, "decimal comma");
	return 0;
}
