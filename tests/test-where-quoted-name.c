/*
 * A quoted column name in --where takes a quote inside doubled, as a
 * quoted name in -g and -a does, so a column named `say "hi", then` can
 * be filtered on by name; an unclosed or empty quoted name is refused.
 */
#include "config.h"

#include <string.h>

#include "filter.h"
#include "harness.h"

int
main(void)
{
	static const char *const where[] = { "\"say \"\"hi\"\", then\" = x" };
	struct engine_opts	 o;
	struct filter		 f;
	char			 err[TALLY_ERR_MAX], *out;
	const char		*csv = "\"say \"\"hi\"\", then\",v\nx,1\ny,2\n"
				    "x,3\n";

	memset(&o, 0, sizeof(o));
	o.groups = "\"say \"\"hi\"\", then\"";
	o.aggs = "sum:v";
	o.where = where;
	o.nwhere = 1;
	if ((out = th_run(csv, strlen(csv), &o, NULL, err,
	    sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK_STR(out, "\"say \"\"hi\"\", then\",sum_v\nx,4\n");
	free(out);

	memset(&f, 0, sizeof(f));
	CHECK(filter_parse(&f, "\"say \"\"hi=x", err, sizeof(err)) == -1);
	CHECK_HAS(err, "this quote is never closed");
	CHECK(filter_parse(&f, "\"\"=x", err, sizeof(err)) == -1);
	CHECK_HAS(err, "expected a column name");
	CHECK(filter_parse(&f, "\"a\"\"b\" in x|y", err, sizeof(err)) == 0);
	CHECK(f.n == 1);
	CHECK_STR(f.c[0].colspec, "a\"b");
	filter_free(&f);
	return 0;
}
