/*
 * The decoding thread.  It reads TALLY_BLOCK_SIZE bytes at a time,
 * converts them and writes them whole into the pipe; the pipe's buffer is
 * the only queue, so memory stays at two blocks whatever the input.  If the
 * reader stops early it closes its end: the thread's next write fails with
 * EPIPE (SIGPIPE is blocked in the thread) and it ends quietly.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "limits.h"

struct decode {
	int			 fd;
	off_t			 off, len;
	int			 seekable;
	char			*pre;
	size_t			 prelen;
	struct transcode	*t;
	int			 p[2];
	pthread_t		 tid;
	uint64_t		 bytes;		/* atomic */
	int			 failed;
	char			 err[TALLY_ERR_MAX];
};

uint64_t
decode_bytes(struct decode *d)
{
	return __atomic_load_n(&d->bytes, __ATOMIC_RELAXED);
}

/* Write all n bytes, or return -1 (the reader has gone, or an error). */
static int
put_all(int fd, const char *b, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(fd, b, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Convert in (n bytes) and send it; -1 if the reader has gone. */
static int
send_block(struct decode *d, char *out, const char *in, size_t n)
{
	size_t	 m = transcode_block(d->t, in, n, out);

	__atomic_add_fetch(&d->bytes, n, __ATOMIC_RELAXED);
	return put_all(d->p[1], out, m);
}

static void *
decode_main(void *arg)
{
	struct decode	*d = arg;
	sigset_t	 set;
	char		*in = NULL, *out = NULL;
	uint64_t	 pos = d->prelen;
	ssize_t		 got;
	size_t		 want, m;

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if ((in = malloc(TALLY_BLOCK_SIZE)) == NULL ||
	    (out = malloc(TRANSCODE_OUT_MAX(TALLY_BLOCK_SIZE))) == NULL) {
		d->failed = 1;
		snprintf(d->err, sizeof(d->err), "out of memory");
		goto out;
	}
	if (d->prelen > 0 && send_block(d, out, d->pre, d->prelen) == -1)
		goto out;
	for (;;) {
		want = TALLY_BLOCK_SIZE;
		if (d->len >= 0) {
			if (pos >= (uint64_t)d->len)
				break;
			if ((uint64_t)d->len - pos < want)
				want = (size_t)((uint64_t)d->len - pos);
		}
		got = d->seekable ? pread(d->fd, in, want, d->off +
		    (off_t)pos) : read(d->fd, in, want);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			d->failed = 1;
			snprintf(d->err, sizeof(d->err), "read: %s",
			    strerror(errno));
			goto out;
		}
		if (got == 0)
			break;
		pos += (uint64_t)got;
		if (send_block(d, out, in, (size_t)got) == -1)
			goto out;
	}
	m = transcode_end(d->t, out);
	(void)put_all(d->p[1], out, m);
out:
	close(d->p[1]);
	d->p[1] = -1;
	free(in);
	free(out);
	return NULL;
}

struct decode *
decode_start(int fd, off_t off, off_t len, enum transcode_enc enc,
    const char *pre, size_t prelen, int *rfd, char *err, size_t errsz)
{
	struct decode	*d;

	if ((d = calloc(1, sizeof(*d))) == NULL) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	d->p[0] = d->p[1] = -1;
	d->fd = fd;
	d->off = off;
	d->len = len;
	d->seekable = lseek(fd, 0, SEEK_CUR) != (off_t)-1;
	if ((d->t = transcode_new(enc)) == NULL ||
	    (prelen > 0 && (d->pre = malloc(prelen)) == NULL)) {
		snprintf(err, errsz, "out of memory");
		goto fail;
	}
	if (prelen > 0)
		memcpy(d->pre, pre, prelen);
	d->prelen = prelen;
	if (pipe2(d->p, O_CLOEXEC) == -1) {
		snprintf(err, errsz, "pipe: %s", strerror(errno));
		goto fail;
	}
	if (pthread_create(&d->tid, NULL, decode_main, d) != 0) {
		snprintf(err, errsz, "cannot start the decoding thread");
		goto fail;
	}
	*rfd = d->p[0];
	return d;
fail:
	if (d->p[0] != -1)
		close(d->p[0]);
	if (d->p[1] != -1)
		close(d->p[1]);
	transcode_free(d->t);
	free(d->pre);
	free(d);
	return NULL;
}

int
decode_finish(struct decode *d, char *err, size_t errsz)
{
	int	 rc = 0;

	if (d == NULL)
		return 0;
	/* The thread's next write, if any, fails: it ends. */
	close(d->p[0]);
	pthread_join(d->tid, NULL);
	if (d->failed) {
		snprintf(err, errsz, "%s", d->err);
		rc = -1;
	}
	transcode_free(d->t);
	free(d->pre);
	free(d);
	return rc;
}
