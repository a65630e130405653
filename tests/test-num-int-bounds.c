/*
 * num_int(): the whole string is a decimal integer within [min, max]; both
 * ends are accepted, one past either end is refused, as is anything that is
 * not plain digits with one optional sign, and the message names the value.
 */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "harness.h"
#include "num.h"

static void
ok(const char *s, long long min, long long max, long long want)
{
	char		 err[TALLY_ERR_MAX];
	long long	 v = 12345;

	if (num_int(s, min, max, &v, err, sizeof(err)) != 0)
		th_fail(__FILE__, __LINE__, "\"%s\" refused: %s", s, err);
	if (v != want)
		th_fail(__FILE__, __LINE__, "\"%s\" gave %lld", s, v);
}

static void
bad(const char *s, long long min, long long max)
{
	char		 err[TALLY_ERR_MAX], want[TALLY_ERR_MAX];
	long long	 v = 12345;

	if (num_int(s, min, max, &v, err, sizeof(err)) != -1)
		th_fail(__FILE__, __LINE__, "\"%s\" accepted as %lld", s, v);
	if (v != 12345)
		th_fail(__FILE__, __LINE__, "\"%s\" changed *out", s);
	snprintf(want, sizeof(want), "\"%s\" is not a whole number from %lld "
	    "to %lld", s, min, max);
	CHECK_STR(err, want);
}

int
main(void)
{
	char		 err[TALLY_ERR_MAX];
	long long	 v;

	ok("1", 1, 64, 1);
	ok("64", 1, 64, 64);
	ok("+7", 1, 64, 7);
	ok("007", 1, 64, 7);
	ok("-5", -5, 5, -5);
	ok("0", 0, 0, 0);
	ok("-0", 0, 0, 0);
	bad("0", 1, 64);
	bad("65", 1, 64);
	bad("-6", -5, 5);
	ok("9223372036854775807", LLONG_MIN, LLONG_MAX, LLONG_MAX);
	ok("-9223372036854775808", LLONG_MIN, LLONG_MAX, LLONG_MIN);
	bad("9223372036854775808", LLONG_MIN, LLONG_MAX);
	bad("-9223372036854775809", LLONG_MIN, LLONG_MAX);
	bad("-9223372036854775808", LLONG_MIN + 1, LLONG_MAX);
	bad("99999999999999999999999", 0, LLONG_MAX);
	bad("", 0, 10);
	bad("+", 0, 10);
	bad("-", 0, 10);
	bad(" 5", 0, 10);
	bad("5 ", 0, 10);
	bad("5x", 0, 10);
	bad("0x5", 0, 10);
	bad("1e1", 0, 100);
	bad("1.0", 0, 10);
	bad("--1", -10, 10);
	bad("+-1", -10, 10);

	/* A long value is cut in the message, not the message buffer. */
	memset(err, 0, sizeof(err));
	CHECK(num_int("1234567890123456789012345678901234567890123456789x",
	    0, 9, &v, err, sizeof(err)) == -1);
	CHECK_STR(err, "\"1234567890123456789012345678901234567890...\" is "
	    "not a whole number from 0 to 9");
	return 0;
}
