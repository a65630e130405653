/*
 * A file that shrinks while a window of it is mapped (window.h): reading
 * the pages it lost raises SIGBUS, which must not kill the process.  The
 * lost pages read as zeros and window_unmap() fails naming the loss; the
 * pages still in the file read as they were.  The same on a second
 * thread, whose window is its own; and a window of a file that did not
 * shrink unmaps cleanly.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bounds.h"
#include "harness.h"
#include "window.h"

/* Eight pages of a 4 KiB system, in any page size the system has. */
#define LEN	(8 * 4096)
#define KEEP	4096

static char	 data[LEN];

/* Map the whole file, shrink it to KEEP bytes, read every byte. */
static void *
shrink(void *arg)
{
	struct window	 w;
	char		 err[TALLY_ERR_MAX];
	int		 fd = th_file(data, LEN);
	size_t		 i, zeros = 0, same = 0;

	(void)arg;
	CHECK(window_map(&w, fd, 0, LEN, 0, err, sizeof(err)) == 0);
	CHECK(w.n == LEN && memcmp(w.p, data, 64) == 0);
	CHECK(ftruncate(fd, KEEP) == 0);
	for (i = 0; i < LEN; i++) {
		if (w.p[i] == 0)
			zeros++;
		else if (w.p[i] == data[i])
			same++;
	}
	CHECK(same == KEEP);
	CHECK(zeros == LEN - KEEP);
	CHECK(w.lost);
	CHECK(window_unmap(&w, err, sizeof(err)) == -1);
	CHECK_HAS(err, "shrank");
	close(fd);
	return NULL;
}

int
main(void)
{
	struct window	 w;
	char		 err[TALLY_ERR_MAX];
	pthread_t	 t;
	size_t		 i;
	int		 fd;

	for (i = 0; i < LEN; i++)
		data[i] = (char)('a' + i % 26);
	shrink(NULL);
	CHECK(pthread_create(&t, NULL, shrink, NULL) == 0);
	CHECK(pthread_join(t, NULL) == 0);

	/* A window in the middle of a file that stays whole. */
	fd = th_file(data, LEN);
	CHECK(window_map(&w, fd, 5000, 100, 64, err, sizeof(err)) == 0);
	CHECK(w.n == 100 && memcmp(w.p, data + 5000, 164) == 0);
	CHECK(window_unmap(&w, err, sizeof(err)) == 0);
	close(fd);
	return 0;
}
