/*
 * Text that is not a number: words, two points, two signs, inner spaces,
 * a bare sign or point, an exponent with no digits or no mantissa.
 */
#include "config.h"

#include "harness.h"

#define HEAD	"department,number_of_sales\nToys,1\n"
#define WANT	"department,sum_number_of_sales\nToys,1\n"

int
main(void)
{
	static const char *const bad[] = {
		"abc", "1.2.3", "--1", "+-1", "1 2", "+", "-", ".", "1e", "1e+",
		"e5", "1-", "1.5x", "$5", "5%", "(5)",
	};
	char	 csv[128];
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(csv, sizeof(csv), HEAD "Toys,%s\n", bad[i]);
		CHECK_BAD_ROW(csv, NULL, WANT, 3, 2, "number_of_sales",
		    bad[i], "not a number");
	}
	return 0;
}
