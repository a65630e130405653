/*
 * Which ranges source_map() maps (source.h): a window of a plain file is
 * mapped, holds the file's bytes and its padding, and unmaps cleanly; a
 * window whose padding would reach past the file's last page, the end of
 * the input, a pipe and a compressed file are left to source_read().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bounds.h"
#include "harness.h"
#include "pack.h"
#include "source.h"
#include "window.h"

#define LEN	(3 * 4096 + 100)

static struct source *
open_fd(int fd)
{
	struct source_opts	 so;
	enum source_fail	 why;
	char			 err[TALLY_ERR_MAX];
	struct source		*s;

	memset(&so, 0, sizeof(so));
	if ((s = source_open(fd, 0, -1, &so, &why, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "source_open: %s", err);
	return s;
}

int
main(void)
{
	static char	 data[LEN];
	struct source	*s;
	struct window	 w;
	char		 err[TALLY_ERR_MAX];
	int		 fd, p[2];
	size_t		 i, gzlen;
	char		*gz;

	for (i = 0; i < LEN; i++)
		data[i] = (char)('a' + i % 26);
	fd = th_file(data, LEN);
	s = open_fd(fd);
	CHECK(source_splittable(s));

	/* A window in the middle, cut anywhere, with its padding. */
	CHECK(source_map(s, 5000, 3000, 64, &w, err, sizeof(err)) == 3000);
	CHECK(memcmp(w.p, data + 5000, 3064) == 0);
	CHECK(source_unmap(s, &w, err, sizeof(err)) == 0);
	/* Short at the end; padding past the end but within its page. */
	CHECK(source_map(s, LEN - 50, 4096, 64, &w, err, sizeof(err)) == 50);
	CHECK(memcmp(w.p, data + LEN - 50, 50) == 0 && w.p[50] == 0);
	CHECK(source_unmap(s, &w, err, sizeof(err)) == 0);
	/* At the end, and padding past the last page: read instead. */
	CHECK(source_map(s, LEN, 4096, 64, &w, err, sizeof(err)) == 0);
	CHECK(source_map(s, LEN - 50, 4096, 4096, &w, err, sizeof(err)) == 0);
	CHECK(source_unmap(s, &w, err, sizeof(err)) == 0);
	source_close(s);
	close(fd);

	/* A gzip file: decoded in order. */
	gz = pack_gzip(data, LEN, &gzlen);
	fd = th_file(gz, gzlen);
	s = open_fd(fd);
	CHECK(!source_splittable(s));
	CHECK(source_map(s, 0, 4096, 64, &w, err, sizeof(err)) == 0);
	source_close(s);
	close(fd);
	free(gz);

	/* A pipe. */
	CHECK(pipe(p) == 0);
	CHECK(write(p[1], data, 100) == 100);
	close(p[1]);
	s = open_fd(p[0]);
	CHECK(source_map(s, 0, 4096, 64, &w, err, sizeof(err)) == 0);
	source_close(s);
	close(p[0]);
	return 0;
}
