/*
 * --total adds a last row over every group, marked "total" in the kind
 * column of CSV and with "kind":"total" and null keys in JSON; text
 * extremes fold too.
 */
#include "config.h"

#include <stdlib.h>

#include "harness.h"
#include "output.h"

int
main(void)
{
	struct engine_result	 res;
	char			*out;
	size_t			 len = 0;
	FILE			*f;

	out = th_shaped("g,d\nA,2024-01-01\nB,2023-05-05\nB,7\n", "g",
	    "count,min:d,max:d", 0, 0, 0, 1, &res);
	CHECK_STR(out, "kind,g,count,min_d,max_d\n"
	    "group,A,1,2024-01-01,2024-01-01\n"
	    "group,B,2,7,2023-05-05\n"
	    "total,,3,7,2024-01-01\n");
	free(out);
	out = NULL;
	CHECK((f = open_memstream(&out, &len)) != NULL);
	CHECK(output_json(f, &res) == 0);
	fclose(f);
	CHECK_HAS(out, "{\"kind\":\"total\",\"g\":null,\"count\":3,"
	    "\"min_d\":7,\"max_d\":\"2024-01-01\"}");
	CHECK_HAS(out, "\"columns\":[\"kind\",\"g\",");
	free(out);
	engine_result_free(&res);
	return 0;
}
