/*
 * The two-column loop: the row loop for the One Billion Row Challenge's
 * shape, a file of exactly two columns, `key<delim>number`, grouped by the
 * first and aggregated on the second.  It reads plain records straight
 * from the scanner's block: the key is found, masked and hashed in 16-byte
 * vectors, looked up in a table of its own whose entries are one cache
 * line each (so that a few hundred groups stay in the first-level cache),
 * and the number is added there in 64 bits.  The table is a front for the
 * hot-group cache (hot.h): an entry names the cache's entry for its key,
 * is made only when the cache already holds the key, and is folded into
 * it at the end of every call, so between calls the cache holds every row
 * and the group table (agg.c) sees nothing new.
 *
 * It takes a record only if it is exactly that and nothing else: a key of
 * at most PAIR_KEY bytes with no quote, CR or LF, held by the cache and
 * not cold there, then the delimiter, then a number that dec_parse_fixed()
 * accepts at the cache entry's scale in at most 8 bytes, then LF or CR LF
 * (the LF of a CR LF is a blank record, which the scanner skips first).
 * Anything else ends the loop at that record's first byte, and the
 * scanner's general paths take it from there, so what is taken here is
 * added exactly as those paths would add it.
 */
#ifndef TALLY_PAIR_H
#define TALLY_PAIR_H

#include <stddef.h>
#include <stdint.h>

#include "agg.h"
#include "hot.h"

/* The longest key the loop takes: it looks at 31 bytes for the delimiter. */
#define PAIR_KEY	30

/* Bytes the loop may read past the end of the data it is given. */
#define PAIR_REACH	64

#define PAIR_CAP	HOT_CAP	/* entries: one per cache entry at most */
#define PAIR_SLOTS	8192	/* a power of two, at least 2 * PAIR_CAP */

struct pair;

/* A table, or NULL if memory is short. */
struct pair	*pair_new(void);

/* Free a table.  NULL is fine. */
void		 pair_free(struct pair *pt);

/* Forget every entry: the cache they named was reset. */
void		 pair_reset(struct pair *pt);

/*
 * Take the records of [*pp, end), *pp a record boundary, for as long as
 * they are plain and end (their LF) before end; PAIR_REACH bytes after
 * end must be readable, whatever they hold.  Each goes to the entry of t
 * (one value column) for its key, through pt; before it returns, every
 * row taken is in t and counted in t->hits.  A cache entry whose sum
 * nears 2^63 is folded into a (hot_fold(), with mag and bins) before the
 * loop starts.  Moves *pp past the records taken and returns how many
 * were taken, each a line of its own.
 */
size_t		 pair_run(struct pair *pt, struct hot *t, struct agg *a,
		    unsigned __int128 *mag, size_t bins, unsigned char delim,
		    const char **pp, const char *end);

/*
 * The instruction sets the loop is built for, from the least.  pair_run()
 * uses the best the processor has (cpuid), unless pair_use() said less.
 */
enum pair_isa {
	PAIR_ISA_BASE,		/* SSE2 on x86-64, else plain C */
	PAIR_ISA_AVX2,		/* x86-64 with AVX2, BMI and BMI2 */
	PAIR_ISA__MAX
};

/*
 * For tests: from now on, run the loop built for want, or for the best
 * the processor has if that is less.  Returns the one used.
 */
enum pair_isa	 pair_use(enum pair_isa want);

/*
 * The loop's reader of the One Billion Row Challenge's numbers, for
 * tests: the nlen bytes at num (8 readable) as tenths in *v if they are
 * -?d?d.d, returning 1, else 0.  What it takes, dec_parse_fixed() takes at
 * scale 1 with the same value.
 */
int		 pair_tenths(const char *num, size_t nlen, int64_t *v);

#endif /* TALLY_PAIR_H */
