/*
 * A text min or max is written like a key: one that a spreadsheet would run as a formula gets a leading quote.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("g,d\nA,=cmd()\nA,+x\n", "g", "max:d", err, sizeof(err));
	CHECK_STR(out, "g,max_d\nA,\"'=cmd()\"\n");
	free(out);
	return 0;
}
