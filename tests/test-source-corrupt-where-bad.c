/*
 * A corrupt gzip or zstd stream fails with one message, naming one
 * compressed byte, whatever the size of the reads, the parser, a pipe or a
 * file, and threaded or inline decoding: what a decoder reads ahead (ISA-L
 * into its bit buffer, a zstd block gathered in pieces) does not move it.
 * The first stream is the one fuzz-scan found: a block type that gzip does
 * not have, named after 18 bytes with one big read and 11 with 1-byte reads.
 * Damage in the middle of a gzip member is read with zlib: ISA-L's fast
 * loop decodes a few symbols past it before it stops, so with ISA-L only a
 * header or block-type error is named at one byte.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "diff.h"
#include "harness.h"
#include "pack.h"

static const unsigned char bad_type[] = {
	0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x93, 0xef, 0xe6,
	0x60, 0x00, 0x03, 0xe6, 0xd3, 0xd7, 0x38, 0x2f, 0x6b, 0x3e, 0x37, 0xba,
	0x62, 0x78, 0xc9, 0xf0, 0x19, 0xdf, 0x13, 0x43, 0xb4, 0xab, 0x45, 0x3b,
	0x21, 0x3b, 0x2f, 0x0f, 0x6b, 0x3e, 0x37, 0xba, 0x00, 0x6b, 0x00
};

/* Every way of reading z agrees on its error, which says want. */
static int
same_everywhere(const char *z, size_t zlen, int zlib, const char *want)
{
	static const size_t	 blocks[] = { 0, 1, 2, 3, 7, 64, 4096 };
	struct engine_opts	 o = { .groups = "k", .aggs = "sum:v" };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], why[TALLY_ERR_MAX * 4];
	char			*out;

	o.source.zlib = zlib;
	out = th_run(z, zlen, &o, &res, err, sizeof(err));
	engine_result_free(&res);
	if (out != NULL || strstr(err, want) == NULL) {
		fprintf(stderr, "want \"%s\", got \"%s\"\n", want, out ? out :
		    err);
		return -1;
	}
	if (diff_run(z, zlen, &o, blocks, sizeof(blocks) / sizeof(blocks[0]),
	    2, why, sizeof(why)) == -1) {
		fprintf(stderr, "%s\n", why);
		return -1;
	}
	return 0;
}

int
main(void)
{
	char	 csv[65536], *z;
	size_t	 zlen, n = 0, i;

	CHECK(same_everywhere((const char *)bad_type, sizeof(bad_type), 0,
	    "the gzip stream is corrupt after 11 compressed bytes") == 0);

	n += (size_t)snprintf(csv, sizeof(csv), "k,v\n");
	for (i = 0; i < 4000; i++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, "%zu,%zu\n",
		    i * 7919 % 101, i);
	z = pack_gzip(csv, n, &zlen);
	for (i = zlen / 2; i < zlen / 2 + 8; i++)
		z[i] ^= 0x55;
	CHECK(same_everywhere(z, zlen, 1, "the gzip stream is corrupt after ")
	    == 0);
	free(z);

	/* A damaged block, found when its checksum does not match. */
	z = pack_zstd(csv, n, &zlen);
	for (i = zlen / 3; i < zlen / 3 + 16; i++)
		z[i] = (char)0xff;
	CHECK(same_everywhere(z, zlen, 0, "the zstd stream is corrupt after ")
	    == 0);
	free(z);
	return 0;
}
