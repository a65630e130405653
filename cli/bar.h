/*
 * A progress bar for a terminal: percent, MB/s and ETA on one redrawn
 * line of stderr.  It draws nothing unless stderr is a terminal.
 */
#ifndef TALLY_BAR_H
#define TALLY_BAR_H

#include <stdint.h>

struct bar {
	int		 on;		/* drawing at all */
	uint64_t	 total;		/* bytes expected, 0 if unknown */
	double		 start;		/* monotonic seconds */
	double		 last;		/* when last drawn */
};

/*
 * Set up b for an input of total bytes (0 if unknown).  The bar is on only
 * if stderr is a terminal and total is over min_bytes.
 */
void		 bar_init(struct bar *b, uint64_t total, uint64_t min_bytes);

/* Redraw at most ten times a second.  Suits engine_opts.progress. */
int		 bar_update(void *arg, uint64_t bytes, uint64_t rows,
		    uint64_t filtered);

/* Erase the bar's line, if one was drawn. */
void		 bar_done(struct bar *b);

#endif /* TALLY_BAR_H */
