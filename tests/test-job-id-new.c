/*
 * job_id_new gives JOB_ID_LEN lowercase hex digits that job_id_valid
 * accepts, and two calls give different ids.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "job.h"

int
main(void)
{
	char	 a[JOB_ID_LEN + 1], b[JOB_ID_LEN + 1], err[TALLY_ERR_MAX];
	size_t	 i;

	memset(a, 'X', sizeof(a));
	CHECK(job_id_new(a, err, sizeof(err)) == 0);
	CHECK(strlen(a) == JOB_ID_LEN);
	for (i = 0; i < JOB_ID_LEN; i++)
		CHECK(strchr("0123456789abcdef", a[i]) != NULL);
	CHECK(job_id_valid(a));
	CHECK(job_id_new(b, err, sizeof(err)) == 0);
	CHECK(job_id_valid(b));
	CHECK(strcmp(a, b) != 0);
	return 0;
}
