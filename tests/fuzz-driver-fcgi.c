/*
 * A plain main() for the libFuzzer targets of the HTTP parsers, so that
 * `make check` replays their seed corpora with the normal compiler (and,
 * under --enable-asan, AddressSanitizer) without libFuzzer.  Each seed is
 * run whole and, if small, every prefix of it too: truncated requests are
 * what the network delivers most.  A target reports a broken property by
 * aborting, which fails the test.
 *
 * Arguments are files or folders of seeds; without any, the folder
 * $top_srcdir/tests/corpus/FUZZ_CORPUS.  Exits 0 when every seed ran, 99
 * if there were none or one could not be read.
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FUZZ_CORPUS
#error "define FUZZ_CORPUS as the seed folder's name under tests/corpus"
#endif

#define PREFIX_MAX	4096	/* seeds up to this size also run cut short */

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int	 nseeds;

static void
run_file(const char *path)
{
	uint8_t	*buf = NULL, *cut;
	size_t	 len = 0, n;
	FILE	*f;
	char	 chunk[8192];

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		exit(99);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if ((buf = realloc(buf, len + n)) == NULL)
			exit(99);
		memcpy(buf + len, chunk, n);
		len += n;
	}
	if (ferror(f)) {
		perror(path);
		exit(99);
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	/* Each prefix in a buffer of its own, so ASan sees reads past it. */
	for (n = 0; len <= PREFIX_MAX && n < len; n++) {
		if ((cut = malloc(n + 1)) == NULL)
			exit(99);
		memcpy(cut, buf, n);
		LLVMFuzzerTestOneInput(cut, n);
		free(cut);
	}
	free(buf);
	nseeds++;
}

static void
run_path(const char *path)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	char		 sub[4096];

	if (stat(path, &st) == -1) {
		perror(path);
		exit(99);
	}
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	if ((d = opendir(path)) == NULL) {
		perror(path);
		exit(99);
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		run_path(sub);
	}
	closedir(d);
}

int
main(int argc, char *argv[])
{
	const char	*top = getenv("top_srcdir");
	char		 dir[4096];
	int		 i;

	if (argc > 1)
		for (i = 1; i < argc; i++)
			run_path(argv[i]);
	else {
		snprintf(dir, sizeof(dir), "%s/tests/corpus/%s",
		    top != NULL ? top : ".", FUZZ_CORPUS);
		run_path(dir);
	}
	if (nseeds == 0) {
		fprintf(stderr, "no seeds\n");
		return 99;
	}
	printf("%d seeds ran\n", nseeds);
	return 0;
}
