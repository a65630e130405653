/*
 * A column's memo (see memo.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "freq.h"
#include "hash.h"
#include "memo.h"

#define W(n)	((n) >= 8 ? ~(uint64_t)0 : (n) <= 0 ? 0 : \
		    ((uint64_t)1 << (8 * (n))) - 1)
#define M(n)	{ W(n), W((n) - 8) }

const uint64_t memo_mask[MEMO_BYTES + 1][2] = {
	M(0), M(1), M(2), M(3), M(4), M(5), M(6), M(7), M(8),
	M(9), M(10), M(11), M(12), M(13), M(14), M(15)
};

struct memo *
memo_new(void)
{
	struct memo	*m;

	if (posix_memalign((void **)&m, 64, sizeof(*m)) != 0)
		return NULL;
	memset(m, 0, sizeof(*m));
	return m;
}

void
memo_free(struct memo *m)
{
	free(m);
}

void
memo_put(struct memo *m, const char *s, size_t len)
{
	struct memo_ent	*e;
	uint64_t	 w0, w1;
	size_t		 k;

	memo_key(s, len, &w0, &w1);
	e = memo_set(m, w0, w1);
	for (k = 0; k < MEMO_WAYS; k++, e++)
		if (e->w[1] == 0) {
			e->w[0] = w0;
			e->w[1] = w1;
			e->count = 0;
			return;
		}
}

void
memo_flush(struct memo *m, const struct freq_probe *p)
{
	struct memo_ent	*e = &m->set[0][0];
	char		 b[16];
	size_t		 i, len;

	for (i = 0; i < MEMO_SETS * MEMO_WAYS; i++, e++) {
		if (e->count == 0)
			continue;
		len = (size_t)(e->w[1] >> 56);
		memcpy(b, e->w, sizeof(b));
		/*
		 * The table has it: the memo took it from there, and an
		 * exact table loses no value (memo.h).  Were that ever
		 * untrue, the counts would be short with no word said: a
		 * crash is the lesser harm.
		 */
		if (!freq_probe_add(p, hash_bytes(b, len),
		    (int64_t)e->count))
			abort();
		e->count = 0;
	}
}
