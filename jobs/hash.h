/*
 * Hashing bytes: the one hash of keys and values for tables that live in
 * one process (agg.c's groups, column.c's values), inline because it runs
 * once per key or cell.  Not stable across versions: never store it.
 */
#ifndef TALLY_HASH_H
#define TALLY_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t
hash_load64(const char *p)
{
	uint64_t	 w;

	memcpy(&w, p, sizeof(w));
	return w;
}

static inline uint32_t
hash_load32(const char *p)
{
	uint32_t	 w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/* Multiply to 128 bits and fold: wyhash's mixing step. */
static inline uint64_t
hash_mum(uint64_t a, uint64_t b)
{
	unsigned __int128	 r = (unsigned __int128)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/*
 * Hash len bytes at p.  They are read in whole words, the last one
 * overlapping the one before (or, under 8 bytes, two 4-byte halves or
 * three single bytes), and each 16 bytes cost one 128-bit multiply, so a
 * short key's hash is ready a few cycles after its bytes.
 */
static inline uint64_t
hash_bytes(const char *p, size_t len)
{
	const uint64_t	 k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL;
	const uint64_t	 k2 = 0x8ebc6af09c88c6e3ULL;
	uint64_t	 a, b, h = k0 ^ len;
	size_t		 n = len;

	if (n > 16) {
		do {
			h = hash_mum(hash_load64(p) ^ k1, hash_load64(p + 8) ^
			    h);
			p += 16;
			n -= 16;
		} while (n > 16);
		a = hash_load64(p + n - 16);
		b = hash_load64(p + n - 8);
	} else if (n >= 8) {
		a = hash_load64(p);
		b = hash_load64(p + n - 8);
	} else if (n >= 4) {
		a = hash_load32(p);
		b = hash_load32(p + n - 4);
	} else if (n > 0) {
		a = (uint64_t)(unsigned char)p[0] << 16 |
		    (uint64_t)(unsigned char)p[n / 2] << 8 |
		    (uint64_t)(unsigned char)p[n - 1];
		b = 0;
	} else
		a = b = 0;
	return hash_mum(k2 ^ len, hash_mum(a ^ k1, b ^ h));
}

/*
 * Copy len bytes from src to dst (which do not overlap).  Up to 32 bytes
 * they move as hash_bytes() reads them, two overlapping words of the
 * largest size that fits, with no call and no loop; longer ones go to
 * memcpy().  Nothing is read or written outside the len bytes.
 */
static inline void
hash_copy(char *dst, const char *src, size_t len)
{
	uint64_t	 a, b, c, d;
	uint32_t	 x, y;
	char		 p, q, r;

	if (len > 32)
		memcpy(dst, src, len);
	else if (len >= 16) {
		memcpy(&a, src, 8);
		memcpy(&b, src + 8, 8);
		memcpy(&c, src + len - 16, 8);
		memcpy(&d, src + len - 8, 8);
		memcpy(dst, &a, 8);
		memcpy(dst + 8, &b, 8);
		memcpy(dst + len - 16, &c, 8);
		memcpy(dst + len - 8, &d, 8);
	} else if (len >= 8) {
		memcpy(&a, src, 8);
		memcpy(&b, src + len - 8, 8);
		memcpy(dst, &a, 8);
		memcpy(dst + len - 8, &b, 8);
	} else if (len >= 4) {
		memcpy(&x, src, 4);
		memcpy(&y, src + len - 4, 4);
		memcpy(dst, &x, 4);
		memcpy(dst + len - 4, &y, 4);
	} else if (len > 0) {
		p = src[0];
		q = src[len / 2];
		r = src[len - 1];
		dst[0] = p;
		dst[len / 2] = q;
		dst[len - 1] = r;
	}
}

#endif /* TALLY_HASH_H */
