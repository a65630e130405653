/*
 * A name given twice keeps both pairs, in order; form_get returns the last.
 */
#include "config.h"

#include "form.h"
#include "harness.h"

int
main(void)
{
	static struct form	 f;
	char			 err[TALLY_ERR_MAX];

	CHECK(form_parse("agg=count&group_by=a&agg=sum(b)&agg=mean(c)", &f,
	    err, sizeof(err)) == 0);
	CHECK(f.n == 4);
	CHECK_STR(f.pairs[0].value, "count");
	CHECK_STR(form_get(&f, "agg"), "mean(c)");
	CHECK_STR(form_get(&f, "group_by"), "a");
	CHECK(form_get(&f, "Agg") == NULL);
	return 0;
}
