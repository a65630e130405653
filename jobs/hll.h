/*
 * Approximate distinct counts: a HyperLogLog sketch of 64-bit hashes with
 * 2^14 one-byte registers (16 KiB) and Ertl's improved estimator, whose
 * standard error is 1.04 / sqrt(2^14) = 0.81% over the whole range.  A small
 * sketch is sparse: it keeps the distinct hashes themselves, so it costs a
 * few bytes per value and counts exactly (up to 64-bit hash collisions),
 * and becomes dense once it holds more than HLL_SPARSE_MAX hashes, the point
 * where the hashes would outweigh the registers.  Whether a sketch is dense
 * depends only on the set of hashes it has seen, and both forms merge by set
 * union or register maximum, so the estimate does not depend on the order
 * of additions or merges.  This file knows nothing of values: callers hash.
 */
#ifndef TALLY_HLL_H
#define TALLY_HLL_H

#include <stddef.h>
#include <stdint.h>

#define HLL_P		14
#define HLL_M		(1u << HLL_P)
#define HLL_SPARSE_MAX	2048

struct hll;
struct slab;

/*
 * Add hash h to *hp, creating the sketch if *hp is NULL; its memory comes
 * from slab sl (NULL: malloc), and the sketch may move.  *bytes grows by
 * the memory the sketch took on.  Returns 0, or -1 if memory is short (the
 * sketch is then as before).  A sketch of up to 4 hashes is 40 bytes, of
 * up to 8 72, then at most 16 bytes a hash plus 8 until dense.
 */
int		 hll_add(struct hll **hp, uint64_t h, struct slab *sl,
		    size_t *bytes);

/*
 * Fold src into *dstp (created if NULL, from sl), as if it had seen src's
 * hashes.  *bytes grows as for hll_add().  Returns 0 or -1 if memory is
 * short.
 */
int		 hll_merge(struct hll **dstp, const struct hll *src,
		    struct slab *sl, size_t *bytes);

/* The estimated number of distinct hashes; 0 for NULL. */
uint64_t	 hll_estimate(const struct hll *h);

/* Whether the sketch holds registers rather than hashes. */
int		 hll_dense(const struct hll *h);

/*
 * The registers of a dense sketch, for hll_reg_add(), or NULL if h is not
 * dense (or NULL).  A dense sketch does not move: they live as long as it.
 */
uint8_t		*hll_registers(struct hll *h);

/* Hash h's register (into *idx) and rank, as hll_add() takes them. */
static inline uint8_t
hll_rank(uint64_t h, uint32_t *idx)
{
	uint64_t	 rest;

	if (h == 0)
		h = 1;
	*idx = (uint32_t)(h >> (64 - HLL_P));
	/*
	 * Leading zeros of the rest plus one, at most 64 - HLL_P + 1: a bit
	 * just below the rest's caps them without a test.
	 */
	rest = h << HLL_P | (uint64_t)1 << (HLL_P - 1);
	return (uint8_t)(__builtin_clzll(rest) + 1);
}

/*
 * hll_add() of hash h into the registers of a dense sketch, inline, for a
 * caller that keeps them (hll_registers()) and knows no register is below
 * floor (hll_reg_min(); 0 always holds): a hash whose rank is at most
 * floor raises none, and its register is not read.  In a sketch of many
 * values the registers are all high, and nearly every hash is such a one:
 * it then costs no load from 16 KiB of registers, which a caller of many
 * sketches would otherwise miss in cache on most of them.
 */
static inline void
hll_reg_add_over(uint8_t *reg, uint64_t h, uint8_t floor)
{
	uint32_t	 idx;
	uint8_t		 rank = hll_rank(h, &idx);

	if (rank > floor && reg[idx] < rank)
		reg[idx] = rank;
}

/*
 * hll_reg_add() without a branch, for a loop of one sketch's hashes
 * (freq_sketch_skim()): the register is read and written whatever the
 * rank, which costs less than a branch that a random rank mispredicts
 * once the registers are in cache.
 */
static inline void
hll_reg_max(uint8_t *reg, uint64_t h)
{
	uint32_t	 idx;
	uint8_t		 rank, r;

	rank = hll_rank(h, &idx);
	r = reg[idx];
	reg[idx] = r > rank ? r : rank;
}

/* hll_reg_add_over() with no floor: every hash. */
static inline void
hll_reg_add(uint8_t *reg, uint64_t h)
{
	hll_reg_add_over(reg, h, 0);
}

/*
 * The smallest of the registers of a dense sketch (hll_registers()): it
 * stays a floor of them for good, as registers only grow.
 */
uint8_t		 hll_reg_min(const uint8_t *reg);

/* Bytes the sketch occupies.  NULL is 0. */
size_t		 hll_bytes(const struct hll *h);

/* Free the sketch into sl, the slab it came from.  NULL is fine. */
void		 hll_free(struct hll *h, struct slab *sl);

#endif /* TALLY_HLL_H */
