/*
 * The terminal progress bar of `tally agg`.  It owns only its line on
 * stderr; the engine calls bar_update() through its progress hook.
 */
#include "config.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "bar.h"

void
bar_init(struct bar *b, uint64_t total, uint64_t min_bytes)
{
	b->total = total;
	b->on = isatty(STDERR_FILENO) && total > min_bytes;
	b->start = b->last = clock_mono();
}

int
bar_update(void *arg, uint64_t bytes, uint64_t rows, uint64_t filtered)
{
	struct bar	*b = arg;
	double		 t = clock_mono(), el, rate, pct;
	char		 line[128];
	int		 i, fill;

	(void)filtered;		/* the bar counts rows read */
	if (!b->on || t - b->last < 0.1)
		return 0;
	b->last = t;
	el = t - b->start;
	rate = el > 0 ? (double)bytes / 1e6 / el : 0;
	pct = b->total ? 100.0 * (double)bytes / (double)b->total : 0;
	fill = (int)(pct / 5);
	for (i = 0; i < 20; i++)
		line[i] = i < fill ? '#' : '.';
	line[20] = '\0';
	fprintf(stderr, "\r[%s] %5.1f%% %8.1f MB/s %12llu rows  ETA %4.0fs ",
	    line, pct, rate, (unsigned long long)rows,
	    rate > 0 && b->total > bytes ?
	    (double)(b->total - bytes) / 1e6 / rate : 0.0);
	return 0;
}

void
bar_done(struct bar *b)
{
	if (b->on && b->last > b->start)
		fprintf(stderr, "\r%78s\r", "");
}
