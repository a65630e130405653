/*
 * A plain driver for the libFuzzer targets, so that `make check` runs
 * their code with any compiler: it feeds every file of a seed corpus to
 * LLVMFuzzerTestOneInput() once.  The corpus is the folder given as the
 * argument, or $top_srcdir/tests/corpus/NAME where the program is called
 * test-fuzz-NAME.  A target that finds a problem aborts; finding no corpus
 * is a hard error (99).
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TH_ERROR	99

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read a whole file into a malloc'd buffer; NULL on failure. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 cap = 0, n;

	*len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (*len == cap) {
			char	*p;

			cap = cap ? cap * 2 : 4096;
			if ((p = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		if ((n = fread(buf + *len, 1, cap - *len, f)) == 0)
			break;
		*len += n;
	}
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int
main(int argc, char *argv[])
{
	char		 dir[4096], path[8192];
	const char	*top = getenv("top_srcdir"), *base, *name;
	struct dirent	*de;
	DIR		*d;
	char		*data;
	size_t		 len;
	int		 files = 0;

	if (argc > 1)
		snprintf(dir, sizeof(dir), "%s", argv[1]);
	else {
		base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 :
		    argv[0];
		if (strncmp(base, "test-fuzz-", 10) != 0) {
			fprintf(stderr, "usage: %s corpus-dir\n", argv[0]);
			return TH_ERROR;
		}
		name = base + 10;
		snprintf(dir, sizeof(dir), "%s/tests/corpus/%.*s",
		    top ? top : ".", (int)strcspn(name, "."), name);
	}
	if ((d = opendir(dir)) == NULL) {
		perror(dir);
		return TH_ERROR;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((data = slurp(path, &len)) == NULL) {
			perror(path);
			closedir(d);
			return TH_ERROR;
		}
		fprintf(stderr, "%s: %zu bytes\n", path, len);
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
		files++;
	}
	closedir(d);
	if (files == 0) {
		fprintf(stderr, "%s: no seed files\n", dir);
		return TH_ERROR;
	}
	fprintf(stderr, "%d inputs, no problem found\n", files);
	return 0;
}
