/*
 * libFuzzer target for the input front end (jobs/source.c): recognising
 * compression, decompressing gzip (ISA-L and zlib) and zstd, refusing
 * binary formats, and the header sniffer behind it.  The first bytes of an
 * input choose what to do with the rest, the payload:
 *
 *	byte 0, bits 0-1	0: the payload as it is; 1: gzipped; 2: zstd;
 *				3: gzipped and then damaged
 *	byte 0, bit 2		decode inline instead of on a thread
 *	byte 0, bit 3		zlib instead of ISA-L
 *	byte 1			the block size, 1 to 256
 *	bytes 2-3		mode 3: where to cut or flip a byte
 *
 * Compressed modes round-trip: what the source yields must be the payload,
 * byte for byte, unless the payload itself looks binary and is refused;
 * the compressed bytes read must reach the compressed size exactly.  A
 * plain payload must come back as it is.  Damaged streams may fail, but
 * only as bad data, never by crashing.  Then reader_header() reads the
 * same file's header.  Any broken invariant aborts.
 *
 * Built with clang by `make fuzz`; tests/fuzz-main.c runs the seed corpus
 * (tests/corpus/source, plain text files: their first bytes are the mode)
 * through it in `make check`.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "pack.h"
#include "reader.h"
#include "source.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Whether src is transcoded from UTF-16: a payload with a BOM, or one that
 * auto-detection reads as UTF-16, which does not come back as it is.
 */
static int
utf16(const struct source *src)
{
	enum source_enc	 e = source_enc(src);

	return e == SOURCE_ENC_UTF16 || e == SOURCE_ENC_UTF16LE ||
	    e == SOURCE_ENC_UTF16BE;
}

#define FUZZ_CHECK(c) do { if (!(c)) { fprintf(stderr, \
	"%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source_opts	 so;
	struct source		*src;
	struct header		 h;
	enum source_fail	 why;
	const char		*pay;
	char			 err[TALLY_ERR_MAX], *z = NULL, *out = NULL;
	size_t			 plen, zlen, n = 0, at, cap;
	ssize_t			 got;
	int			 mode, fd;

	if (size < 4)
		return 0;
	mode = data[0] & 3;
	memset(&so, 0, sizeof(so));
	so.inline_decode = (data[0] >> 2) & 1;
	so.zlib = (data[0] >> 3) & 1;
	so.block_size = (size_t)data[1] + 1;
	at = (size_t)data[2] | (size_t)data[3] << 8;
	pay = (const char *)data + 4;
	plen = size - 4;

	switch (mode) {
	case 0:
		zlen = plen;
		break;
	case 2:
		z = pack_zstd(pay, plen, &zlen);
		break;
	default:
		z = pack_gzip(pay, plen, &zlen);
		break;
	}
	if (mode == 3 && zlen > 0) {
		if (at & 0x8000)
			zlen = (at & 0x7fff) % zlen;
		else
			z[(at % zlen)] ^= (char)(1 + (at >> 8 & 0x7f));
	}
	fd = th_file(z != NULL ? z : pay, zlen);

	cap = plen + 1;
	if ((out = malloc(cap)) == NULL)
		abort();
	src = source_open(fd, 0, -1, &so, &why, err, sizeof(err));
	if (src == NULL) {
		FUZZ_CHECK(why != SOURCE_FAIL_NONE);
		FUZZ_CHECK(err[0] != '\0');
		if (mode == 1 || mode == 2)
			FUZZ_CHECK(why == SOURCE_FAIL_NOT_CSV &&
			    source_binary(pay, plen) != NULL);
		if (mode == 0)
			FUZZ_CHECK(why == SOURCE_FAIL_NOT_CSV ||
			    why == SOURCE_FAIL_DATA);
		goto header;
	}
	for (;;) {
		got = source_read(src, n, out + n, n < cap ? cap - n : 0, err,
		    sizeof(err));
		if (got <= 0)
			break;
		n += (size_t)got;
		if (n == cap) {
			/*
			 * More than the payload: a damaged stream, or a
			 * payload that is compressed or UTF-16 itself.
			 */
			FUZZ_CHECK(mode == 3 || utf16(src) || (mode == 0 &&
			    source_comp(src) != SOURCE_COMP_NONE));
			break;
		}
	}
	if ((mode == 1 || mode == 2) && !utf16(src)) {
		FUZZ_CHECK(got == 0);
		FUZZ_CHECK(n == plen && memcmp(out, pay, plen) == 0);
		FUZZ_CHECK(source_progress(src, n) == zlen);
	} else if (mode == 0 && source_comp(src) == SOURCE_COMP_NONE &&
	    !utf16(src)) {
		FUZZ_CHECK(got == 0);
		FUZZ_CHECK(n == plen && memcmp(out, pay, plen) == 0);
		FUZZ_CHECK(source_progress(src, n) == plen);
	} else if (got < 0)
		FUZZ_CHECK(source_why(src) == SOURCE_FAIL_DATA);
	source_close(src);
header:
	if (reader_header(fd, 0, -1, 0, SOURCE_ENC_AUTO, 0, &h, &why, err, sizeof(err)) == 0) {
		FUZZ_CHECK(h.ncols >= 1);
		header_free(&h);
	} else
		FUZZ_CHECK(why != SOURCE_FAIL_NONE);
	close(fd);
	free(out);
	free(z);
	return 0;
}
