/*
 * The field limit, TALLY_FIELD_MAX bytes, on an unquoted field: exactly N
 * bytes are read (the row counts), N + 1 is a fatal error that names the
 * line and the field, whether the field is kept or skipped.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

/* Run a file whose line 3 has a field of n bytes in column col (1-3). */
static char *
run(size_t n, int col, struct engine_result *res, char *err, size_t errsz)
{
	struct engine_opts	 o = { 0 };
	char			*csv, *p, *out;
	const char		*head = "department,number_of_sales,note\n"
	    "A,1,x\n";
	size_t			 len;

	o.aggs = "count";
	if ((csv = malloc(n + 256)) == NULL)
		exit(TH_ERROR);
	p = csv + sprintf(csv, "%s", head);
	if (col > 1)
		p += sprintf(p, col == 2 ? "A," : "A,1,");
	memset(p, '7', n);
	p += n;
	p += sprintf(p, col == 1 ? ",1,x\n" : col == 2 ? ",x\n" : "\n");
	p += sprintf(p, "A,2,x\n");
	len = (size_t)(p - csv);
	out = th_run(csv, len, &o, res, err, errsz);
	free(csv);
	return out;
}

int
main(void)
{
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], want[64], *out;
	int			 col;

	for (col = 1; col <= 3; col++) {
		out = run(TALLY_FIELD_MAX, col, &res, err, sizeof(err));
		CHECK(out != NULL);
		CHECK(res.rows == 3);
		/* A 1 MiB key is a bad row, but not a fatal error. */
		CHECK(res.rejected == (col == 1 ? 1 : 0));
		free(out);
		engine_result_free(&res);

		out = run(TALLY_FIELD_MAX + 1, col, &res, err, sizeof(err));
		CHECK(out == NULL);
		snprintf(want, sizeof(want), "line 3: field %d is longer than "
		    "%d bytes", col, TALLY_FIELD_MAX);
		CHECK_STR(err, want);
		CHECK(res.data_error == 1);
		engine_result_free(&res);
	}
	return 0;
}
