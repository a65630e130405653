/*
 * libFuzzer target for the input front end as the page reaches it: the
 * sniffer (through the source layer: decompression of a prefix, encoding
 * detection, the UTF-16 stage) and the streaming transcoder.  The first
 * byte picks the options (encoding, header, trim, delimiter); the rest is
 * the file's first bytes.  The sniffer's answer, when there is one, must
 * be valid UTF-8; each encoding's converter must give the same valid
 * UTF-8 fed whole and fed in blocks of 1 to 7 bytes.
 *
 *	make fuzz && tests/fuzz-sniff -max_total_time=60 tests/corpus/sniff
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "bounds.h"
#include "sniff.h"
#include "transcode.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Convert data with enc in blocks of block bytes into a malloc'd buffer. */
static char *
convert(enum source_enc enc, const char *data, size_t size, size_t block,
    size_t *n)
{
	struct transcode	*t;
	char			*out;
	size_t			 i, k;

	if ((t = transcode_new(enc)) == NULL ||
	    (out = malloc(TRANSCODE_OUT_MAX(size) + 8)) == NULL)
		abort();
	*n = 0;
	for (i = 0; i < size; i += k) {
		k = size - i < block ? size - i : block;
		*n += transcode_block(t, data + i, k, out + *n);
	}
	*n += transcode_end(t, out + *n);
	transcode_free(t);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char	 delims[] = { 0, ',', ';', '\t' };
	struct sniff_opts	 o;
	enum source_fail	 why;
	char			 err[TALLY_ERR_MAX], *out = NULL, *a, *b;
	size_t			 outlen = 0, na, nb, e;
	FILE			*f;
	int			 fd, rc;

	if (size < 1)
		return 0;
	memset(&o, 0, sizeof(o));
	o.enc = (enum source_enc)(data[0] % SOURCE_ENC__MAX);
	o.header = (int)((data[0] >> 3) % 3) - 1;
	o.trim = (data[0] >> 5) & 1;
	o.delim = delims[(data[0] >> 6) & 3];
	data++;
	size--;

	for (e = SOURCE_ENC_UTF8; e < SOURCE_ENC__MAX; e++) {
		a = convert((enum source_enc)e, (const char *)data, size,
		    size + 1, &na);
		b = convert((enum source_enc)e, (const char *)data, size,
		    1 + size % 7, &nb);
		if (na != nb || memcmp(a, b, na) != 0 ||
		    (e != SOURCE_ENC_UTF8 && !transcode_utf8_valid(a, na))) {
			fprintf(stderr, "fuzz-sniff: %s differs by block\n",
			    transcode_names[e]);
			abort();
		}
		free(a);
		free(b);
	}

	if ((fd = memfd_create("fuzz", 0)) == -1)
		return 0;
	if (size > 0 && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	if ((f = open_memstream(&out, &outlen)) == NULL) {
		close(fd);
		return 0;
	}
	rc = sniff_json(fd, 0, -1, &o, f, &why, err, sizeof(err));
	fclose(f);
	close(fd);
	if (rc == 0 && !transcode_utf8_valid(out, outlen)) {
		fprintf(stderr, "fuzz-sniff: the answer is not UTF-8\n");
		abort();
	}
	free(out);
	return 0;
}
