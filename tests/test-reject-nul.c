/*
 * A NUL inside a value is shown, not cut: the sample of "3\0" holds both
 * bytes, the JSON of the samples reads "3\u0000", and the strict-mode
 * message reads value "3\u0000".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "output.h"

static const char	 csv[] = "k,v\nA,1\nA,3\0\nA,2\n";

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out, *buf = NULL;
	size_t			 len = 0;
	FILE			*f;

	o.groups = "k";
	o.aggs = "sum:v";
	out = th_run(csv, sizeof(csv) - 1, &o, &res, err, sizeof(err));
	if (out == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK_STR(out, "k,sum_v\nA,3\n");
	CHECK(res.nrejects == 1);
	CHECK(res.rejects[0].value_len == 2);
	CHECK(memcmp(res.rejects[0].value, "3\0", 2) == 0);
	if ((f = open_memstream(&buf, &len)) == NULL)
		return TH_ERROR;
	CHECK(output_rejects(f, &res) == 0);
	fclose(f);
	CHECK_HAS(buf, "\"value\":\"3\\u0000\"");
	free(buf);
	free(out);
	engine_result_free(&res);

	o.strict = 1;
	out = th_run(csv, sizeof(csv) - 1, &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	CHECK_HAS(err, "value \"3\\u0000\"");
	engine_result_free(&res);
	return 0;
}
