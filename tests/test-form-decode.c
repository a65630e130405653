/*
 * '+' decodes to a space and %XX to its byte, with hex digits in either
 * case, in names and values alike; other bytes pass through.
 */
#include "config.h"

#include "form.h"
#include "harness.h"

int
main(void)
{
	static struct form	 f;
	char			 err[TALLY_ERR_MAX];

	CHECK(form_parse("group_by=a+b%2Cc&agg=sum%28x%29&"
	    "n%61me=%e2%82%AC&raw=a/b:c;d", &f, err, sizeof(err)) == 0);
	CHECK(f.n == 4);
	CHECK_STR(f.pairs[0].name, "group_by");
	CHECK_STR(f.pairs[0].value, "a b,c");
	CHECK_STR(form_get(&f, "agg"), "sum(x)");
	CHECK_STR(form_get(&f, "name"), "\xe2\x82\xac");
	CHECK_STR(form_get(&f, "raw"), "a/b:c;d");
	CHECK(form_parse("%2B=%2b+%25", &f, err, sizeof(err)) == 0);
	CHECK_STR(form_get(&f, "+"), "+ %");
	CHECK(form_get(&f, "%2B") == NULL);
	return 0;
}
