/*
 * The field limit, TALLY_FIELD_MAX bytes after unquoting, on a quoted
 * field: N bytes between the quotes (doubled quotes counting once, line
 * ends inside counting as data) are read; N + 1 is a fatal error that names
 * the line where the record starts and the field.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

/*
 * Line 3 holds "A,1," and a quoted note of n bytes after unquoting, made of
 * 'x', one doubled quote and one line feed.
 */
static char *
run(size_t n, struct engine_result *res, char *err, size_t errsz)
{
	struct engine_opts	 o = { 0 };
	char			*csv, *p, *out;
	size_t			 len;

	if ((csv = malloc(n + 256)) == NULL)
		exit(TH_ERROR);
	p = csv + sprintf(csv, "department,number_of_sales,note\n"
	    "A,1,x\nA,1,\"\"\"\n");
	memset(p, 'x', n - 2);
	p += n - 2;
	p += sprintf(p, "\"\nA,2,x\n");
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

	out = run(TALLY_FIELD_MAX, &res, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nA,4\n");
	CHECK(res.rows == 3);
	free(out);
	engine_result_free(&res);

	out = run(TALLY_FIELD_MAX + 1, &res, err, sizeof(err));
	CHECK(out == NULL);
	snprintf(want, sizeof(want), "line 3: field 3 is longer than %d bytes",
	    TALLY_FIELD_MAX);
	CHECK_STR(err, want);
	CHECK(res.data_error == 1);
	engine_result_free(&res);
	return 0;
}
