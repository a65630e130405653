/*
 * A profile does not depend on the thread count or the block size: the
 * chunks' columns merge to what one thread sees, line numbers of spoilers
 * in later chunks count the lines before them (quoted newlines too), and
 * the preview is the first records of the file.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"

int
main(void)
{
	struct engine_opts	 o;
	char			 err[TALLY_ERR_MAX], *csv, *one, *many, want[96];
	size_t			 len = 0, cap = 1 << 20, i;
	unsigned long		 line = 1, bad = 0;
	static const size_t	 blocks[] = { 4096, 65536 };

	CHECK((csv = malloc(cap)) != NULL);
	len += (size_t)snprintf(csv, cap, "id,qty,note,day\n");
	for (i = 0; len + 200 < cap; i++) {
		line++;
		if (i == 5000) {
			bad = line;
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,oops,plain,2024-01-01\n", i);
			continue;
		}
		if (i % 97 == 0) {
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,%zu,\"two\nlines, \"\"quoted\"\"\",2024-02-%02zu\n",
			    i, i % 50, 1 + i % 29);
			line++;
			continue;
		}
		len += (size_t)snprintf(csv + len, cap - len,
		    "%zu,%zu,note %zu,2024-03-%02zu\n", i, i % 50, i % 300,
		    1 + i % 31);
	}
	memset(&o, 0, sizeof(o));
	o.threads = 1;
	if ((one = th_profile(csv, len, &o, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	snprintf(want, sizeof(want), "\"first_line\":%lu,\"first_value\":"
	    "\"oops\"", bad);
	CHECK_HAS(one, want);
	CHECK_HAS(one, "\"preview\":[[\"0\",\"0\",\"two\\nlines, \\\"quoted\\\"\"");
	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
		o.threads = 4;
		o.split_min = 16384;
		o.block_size = blocks[i];
		if ((many = th_profile(csv, len, &o, err, sizeof(err))) == NULL)
			th_fail(__FILE__, __LINE__, "%s", err);
		if (strcmp(one, many) != 0)
			th_fail(__FILE__, __LINE__, "threads differ:\n%s\n%s",
			    one, many);
		free(many);
	}
	free(one);
	free(csv);
	return 0;
}
