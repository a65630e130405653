/*
 * A --where without an operator is refused with a message that shows the
 * expression and puts a caret under the place the operator was expected.
 */
#include "config.h"

#include <string.h>

#include "filter.h"
#include "harness.h"

int
main(void)
{
	struct filter	 f;
	char		 err[TALLY_ERR_MAX];

	memset(&f, 0, sizeof(f));
	CHECK(filter_parse(&f, "region North", err, sizeof(err)) == -1);
	CHECK_STR(err, "--where \"region North\": expected an operator: =, "
	    "!=, <, <=, >, >=, ~ (contains), ^= (starts with) or in\n"
	    "  region North\n"
	    "              ^");
	CHECK(f.n == 0);
	CHECK(filter_parse(&f, "price>", err, sizeof(err)) == -1);
	CHECK_HAS(err, "expected a value after the operator");
	CHECK_HAS(err, "\n  price>\n        ^");
	CHECK(filter_parse(&f, "=5", err, sizeof(err)) == -1);
	CHECK_HAS(err, "expected a column name\n  =5\n  ^");
	return 0;
}
