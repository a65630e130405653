/*
 * NULL and "" are empty forms; empty pairs ("&&", a leading or trailing
 * '&') are skipped; a pair without '=' has an empty value, and one with an
 * empty name is kept.
 */
#include "config.h"

#include "form.h"
#include "harness.h"

int
main(void)
{
	static struct form	 f;
	char			 err[TALLY_ERR_MAX];

	CHECK(form_parse(NULL, &f, err, sizeof(err)) == 0);
	CHECK(f.n == 0);
	CHECK(form_parse("", &f, err, sizeof(err)) == 0);
	CHECK(f.n == 0);
	CHECK(form_parse("&&&", &f, err, sizeof(err)) == 0);
	CHECK(f.n == 0);
	CHECK(form_parse("&a=1&&b=2&", &f, err, sizeof(err)) == 0);
	CHECK(f.n == 2);
	CHECK_STR(form_get(&f, "a"), "1");
	CHECK_STR(form_get(&f, "b"), "2");
	CHECK(form_parse("strict&x=&=v", &f, err, sizeof(err)) == 0);
	CHECK(f.n == 3);
	CHECK_STR(form_get(&f, "strict"), "");
	CHECK_STR(form_get(&f, "x"), "");
	CHECK_STR(form_get(&f, ""), "v");
	CHECK(form_parse("a=b=c", &f, err, sizeof(err)) == 0);
	CHECK_STR(form_get(&f, "a"), "b=c");
	return 0;
}
