/*
 * Cells are counted in blocks of rows, column by column (see profile.c,
 * struct block), held past their row: every cell is still counted once
 * and in the order of the rows, the last block at the end, so counts,
 * distinct values, lengths, top counts and the line of the first spoiler
 * are what they are, for a column whose exact table is big too.  Cells
 * cut at READER_SLOT_BYTES are counted with their full length; a column
 * that turns into a sketch mid-block counts its other cells as a
 * sketch.  At 1 and 2 threads, in blocks of 4 KiB and the default.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define ROWS	30000
#define UNIQUE	120000
#define SPLIT	(64 * 1024)	/* threads from this many bytes */

int
main(void)
{
	char		*csv, *js, pad[1200];
	size_t		 len = 0, cap = 16 << 20, i, b;
	int		 t;
	static const size_t blocks[] = { 4096, 0 };

	CHECK((csv = malloc(cap)) != NULL);
	memset(pad, 'y', sizeof(pad));
	/*
	 * n: 6,000 integers five times each, "x" on row 20,000 (line
	 * 20,002) in place of one 2000; s: 3,000 short texts, and every
	 * 7th row a cell of 1,105 to 1,107 bytes whose first 1,024 differ
	 * (4,286 of them): 7,286 values.
	 */
	len += (size_t)snprintf(csv, cap, "n,s\n");
	for (i = 0; i < ROWS; i++) {
		if (i == 20000)
			len += (size_t)snprintf(csv + len, cap - len, "x,");
		else
			len += (size_t)snprintf(csv + len, cap - len, "%zu,",
			    i % 6000);
		if (i % 7 == 0)
			len += (size_t)snprintf(csv + len, cap - len,
			    "L%04zu%.*s\n", i % 4500, (int)(1100 + i % 4500 % 3),
			    pad);
		else
			len += (size_t)snprintf(csv + len, cap - len, "s%zu\n",
			    i % 3000);
	}
	for (t = 1; t <= 2; t++)
		for (b = 0; b < sizeof(blocks) / sizeof(blocks[0]); b++) {
			js = th_profile_at(csv, len, t, blocks[b], SPLIT,
			    SOURCE_ENC_AUTO);
			CHECK_HAS(js, "\"name\":\"n\",\"type\":\"text\","
			    "\"precision\":null,\"scale\":null,"
			    "\"count\":30000,\"empty\":0,\"distinct\":6001,"
			    "\"distinct_exact\":true");
			CHECK_HAS(js, "\"not_type\":{\"type\":\"integer\","
			    "\"count\":1,\"first_line\":20002,"
			    "\"first_value\":\"x\"}");
			CHECK_HAS(js, "{\"value\":\"0\",\"count\":5}");
			CHECK_HAS(js, "\"name\":\"s\",\"type\":\"text\","
			    "\"precision\":null,\"scale\":null,"
			    "\"count\":30000,\"empty\":0,\"distinct\":7286,"
			    "\"distinct_exact\":true");
			CHECK_HAS(js, "\"min_length\":2,\"max_length\":1107");
			free(js);
		}

	/*
	 * u: unique, past the bound of 100,000 at row 100,000; spoilers on
	 * rows 50,000 (line 50,002: batched) and 110,000 (a sketch).
	 */
	len = (size_t)snprintf(csv, cap, "u\n");
	for (i = 0; i < UNIQUE; i++)
		len += (size_t)snprintf(csv + len, cap - len,
		    i == 50000 ? "w\n" : i == 110000 ? "z\n" : "%zu\n", i);
	for (t = 1; t <= 2; t++) {
		js = th_profile_at(csv, len, t, 0, SPLIT, SOURCE_ENC_AUTO);
		CHECK_HAS(js, "\"count\":120000,\"empty\":0,");
		CHECK_HAS(js, "\"distinct_exact\":false");
		CHECK_HAS(js, "\"not_type\":{\"type\":\"integer\","
		    "\"count\":2,\"first_line\":50002,"
		    "\"first_value\":\"w\"}");
		free(js);
	}
	free(csv);
	return 0;
}
