/*
 * Compressed fixtures, made at test time from bytes in memory (never
 * committed): gzip through zlib, zstd through libzstd; and the check that
 * an input is refused as not CSV.  Tests of the source layer
 * (jobs/source.c) and the differential runs use them.
 */
#ifndef TALLY_PACK_H
#define TALLY_PACK_H

#include <stddef.h>

/*
 * Compress len bytes of data into one gzip member (pack_gzip) or one zstd
 * frame (pack_zstd).  Returns a malloc'd buffer of *outlen bytes, which
 * the caller frees.  Exits 99 on failure.
 */
char		*pack_gzip(const char *data, size_t len, size_t *outlen);
char		*pack_zstd(const char *data, size_t len, size_t *outlen);

/*
 * gzip data in two members, cut at byte cut (as `cat a.gz b.gz` makes).
 * Returns a malloc'd buffer as above.
 */
char		*pack_gzip2(const char *data, size_t len, size_t cut,
		    size_t *outlen);

/*
 * Run the engine on len bytes of data and check that it refuses them as
 * not CSV (res.not_csv and data_error set) with a message holding part.
 * Exits 1 naming the caller's line otherwise.
 */
#define CHECK_NOT_CSV(data, len, part) pack_check_not_csv(__FILE__, \
	__LINE__, (data), (len), (part))
void		 pack_check_not_csv(const char *file, int line,
		    const char *data, size_t len, const char *part);

#endif /* TALLY_PACK_H */
