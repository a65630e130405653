/*
 * The shared group table of a threaded run (see part.h): PART_SHARDS
 * group tables behind a lock each, and per thread a batch of rows per
 * shard.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "part.h"
#include "hash.h"
#include "mem.h"

struct shard {
	pthread_mutex_t	 mu;
	struct agg	*agg;		/* NULL once collected */
};

struct part {
	size_t		 nvals;
	size_t		 max_groups;
	size_t		 groups;	/* in all shards; atomic */
	struct shard	 sh[PART_SHARDS];
	int		 inited;	/* shards with a mutex */
};

/*
 * A thread's rows waiting for each shard, PART_BATCH bytes a shard, kept
 * small so that they stay in the core's cache while the table's misses
 * stream through it.  A row is its values (nvals struct dec), its hash,
 * its key's length, which values are present, and the key, rounded up to
 * 16 bytes.
 */
struct part_batch {
	struct part	*p;
	size_t		 used[PART_SHARDS];	/* bytes waiting per shard */
	char		*buf;		/* PART_SHARDS * PART_BATCH bytes */
};

#define ROW_VALS(r)		((struct dec *)(void *)(r))
#define ROW_H(p, r)		((r) + (p)->nvals * sizeof(struct dec))
#define ROW_KEYLEN(p, r)	(ROW_H(p, r) + 8)
#define ROW_PRESENT(p, r)	(ROW_H(p, r) + 12)
#define ROW_KEY(p, r)		(ROW_PRESENT(p, r) + (p)->nvals)

/* The bytes of a row with a key of keylen bytes. */
static inline size_t
row_size(const struct part *p, size_t keylen)
{
	return (p->nvals * sizeof(struct dec) + 12 + p->nvals + keylen +
	    15) & ~(size_t)15;
}

/* Rows prefetched ahead: their slots, then (half as far) their records. */
#define AHEAD_SLOT	32
#define AHEAD_GROUP	16

/*
 * The shard of a hash: bits the shards' slot indices (the low bits, while
 * a shard has fewer than 2^26 slots) and tags (the top half) do not use.
 */
static inline size_t
shard_of(uint64_t h)
{
	return (size_t)(h >> 26) & (PART_SHARDS - 1);
}

struct part *
part_new(size_t nvals, const unsigned *needs, size_t max_groups,
    struct mem *mem)
{
	struct part	*p;
	size_t		 i;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->nvals = nvals;
	p->max_groups = max_groups;
	for (i = 0; i < PART_SHARDS; i++) {
		if (pthread_mutex_init(&p->sh[i].mu, NULL) != 0)
			goto fail;
		p->inited++;
		if ((p->sh[i].agg = agg_new(nvals, max_groups, mem)) == NULL ||
		    agg_set_needs(p->sh[i].agg, needs, 1) == -1)
			goto fail;
	}
	return p;
fail:
	part_free(p);
	return NULL;
}

void
part_free(struct part *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < PART_SHARDS; i++) {
		agg_free(p->sh[i].agg);
		if ((int)i < p->inited)
			pthread_mutex_destroy(&p->sh[i].mu);
	}
	free(p);
}

struct part_batch *
part_batch_new(struct part *p)
{
	struct part_batch	*b;

	/* A row must fit in a batch: the largest key with every value. */
	if (row_size(p, PART_KEY) > PART_BATCH ||
	    (b = calloc(1, sizeof(*b))) == NULL)
		return NULL;
	b->p = p;
	if ((b->buf = malloc(PART_SHARDS * PART_BATCH)) == NULL) {
		free(b);
		return NULL;
	}
	return b;
}

void
part_batch_free(struct part_batch *b)
{
	if (b == NULL)
		return;
	free(b->buf);
	free(b);
}

/*
 * Count the groups shard s gained (it had before), and fail if the shards
 * now hold more than max_groups together.
 */
static enum agg_add
count_new(struct part *p, size_t s, size_t before)
{
	size_t	 now = agg_count(p->sh[s].agg), all;

	if (now == before)
		return AGG_ADD_OK;
	all = __atomic_add_fetch(&p->groups, now - before, __ATOMIC_RELAXED);
	return all > p->max_groups ? AGG_ADD_FULL : AGG_ADD_OK;
}

static inline uint64_t
row_hash(const struct part *p, const char *r)
{
	uint64_t	 h;

	memcpy(&h, ROW_H(p, r), sizeof(h));
	return h;
}

/*
 * Add shard s's batch under its lock (taken here unless held), prefetching
 * ahead.
 */
static enum agg_add
apply(struct part_batch *b, size_t s, int held, size_t *bad)
{
	struct part	*p = b->p;
	struct agg	*a = p->sh[s].agg;
	char		*base = b->buf + s * PART_BATCH, *r;
	/* Each row is at least 16 bytes. */
	uint16_t	 at[PART_BATCH / 16];
	size_t		 n = 0, used = b->used[s], off, i, before;
	uint32_t	 klen;
	enum agg_add	 rc = AGG_ADD_OK;

	for (off = 0; off < used; off += row_size(p, klen)) {
		at[n++] = (uint16_t)off;
		memcpy(&klen, ROW_KEYLEN(p, base + off), sizeof(klen));
	}
	b->used[s] = 0;
	if (!held)
		pthread_mutex_lock(&p->sh[s].mu);
	before = agg_count(a);
	for (i = 0; i < n && i < AHEAD_SLOT; i++)
		agg_prefetch(a, row_hash(p, base + at[i]));
	for (i = 0; i < n; i++) {
		if (i + AHEAD_SLOT < n)
			agg_prefetch(a, row_hash(p, base + at[i + AHEAD_SLOT]));
		if (i + AHEAD_GROUP < n)
			agg_prefetch_group(a, row_hash(p, base +
			    at[i + AHEAD_GROUP]));
		r = base + at[i];
		memcpy(&klen, ROW_KEYLEN(p, r), sizeof(klen));
		rc = agg_add_hashed(a, ROW_KEY(p, r), klen, row_hash(p, r),
		    ROW_VALS(r), (const unsigned char *)ROW_PRESENT(p, r),
		    NULL, NULL, bad);
		if (rc != AGG_ADD_OK)
			break;
	}
	if (rc == AGG_ADD_OK)
		rc = count_new(p, s, before);
	pthread_mutex_unlock(&p->sh[s].mu);
	return rc;
}

enum agg_add
part_add(struct part_batch *b, const char *key, size_t keylen, uint64_t h,
    const struct dec *vals, const unsigned char *present,
    const char *const *texts, const size_t *tlens, size_t *bad)
{
	struct part	*p = b->p;
	size_t		 s = shard_of(h), before, sz;
	uint32_t	 klen = (uint32_t)keylen;
	enum agg_add	 rc;
	char		*r;

	if (keylen > PART_KEY || texts != NULL) {
		pthread_mutex_lock(&p->sh[s].mu);
		before = agg_count(p->sh[s].agg);
		rc = agg_add_hashed(p->sh[s].agg, key, keylen, h, vals,
		    present, texts, tlens, bad);
		if (rc == AGG_ADD_OK)
			rc = count_new(p, s, before);
		pthread_mutex_unlock(&p->sh[s].mu);
		return rc;
	}
	/*
	 * Past half full, a batch goes in if its shard is free; only a full
	 * one waits for the lock (sleeping on a shard's lock was most of
	 * what took a thread off its core).
	 */
	sz = row_size(p, keylen);
	if (b->used[s] + sz > PART_BATCH / 2) {
		if (pthread_mutex_trylock(&p->sh[s].mu) == 0)
			rc = apply(b, s, 1, bad);
		else if (b->used[s] + sz > PART_BATCH)
			rc = apply(b, s, 0, bad);
		else
			rc = AGG_ADD_OK;
		if (rc != AGG_ADD_OK)
			return rc;
	}
	r = b->buf + s * PART_BATCH + b->used[s];
	/* One value, the common case, is copied without a call. */
	if (p->nvals == 1) {
		memcpy(ROW_VALS(r), vals, sizeof(*vals));
		*ROW_PRESENT(p, r) = (char)present[0];
	} else {
		memcpy(ROW_VALS(r), vals, p->nvals * sizeof(*vals));
		memcpy(ROW_PRESENT(p, r), present, p->nvals);
	}
	memcpy(ROW_H(p, r), &h, sizeof(h));
	memcpy(ROW_KEYLEN(p, r), &klen, sizeof(klen));
	hash_copy(ROW_KEY(p, r), key, keylen);
	b->used[s] += sz;
	return AGG_ADD_OK;
}

enum agg_add
part_flush(struct part_batch *b, size_t *bad)
{
	enum agg_add	 rc;
	size_t		 s;

	for (s = 0; s < PART_SHARDS; s++)
		if (b->used[s] > 0 && (rc = apply(b, s, 0, bad)) != AGG_ADD_OK)
			return rc;
	return AGG_ADD_OK;
}

enum agg_add
part_absorb(struct part *p, const struct agg *src, size_t *bad)
{
	const char	*key;
	unsigned char	*shard;
	enum agg_add	 rc = AGG_ADD_OK;
	size_t		 i, s, n = agg_count(src), len, before;

	/* Each shard's groups go in under one lock, in one go. */
	if ((shard = malloc(n ? n : 1)) == NULL)
		return AGG_ADD_NOMEM;
	for (i = 0; i < n; i++) {
		key = agg_key(src, i, &len);
		shard[i] = (unsigned char)shard_of(agg_hash(key, len));
	}
	for (s = 0; s < PART_SHARDS && rc == AGG_ADD_OK; s++) {
		pthread_mutex_lock(&p->sh[s].mu);
		before = agg_count(p->sh[s].agg);
		for (i = 0; i < n && rc == AGG_ADD_OK; i++)
			if (shard[i] == s) {
				key = agg_key(src, i, &len);
				rc = agg_fold(p->sh[s].agg, key, len, src, i,
				    bad);
			}
		if (rc == AGG_ADD_OK)
			rc = count_new(p, s, before);
		pthread_mutex_unlock(&p->sh[s].mu);
	}
	free(shard);
	return rc;
}

enum agg_add
part_collect(struct part *p, struct agg *dst)
{
	struct agg	*src[PART_SHARDS];
	enum agg_add	 rc;
	size_t		 s;

	for (s = 0; s < PART_SHARDS; s++)
		if ((src[s] = p->sh[s].agg) == NULL)
			return AGG_ADD_NOMEM;
	if ((rc = agg_gather(dst, src, PART_SHARDS)) != AGG_ADD_OK)
		return rc;
	for (s = 0; s < PART_SHARDS; s++) {
		agg_free(p->sh[s].agg);
		p->sh[s].agg = NULL;
	}
	return AGG_ADD_OK;
}
