/*
 * group_by and agg are comma-separated lists, so a column whose name
 * holds a comma (Excel's "Revenue, EUR") or a colon is written in double
 * quotes, a quote inside doubled, as in CSV and --where: the comma inside
 * does not split the list, and a quantile's fraction follows the closing
 * quote.  A quote left open, text after the closing quote and an empty
 * quoted name are errors that say so, never a guess at a column.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "query.h"

static const char csv[] =
    "id,\"Revenue, EUR\",\"a\"\"b\",\"t:x\",dept\n"
    "1,10,5,1,x\n"
    "2,20,6,2,y\n"
    "3,30,7,3,x\n";

static void
refused(const char *groups, const char *aggs, const char *want)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg(csv, groups, aggs, err, sizeof(err));
	CHECK(out == NULL);
	free(out);
	CHECK_HAS(err, want);
}

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg(csv, "\"Revenue, EUR\"", "count", err, sizeof(err));
	CHECK_STR(out, "\"Revenue, EUR\",count\n10,1\n20,1\n30,1\n");
	free(out);

	out = th_agg(csv, " dept ,\"a\"\"b\"", "sum:\"Revenue, EUR\"", err,
	    sizeof(err));
	CHECK_STR(out, "dept,\"a\"\"b\",sum_revenue_eur\n"
	    "x,5,10\nx,7,30\ny,6,20\n");
	free(out);

	/* A colon in the name; the fraction after the closing quote. */
	out = th_agg(csv, "dept", "sum:\"t:x\",quantile:\"t:x\":0.9,"
	    "max: \"Revenue, EUR\"", err, sizeof(err));
	CHECK_STR(out, "dept,sum_t_x,quantile_0.9_t_x,max_revenue_eur\n"
	    "x,4,3,30\ny,2,2,20\n");
	free(out);

	refused("\"dept", "count", "a quote is not closed");
	refused("dept", "sum:\"Revenue, EUR", "a quote is not closed");
	refused("\"dept\"x", "count", "\"x\" follows the quoted column name");
	refused("dept", "sum:\"id\"x", "\"x\" follows the quoted column name");
	refused("dept", "quantile:\"t:x\"", "needs a column and a fraction");
	refused("\"\"", "count", "an empty quoted column name");
	/* Unquoted, the comma splits the name; the error says to quote. */
	refused("dept", "sum:Revenue, EUR", "a name with a comma goes in "
	    "double quotes, as in \"Revenue, EUR\"");
	refused("Revenue, EUR", "count", "a name with a comma goes in");
	/* Checked before any header is read (the CLI, the API's edge). */
	CHECK(query_check(NULL, "sum:Revenue, EUR", err, sizeof(err)) == -1);
	CHECK_HAS(err, "if \"EUR\" is part of a column name with a comma, "
	    "quote the name: sum:\"Revenue, EUR\"");
	CHECK(query_check(NULL, "count,EUR", err, sizeof(err)) == -1);
	CHECK(strstr(err, "quote the name") == NULL);
	CHECK(query_check("\"a,b\"", "sum:\"Revenue, EUR\",quantile:"
	    "\"t:x\":0.5", err, sizeof(err)) == 0);
	return 0;
}
