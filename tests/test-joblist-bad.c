/*
 * A peer's answer that is not a job list is refused whole: truncated,
 * wrong types, trailing bytes, a job that is not an object, a created time
 * that is not a string, nesting past the bound, more jobs than the bound.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "joblist.h"

#define OBJ	"{\"a\":[1,{\"b\":null}]}"
#define TWO	"{\"a\":1} {}"

static const char *const bad[] = {
	"",
	"[]",
	"{\"jobs\":[{}]",
	"{\"jobs\":[{}]}x",
	"{\"jobs\":{}}",
	"{\"jobs\":[1]}",
	"{\"jobs\":[{\"created\":5}]}",
	"{\"jobs\":[{\"created\":\"2026-01-01T00:00:00Z1234567890123\"}]}",
	"{\"jobs\":[{\"a\":\"unterminated}]}",
	"{\"jobs\":[{\"a\" 1}]}",
	"{\"jobs\":[{\"a\":1,}]}",
	"{\"jobs\":[],\"total\":-1}",
	"{\"jobs\":[],\"total\":\"3\"}",
	"{\"jobs\":[{\"a\":\"\x01\"}]}",
};

int
main(void)
{
	struct joblist	 l;
	size_t		 i, n;
	char		*s;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (joblist_parse(bad[i], strlen(bad[i]), &l) != -1)
			th_fail(__FILE__, __LINE__, "accepted: %s", bad[i]);

	/* Nesting past the bound. */
	s = malloc(20000);
	CHECK(s != NULL);
	strcpy(s, "{\"jobs\":[{\"a\":");
	n = strlen(s);
	for (i = 0; i < 5000; i++)
		s[n++] = '[';
	for (i = 0; i < 5000; i++)
		s[n++] = ']';
	strcpy(s + n, "}]}");
	CHECK(joblist_parse(s, strlen(s), &l) == -1);

	/* One job more than the bound. */
	s = realloc(s, (JOBLIST_ITEMS_MAX + 1) * 3 + 32);
	CHECK(s != NULL);
	strcpy(s, "{\"jobs\":[");
	n = strlen(s);
	for (i = 0; i <= JOBLIST_ITEMS_MAX; i++) {
		memcpy(s + n, i ? ",{}" : "{}", i ? 3 : 2);
		n += i ? 3 : 2;
	}
	strcpy(s + n, "]}");
	CHECK(joblist_parse(s, strlen(s), &l) == -1);
	/* The bound itself is fine. */
	strcpy(s + n - 3, "]}");
	CHECK(joblist_parse(s, strlen(s), &l) == 0);
	CHECK(l.n == JOBLIST_ITEMS_MAX);
	joblist_free(&l);

	CHECK(joblist_object(OBJ, strlen(OBJ)) == 1);
	CHECK(joblist_object(TWO, strlen(TWO)) == 0);
	CHECK(joblist_object("[1]", 3) == 0);
	free(s);
	return 0;
}
