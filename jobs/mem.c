/*
 * The per-run memory budget (see mem.h).  Charges are counted with atomic
 * adds, so threads that share one budget need no lock; a charge that would
 * pass the budget is taken back at once, so two threads racing at the edge
 * may both be refused, but never both admitted past it.
 */
#include "config.h"

#include "mem.h"

void
mem_init(struct mem *m, size_t max)
{
	m->max = max;
	m->used = 0;
	m->peak = 0;
}

int
mem_charge(struct mem *m, size_t n)
{
	size_t	 now, peak;

	if (m == NULL)
		return 0;
	now = __atomic_add_fetch(&m->used, n, __ATOMIC_RELAXED);
	if (now < n || (m->max != 0 && now > m->max)) {
		__atomic_sub_fetch(&m->used, n, __ATOMIC_RELAXED);
		return -1;
	}
	peak = __atomic_load_n(&m->peak, __ATOMIC_RELAXED);
	while (now > peak && !__atomic_compare_exchange_n(&m->peak, &peak,
	    now, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		continue;
	return 0;
}

void
mem_release(struct mem *m, size_t n)
{
	if (m != NULL)
		__atomic_sub_fetch(&m->used, n, __ATOMIC_RELAXED);
}

size_t
mem_used(const struct mem *m)
{
	return m == NULL ? 0 : __atomic_load_n(&m->used, __ATOMIC_RELAXED);
}

size_t
mem_peak(const struct mem *m)
{
	return m == NULL ? 0 : __atomic_load_n(&m->peak, __ATOMIC_RELAXED);
}
