/*
 * job_id_valid takes exactly JOB_ID_LEN lowercase hex digits and nothing
 * else: not uppercase, not 32, 33 or 35 digits, no path or escape tricks, no
 * NUL inside, no other letters.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "job.h"

#define GOOD	"010123456789abcdef0123456789abcdef"

static const char *const bad[] = {
	"010123456789ABCDEF0123456789abcdef",
	"010123456789abcdef0123456789abcdeF",
	"0123456789abcdef0123456789abcdef",
	"010123456789abcdef0123456789abcde",
	"010123456789abcdef0123456789abcdef0",
	"010123456789abcdef0123456789abcdef/",
	"01../3456789abcdef0123456789abcdef",
	"..",
	"%2e%2e456789abcdef0123456789abcdef",
	"01%2e3456789abcdef0123456789abcdef",
	"010123456789abcdeg0123456789abcdef",
	"010123456789abcdef 123456789abcdef",
	"-10123456789abcdef0123456789abcdef",
	"0x0123456789abcdef0123456789abcdef",
	"",
	NULL,
};

int
main(void)
{
	char	 nul[JOB_ID_LEN + 2];
	size_t	 i;

	CHECK(job_id_valid(GOOD));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (job_id_valid(bad[i]))
			th_fail(__FILE__, __LINE__, "\"%s\" valid",
			    bad[i] ? bad[i] : "(null)");

	/* A NUL inside: the id stops short, whatever follows it. */
	memcpy(nul, GOOD, sizeof(GOOD));
	nul[10] = '\0';
	CHECK(!job_id_valid(nul));
	memcpy(nul, GOOD, sizeof(GOOD));
	nul[JOB_ID_LEN - 1] = '\0';
	CHECK(!job_id_valid(nul));
	return 0;
}
