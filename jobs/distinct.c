/*
 * A set of byte strings, its three blocks from the caller's slab.  The arena holds each member as its 64-bit hash,
 * a 16-bit length and its bytes, padded to 8 bytes; an open-addressing
 * table of 32-bit arena offsets (plus one; 0 is empty), kept at most three
 * quarters full, finds them.  Members are never removed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "distinct.h"
#include "slab.h"

struct distinct {
	uint32_t	 n;
	uint32_t	 cap;		/* slots, a power of two */
	uint32_t	*slots;
	char		*arena;
	size_t		 len;
	size_t		 acap;
};

#define ENTRY_HEAD	(sizeof(uint64_t) + sizeof(uint16_t))
#define PAD8(x)		(((x) + 7) & ~(size_t)7)

size_t
distinct_bytes(const struct distinct *d)
{
	return d == NULL ? 0 : sizeof(*d) + d->cap * sizeof(uint32_t) +
	    d->acap;
}

uint64_t
distinct_count(const struct distinct *d)
{
	return d == NULL ? 0 : d->n;
}

void
distinct_free(struct distinct *d, struct slab *sl)
{
	if (d == NULL)
		return;
	slab_free(sl, d->slots, d->cap * sizeof(*d->slots));
	slab_free(sl, d->arena, d->acap);
	slab_free(sl, d, sizeof(*d));
}

static uint64_t
entry_hash(const struct distinct *d, uint32_t off)
{
	uint64_t	 h;

	memcpy(&h, d->arena + off, sizeof(h));
	return h;
}

static int
grow_slots(struct distinct *d, struct slab *sl, size_t *bytes)
{
	uint32_t	 cap = d->cap ? d->cap * 2 : 4, i, j, *s;

	if ((s = slab_alloc(sl, cap * sizeof(*s))) == NULL)
		return -1;
	for (i = 0; i < d->cap; i++) {
		if (d->slots[i] == 0)
			continue;
		for (j = (uint32_t)entry_hash(d, d->slots[i] - 1) & (cap - 1);
		    s[j] != 0; j = (j + 1) & (cap - 1))
			continue;
		s[j] = d->slots[i];
	}
	*bytes += (cap - d->cap) * sizeof(*s);
	slab_free(sl, d->slots, d->cap * sizeof(*s));
	d->slots = s;
	d->cap = cap;
	return 0;
}

int
distinct_add(struct distinct **dp, const void *p, size_t len, uint64_t h,
    struct slab *sl, size_t *bytes)
{
	struct distinct	*d = *dp;
	uint32_t	 j, off;
	uint16_t	 l16 = (uint16_t)len;
	size_t		 need = PAD8(ENTRY_HEAD + len), acap;
	char		*a;

	if (len > UINT16_MAX)
		return -1;
	if (d == NULL) {
		if ((d = slab_alloc(sl, sizeof(*d))) == NULL)
			return -1;
		*bytes += sizeof(*d);
		*dp = d;
	}
	if ((d->n + 1) * 4 > d->cap * 3 && grow_slots(d, sl, bytes) == -1)
		return -1;
	for (j = (uint32_t)h & (d->cap - 1); d->slots[j] != 0;
	    j = (j + 1) & (d->cap - 1)) {
		const char	*e = d->arena + d->slots[j] - 1;
		uint16_t	 el;

		memcpy(&el, e + sizeof(uint64_t), sizeof(el));
		if (entry_hash(d, d->slots[j] - 1) == h && el == len &&
		    memcmp(e + ENTRY_HEAD, p, len) == 0)
			return 0;
	}
	if (d->len + need > UINT32_MAX - 1)
		return -1;
	if (d->len + need > d->acap) {
		acap = d->acap ? d->acap : 32;
		while (acap < d->len + need)
			acap *= 2;
		if ((a = slab_realloc(sl, d->arena, d->acap, acap)) == NULL)
			return -1;
		*bytes += acap - d->acap;
		d->arena = a;
		d->acap = acap;
	}
	off = (uint32_t)d->len;
	memcpy(d->arena + off, &h, sizeof(h));
	memcpy(d->arena + off + sizeof(h), &l16, sizeof(l16));
	memcpy(d->arena + off + ENTRY_HEAD, p, len);
	d->len += need;
	d->slots[j] = off + 1;
	d->n++;
	return 0;
}

int
distinct_merge(struct distinct **dstp, const struct distinct *src,
    struct slab *sl, size_t *bytes)
{
	size_t		 off;
	uint16_t	 l;

	if (src == NULL)
		return 0;
	for (off = 0; off < src->len; off += PAD8(ENTRY_HEAD + l)) {
		memcpy(&l, src->arena + off + sizeof(uint64_t), sizeof(l));
		if (distinct_add(dstp, src->arena + off + ENTRY_HEAD, l,
		    entry_hash(src, (uint32_t)off), sl, bytes) == -1)
			return -1;
	}
	return 0;
}
