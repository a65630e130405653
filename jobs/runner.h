/*
 * The job runner: the body of `tally job ID`, one process per job, started
 * detached by the scheduler.  It opens its own store handle, streams the
 * job's input through the engine, records progress a few times a second,
 * writes result.csv and result.json atomically, records the final state,
 * and starts the next queued job.
 */
#ifndef TALLY_RUNNER_H
#define TALLY_RUNNER_H

struct sched_conf;

/*
 * Run job id, which the scheduler has marked running.  SIGTERM or SIGINT
 * cancel it within a block.  Returns 0 if the job was done, failed or
 * cancelled and recorded as such, or -1 if even that could not be recorded
 * (the message is on stderr); recovery then marks it interrupted.
 */
int		 runner_main(const struct sched_conf *c, const char *id);

#endif /* TALLY_RUNNER_H */
