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
	M(9), M(10), M(11), M(12), M(13), M(14), M(15), M(16)
};

struct memo *
memo_new(void)
{
	struct memo	*m;
	size_t		 i, k;

	if (posix_memalign((void **)&m, 64, sizeof(*m)) != 0)
		return NULL;
	memset(m, 0, sizeof(*m));
	for (i = 0; i < MEMO_SETS; i++)
		for (k = 0; k < MEMO_WAYS; k++)
			m->set[i][k].len = MEMO_BYTES + 1;
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

	memcpy(&w0, s, 8);
	memcpy(&w1, s + 8, 8);
	w0 &= memo_mask[len][0];
	w1 &= memo_mask[len][1];
	e = m->set[memo_set(w0, w1)];
	for (k = 0; k < MEMO_WAYS; k++, e++)
		if (e->len == MEMO_BYTES + 1) {
			e->w[0] = w0;
			e->w[1] = w1;
			e->len = (uint32_t)len;
			e->count = 0;
			return;
		}
}

void
memo_flush(struct memo *m, const struct freq_probe *p)
{
	struct memo_ent	*e;
	char		 b[16];
	size_t		 i;

	for (i = 0; i < m->ndirty; i++) {
		e = &m->set[0][0] + m->dirty[i];
		memcpy(b, e->w, sizeof(b));
		/* The table has it: the memo took it from there. */
		(void)freq_probe_add(p, hash_bytes(b, e->len),
		    (int64_t)e->count);
		e->count = 0;
	}
	m->ndirty = 0;
}
