/*
 * A worker's kept connections (fcgi/conn.c), spoken to in FastCGI records
 * by hand, with one worker process:
 * - a connection whose requests ask FCGI_KEEP_CONN serves one request
 *   after another and stays open; one that does not is closed after its
 *   answer;
 * - idle connections the worker holds (as nginx's keepalive pool leaves
 *   them) never keep it from a new connection's request, nor from a
 *   request on any of them: libfcgi's own accept loop would block on the
 *   first idle one forever.
 * Each wait is bounded (10 s) only so that a broken worker fails the test
 * instead of hanging it.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <fcgiapp.h>

#include "conn.h"
#include "harness.h"

#define BOUND_MS	10000

static char	 sockpath[108], dir[] = "/tmp/test-conn-keep.XXXXXX";

/* On every exit, a failed check's too. */
static void
cleanup(void)
{
	unlink(sockpath);
	rmdir(dir);
}

/* The worker: answer "n=N x=X", N its request count, X the param X. */
static void
worker(int sock)
{
	struct conn_set	*cs;
	FCGX_Request	*req;
	const char	*x;
	int		 n = 0, rc;

	/* Never outlives the test, even one that fails half-way. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() == 1 ||
	    (cs = conn_new(sock)) == NULL)
		_exit(TH_ERROR);
	while ((rc = conn_next(cs, &req)) >= 0) {
		if (rc == 0)
			continue;
		x = FCGX_GetParam("X", req->envp);
		FCGX_FPrintF(req->out, "Status: 200 OK\r\n\r\nn=%d x=%s", ++n,
		    x != NULL ? x : "-");
		conn_done(cs, req);
	}
	_exit(TH_ERROR);
}

static int
dial(void)
{
	struct sockaddr_un	 sa;
	int			 fd;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, sockpath, strlen(sockpath) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1)
		th_fail(__FILE__, __LINE__, "connect");
	return fd;
}

static void
record(unsigned char *b, size_t *n, int type, const void *body, size_t len)
{
	unsigned char	*p = b + *n;

	p[0] = 1;
	p[1] = (unsigned char)type;
	p[2] = 0;
	p[3] = 1;		/* request id 1, as nginx sends */
	p[4] = (unsigned char)(len >> 8);
	p[5] = (unsigned char)len;
	p[6] = p[7] = 0;
	memcpy(p + 8, body, len);
	*n += 8 + len;
}

/* Send one request with param X=x, asking to keep the connection or not. */
static void
ask(int fd, const char *x, int keep)
{
	unsigned char	 b[512], begin[8] = { 0, 1, 0 }, pairs[128];
	size_t		 n = 0, pl;

	begin[2] = keep ? 1 : 0;	/* FCGI_KEEP_CONN */
	record(b, &n, 1, begin, sizeof(begin));	/* FCGI_BEGIN_REQUEST */
	pl = strlen(x);
	pairs[0] = 1;
	pairs[1] = (unsigned char)pl;
	pairs[2] = 'X';
	memcpy(pairs + 3, x, pl);
	record(b, &n, 4, pairs, 3 + pl);	/* FCGI_PARAMS */
	record(b, &n, 4, "", 0);
	record(b, &n, 5, "", 0);		/* FCGI_STDIN, empty */
	if (write(fd, b, n) != (ssize_t)n)
		th_fail(__FILE__, __LINE__, "write");
}

/* Read fd within the bound; 0 at its end. */
static ssize_t
bounded_read(int fd, void *buf, size_t len)
{
	struct pollfd	 p = { fd, POLLIN, 0 };

	if (poll(&p, 1, BOUND_MS) != 1)
		th_fail(__FILE__, __LINE__, "no answer within the bound");
	return read(fd, buf, len);
}

static void
read_full(int fd, unsigned char *buf, size_t len)
{
	ssize_t	 r;
	size_t	 got = 0;

	while (got < len) {
		if ((r = bounded_read(fd, buf + got, len - got)) <= 0)
			th_fail(__FILE__, __LINE__, "the connection ended "
			    "inside a record");
		got += (size_t)r;
	}
}

/* Read one answer up to FCGI_END_REQUEST; its body (after the headers). */
static void
answer(int fd, char *out, size_t outsz)
{
	unsigned char	 h[8], body[65536 + 256];
	char		 all[1024] = "";
	const char	*p;
	size_t		 len, n = 0;

	for (;;) {
		read_full(fd, h, sizeof(h));
		len = ((size_t)h[4] << 8 | h[5]) + h[6];
		read_full(fd, body, len);
		if (h[1] == 3)			/* FCGI_END_REQUEST */
			break;
		if (h[1] == 6 && n + len < sizeof(all)) {	/* STDOUT */
			memcpy(all + n, body, len - h[6]);
			n += len - h[6];
			all[n] = '\0';
		}
	}
	p = strstr(all, "\r\n\r\n");
	snprintf(out, outsz, "%s", p != NULL ? p + 4 : all);
}

static void
closed(int fd)
{
	char	 c;

	CHECK(bounded_read(fd, &c, 1) == 0);
}

int
main(void)
{
	struct sockaddr_un	 sa;
	char			 got[256];
	int			 sock, a, b, c, idle[8], i, status;
	pid_t			 pid;

	signal(SIGPIPE, SIG_IGN);
	if (mkdtemp(dir) == NULL || FCGX_Init() != 0)
		return TH_ERROR;
	snprintf(sockpath, sizeof(sockpath), "%s/s", dir);
	atexit(cleanup);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, sockpath, strlen(sockpath) + 1);
	if ((sock = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(sock, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(sock, 16) == -1 || conn_listen(sock) == -1)
		return TH_ERROR;
	if ((pid = fork()) == -1)
		return TH_ERROR;
	if (pid == 0)
		worker(sock);

	/* Kept: two requests on one connection, which stays open. */
	a = dial();
	ask(a, "one", 1);
	answer(a, got, sizeof(got));
	CHECK_STR(got, "n=1 x=one");
	ask(a, "two", 1);
	answer(a, got, sizeof(got));
	CHECK_STR(got, "n=2 x=two");

	/*
	 * Idle connections held (a, and eight that never send anything),
	 * then a new connection: its request is answered, and so is the
	 * next one on a, whichever the worker had seen first.
	 */
	for (i = 0; i < 8; i++)
		idle[i] = dial();
	b = dial();
	ask(b, "new", 1);
	answer(b, got, sizeof(got));
	CHECK_STR(got, "n=3 x=new");
	ask(a, "three", 1);
	answer(a, got, sizeof(got));
	CHECK_STR(got, "n=4 x=three");

	/* Idle ones that go away are forgotten; the rest still work. */
	for (i = 0; i < 8; i++)
		close(idle[i]);
	ask(b, "again", 1);
	answer(b, got, sizeof(got));
	CHECK_STR(got, "n=5 x=again");

	/* Not kept: answered, then closed by the worker. */
	c = dial();
	ask(c, "once", 0);
	answer(c, got, sizeof(got));
	CHECK_STR(got, "n=6 x=once");
	closed(c);

	close(a);
	close(b);
	close(c);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return 0;
}
