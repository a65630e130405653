/*
 * The formula guard quotes a key that starts with = + - @ TAB or CR, and
 * nothing else: a key that starts with a NUL byte (strchr() would find the
 * set's own terminator) is written as it is, as --raw-keys writes it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "output.h"

int
main(void)
{
	static const char	 csv[] = "department,number_of_sales\n"
	    "\0ab,1\n=x,2\n";
	static const char	 want[] = "department,sum_number_of_sales\n"
	    "\0ab,1\n\"'=x\",2\n";
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out = NULL;
	size_t			 len = 0;
	FILE			*f;
	int			 fd = th_file(csv, sizeof(csv) - 1);

	if (engine_run(&o, fd, 0, -1, &res, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);
	close(fd);
	CHECK(res.rejected == 0);
	if ((f = open_memstream(&out, &len)) == NULL)
		return TH_ERROR;
	CHECK(output_csv(f, &res, 0) == 0);
	fclose(f);
	if (len != sizeof(want) - 1 || memcmp(out, want, len) != 0) {
		fprintf(stderr, "got %zu bytes:\n", len);
		fwrite(out, 1, len, stderr);
		th_fail(__FILE__, __LINE__, "the NUL key was guarded");
	}
	free(out);
	engine_result_free(&res);
	return 0;
}
