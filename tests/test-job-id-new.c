/*
 * job_id_new gives JOB_ID_LEN lowercase hex digits that job_id_valid
 * accepts, led by the node's number (job_id_node reads it back), and two
 * calls give different ids; a node past JOB_NODE_MAX is refused.
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
	CHECK(job_id_new(0xa7, a, err, sizeof(err)) == 0);
	CHECK(strlen(a) == JOB_ID_LEN);
	CHECK(strncmp(a, "a7", 2) == 0);
	CHECK(job_id_node(a) == 0xa7);
	for (i = 0; i < JOB_ID_LEN; i++)
		CHECK(strchr("0123456789abcdef", a[i]) != NULL);
	CHECK(job_id_valid(a));
	CHECK(job_id_new(0, b, err, sizeof(err)) == 0);
	CHECK(job_id_valid(b));
	CHECK(job_id_node(b) == 0);
	CHECK(strncmp(a + 2, b + 2, JOB_ID_LEN - 2) != 0);
	CHECK(job_id_new(JOB_NODE_MAX + 1, b, err, sizeof(err)) == -1);
	CHECK(strcmp(a, b) != 0);
	return 0;
}
