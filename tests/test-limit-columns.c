/*
 * The column limit, TALLY_COLUMNS_MAX: a header of exactly that many
 * columns is read (the last one can be totalled), one more is an error
 * that says the limit, not a guess between it and memory.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"

/* A header of n columns c1..cn and one record of n ones. */
static char *
run(int n, char *err, size_t errsz)
{
	char	*csv, *p, *out, last[16];
	int	 i;

	if ((csv = malloc((size_t)n * 16 + 16)) == NULL)
		exit(TH_ERROR);
	p = csv;
	for (i = 1; i <= n; i++)
		p += sprintf(p, "%sc%d", i > 1 ? "," : "", i);
	*p++ = '\n';
	for (i = 1; i <= n; i++)
		p += sprintf(p, "%s1", i > 1 ? "," : "");
	*p++ = '\n';
	*p = '\0';
	snprintf(last, sizeof(last), "sum:c%d", n);
	out = th_agg(csv, "c1", last, err, errsz);
	free(csv);
	return out;
}

int
main(void)
{
	char	 err[TALLY_ERR_MAX], want[TALLY_ERR_MAX], *out;

	out = run(TALLY_COLUMNS_MAX, err, sizeof(err));
	snprintf(want, sizeof(want), "c1,sum_c%d\n1,1\n", TALLY_COLUMNS_MAX);
	CHECK_STR(out, want);
	free(out);

	out = run(TALLY_COLUMNS_MAX + 1, err, sizeof(err));
	CHECK(out == NULL);
	snprintf(want, sizeof(want), "header: more than %d columns, the most "
	    "tally reads", TALLY_COLUMNS_MAX);
	CHECK_STR(err, want);
	return 0;
}
