/*
 * Every output column has its own name, since a JSON row is an object and
 * a Parquet schema has one field a name: an aggregate whose name a key or
 * an earlier aggregate has (a column "count" grouped with `count`, two
 * header columns "a", "Sales" and "sales", one aggregate asked twice) and
 * a key named like an earlier key get "_2", "_3"...  Names no other has
 * are left as they were.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("count,x\n1,2\n", "count", "count,sum:x", err,
	    sizeof(err));
	CHECK_STR(out, "count,count_2,sum_x\n1,1,2\n");
	free(out);

	out = th_agg("k,a,a\nx,1,10\n", "k", "sum:2,sum:3", err, sizeof(err));
	CHECK_STR(out, "k,sum_a,sum_a_2\nx,1,10\n");
	free(out);

	out = th_agg("k,Sales,sales\nx,1,10\n", "k", "sum:2,sum:2,sum:3", err,
	    sizeof(err));
	CHECK_STR(out, "k,sum_sales,sum_sales_2,sum_sales_3\nx,1,1,10\n");
	free(out);

	/* Keys: the second "a" is a_2, and an aggregate avoids both. */
	out = th_agg("a,a,a_2\n1,10,5\n", "1,2", "sum:3", err, sizeof(err));
	CHECK_STR(out, "a,a_2,sum_a_2\n1,10,5\n");
	free(out);
	out = th_agg("a,a,sum_a\n1,10,5\n", "1,2,3", "count", err,
	    sizeof(err));
	CHECK_STR(out, "a,a_2,sum_a,count\n1,10,5,1\n");
	free(out);
	return 0;
}
