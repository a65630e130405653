/*
 * Sniffing counts candidates outside quotes only, the most frequent wins,
 * and ties go in the order , ; TAB |.  A header with none of them is one
 * column, read with ','.  An explicit opts.delim overrides the sniffing.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

static char
delim_of(const char *csv, char delim)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], d, *out;

	o.groups = "1";
	o.aggs = "count";
	o.delim = delim;
	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	if (out == NULL)
		th_fail(__FILE__, __LINE__, "%s: %s", csv, err);
	d = res.delim;
	free(out);
	engine_result_free(&res);
	return d;
}

int
main(void)
{
	CHECK(delim_of("a,b;c\n", 0) == ',');
	CHECK(delim_of("a;b\tc\n", 0) == ';');
	CHECK(delim_of("a\tb|c\n", 0) == '\t');
	CHECK(delim_of("a|b|c,d\n", 0) == '|');
	CHECK(delim_of("a|b;c;d|e\n", 0) == ';');
	/* Quoted delimiters do not count. */
	CHECK(delim_of("\"a;b;c\",d\n", 0) == ',');
	CHECK(delim_of("\"a,b,c\";d\n", 0) == ';');
	CHECK(delim_of("abc\n", 0) == ',');
	/* Given, not sniffed. */
	CHECK(delim_of("a;b;c,d\n", ',') == ',');
	CHECK(delim_of("a,b:c\n", ':') == ':');
	return 0;
}
