/*
 * --limit N keeps the first N groups in the printed order (by value here),
 * and no kind column appears without --others or --total.
 */
#include "config.h"

#include <string.h>

#include <unistd.h>

#include "harness.h"
#include "output.h"

int
main(void)
{
	struct engine_opts	 o;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out = NULL;
	size_t			 len = 0;
	FILE			*f;
	const char		*csv = "g,n\nA,1\nB,5\nC,3\nD,4\n";
	int			 fd = th_file(csv, strlen(csv));

	memset(&o, 0, sizeof(o));
	o.groups = "g";
	o.aggs = "sum:n";
	CHECK(engine_run(&o, fd, 0, -1, &res, err, sizeof(err)) == 0);
	CHECK(engine_sort(&res, 1) == 0);
	CHECK(engine_shape(&res, 2, 0, 0, err, sizeof(err)) == 0);
	CHECK((f = open_memstream(&out, &len)) != NULL);
	CHECK(output_csv(f, &res, 0) == 0);
	fclose(f);
	CHECK_STR(out, "g,sum_n\nB,5\nD,4\n");
	free(out);
	engine_result_free(&res);
	close(fd);
	return 0;
}
