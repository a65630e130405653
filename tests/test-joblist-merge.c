/*
 * Job lists of several nodes merge newest first, ties in list order, with
 * offset and limit over the merged order; each object is passed through
 * byte for byte, and the totals are read.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "joblist.h"

struct out {
	char	 ids[16][8];
	int	 n;
};

static void
take(void *arg, size_t k, const struct joblist_item *it)
{
	struct out	*o = arg;

	(void)k;
	snprintf(o->ids[o->n++], sizeof(o->ids[0]), "%s", it->created + 17);
}

int
main(void)
{
	static const char	 a[] =
	    "{\"jobs\":[{\"id\":\"a2\",\"created\":\"2026-01-01T00:00:09Z\","
	    "\"x\":{\"y\":[1,\"]}\"]}},"
	    "{\"id\":\"a1\",\"created\":\"2026-01-01T00:00:05Z\"}],"
	    "\"total\":7,\"limit\":2}";
	static const char	 b[] =
	    " { \"total\" : 3 , \"jobs\" : [ {\"created\":\"2026-01-01T00:00:07Z\"} ,"
	    " {\"created\":\"2026-01-01T00:00:05Z\",\"s\":\"\\\"\"} ] } ";
	struct joblist		 l[2];
	struct out		 o;

	CHECK(joblist_parse(a, strlen(a), &l[0]) == 0);
	CHECK(joblist_parse(b, strlen(b), &l[1]) == 0);
	CHECK(l[0].n == 2 && l[1].n == 2);
	CHECK(l[0].total == 7 && l[1].total == 3);
	CHECK(strncmp(a + l[0].items[0].off, "{\"id\":\"a2\"", 10) == 0);
	CHECK(a[l[0].items[0].off + l[0].items[0].len - 1] == '}');
	CHECK(a[l[0].items[0].off + l[0].items[0].len] == ',');
	CHECK_STR(l[1].items[1].created, "2026-01-01T00:00:05Z");

	memset(&o, 0, sizeof(o));
	joblist_merge(l, 2, 0, 10, take, &o);
	CHECK(o.n == 4);
	CHECK_STR(o.ids[0], "09Z");
	CHECK_STR(o.ids[1], "07Z");
	CHECK_STR(o.ids[2], "05Z");	/* a1: the first list wins a tie */
	CHECK_STR(o.ids[3], "05Z");

	memset(&o, 0, sizeof(o));
	joblist_merge(l, 2, 1, 2, take, &o);
	CHECK(o.n == 2);
	CHECK_STR(o.ids[0], "07Z");
	CHECK_STR(o.ids[1], "05Z");

	memset(&o, 0, sizeof(o));
	joblist_merge(l, 2, 4, 2, take, &o);
	CHECK(o.n == 0);
	joblist_free(&l[0]);
	joblist_free(&l[1]);
	return 0;
}
