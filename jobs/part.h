/*
 * The shared group table of a threaded run with many groups.  Each thread
 * of a run keeps its own table (agg.c) while it holds few groups, which
 * costs nothing when groups are few and stay in cache.  Past that, every
 * thread would come to hold nearly every group: with a million groups two
 * threads held two million records.  So the rows of a thread whose table
 * is big go here instead: PART_SHARDS tables, a group living in the one
 * its key's hash names, each behind its own lock.  A thread does not take
 * a lock a row: it gathers rows in a batch per shard and adds a full batch
 * under one lock, prefetching each row's slot and record a few rows ahead.
 * Every group is held once.  At the end the threads' own tables are
 * folded into the shards, and the shards' records become the run's result
 * by moving their pages (agg_gather()), not by copying them.
 *
 * Shards are made exact-only (agg_set_needs()): as on any threaded run,
 * a quantile sketch that would compact asks for the run to be redone on
 * one thread.  The order rows reach a group does not change any result.
 * This file knows nothing of CSV or of threads beyond its locks.
 */
#ifndef TALLY_PART_H
#define TALLY_PART_H

#include <stddef.h>
#include <stdint.h>

#include "agg.h"

/*
 * A power of two.  Eight: at a million groups a shard's slot array is 2 MB,
 * one huge page (agg.c), and two threads seldom want one shard at once.
 */
#define PART_SHARDS	8
#define PART_BATCH	16384	/* bytes of rows a thread keeps a shard */
#define PART_KEY	64	/* longer keys, and text rows, go in directly */

struct part;
struct part_batch;
struct mem;

/*
 * A shared table of nvals value columns with needs (QUERY_NEED_* each),
 * at most max_groups groups in all, charging mem (may be NULL).  Returns
 * NULL if memory is short.
 */
struct part	*part_new(size_t nvals, const unsigned *needs,
		    size_t max_groups, struct mem *mem);

/* Free p and every shard still in it.  NULL is fine. */
void		 part_free(struct part *p);

/* One thread's batches into p, or NULL if memory is short. */
struct part_batch *part_batch_new(struct part *p);

/* Free b without adding what it holds.  NULL is fine. */
void		 part_batch_free(struct part_batch *b);

/*
 * Add a row as agg_add() would (key keylen bytes, h its agg_hash()), to
 * the shard of its key, now or when its batch fills.  texts and tlens are
 * for a row whose text cells a column keeps (NULL otherwise); such rows,
 * and keys longer than PART_KEY, are added at once.  Returns AGG_ADD_OK,
 * or why a row (this one or one of its batch) could not be added, with
 * *bad its value column: the run must then stop.  AGG_ADD_FULL says the
 * shards hold more than max_groups groups together.
 */
enum agg_add	 part_add(struct part_batch *b, const char *key,
		    size_t keylen, uint64_t h, const struct dec *vals,
		    const unsigned char *present, const char *const *texts,
		    const size_t *tlens, size_t *bad);

/* Add every row waiting in b.  Returns like part_add(). */
enum agg_add	 part_flush(struct part_batch *b, size_t *bad);

/*
 * Fold every group of a thread's own table src into the shard of its key,
 * so that the shards hold every key once, taking each shard's lock once:
 * other threads may be adding.  src is left as it was.  Returns like
 * agg_fold(), or AGG_ADD_FULL if the shards now hold more than max_groups
 * groups together.
 */
enum agg_add	 part_absorb(struct part *p, const struct agg *src,
		    size_t *bad);

/*
 * Move every shard's groups into dst (empty, with their layout) with
 * agg_gather(), and free the shards: their keys are disjoint, so nothing
 * is looked up.  Call with no thread adding.  Returns like agg_gather().
 */
enum agg_add	 part_collect(struct part *p, struct agg *dst);

#endif /* TALLY_PART_H */
