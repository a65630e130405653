/*
 * A window: a bounded range of a regular file mapped read-only into
 * memory, so that a parser reads the page cache where it lies instead of
 * a copy of it.  One thread maps one window at a time, scans it and
 * unmaps it, so the memory the input occupies stays one window a thread
 * (a mapped page counts in the resident set only while it is mapped).
 *
 * A file that shrinks while it is mapped turns a read of a page past its
 * new end into SIGBUS.  While a thread holds a window, a SIGBUS handler
 * of this file's own puts zero pages where the lost pages were and marks
 * the window lost; window_unmap() then fails with a read error, and the
 * caller discards whatever it made of the zeros.  A SIGBUS that is not a
 * read of the faulting thread's own window goes to the disposition that
 * was there before.  This file does not know about CSV or sources.
 */
#ifndef TALLY_WINDOW_H
#define TALLY_WINDOW_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

struct window {
	char			*map;		/* the mapping, page aligned */
	size_t			 maplen;
	const char		*p;		/* the bytes asked for */
	size_t			 n;
	volatile sig_atomic_t	 lost;		/* a page read as zeros */
};

/*
 * Map n bytes of fd at file offset off, with pad more bytes readable after
 * them (bytes of the file, or zeros past its end within its last page: the
 * caller makes sure the range does not reach past that page).  Sets w->p
 * and w->n and makes w the calling thread's window until window_unmap().
 * Returns 0, or -1 with err set (w is then not mapped).
 */
int		 window_map(struct window *w, int fd, off_t off, size_t n,
		    size_t pad, char *err, size_t errsz);

/*
 * Unmap w and release the thread's guard.  Returns 0, or -1 with err set
 * if part of the window could not be read because the file shrank while
 * it was mapped: whatever was made of those bytes is wrong.  A window
 * never mapped (w->map NULL) is fine.
 */
int		 window_unmap(struct window *w, char *err, size_t errsz);

#endif /* TALLY_WINDOW_H */
