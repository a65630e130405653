/*
 * Mapped windows of a file and their SIGBUS guard (see window.h).
 *
 * The guard breaks the house rule that a signal handler only sets a flag,
 * because SIGBUS from a read of a mapping cannot be deferred: returning
 * from the handler retries the read, which faults again.  So the handler
 * also maps anonymous zero pages over the rest of the window (MAP_FIXED:
 * the same addresses, still readable) before it sets the window's flag,
 * and the read goes on with zeros.  mmap(2) is a plain system call on
 * Linux, safe to make there though POSIX does not list it.  Nothing is
 * unwound: the parser finishes its window on zeros, and window_unmap()
 * reports the loss, so no lock, allocation or table is left half done.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "window.h"

/* The calling thread's window while it is mapped, for the handler. */
static __thread struct window	*held;

static pthread_once_t		 guard_once = PTHREAD_ONCE_INIT;
static struct sigaction		 prior;
static int			 guarded;
static size_t			 page;

static void
on_bus(int sig, siginfo_t *si, void *uc)
{
	struct window	*w = held;
	char		*a = si->si_addr, *pg;
	int		 saved = errno;

	if (w != NULL && w->map != NULL && a >= w->map &&
	    a < w->map + w->maplen) {
		pg = w->map + ((size_t)(a - w->map) & ~(page - 1));
		if (mmap(pg, (size_t)(w->map + w->maplen - pg), PROT_READ,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
		    MAP_FAILED) {
			w->lost = 1;
			errno = saved;
			return;
		}
	}
	/* Not a window's page: what would have happened without us. */
	if (prior.sa_flags & SA_SIGINFO)
		prior.sa_sigaction(sig, si, uc);
	else if (prior.sa_handler != SIG_DFL && prior.sa_handler != SIG_IGN)
		prior.sa_handler(sig);
	else {
		/* Returning retries the read, which now kills the process. */
		signal(SIGBUS, SIG_DFL);
	}
	errno = saved;
}

static void
guard_init(void)
{
	struct sigaction	 sa;
	long			 ps = sysconf(_SC_PAGESIZE);

	page = ps > 0 ? (size_t)ps : 4096;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_bus;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, &prior) == 0)
		guarded = 1;
}

int
window_map(struct window *w, int fd, off_t off, size_t n, size_t pad,
    char *err, size_t errsz)
{
	off_t	 base;
	void	*m;

	memset(w, 0, sizeof(*w));
	(void)pthread_once(&guard_once, guard_init);
	if (!guarded) {
		snprintf(err, errsz, "read: cannot guard a mapping: %s",
		    strerror(errno));
		return -1;
	}
	base = off & ~(off_t)(page - 1);
	w->maplen = (size_t)(off - base) + n + pad;
	m = mmap(NULL, w->maplen, PROT_READ, MAP_SHARED | MAP_POPULATE, fd,
	    base);
	if (m == MAP_FAILED) {
		snprintf(err, errsz, "read: mmap: %s", strerror(errno));
		w->maplen = 0;
		return -1;
	}
	w->map = m;
	(void)madvise(m, w->maplen, MADV_SEQUENTIAL);
	w->p = w->map + (off - base);
	w->n = n;
	held = w;
	return 0;
}

int
window_unmap(struct window *w, char *err, size_t errsz)
{
	int	 rc = 0;

	if (w->map == NULL)
		return 0;
	held = NULL;
	if (w->lost) {
		snprintf(err, errsz, "read: the file shrank while it was "
		    "read (a page of it was gone)");
		rc = -1;
	}
	(void)munmap(w->map, w->maplen);
	w->map = NULL;
	w->maplen = 0;
	return rc;
}
