/*
 * %00 would cut a decoded string short: it is refused in names and values.
 */
#include "config.h"

#include "form.h"
#include "harness.h"

int
main(void)
{
	static struct form	 f;
	char			 err[TALLY_ERR_MAX];

	CHECK(form_parse("a=x%00y", &f, err, sizeof(err)) == -1);
	CHECK(form_parse("a=%00", &f, err, sizeof(err)) == -1);
	CHECK(form_parse("a%00b=1", &f, err, sizeof(err)) == -1);
	CHECK(form_parse("a=%01", &f, err, sizeof(err)) == 0);
	CHECK_STR(form_get(&f, "a"), "\x01");
	return 0;
}
