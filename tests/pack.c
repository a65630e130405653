/*
 * Compressed fixtures and the not-CSV check (see pack.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>
#include <zstd.h>

#include "harness.h"
#include "pack.h"

char *
pack_gzip(const char *data, size_t len, size_t *outlen)
{
	z_stream	 z;
	char		*out;
	size_t		 cap;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		goto bad;
	cap = deflateBound(&z, len) + 64;
	if ((out = malloc(cap)) == NULL)
		goto bad;
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		goto bad;
	*outlen = cap - z.avail_out;
	deflateEnd(&z);
	return out;
bad:
	fprintf(stderr, "pack_gzip failed\n");
	exit(TH_ERROR);
}

char *
pack_zstd(const char *data, size_t len, size_t *outlen)
{
	ZSTD_CCtx	*cc;
	size_t		 cap = ZSTD_compressBound(len), n;
	char		*out;

	if ((out = malloc(cap)) == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(TH_ERROR);
	}
	/* With a checksum, as the zstd tool writes by default. */
	if ((cc = ZSTD_createCCtx()) == NULL ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1))) {
		fprintf(stderr, "pack_zstd: no context\n");
		exit(TH_ERROR);
	}
	n = ZSTD_compress2(cc, out, cap, data, len);
	ZSTD_freeCCtx(cc);
	if (ZSTD_isError(n)) {
		fprintf(stderr, "pack_zstd: %s\n", ZSTD_getErrorName(n));
		exit(TH_ERROR);
	}
	*outlen = n;
	return out;
}

char *
pack_gzip2(const char *data, size_t len, size_t cut, size_t *outlen)
{
	char	*a, *b, *out;
	size_t	 na, nb;

	if (cut > len)
		cut = len;
	a = pack_gzip(data, cut, &na);
	b = pack_gzip(data + cut, len - cut, &nb);
	if ((out = malloc(na + nb)) == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(TH_ERROR);
	}
	memcpy(out, a, na);
	memcpy(out + na, b, nb);
	*outlen = na + nb;
	free(a);
	free(b);
	return out;
}

void
pack_check_not_csv(const char *file, int line, const char *data, size_t len,
    const char *part)
{
	struct engine_opts	 o;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;

	memset(&o, 0, sizeof(o));
	if ((out = th_run(data, len, &o, &res, err, sizeof(err))) != NULL)
		th_fail(file, line, "accepted as CSV:\n%s", out);
	th_check_has(file, line, err, part);
	if (!res.not_csv || !res.data_error)
		th_fail(file, line, "not_csv %d, data_error %d: want 1, 1",
		    res.not_csv, res.data_error);
	engine_result_free(&res);
}
