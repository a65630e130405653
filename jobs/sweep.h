/*
 * Sweeping what nobody will ask for again: partial uploads that a dead
 * nginx left in its body temp folder, job folders that have no record
 * (a daemon killed between making a folder and recording its job), and
 * finished jobs past their retention.  The daemon sweeps at start-up and
 * on its tick.  Nothing here touches a running or queued job.
 */
#ifndef TALLY_SWEEP_H
#define TALLY_SWEEP_H

#include <stddef.h>

struct store;

/*
 * Remove the regular files directly in dir (nginx's client body temp
 * folder) last modified more than grace seconds ago: an upload still in
 * flight is written to all the time, so grace only has to outlast a
 * stalled client.  Returns how many were removed.
 */
int		 sweep_uploads(const char *dir, double grace);

/*
 * Remove the folders under root named like a job id that have no record
 * in the store and were last modified more than grace seconds ago (a
 * folder is made just before its job is recorded); in the folders of
 * finished jobs, remove a lock file or temporary files left by a runner
 * killed after it recorded its end.  Returns how many were
 * removed, or -1 with err set.
 */
int		 sweep_orphans(struct store *s, const char *root, double grace,
		    char *err, size_t errsz);

/*
 * Remove every job that ended more than keep seconds ago: its record
 * first, then its folder (which sweep_orphans() would find otherwise).
 * Returns how many were removed, or -1 with err set.
 */
int		 sweep_expired(struct store *s, const char *root, double keep,
		    char *err, size_t errsz);

/*
 * Ids grew a node prefix (job.h): rename every folder under root named
 * like an old 32-digit id to its new name for this node, then the records
 * (store_adopt_ids()).  Folders go first, so a crash in between is
 * finished by the next call.  Run at start-up, before anything uses the
 * ids.  Returns how many jobs were renamed, or -1 with err set.
 */
int		 sweep_adopt(struct store *s, const char *root, unsigned node,
		    char *err, size_t errsz);

#endif /* TALLY_SWEEP_H */
