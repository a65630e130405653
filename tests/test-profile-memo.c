/*
 * A column of few short values is counted through its memo (memo.h,
 * profile.c count_memo()): a profile gives what it gives without memos,
 * byte for byte, at 1 to 3 threads and in blocks of 4 KiB and the
 * default.  The columns: a, twenty values of 0 to 17 bytes (one with a
 * doubled quote, one quoted with the delimiter in it, the empty one),
 * each counted a known number of times; b, 100 values, a memo's fill;
 * c, 700 values, whose table outgrows the memo midway; d, one number written three ways ("7", "7.0",
 * "007") among others; e, "z" and "z" with a NUL byte after it, whose
 * words are the same (zero past the length), told apart by length.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "profile.h"

#define KINDS	20
#define SEQ	(KINDS * (KINDS + 1) / 2)	/* value k k + 1 times */
#define ROWS	(SEQ * 200)
#define SPLIT	(64 * 1024)	/* threads from this many bytes */

/* Value k of column a as written in the CSV, and as a profile shows it. */
static const char *
a_csv(size_t k, char *buf, size_t sz)
{
	static const char *const letters = "abcdefghijklmnopqrstuvwxyz";

	if (k == 18)
		return "\"x\"\"y\"";
	if (k == 19)
		return "\"p,q\"";
	snprintf(buf, sz, "%.*s", (int)k, letters);
	return buf;
}

int
main(void)
{
	char		*csv, *js, *want, buf[64], part[128];
	size_t		 len = 0, cap = 8 << 20, i, k, n, b, seq[SEQ];
	int		 t, memo;
	static const char *const d_ways[] = { "7", "7.0", "007" };
	static const size_t blocks[] = { 4096, 0 };

	CHECK((csv = malloc(cap)) != NULL);
	for (k = 0, n = 0; k < KINDS; k++)
		for (i = 0; i <= k; i++)
			seq[n++] = k;
	len += (size_t)snprintf(csv, cap, "a,b,c,d,e\n");
	for (i = 0; i < ROWS; i++) {
		/* 37 is prime to SEQ: each of seq[] ROWS / SEQ times. */
		k = seq[(i * 37) % SEQ];
		len += (size_t)snprintf(csv + len, cap - len, "%s,v%03zu,"
		    "%zu,%s\n", a_csv(k, buf, sizeof(buf)), (i * 7) % 100,
		    (i * 7919) % 700,
		    i % 5 < 3 ? d_ways[i % 5] : i % 5 == 3 ? "8" : "12");
		/* e: the NUL in place of the line's end, then the LF. */
		csv[len - 1] = ',';
		csv[len++] = 'z';
		csv[len++] = i % 3 == 0 ? '\n' : '\0';
		if (i % 3 != 0)
			csv[len++] = '\n';
		CHECK(len + 64 < cap);
	}

	CHECK(profile_memo(0) == 0);
	want = th_profile_at(csv, len, 1, 0, SPLIT, SOURCE_ENC_AUTO);
	/* The oracle: value k of a 200 (k + 1) times, "" being empty. */
	CHECK_HAS(want, "\"name\":\"a\",\"type\":\"text\"");
	snprintf(part, sizeof(part), "\"count\":%d,\"empty\":200,"
	    "\"distinct\":19,\"distinct_exact\":true", ROWS - 200);
	CHECK_HAS(want, part);
	CHECK_HAS(want, "{\"value\":\"p,q\",\"count\":4000}");
	CHECK_HAS(want, "{\"value\":\"x\\\"y\",\"count\":3800}");
	CHECK_HAS(want, "{\"value\":\"abcdefghijklmnopq\",\"count\":3600}");
	CHECK_HAS(want, "{\"value\":\"abcdefghijklmnop\",\"count\":3400}");
	CHECK_HAS(want, "{\"value\":\"abcdefghij\",\"count\":2200}");
	CHECK_HAS(want, "\"distinct\":100,\"distinct_exact\":true");
	CHECK_HAS(want, "\"distinct\":700,\"distinct_exact\":true");
	snprintf(part, sizeof(part), "[{\"value\":\"z\\u0000\",\"count\":%d},"
	    "{\"value\":\"z\",\"count\":%d}]", ROWS / 3 * 2, ROWS / 3);
	CHECK_HAS(want, part);

	for (memo = 1; memo >= 0; memo--) {
		CHECK(profile_memo(memo) == memo);
		for (t = 1; t <= 3; t++)
			for (b = 0; b < sizeof(blocks) / sizeof(blocks[0]);
			    b++) {
				js = th_profile_at(csv, len, t, blocks[b],
				    SPLIT, SOURCE_ENC_AUTO);
				if (strcmp(js, want) != 0)
					th_fail(__FILE__, __LINE__, "memo %d, "
					    "%d threads, block %zu: %s", memo,
					    t, blocks[b], js);
				free(js);
			}
	}
	free(want);
	free(csv);
	return 0;
}
