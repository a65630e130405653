/*
 * The chunk-boundary sweep: every fixture is read in every block size from
 * 1 byte to its whole length, and each must give the same output (or the
 * same error), the same counts and the same bad-row records as one big
 * block.  The fixtures put each tricky construct where a block can split
 * it: a BOM, CR LF pairs, quotes, doubled quotes, line ends inside quotes,
 * blank lines, bad rows, and the end of the input.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

struct fixture {
	const char	*name;
	const char	*csv;
	const char	*groups;
	const char	*aggs;
	int		 strict;
	const char	*want;	/* NULL: the run must fail */
	const char	*err;	/* part of the error when it fails */
};

static const struct fixture fixtures[] = {
	{ "quoting",
	  "department,number_of_sales\n"
	  "\"Home, Garden\",1\n"
	  "\"Toys \"\"R\"\" Fun\",2\n"
	  "\"Books\nand Media\",3\n"
	  "\"Books\r\nand Media\",4\n"
	  "\"\",5\n"
	  "\"Home, Garden\",\"6\"\n",
	  NULL, NULL, 0,
	  "department,sum_number_of_sales\n"
	  ",5\n"
	  "\"Books\nand Media\",3\n"
	  "\"Books\r\nand Media\",4\n"
	  "\"Home, Garden\",7\n"
	  "\"Toys \"\"R\"\" Fun\",2\n", NULL },
	{ "crlf-bom",
	  "\xef\xbb\xbf" "id,department,number_of_sales\r\n"
	  "1,Toys,3\r\n"
	  "\r\n"
	  "2,\"Toys\",4\r\n"
	  "3,Books,5",
	  NULL, NULL, 0,
	  "department,sum_number_of_sales\nBooks,5\nToys,7\n", NULL },
	{ "blank-lines",
	  "\n\r\n   \n"
	  "department,number_of_sales\n"
	  "\n"
	  "A,1\n"
	  "\n"
	  "\r\n"
	  "A,2\n"
	  "\n\n",
	  NULL, NULL, 0,
	  "department,sum_number_of_sales\nA,3\n", NULL },
	{ "bad-rows",
	  "department,number_of_sales,note\n"
	  "A,1,x\n"
	  "A,2\n"
	  "A,\"1,234\",\"multi\nline\"\n"
	  "\"B\nB\",abc,y\n"
	  "A,3,z,extra\n"
	  "A,,empty\n"
	  "A,4,w\n",
	  NULL, "sum:number_of_sales,count:number_of_sales,count", 0,
	  "department,sum_number_of_sales,count_number_of_sales,count\n"
	  "A,5,2,3\n", NULL },
	{ "numbers",
	  "department,x\n"
	  "A, 1.5e1 \n"
	  "A,\"\t-.5\t\"\n"
	  "A,5.\n"
	  "A,+2E-2\n"
	  "B,99999999999999999999999999999999999999\n"
	  "B,-99999999999999999999999999999999999999\n"
	  "B,0.000000000000000001\n",
	  NULL, "sum:x,min:x,max:x,mean:x", 0,
	  "department,sum_x,min_x,max_x,mean_x\n"
	  "A,19.520000000000000000,-0.5,15,4.88\n"
	  "B,0.000000000000000001,"
	  "-99999999999999999999999999999999999999,"
	  "99999999999999999999999999999999999999,"
	  "0.000000000000000000333333\n", NULL },
	{ "composite",
	  "region;department;number_of_sales\n"
	  "North;\"a;b\";1\n"
	  "North;a;2\n"
	  "\"North\";\"a;b\";3\n",
	  "region,department", NULL, 0,
	  "region,department,sum_number_of_sales\n"
	  "North,a,2\nNorth,a;b,4\n", NULL },
	{ "tab",
	  "department\tnumber_of_sales\r\n"
	  "a,b\t1\r\n"
	  "a,b\t\"2\"\r\n",
	  NULL, NULL, 0,
	  "department,sum_number_of_sales\n\"a,b\",3\n", NULL },
	{ "pipe-guard",
	  "department|number_of_sales\n"
	  "=cmd|1\n"
	  "\"-x\"|2\n",
	  NULL, NULL, 0,
	  "department,sum_number_of_sales\n\"'-x\",2\n\"'=cmd\",1\n", NULL },
	{ "header-only",
	  "\xef\xbb\xbf" "department,number_of_sales\r\n\r\n",
	  NULL, NULL, 0,
	  "department,sum_number_of_sales\n", NULL },
	{ "header-only-no-eol",
	  "department,number_of_sales",
	  NULL, NULL, 0,
	  "department,sum_number_of_sales\n", NULL },
	{ "quoted-header",
	  "\"dep\nartment\",\"Number of \"\"Sales\"\"\"\n"
	  "A,1\nA,2\n",
	  "1", "sum:2", 0,
	  "\"dep\nartment\",sum_number_of_sales\nA,3\n", NULL },
	{ "strict",
	  "department,number_of_sales,note\r\n"
	  "A,1,\"x\r\ny\"\r\n"
	  "\"B\r\nC\",oops,z\r\n"
	  "A,2,w\r\n",
	  NULL, NULL, 1, NULL,
	  "line 4, column 2 (number_of_sales), value \"oops\": not a number" },
	{ "unterminated",
	  "department,number_of_sales\n"
	  "A,1\n"
	  "A,\"2\n"
	  "3,\n",
	  NULL, NULL, 0, NULL,
	  "the quote opened on line 3" },
	{ "empty", "\n\n", NULL, NULL, 0, NULL, "empty input" },
	{ "overflow",
	  "department,number_of_sales\n"
	  "A,99999999999999999999999999999999999999\n"
	  "A,\"99999999999999999999999999999999999999\"\n",
	  NULL, NULL, 0, NULL,
	  "line 3, column 2 (number_of_sales)" },
};

int
main(void)
{
	struct engine_opts	 o;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;
	size_t			 i, len;

	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		const struct fixture	*fx = &fixtures[i];

		memset(&o, 0, sizeof(o));
		o.groups = fx->groups;
		o.aggs = fx->aggs;
		o.strict = fx->strict;
		len = strlen(fx->csv);
		if (fx->want == NULL) {
			/* Check the error itself once; the sweep compares. */
			out = th_run(fx->csv, len, &o, &res, err, sizeof(err));
			if (out != NULL)
				th_fail(__FILE__, __LINE__, "%s: no error",
				    fx->name);
			CHECK_HAS(err, fx->err);
			engine_result_free(&res);
		}
		fprintf(stderr, "%s: %zu bytes\n", fx->name, len);
		th_sweep(fx->csv, len, &o, fx->want);
	}
	return 0;
}
