/*
 * The routes table yields 405 with Allow for a path it has under another
 * method (every method of the matching rows, in table order, once), 404
 * for a path it lacks, and the {id} segment for a match; one trailing
 * slash is ignored, an empty {id} segment matches nothing.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "route.h"

static const struct route table[] = {
	{ "GET",	"/api/jobs",		1 },
	{ "POST",	"/api/jobs",		2 },
	{ "PUT",	"/api/jobs",		2 },
	{ "GET",	"/api/jobs/{id}",	3 },
	{ "DELETE",	"/api/jobs/{id}",	4 },
	{ "POST",	"/api/jobs/{id}/cancel", 5 },
	{ "GET",	"/x/{id}",		6 },
	{ "GET",	"/x/{id}",		7 },
};
#define N	(sizeof(table) / sizeof(table[0]))

int
main(void)
{
	char	 arg[ROUTE_ARG_MAX], allow[64];
	size_t	 k = 99;

	CHECK(route_find(table, N, "GET", "/api/jobs/", &k, arg, allow,
	    sizeof(allow)) == ROUTE_FOUND && table[k].handler == 1);
	CHECK(route_find(table, N, "DELETE", "/api/jobs", &k, arg, allow,
	    sizeof(allow)) == ROUTE_NO_METHOD);
	CHECK_STR(allow, "GET, POST, PUT");
	CHECK(route_find(table, N, "DELETE", "/api/jobs/abc", &k, arg, allow,
	    sizeof(allow)) == ROUTE_FOUND && table[k].handler == 4);
	CHECK_STR(arg, "abc");
	CHECK(route_find(table, N, "PUT", "/api/jobs/abc", &k, arg, allow,
	    sizeof(allow)) == ROUTE_NO_METHOD);
	CHECK_STR(allow, "GET, DELETE");
	CHECK(route_find(table, N, "GET", "/api/jobs/abc/cancel", &k, arg,
	    allow, sizeof(allow)) == ROUTE_NO_METHOD);
	CHECK_STR(allow, "POST");
	/* Two rows of one method: listed once. */
	CHECK(route_find(table, N, "POST", "/x/1", &k, arg, allow,
	    sizeof(allow)) == ROUTE_NO_METHOD);
	CHECK_STR(allow, "GET");
	CHECK(route_find(table, N, "GET", "/api/jobs//cancel", &k, arg, allow,
	    sizeof(allow)) == ROUTE_NO_PATH);
	CHECK(route_find(table, N, "GET", "/api/jobs/a/b", &k, arg, allow,
	    sizeof(allow)) == ROUTE_NO_PATH);
	CHECK(route_find(table, N, "GET", "/api", &k, arg, allow,
	    sizeof(allow)) == ROUTE_NO_PATH);
	CHECK(route_find(table, N, "GET", "", &k, arg, allow,
	    sizeof(allow)) == ROUTE_NO_PATH);
	CHECK(route_find(table, N, "GET", "/api/jobsx", &k, arg, allow,
	    sizeof(allow)) == ROUTE_NO_PATH);
	return 0;
}
