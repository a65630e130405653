/*
 * An aggregate's output name is its kind, "_" and its column's name in
 * lower snake case: ASCII letters lowered, digits and non-ASCII bytes
 * kept, every run of spaces and ASCII punctuation one "_" and none at the
 * end, so "Price (EUR)" gives sum_price_eur.  A column named by
 * punctuation only keeps it, lowered, rather than naming nothing.
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("k,Price (EUR),Number of Sales,a--b..c\nx,1,2,3\n", "k",
	    "sum:2,max:3,min:4", err, sizeof(err));
	CHECK_STR(out, "k,sum_price_eur,max_number_of_sales,min_a_b_c\n"
	    "x,1,2,3\n");
	free(out);

	/* Non-ASCII letters stay; a leading "_" and a trailing "%" go. */
	out = th_agg("k,Umsatz \xe2\x82\xac,_Rate %\nx,1,2\n", "k",
	    "sum:2,mean:3", err, sizeof(err));
	CHECK_STR(out, "k,sum_umsatz_\xe2\x82\xac,mean_rate\nx,1,2\n");
	free(out);

	/* Punctuation only: kept, so the name still says which column. */
	out = th_agg("k,%,#\nx,1,2\n", "k", "sum:2,sum:3", err, sizeof(err));
	CHECK_STR(out, "k,sum_%,sum_#\nx,1,2\n");
	free(out);

	/* Two names that snake alike still differ in the output. */
	out = th_agg("k,a b,a-b\nx,1,2\n", "k", "sum:2,sum:3", err,
	    sizeof(err));
	CHECK_STR(out, "k,sum_a_b,sum_a_b_2\nx,1,2\n");
	free(out);
	return 0;
}
