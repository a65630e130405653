/*
 * A UTF-8 byte order mark before the header is stripped: the first column
 * is "department", found by the default query, not "\xef\xbb\xbfdepartment".
 */
#include "config.h"

#include "harness.h"

int
main(void)
{
	char	 err[TALLY_ERR_MAX], *out;

	out = th_agg("\xef\xbb\xbf" "department,number_of_sales\n"
	    "Toys,3\nToys,4\n", NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nToys,7\n");
	free(out);

	/* With CR LF and a sniffed delimiter too. */
	out = th_agg("\xef\xbb\xbf" "department;number_of_sales\r\n"
	    "Toys;3\r\n", NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nToys,3\n");
	free(out);
	return 0;
}
