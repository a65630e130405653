/*
 * Rows are held in a block past their callback and counted column by
 * column (profile.c, struct block).  A row whose cells do not last (the
 * byte machine's, a converted single-byte cell) has its bytes copied into
 * the block's text, the block being counted first when they do not fit;
 * a row whose copies do not fit an empty block's text is counted alone,
 * at once.  Every cell is still counted once with its own bytes: counts,
 * distinct values and top counts are what the generator wrote, at 1 and
 * 2 threads, in blocks of 4 KiB and the default.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define WIDE	80		/* columns of the wide file */
#define WROWS	300
#define ROWS	9000

int
main(void)
{
	char		*csv, *js, pad[1000], part[256];
	size_t		 len, cap = 32 << 20, i, c, b;
	int		 t;
	static const size_t blocks[] = { 4096, 0 };

	CHECK((csv = malloc(cap)) != NULL);
	memset(pad, 'w', sizeof(pad));

	/*
	 * 80 columns of cells of 1,003 bytes with a quote inside, which
	 * the byte machine reads (a doubled quote would last, undoubled in
	 * the scanner's buffer): a row's copies (80 KB) do not fit a
	 * block's text, so each row is counted alone.  Cell (i, c) is one
	 * of three values by i % 3.
	 */
	len = 0;
	for (c = 0; c < WIDE; c++)
		len += (size_t)snprintf(csv + len, cap - len, "%sc%zu",
		    c ? "," : "", c);
	csv[len++] = '\n';
	for (i = 0; i < WROWS; i++) {
		for (c = 0; c < WIDE; c++)
			len += (size_t)snprintf(csv + len, cap - len,
			    "%s%c%zu\"%.*s", c ? "," : "",
			    (char)('a' + i % 3), c % 10, 1000, pad);
		csv[len++] = '\n';
		CHECK(len + 100000 < cap);
	}
	for (t = 1; t <= 2; t++)
		for (b = 0; b < sizeof(blocks) / sizeof(blocks[0]); b++) {
			js = th_profile_at(csv, len, t, blocks[b], 4096,
			    SOURCE_ENC_UTF8);
			for (c = 0; c < WIDE; c += 79) {
				snprintf(part, sizeof(part), "\"name\":\"c%zu\","
				    "\"type\":\"text\",\"precision\":null,"
				    "\"scale\":null,\"count\":%d,\"empty\":0,"
				    "\"distinct\":3,\"distinct_exact\":true",
				    c, WROWS);
				CHECK_HAS(js, part);
				snprintf(part, sizeof(part), "\"top\":[{"
				    "\"value\":\"a%zu\\\"www", c % 10);
				CHECK_HAS(js, part);
				snprintf(part, sizeof(part), "\"count\":100},{"
				    "\"value\":\"b%zu\\\"www", c % 10);
				CHECK_HAS(js, part);
				snprintf(part, sizeof(part), "\"count\":100},{"
				    "\"value\":\"c%zu\\\"www", c % 10);
				CHECK_HAS(js, part);
			}
			CHECK_HAS(js, "\"count\":100}],\"top_exact\":true");
			CHECK_HAS(js, "\"min_length\":1003,\"max_length\":1003");
			free(js);
		}

	/*
	 * Latin-1: k converted every row ("caf\xe9" or "na\xefve"), q a
	 * doubled quote every third row, s as it lies: the block holds
	 * rows that last and rows copied, and converted cells.
	 */
	len = (size_t)snprintf(csv, cap, "k,q,s\n");
	for (i = 0; i < ROWS; i++) {
		len += (size_t)snprintf(csv + len, cap - len, "%s,%s,s%zu\n",
		    i % 4 == 0 ? "na\xefve" : "caf\xe9",
		    i % 3 == 0 ? "\"x\"\"y\"" : "xy", i % 50);
		CHECK(len < cap);
	}
	for (t = 1; t <= 2; t++)
		for (b = 0; b < sizeof(blocks) / sizeof(blocks[0]); b++) {
			js = th_profile_at(csv, len, t, blocks[b], 4096,
			    SOURCE_ENC_LATIN1);
			snprintf(part, sizeof(part), "{\"value\":\"caf\xc3\xa9\","
			    "\"count\":%d},{\"value\":\"na\xc3\xafve\","
			    "\"count\":%d}", ROWS / 4 * 3, ROWS / 4);
			CHECK_HAS(js, part);
			snprintf(part, sizeof(part), "{\"value\":\"xy\","
			    "\"count\":%d},{\"value\":\"x\\\"y\",\"count\":%d}",
			    ROWS / 3 * 2, ROWS / 3);
			CHECK_HAS(js, part);
			snprintf(part, sizeof(part), "\"count\":%d,\"empty\":0,"
			    "\"distinct\":50,\"distinct_exact\":true", ROWS);
			CHECK_HAS(js, part);
			free(js);
		}
	free(csv);
	return 0;
}
