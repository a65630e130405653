/*
 * An unclosed quote in --where, or a quoted value followed by more text,
 * is refused with a caret at the quote or at the stray text.
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
	CHECK(filter_parse(&f, "city=\"Oslo", err, sizeof(err)) == -1);
	CHECK_HAS(err, "this quote is never closed\n  city=\"Oslo\n       ^");
	CHECK(filter_parse(&f, "city=\"Oslo\" x", err, sizeof(err)) == -1);
	CHECK_HAS(err, "expected the end after a quoted value\n"
	    "  city=\"Oslo\" x\n              ^");
	CHECK(filter_parse(&f, "city=Os\"lo", err, sizeof(err)) == -1);
	CHECK_HAS(err, "a quote inside a bare value");
	CHECK(f.n == 0);
	return 0;
}
