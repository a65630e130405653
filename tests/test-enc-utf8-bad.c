/*
 * In a file read as UTF-8 (detected from its first 64 KiB, or named), a
 * key cell with invalid UTF-8 further down is a bad row, shown with U+FFFD
 * for the bad byte, and never becomes a group.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "transcode.h"

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *csv, *out;
	size_t			 n = 0, i;

	/* 72 KB of valid UTF-8 first, so auto reads it as UTF-8. */
	if ((csv = malloc(100 * 1024)) == NULL)
		return TH_ERROR;
	n += (size_t)sprintf(csv, "department,number_of_sales\n");
	for (i = 0; i < 9000; i++)
		n += (size_t)sprintf(csv + n, "Caf\xc3\xa9,1\n");
	n += (size_t)sprintf(csv + n, "Caf\xe9,5\nCaf\xc3\xa9,1\n");
	out = th_run(csv, n, &o, &res, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nCaf\xc3\xa9,9001\n");
	CHECK(res.rejected == 1);
	CHECK(res.rejects[0].line == 9002);
	CHECK(res.rejects[0].column == 1);
	CHECK_STR(res.rejects[0].value, "Caf\xef\xbf\xbd");
	CHECK_STR(res.rejects[0].reason, "invalid UTF-8");
	engine_result_free(&res);
	free(out);
	o.source.enc = SOURCE_ENC_UTF8;
	CHECK_BAD_ROW("department,number_of_sales\nok,1\n\xff\xfe,2\n", &o,
	    "department,sum_number_of_sales\nok,1\n", 3, 1, "department",
	    "\xef\xbf\xbd\xef\xbf\xbd", "invalid UTF-8");
	free(csv);
	return 0;
}
