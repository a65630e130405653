/*
 * A log line: the UTC time with milliseconds, then level, prog, pid, the
 * job when there is one, and the message quoted with ", \, newlines,
 * tabs and other control bytes escaped; a message too long for the line
 * is cut and ends in "...", and the line still ends in a quote and a
 * newline.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "log.h"

int
main(void)
{
	char	 buf[256], big[1000];
	int	 n;

	log_init("tally-fcgi");
	n = log_format(buf, sizeof(buf), 1796143500.123, 42, LOG_LEVEL_ERROR,
	    "003f9c6a1be0d84c2aa51f0e6c2b9d71e1", "bad \"x\"\tin\\y\nz\001");
	CHECK_STR(buf, "2026-12-01T16:45:00.123Z level=error prog=tally-fcgi "
	    "pid=42 job=003f9c6a1be0d84c2aa51f0e6c2b9d71e1 "
	    "msg=\"bad \\\"x\\\"\\tin\\\\y\\nz\\x01\"\n");
	CHECK(n == (int)strlen(buf));

	n = log_format(buf, sizeof(buf), 1796143500.0, 7, LOG_LEVEL_INFO, NULL,
	    "4 workers");
	CHECK_STR(buf, "2026-12-01T16:45:00.000Z level=info prog=tally-fcgi "
	    "pid=7 msg=\"4 workers\"\n");

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	n = log_format(buf, sizeof(buf), 1796143500.0, 7, LOG_LEVEL_WARN, NULL,
	    big);
	CHECK(n == (int)strlen(buf) && n < (int)sizeof(buf));
	CHECK(strcmp(buf + n - 6, "...\"\n") == 0 || strcmp(buf + n - 5,
	    "...\"\n") == 0);
	CHECK(strstr(buf, " level=warn ") != NULL);
	return 0;
}
