/*
 * Number options (see num.h).  Every option that takes a number goes
 * through num_int() or num_size(), so "12x", " 5", "0x10" and 2^64 are
 * refused the same way everywhere, with a message that names the value.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "num.h"

/* The value as shown in a message: at most this many bytes of it. */
#define SHOW	40

int
num_int(const char *s, long long min, long long max, long long *out,
    char *err, size_t errsz)
{
	unsigned long long	 v = 0, lim;
	const char		*p = s;
	int			 neg = 0, d;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	/* The magnitude may reach |LLONG_MIN| for a negative number. */
	lim = neg ? (unsigned long long)LLONG_MAX + 1 :
	    (unsigned long long)LLONG_MAX;
	if (*p == '\0')
		goto bad;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		d = *p - '0';
		if (v > (lim - (unsigned long long)d) / 10)
			goto bad;
		v = v * 10 + (unsigned long long)d;
	}
	if (neg) {
		if (v == (unsigned long long)LLONG_MAX + 1) {
			if (min > LLONG_MIN)
				goto bad;
			*out = LLONG_MIN;
			return 0;
		}
		if (-(long long)v < min || -(long long)v > max)
			goto bad;
		*out = -(long long)v;
		return 0;
	}
	if ((long long)v < min || (long long)v > max)
		goto bad;
	*out = (long long)v;
	return 0;
bad:
	snprintf(err, errsz, "\"%.*s%s\" is not a whole number from %lld "
	    "to %lld", SHOW, s, strlen(s) > SHOW ? "..." : "", min, max);
	return -1;
}

int
num_size(const char *s, size_t *out, char *err, size_t errsz)
{
	unsigned long long	 v = 0, mul = 1;
	const char		*p = s;
	int			 d;

	if (*p < '0' || *p > '9')
		goto bad;
	for (; *p >= '0' && *p <= '9'; p++) {
		d = *p - '0';
		if (v > (SIZE_MAX - (unsigned long long)d) / 10)
			goto bad;
		v = v * 10 + (unsigned long long)d;
	}
	switch (*p) {
	case '\0':
		break;
	case 'k': case 'K':
		mul = 1024;
		break;
	case 'm': case 'M':
		mul = 1024 * 1024;
		break;
	case 'g': case 'G':
		mul = 1024 * 1024 * 1024;
		break;
	default:
		goto bad;
	}
	if (*p != '\0' && p[1] != '\0')
		goto bad;
	if (v > SIZE_MAX / mul)
		goto bad;
	*out = (size_t)(v * mul);
	return 0;
bad:
	snprintf(err, errsz, "\"%.*s%s\" is not a size (bytes, or a number "
	    "with K, M or G)", SHOW, s, strlen(s) > SHOW ? "..." : "");
	return -1;
}

const char *
num_size_text(size_t n, char *buf, size_t sz)
{
	static const char	*units[] = { "GiB", "MiB", "KiB" };
	size_t			 i, unit = (size_t)1 << 30;

	for (i = 0; i < 3; i++, unit >>= 10)
		if (n != 0 && n % unit == 0) {
			snprintf(buf, sz, "%zu %s", n / unit, units[i]);
			return buf;
		}
	snprintf(buf, sz, "%zu bytes", n);
	return buf;
}
