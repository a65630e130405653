/*
 * hash_copy() moves keys up to 32 bytes in overlapping words: every length
 * from 0 to 40, at every offset of source and destination within a word,
 * copies exactly the len bytes, and the bytes around the destination are
 * untouched.
 */
#include "config.h"

#include <string.h>

#include "hash.h"
#include "harness.h"

int
main(void)
{
	char		 src[64], dst[64 + 16];
	size_t		 len, so, d, i;

	for (i = 0; i < sizeof(src); i++)
		src[i] = (char)('A' + i % 50);
	for (len = 0; len <= 40; len++)
		for (so = 0; so < 8; so++)
			for (d = 0; d < 8; d++) {
				memset(dst, '#', sizeof(dst));
				hash_copy(dst + 8 + d, src + so, len);
				CHECK(memcmp(dst + 8 + d, src + so, len) == 0);
				for (i = 0; i < 8 + d; i++)
					CHECK(dst[i] == '#');
				for (i = 8 + d + len; i < sizeof(dst); i++)
					CHECK(dst[i] == '#');
			}
	return 0;
}
