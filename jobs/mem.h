/*
 * A memory budget for one run: the group tables (and anything else that
 * grows with the input, such as distinct-count sets) charge the bytes they
 * are about to allocate, and release them when they free.  The first
 * charge past the budget is refused, so a run stops with a sentence
 * instead of being killed by the kernel.  The budget is shared by every
 * thread of a run; charging is one atomic add.  This file allocates
 * nothing and knows nothing of what is charged.
 */
#ifndef TALLY_MEM_H
#define TALLY_MEM_H

#include <stddef.h>

struct mem {
	size_t		 max;	/* the budget in bytes; 0: unlimited */
	size_t		 used;	/* charged and not released (atomic) */
	size_t		 peak;	/* the most used at once (atomic) */
};

/* Start a budget of max bytes (0: no limit) with nothing charged. */
void	 mem_init(struct mem *m, size_t max);

/*
 * Charge n bytes that the caller is about to allocate.  Returns 0, or -1
 * if they would take the budget past max; then nothing is charged and the
 * caller must not allocate.  m may be NULL (no budget: always 0).  Safe to
 * call from several threads at once.
 */
int	 mem_charge(struct mem *m, size_t n);

/*
 * Give back n bytes charged earlier (after freeing them, or when an
 * allocation that was charged for failed).  m may be NULL.
 */
void	 mem_release(struct mem *m, size_t n);

/* Bytes charged now, and the most charged at once so far. */
size_t	 mem_used(const struct mem *m);
size_t	 mem_peak(const struct mem *m);

#endif /* TALLY_MEM_H */
