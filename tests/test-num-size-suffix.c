/*
 * num_size(): bytes, or a number with one K, M or G (either case, powers of
 * 1024): "64M" is 67108864.  The largest size_t is accepted and one more is
 * refused, with and without a suffix; anything else names the value.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "num.h"

static void
ok(const char *s, size_t want)
{
	char	 err[TALLY_ERR_MAX];
	size_t	 v = 12345;

	if (num_size(s, &v, err, sizeof(err)) != 0)
		th_fail(__FILE__, __LINE__, "\"%s\" refused: %s", s, err);
	if (v != want)
		th_fail(__FILE__, __LINE__, "\"%s\" gave %zu", s, v);
}

static void
bad(const char *s)
{
	char	 err[TALLY_ERR_MAX], want[TALLY_ERR_MAX];
	size_t	 v = 12345;

	if (num_size(s, &v, err, sizeof(err)) != -1)
		th_fail(__FILE__, __LINE__, "\"%s\" accepted as %zu", s, v);
	if (v != 12345)
		th_fail(__FILE__, __LINE__, "\"%s\" changed *out", s);
	snprintf(want, sizeof(want), "\"%s\" is not a size (bytes, or a "
	    "number with K, M or G)", s);
	CHECK_STR(err, want);
}

int
main(void)
{
	char	 buf[64], big[64];

	ok("0", 0);
	ok("1", 1);
	ok("4096", 4096);
	ok("1K", 1024);
	ok("1k", 1024);
	ok("64M", (size_t)64 << 20);
	ok("64m", (size_t)64 << 20);
	ok("1G", (size_t)1 << 30);
	ok("3g", (size_t)3 << 30);
	ok("0M", 0);

	/* The bounds of a size_t. */
	snprintf(big, sizeof(big), "%zu", (size_t)SIZE_MAX);
	ok(big, SIZE_MAX);
	snprintf(big, sizeof(big), "%zu", (size_t)SIZE_MAX);
	big[strlen(big) - 1]++;		/* ...615 -> ...616 */
	bad(big);
	snprintf(big, sizeof(big), "%zuK", (size_t)SIZE_MAX >> 10);
	ok(big, ((size_t)SIZE_MAX >> 10) << 10);
	snprintf(big, sizeof(big), "%zuK", ((size_t)SIZE_MAX >> 10) + 1);
	bad(big);
	snprintf(big, sizeof(big), "%zuG", (size_t)SIZE_MAX >> 30);
	ok(big, ((size_t)SIZE_MAX >> 30) << 30);
	snprintf(big, sizeof(big), "%zuG", ((size_t)SIZE_MAX >> 30) + 1);
	bad(big);

	bad("");
	bad("M");
	bad("-1");
	bad("+1");
	bad(" 1");
	bad("1 ");
	bad("64MB");
	bad("64MiB");
	bad("1T");
	bad("1.5G");
	bad("0x10");

	/* And back for people, as the memory message prints it. */
	CHECK_STR(num_size_text((size_t)1 << 30, buf, sizeof(buf)), "1 GiB");
	CHECK_STR(num_size_text((size_t)64 << 20, buf, sizeof(buf)), "64 MiB");
	CHECK_STR(num_size_text(3072, buf, sizeof(buf)), "3 KiB");
	CHECK_STR(num_size_text(1000, buf, sizeof(buf)), "1000 bytes");
	CHECK_STR(num_size_text(0, buf, sizeof(buf)), "0 bytes");
	return 0;
}
