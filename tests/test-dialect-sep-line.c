/*
 * Excel's "sep=;" first line names the delimiter: it is skipped, counted
 * as line 1 (so a bad row's line is the file's), and its delimiter is used
 * in every block size, compressed, on two threads and without a header
 * line; a delimiter given wins over it.  "sep=ab" or "sep=" is no such
 * line: it is the header.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o;
	const char		*csv = "sep=;\r\n"
	    "department;number_of_sales\r\n"
	    "A;1,5\r\n"
	    "A;x\r\n"
	    "\"B;C\";2\r\n";
	char			 big[64 * 1024], err[TALLY_ERR_MAX], *one, *two;
	size_t			 n;
	int			 i;

	memset(&o, 0, sizeof(o));
	o.decimal_comma = 1;
	th_sweep(csv, strlen(csv), &o, NULL);
	CHECK_BAD_ROW(csv, &o, "department,sum_number_of_sales\n"
	    "A,1.5\nB;C,2.0\n", 4, 2, "number_of_sales", "x",
	    "not a number");

	/* Any case, a BOM before it, and no header line after it. */
	memset(&o, 0, sizeof(o));
	o.no_header = 1;
	o.groups = "1";
	o.aggs = "sum:2";
	one = th_run("\xef\xbb\xbfSEP=|\nA|1\nA|2\n", 17, &o, NULL, err,
	    sizeof(err));
	CHECK_STR(one, "1,sum_2\nA,3\n");
	free(one);

	/* A delimiter given wins; the line is still no header. */
	memset(&o, 0, sizeof(o));
	o.delim = ',';
	one = th_run("sep=;\ndepartment,number_of_sales\nA,1\n", 37, &o,
	    NULL, err, sizeof(err));
	CHECK_STR(one, "department,sum_number_of_sales\nA,1\n");
	free(one);

	/* Not a sep line: the header. */
	memset(&o, 0, sizeof(o));
	o.groups = "1";
	o.aggs = "count";
	one = th_run("sep=ab\nA\n", 9, &o, NULL, err, sizeof(err));
	CHECK_STR(one, "sep=ab,count\nA,1\n");
	free(one);

	/* Two threads split the rows after it the same as one. */
	n = (size_t)snprintf(big, sizeof(big),
	    "sep=\t\ndepartment\tnumber_of_sales\n");
	for (i = 0; i < 3000; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "%c\t%d\n",
		    'A' + i % 3, i);
	memset(&o, 0, sizeof(o));
	o.aggs = "sum:number_of_sales,count";
	o.threads = 1;
	one = th_run(big, n, &o, NULL, err, sizeof(err));
	o.threads = 2;
	o.split_min = 1024;
	two = th_run(big, n, &o, NULL, err, sizeof(err));
	CHECK(one != NULL && two != NULL);
	CHECK_STR(two, one);
	CHECK_STR(one, "department,sum_number_of_sales,count\n"
	    "A,1498500,1000\nB,1499500,1000\nC,1500500,1000\n");
	free(one);
	free(two);
	return 0;
}
