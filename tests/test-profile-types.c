/*
 * One column per type, each typed from every value: booleans in any case,
 * integers, decimals with their precision and scale, dates, timestamps,
 * text, and a column with no values at all.  Extremes are typed (numbers
 * as numbers, booleans as literals, instants by time), the mean and
 * standard deviation exact, lengths in characters.
 */
#include "config.h"

#include <string.h>

#include "harness.h"

int
main(void)
{
	const char	*csv =
	    "flag,n,price,day,at,name,nothing\n"
	    "true,10,1.50,2024-02-29,2024-01-01T10:00+02:00,Zoë,\n"
	    "No,-3,20,2023-12-31,2024-01-01 09:00:00Z,ab,\n"
	    "YES,8,0.125,2024-01-05,2024-01-01T08:30,abc,\n"
	    "false,10,3,2024-01-01,2024-01-01T09:00:00.5Z,Ab,\n";
	char		 err[TALLY_ERR_MAX], *js;

	js = th_profile(csv, strlen(csv), NULL, err, sizeof(err));
	if (js == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK_HAS(js, "\"rows\":4,\"rejected\":0,");
	CHECK_HAS(js, "\"dialect\":{\"delimiter\":\",\",\"quote\":\"\\\"\","
	    "\"header\":true,\"encoding\":\"utf-8\",\"compression\":\"none\"}");
	CHECK_HAS(js, "{\"name\":\"flag\",\"type\":\"boolean\","
	    "\"precision\":null,\"scale\":null,\"count\":4,\"empty\":0,"
	    "\"distinct\":2,\"distinct_exact\":true,\"distinct_error\":0,"
	    "\"min\":false,\"max\":true,\"mean\":null,\"stddev\":null,"
	    "\"min_length\":2,\"max_length\":5,");
	CHECK_HAS(js, "{\"name\":\"n\",\"type\":\"integer\",\"precision\":null,"
	    "\"scale\":null,\"count\":4,\"empty\":0,\"distinct\":3,"
	    "\"distinct_exact\":true,\"distinct_error\":0,\"min\":-3,"
	    "\"max\":10,\"mean\":6.25,\"stddev\":6.238322,\"min_length\":1,"
	    "\"max_length\":2,\"top\":[{\"value\":\"10\",\"count\":2},"
	    "{\"value\":\"-3\",\"count\":1},{\"value\":\"8\",\"count\":1}],"
	    "\"top_exact\":true,\"not_type\":null}");
	CHECK_HAS(js, "{\"name\":\"price\",\"type\":\"decimal\","
	    "\"precision\":5,\"scale\":3,\"count\":4,");
	CHECK_HAS(js, "\"min\":0.125,\"max\":20,\"mean\":6.15625,");
	CHECK_HAS(js, "{\"name\":\"day\",\"type\":\"date\",");
	CHECK_HAS(js, "\"min\":\"2023-12-31\",\"max\":\"2024-02-29\","
	    "\"mean\":null");
	/* 10:00+02:00 is the earliest instant, 09:00:00.5Z the latest. */
	CHECK_HAS(js, "{\"name\":\"at\",\"type\":\"timestamp\",");
	CHECK_HAS(js, "\"min\":\"2024-01-01T10:00+02:00\","
	    "\"max\":\"2024-01-01T09:00:00.5Z\"");
	/* Text: bytes order; "Zoë" is three characters. */
	CHECK_HAS(js, "{\"name\":\"name\",\"type\":\"text\",");
	CHECK_HAS(js, "\"min\":\"Ab\",\"max\":\"abc\",\"mean\":null,"
	    "\"stddev\":null,\"min_length\":2,\"max_length\":3,");
	CHECK_HAS(js, "{\"name\":\"nothing\",\"type\":\"text\","
	    "\"precision\":null,\"scale\":null,\"count\":0,\"empty\":4,"
	    "\"distinct\":0,\"distinct_exact\":true,\"distinct_error\":0,"
	    "\"min\":null,\"max\":null,\"mean\":null,\"stddev\":null,"
	    "\"min_length\":null,\"max_length\":null,\"top\":[],"
	    "\"top_exact\":true,\"not_type\":null}");
	CHECK_HAS(js, "\"preview\":[[\"true\",\"10\",\"1.50\","
	    "\"2024-02-29\",\"2024-01-01T10:00+02:00\",\"Zoë\",\"\"],"
	    "[\"No\",");
	CHECK_HAS(js, "\"Ab\",\"\"]]}");
	free(js);
	return 0;
}
