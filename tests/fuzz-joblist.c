/*
 * libFuzzer target for the job list reader (fcgi/joblist.c), which reads
 * what a peer node answers.  Nothing may crash or read outside the input;
 * a success has at most JOBLIST_ITEMS_MAX jobs, each an object ("{"..."}")
 * inside the input, in order and apart, with a NUL-terminated created
 * time; merging the list with itself gives every job twice.  Violations
 * abort().
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "joblist.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
count(void *arg, size_t k, const struct joblist_item *it)
{
	(void)k;
	(void)it;
	(*(size_t *)arg)++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct joblist	 l[2];
	char		*s;
	size_t		 i, end = 0, n = 0;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	(void)joblist_object(s, size);
	if (joblist_parse(s, size, &l[0]) == -1) {
		free(s);
		return 0;
	}
	if (l[0].n > JOBLIST_ITEMS_MAX)
		abort();
	for (i = 0; i < l[0].n; i++) {
		const struct joblist_item	*it = &l[0].items[i];

		if (it->off < end || it->len < 2 || it->off + it->len > size ||
		    s[it->off] != '{' || s[it->off + it->len - 1] != '}' ||
		    memchr(it->created, '\0', sizeof(it->created)) == NULL)
			abort();
		end = it->off + it->len;
	}
	l[1] = l[0];
	joblist_merge(l, 2, 0, (size_t)-1, count, &n);
	if (n != 2 * l[0].n)
		abort();
	joblist_free(&l[0]);
	free(s);
	return 0;
}
