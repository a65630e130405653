/*
 * GET /api/metrics: the service's state and counters in the Prometheus
 * text exposition format (version 0.0.4).  Counters derived from the store
 * (jobs submitted, started, finished, failed by reason, rows, bytes,
 * rejected rows, the job-duration histogram) survive restarts; those kept
 * in the daemon's shared memory (uploads refused, workers restarted) start
 * at zero with the daemon, as Prometheus expects of a process's counters.
 * This file only writes the text; who may read it is api.c's business.
 */
#ifndef TALLY_METRICS_H
#define TALLY_METRICS_H

#include <stdio.h>

struct api_conf;
struct store;

/*
 * Write every metric to f.  Returns 0, or -1 with err set if the store
 * could not be read (nothing useful was written then).
 */
int		 metrics_write(FILE *f, struct store *s,
		    const struct api_conf *c, char *err, size_t errsz);

#endif /* TALLY_METRICS_H */
