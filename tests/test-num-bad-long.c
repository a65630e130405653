/*
 * A value longer than the engine keeps of a field (TALLY_KEY_MAX + 1
 * bytes) is a bad row even when its first bytes look like a number: "1"
 * then 1100 spaces then "abc" is not the number 1.  A value of exactly the
 * kept length is still judged whole.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "reader.h"

#define HEAD	"department,number_of_sales\nToys,1\n"
#define WANT	"department,sum_number_of_sales\nToys,1\n"

int
main(void)
{
	static char	 csv[4096];
	char		 err[TALLY_ERR_MAX], *out;
	size_t		 n;

	/* "1", spaces, then junk past what is kept. */
	n = (size_t)snprintf(csv, sizeof(csv), HEAD "Toys,1");
	memset(csv + n, ' ', 1100);
	n += 1100;
	snprintf(csv + n, sizeof(csv) - n, "abc\n");
	CHECK_BAD_ROW(csv, NULL, WANT, 3, 2, "number_of_sales", NULL,
	    "number too long");

	/*
	 * A valid number padded to exactly the kept length is accepted.  The
	 * quotes keep the spaces, which the CSV parser would strip from an
	 * unquoted field.
	 */
	n = (size_t)snprintf(csv, sizeof(csv), HEAD "Toys,\"2");
	memset(csv + n, ' ', READER_SLOT_BYTES - 1);
	n += READER_SLOT_BYTES - 1;
	snprintf(csv + n, sizeof(csv) - n, "\"\n");
	out = th_agg(csv, NULL, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\nToys,3\n");
	free(out);

	/* One byte more is too long, whatever it holds. */
	n = (size_t)snprintf(csv, sizeof(csv), HEAD "Toys,\"2");
	memset(csv + n, ' ', READER_SLOT_BYTES);
	n += READER_SLOT_BYTES;
	snprintf(csv + n, sizeof(csv) - n, "\"\n");
	CHECK_BAD_ROW(csv, NULL, WANT, 3, 2, "number_of_sales", NULL,
	    "number too long");
	return 0;
}
