/*
 * Small blocks for many small sketches.  A million groups of a few values
 * each would otherwise cost a million malloc calls a sketch, each with its
 * own header and rounding, and as many frees at the end.  A slab hands out
 * zeroed blocks in 16-byte size classes up to SLAB_BLOCK_MAX bytes, carved
 * from 256 KiB chunks, and keeps freed blocks on a list per class for the
 * next block of that size; larger blocks come from malloc.  One slab serves
 * one group table (one thread); it is never shared.  Callers say each
 * block's size when they free or grow it, as sketches know their sizes.
 * A NULL slab means plain calloc, realloc and free.
 */
#ifndef TALLY_SLAB_H
#define TALLY_SLAB_H

#include <stddef.h>

/* Blocks up to this size come from the slab; larger ones from malloc. */
#define SLAB_BLOCK_MAX	512

struct slab;

/* A new empty slab, or NULL if memory is short. */
struct slab	*slab_new(void);

/*
 * n zeroed bytes (n > 0), 16-byte aligned, or NULL if memory is short.
 * Free with slab_free(s, p, n).
 */
void		*slab_alloc(struct slab *s, size_t n);

/*
 * Resize block p of old bytes (NULL with old 0 for a new one) to n bytes,
 * keeping its first min(old, n) bytes; bytes past old are zeroed.  Returns
 * the block, or NULL if memory is short (p is then as before).
 */
void		*slab_realloc(struct slab *s, void *p, size_t old, size_t n);

/* Give back block p of n bytes.  NULL is fine. */
void		 slab_free(struct slab *s, void *p, size_t n);

/*
 * Make every block of src dst's: dst takes src's chunks, so that blocks
 * carved from src live until slab_destroy(dst), and src is freed.  src's
 * free blocks are not reused.  NULL src is fine.
 */
void		 slab_adopt(struct slab *dst, struct slab *src);

/*
 * Free the slab and every chunk it carved: blocks of up to SLAB_BLOCK_MAX
 * bytes need no slab_free() first, larger ones do.  NULL is fine.
 */
void		 slab_destroy(struct slab *s);

#endif /* TALLY_SLAB_H */
