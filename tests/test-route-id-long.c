/*
 * An {id} segment of ROUTE_ARG_MAX - 1 bytes is copied whole; one byte
 * more still matches the route (the caller's id check then refuses it)
 * but is not copied, so nothing overflows.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "route.h"

static const struct route table[] = {
	{ "GET", "/j/{id}", 1 },
};

int
main(void)
{
	char	 path[ROUTE_ARG_MAX + 8], arg[ROUTE_ARG_MAX], allow[16];
	size_t	 k;

	memcpy(path, "/j/", 3);
	memset(path + 3, 'a', ROUTE_ARG_MAX - 1);
	path[3 + ROUTE_ARG_MAX - 1] = '\0';
	CHECK(route_find(table, 1, "GET", path, &k, arg, allow,
	    sizeof(allow)) == ROUTE_FOUND);
	CHECK(strlen(arg) == ROUTE_ARG_MAX - 1);
	memcpy(path + 3 + ROUTE_ARG_MAX - 1, "a", 2);
	CHECK(route_find(table, 1, "GET", path, &k, arg, allow,
	    sizeof(allow)) == ROUTE_FOUND);
	CHECK_STR(arg, "");
	return 0;
}
