/*
 * A cell over 1024 bytes in a column whose text is kept (min, max, distinct) is a bad row, not a silent cut.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	struct engine_opts	 o;
	char			 csv[2200];
	size_t			 n;

	n = (size_t)snprintf(csv, sizeof(csv), "g,t\nA,b\nA,");
	memset(csv + n, (int)'a', 1100);
	n += 1100;
	memcpy(csv + n, "\n", 2);
	memset(&o, 0, sizeof(o));
	o.groups = "g";
	o.aggs = "min:t";
	CHECK_BAD_ROW(csv, &o, "g,min_t\nA,b\n", 3, 2, "t", NULL,
	    "value longer than 1024 bytes");
	(void)out;
	(void)err;
	return 0;
}
