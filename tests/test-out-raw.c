/*
 * With raw_keys the injection guard is off: key cells are written as they
 * are, quoted only where CSV needs it (a comma, a quote, CR or LF).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "output.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	const char		*csv = "department,number_of_sales\n"
	    "=1+2,1\n-5,3\n@x,4\n\"=a,b\",5\n\"\rc\",6\n";
	char			 err[TALLY_ERR_MAX], *out = NULL;
	size_t			 len = 0;
	FILE			*f;
	int			 fd = th_file(csv, strlen(csv));

	if (engine_run(&o, fd, 0, -1, &res, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);
	close(fd);
	CHECK(engine_sort(&res, 0) == 0);
	if ((f = open_memstream(&out, &len)) == NULL)
		return TH_ERROR;
	CHECK(output_csv(f, &res, 1) == 0);
	fclose(f);
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "\"\rc\",6\n"
	    "-5,3\n"
	    "=1+2,1\n"
	    "\"=a,b\",5\n"
	    "@x,4\n");
	free(out);
	engine_result_free(&res);
	return 0;
}
