/*
 * The slab (see slab.h).  Chunks are kept on a list and freed together;
 * each size class has a free list threaded through its free blocks' first
 * bytes.  A block's class is its size rounded up to 16 bytes, so the caller's
 * size at free time finds the same class as at allocation.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "slab.h"

#define SLAB_CHUNK	(256 * 1024)
#define SLAB_ALIGN	16
#define SLAB_CLASSES	(SLAB_BLOCK_MAX / SLAB_ALIGN)

struct slab_chunk {
	struct slab_chunk	*next;
	/* Pad the header so that blocks start 16-byte aligned. */
	char			 pad[SLAB_ALIGN - sizeof(void *)];
};

struct slab {
	struct slab_chunk	*chunks;
	char			*at;		/* next free byte of the chunk */
	size_t			 left;		/* bytes after at */
	void			*free[SLAB_CLASSES];
};

/* The class of an n-byte block (0 < n <= SLAB_BLOCK_MAX). */
static inline size_t
class_of(size_t n)
{
	return (n + SLAB_ALIGN - 1) / SLAB_ALIGN - 1;
}

struct slab *
slab_new(void)
{
	return calloc(1, sizeof(struct slab));
}

void *
slab_alloc(struct slab *s, size_t n)
{
	struct slab_chunk	*c;
	size_t			 k, sz;
	void			*p;

	if (s == NULL || n > SLAB_BLOCK_MAX)
		return calloc(1, n);
	k = class_of(n);
	sz = (k + 1) * SLAB_ALIGN;
	if ((p = s->free[k]) != NULL) {
		memcpy(&s->free[k], p, sizeof(void *));
		memset(p, 0, sz);
		return p;
	}
	if (s->left < sz) {
		/* The rest of the old chunk is too small for this class. */
		if ((c = malloc(SLAB_CHUNK)) == NULL)
			return NULL;
		c->next = s->chunks;
		s->chunks = c;
		s->at = (char *)(c + 1);
		s->left = SLAB_CHUNK - sizeof(*c);
	}
	p = s->at;
	s->at += sz;
	s->left -= sz;
	/* Chunks come from malloc uninitialised; free lists reuse blocks. */
	memset(p, 0, sz);
	return p;
}

void
slab_free(struct slab *s, void *p, size_t n)
{
	size_t	 k;

	if (p == NULL)
		return;
	if (s == NULL || n > SLAB_BLOCK_MAX) {
		free(p);
		return;
	}
	k = class_of(n);
	memcpy(p, &s->free[k], sizeof(void *));
	s->free[k] = p;
}

void *
slab_realloc(struct slab *s, void *p, size_t old, size_t n)
{
	void	*q;

	if (p == NULL)
		return slab_alloc(s, n);
	if (s == NULL || (old > SLAB_BLOCK_MAX && n > SLAB_BLOCK_MAX)) {
		if ((q = realloc(p, n)) != NULL && n > old)
			memset((char *)q + old, 0, n - old);
		return q;
	}
	/* Within one class the block already fits. */
	if (old <= SLAB_BLOCK_MAX && n <= SLAB_BLOCK_MAX &&
	    class_of(old) == class_of(n)) {
		if (n > old)
			memset((char *)p + old, 0, n - old);
		return p;
	}
	if ((q = slab_alloc(s, n)) == NULL)
		return NULL;
	memcpy(q, p, old < n ? old : n);
	slab_free(s, p, old);
	return q;
}

void
slab_destroy(struct slab *s)
{
	struct slab_chunk	*c, *next;

	if (s == NULL)
		return;
	for (c = s->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(s);
}

void
slab_adopt(struct slab *dst, struct slab *src)
{
	struct slab_chunk	*c;

	if (src == NULL)
		return;
	if ((c = src->chunks) != NULL) {
		while (c->next != NULL)
			c = c->next;
		c->next = dst->chunks;
		dst->chunks = src->chunks;
	}
	free(src);
}
