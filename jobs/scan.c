/*
 * The fast scanner.  It must find exactly the records and fields that
 * libcsv 3.0 finds in its default mode, so it has two halves that share one
 * state:
 *
 * - The byte machine (slow()) is libcsv's csv_parse() state machine
 *   transcribed: a quote inside an unquoted field kept, `"a"b` continuing
 *   the field with the quote kept, CR and LF each ending a record, empty
 *   records skipped, and the
 *   entry buffer limit (READER_FIELD_CAP, grown in READER_FIELD_STEP steps)
 *   hit at the same byte.  It is resumable at any byte, so it carries
 *   records across block boundaries, and it handles every record the fast
 *   path declines.  Blanks (spaces and tabs) are data, as RFC 4180 says
 *   and as the reader sets libcsv up (a space function that says no);
 *   with the trim option they are libcsv's defaults instead: leading
 *   blanks of a field skipped, trailing blanks of an unquoted field and
 *   blanks after a closing quote dropped, and a line of blanks skipped.
 *
 * - The fast path (fast()) runs from a record boundary over 64-byte windows.
 *   SSE2 (a scalar loop elsewhere) turns each window into bit masks of
 *   quotes, delimiters, CRs and LFs; a prefix XOR of the quote mask gives
 *   the bytes inside quotes; the delimiters and line ends outside quotes are
 *   the field and record ends.  That reading agrees with libcsv whenever
 *   every quote is "canonical": one that opens must follow a separator (or
 *   a closing quote: a doubled quote), and one that closes must be followed
 *   by a separator (or an opening quote).  A window that breaks the rule,
 *   a record that runs off the end of the block or a record longer than
 *   TALLY_FIELD_MAX bytes is handed, from its first byte, to the byte
 *   machine, which gives control back at the next record boundary.  The
 *   fast path touches a field's bytes only if the field is kept: it copies
 *   them into the slot, undoubling doubled quotes.
 *
 * Line numbers follow the reader: a record's line is 1 plus the LFs before
 * its first byte, embedded ones included; the fast path counts them with a
 * popcount of the LF mask.  Seams (for threads, see engine.c) are positions
 * just after a CR or LF where a scan stops if that byte ended a record or a
 * blank line, that is, if it was not inside a quoted field.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__PCLMUL__)
#include <wmmintrin.h>
#endif

/* Whether fast() is also built for AVX2 (chosen at run time). */
#if defined(__x86_64__) && defined(__SSE2__) && defined(__GNUC__)
#define SCAN_AVX2	1
#include <immintrin.h>
#else
#define SCAN_AVX2	0
#endif

#include "bounds.h"
#include "scan.h"
#include "window.h"

/* Bytes readable past the end of a block, read or mapped. */
#define SCAN_PAD	64

/*
 * Cells a point scanner has past its columns: fast_point() lets a record's
 * fields run on into them within a window, and counts the ones past
 * ncols + 1 only at the window's end.
 */
#define SCAN_SPARE	64

/* How far ahead of its window fast_point() asks for the block's bytes. */
#define SCAN_AHEAD	2048

/* libcsv's parser states, named as in libcsv.c. */
enum pstate {
	PS_ROW,		/* ROW_NOT_BEGUN */
	PS_FIELD,	/* FIELD_NOT_BEGUN */
	PS_IN,		/* FIELD_BEGUN */
	PS_END,		/* FIELD_MIGHT_HAVE_ENDED */
	PS__MAX
};

struct scan {
	unsigned char		 delim;
	int			 trim;		/* libcsv's blank handling */
	int			 all;		/* column i in slot i, no trim */
	int			 wide;		/* AVX2, PCLMUL and POPCNT */
	int			 point;		/* row.cell and row.len too */
	size_t			 block;
	size_t			 ncols;
	size_t			 nslots;
	const int		*slot_of;
	int			(*rowcb)(void *, const struct reader_row *, char *,
				    size_t);
	int			(*blockcb)(void *, uint64_t);
	int			(*releasecb)(void *, char *, size_t);
	int			(*cellscb)(void *, const char *const *,
				    const size_t *, char *, size_t);
	long			(*pairscb)(void *, unsigned char, const char **,
				    const char *);
	void			*arg;
	size_t			 emax;		/* libcsv's entry_buf limit */
	char			*buf;		/* block + SCAN_PAD bytes */
	size_t			 window;	/* bytes mapped at a time */
	const char		*base;		/* the block: buf or mapped */
	struct reader_slot	*slots;
	struct reader_cell	*cells;		/* point: nslots + 1 +
						   SCAN_SPARE */
	struct reader_row	 row;

	/* One run. */
	struct scan_result	*res;
	char			*err;
	size_t			 errsz;
	const uint64_t		*seams;
	size_t			 nseams;
	size_t			 si;		/* first seam not yet reached */
	uint64_t		 bufpos;	/* range position of buf[0] */

	/* The byte machine: libcsv's struct csv_parser, and the record. */
	enum pstate		 ps;
	int			 quoted;
	size_t			 spaces;
	size_t			 epos;		/* libcsv's entry_pos */
	size_t			 fi;		/* fields so far in the record */
	int			 cur;		/* slot of field fi, or -1 */
	unsigned long		 line;		/* at the next byte */
	unsigned long		 rline;		/* the record's */
	uint64_t		 roff;		/* where the record starts */
	int			 in_fini;	/* the record ends at the end */
	int			 pairs;		/* pairscb may take records */
	unsigned long		 fline;		/* where the open quote is */
};

/*
 * The entry_pos at which libcsv's csv_parse() fails: its buffer grows by
 * READER_FIELD_STEP, halving the step while the capped realloc refuses,
 * until not even one more byte is granted.
 */
static size_t
entry_max(void)
{
	size_t	 size = 0, add;

	for (;;) {
		for (add = READER_FIELD_STEP; add > 0 &&
		    size + add > READER_FIELD_CAP; add /= 2)
			continue;
		if (add == 0)
			return size;
		size += add;
	}
}

/* Whether new scanners may use AVX2: -1 until scan_wide() decides. */
static int	 allow_wide = -1;

int
scan_wide(int want)
{
	int	 can = 0, use = __atomic_load_n(&allow_wide, __ATOMIC_RELAXED);

	if (want < 0 && use >= 0)
		return use;
#if SCAN_AVX2
	__builtin_cpu_init();
	can = __builtin_cpu_supports("avx2") &&
	    __builtin_cpu_supports("pclmul") &&
	    __builtin_cpu_supports("popcnt");
#endif
	use = want == 0 ? 0 : can;
	__atomic_store_n(&allow_wide, use, __ATOMIC_RELAXED);
	return use;
}

struct scan *
scan_new(const struct scan_conf *c)
{
	struct scan	*s;
	size_t		 i;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->delim = (unsigned char)c->delim;
	s->trim = c->trim;
	s->block = c->block_size ? c->block_size : TALLY_BLOCK_SIZE;
	s->window = c->block_size == 0 ? TALLY_MAP_WINDOW :
	    c->block_size < TALLY_MAP_MIN ? 0 : c->block_size;
	s->ncols = c->ncols;
	s->nslots = c->nslots ? c->nslots : READER_SLOTS_MAX;
	s->slot_of = c->slot_of;
	s->point = c->point;
	s->all = !c->trim && c->nslots >= c->ncols;
	for (i = 0; s->all && i < c->ncols; i++)
		s->all = c->slot_of[i] == (int)i;
	s->wide = scan_wide(-1);
	s->rowcb = c->row;
	s->blockcb = c->block;
	s->releasecb = c->release;
	s->cellscb = c->trim || c->ncols > SCAN_CELLS_MAX ? NULL : c->cells;
	s->pairscb = c->trim || c->ncols != 2 ? NULL : c->pairs;
	s->arg = c->arg;
	s->emax = entry_max();
	if ((s->buf = calloc(1, s->block + SCAN_PAD)) == NULL ||
	    (s->slots = calloc(s->nslots, sizeof(*s->slots))) == NULL ||
	    (s->point && (s->cells = calloc(s->nslots + 1 + SCAN_SPARE,
	    sizeof(*s->cells))) == NULL)) {
		scan_free(s);
		return NULL;
	}
	s->row.slots = s->slots;
	if (s->point)
		s->row.cells = s->cells;
	return s;
}

void
scan_free(struct scan *s)
{
	if (s == NULL)
		return;
	free(s->buf);
	free(s->slots);
	free(s->cells);
	free(s);
}

static int
slot_for(const struct scan *s, size_t fi)
{
	return fi < s->ncols ? s->slot_of[fi] : -1;
}

/* For a point scanner, the row's cells are its slots (not fast_point()). */
static void
point_slots(struct scan *s)
{
	size_t	 k;

	for (k = 0; k < s->nslots; k++) {
		s->cells[k].s = s->slots[k].buf;
		s->cells[k].len = s->slots[k].len;
	}
}

/* Stop the run with why; the caller fills the rest of the result. */
static void
halt(struct scan *s, enum scan_stop why, const char *at)
{
	s->res->stop = why;
	s->res->end = s->bufpos + (uint64_t)(at - s->base);
	s->res->line = s->line;
}

/*
 * A CR or LF that ended a record or a blank line was just consumed; next is
 * the byte after it.  Returns 1 if the run stops at a seam there.
 */
static int
at_seam(struct scan *s, const char *next)
{
	uint64_t	 x = s->bufpos + (uint64_t)(next - s->base);

	/* A seam passed inside a quoted field was no record boundary. */
	while (s->si < s->nseams && s->seams[s->si] < x)
		s->si++;
	if (s->si < s->nseams && s->seams[s->si] == x) {
		halt(s, SCAN_STOP_SEAM, next);
		s->res->seam = s->si;
		return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * The byte machine.
 */

/* libcsv's SUBMIT_CHAR, keeping the first bytes of a kept field. */
static inline void
put(struct scan *s, unsigned char c)
{
	if (s->cur >= 0 && s->epos < READER_SLOT_BYTES)
		s->slots[s->cur].buf[s->epos] = (char)c;
	s->epos++;
}

/* libcsv's SUBMIT_FIELD and the reader's on_field().  0, or -1 to stop. */
static int
end_field(struct scan *s, const char *at)
{
	if (!s->quoted)
		s->epos -= s->spaces;
	if (s->epos > TALLY_FIELD_MAX) {
		halt(s, SCAN_STOP_LONG, at);
		s->res->err_line = s->rline;
		s->res->err_field = s->fi + 1;
		return -1;
	}
	if (s->cur >= 0)
		s->slots[s->cur].len = s->epos;
	s->cur = slot_for(s, ++s->fi);
	s->ps = PS_FIELD;
	s->epos = s->spaces = 0;
	s->quoted = 0;
	return 0;
}

/* libcsv's SUBMIT_ROW and the reader's on_record().  0, or -1 to stop. */
static int
end_row(struct scan *s, const char *at)
{
	uint64_t	 x = s->bufpos + (uint64_t)(at - s->base);

	s->row.line = s->rline;
	s->row.nfields = s->fi;
	/* at follows the line end, except at the end of the input. */
	s->row.off = s->roff;
	s->row.end = s->in_fini ? x : x - 1;
	s->row.raw = !s->in_fini && s->roff >= s->bufpos ?
	    s->base + (s->roff - s->bufpos) : NULL;
	if (s->point)
		point_slots(s);
	if (s->rowcb(s->arg, &s->row, s->err, s->errsz) == -1) {
		halt(s, SCAN_STOP_ROW, at);
		return -1;
	}
	s->fi = 0;
	s->cur = slot_for(s, 0);
	s->ps = PS_ROW;
	return 0;
}

/*
 * Run the byte machine over [p, e) until it has ended a record (returning
 * the byte after it, where the fast path may take over) or used up the
 * bytes (returning e).  Returns NULL if the run stops.
 */
static const char *
slow(struct scan *s, const char *p, const char *e)
{
	const unsigned char	 delim = s->delim;
	unsigned char		 c;

	while (p < e) {
		if (s->epos == s->emax) {
			/* libcsv cannot grow its buffer for this byte. */
			halt(s, SCAN_STOP_LONG, p);
			s->res->err_line = s->line;
			s->res->err_field = s->fi + 1;
			if (s->ps == PS_IN && s->quoted)
				s->res->err_line2 = s->fline;
			return NULL;
		}
		c = (unsigned char)*p++;
		switch (s->ps) {
		case PS_ROW:
		case PS_FIELD:
			if (s->trim && (c == ' ' || c == '\t') && c != delim)
				break;
			if (c == '\r' || c == '\n') {
				if (c == '\n')
					s->line++;
				if (s->ps == PS_ROW)
					/* A blank record: skipped. */
					return at_seam(s, p) ? NULL : p;
				if (end_field(s, p) == -1 ||
				    end_row(s, p) == -1 || at_seam(s, p))
					return NULL;
				return p;
			}
			if (s->ps == PS_ROW) {
				s->rline = s->line;
				s->roff = s->bufpos +
				    (uint64_t)(p - 1 - s->base);
			}
			if (c == delim) {
				if (end_field(s, p) == -1)
					return NULL;
				break;
			}
			s->ps = PS_IN;
			if (c == '"') {
				s->quoted = 1;
				s->fline = s->line;
			} else {
				s->quoted = 0;
				put(s, c);
			}
			break;
		case PS_IN:
			if (c == '"') {
				put(s, c);
				if (s->quoted)
					s->ps = PS_END;
				else
					s->spaces = 0;
			} else if (c == delim) {
				if (s->quoted)
					put(s, c);
				else if (end_field(s, p) == -1)
					return NULL;
			} else if (c == '\r' || c == '\n') {
				if (c == '\n')
					s->line++;
				if (s->quoted)
					put(s, c);
				else {
					if (end_field(s, p) == -1 ||
					    end_row(s, p) == -1 ||
					    at_seam(s, p))
						return NULL;
					return p;
				}
			} else if (s->trim && !s->quoted &&
			    (c == ' ' || c == '\t')) {
				put(s, c);
				s->spaces++;
			} else {
				put(s, c);
				s->spaces = 0;
			}
			break;
		case PS_END:
			if (c == delim) {
				s->epos -= s->spaces + 1;
				if (end_field(s, p) == -1)
					return NULL;
			} else if (c == '\r' || c == '\n') {
				if (c == '\n')
					s->line++;
				s->epos -= s->spaces + 1;
				if (end_field(s, p) == -1 ||
				    end_row(s, p) == -1 || at_seam(s, p))
					return NULL;
				return p;
			} else if (s->trim && (c == ' ' || c == '\t')) {
				put(s, c);
				s->spaces++;
			} else if (c == '"') {
				if (s->spaces) {
					s->spaces = 0;
					put(s, c);
				} else
					s->ps = PS_IN;
			} else {
				s->ps = PS_IN;
				s->spaces = 0;
				put(s, c);
			}
			break;
		default:
			break;
		}
	}
	return p;
}

/*
 * libcsv's csv_fini() with CSV_STRICT_FINI, as the reader calls it at the
 * end.  Returns 0, or -1 if the run stops.
 */
static int
fini(struct scan *s, const char *at)
{
	switch (s->ps) {
	case PS_END:
		s->epos -= s->spaces + 1;
		break;
	case PS_IN:
		if (s->quoted) {
			halt(s, SCAN_STOP_OPEN, at);
			s->res->err_line = s->line;
			s->res->err_line2 = s->fline;
			return -1;
		}
		break;
	case PS_FIELD:
		break;
	default:
		return 0;
	}
	if (end_field(s, at) == -1 || end_row(s, at) == -1)
		return -1;
	return 0;
}

/* ---------------------------------------------------------------------
 * The fast path.
 */

/* Bit i set where byte i of the 64 at w is one of the four kinds. */
struct masks {
	uint64_t	 quote, delim, cr, lf;
};

#if defined(__SSE2__)
static inline uint64_t
eq16(__m128i x, __m128i v)
{
	return (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, v));
}

static inline void
masks64(const char *w, unsigned char delim, struct masks *m)
{
	const __m128i	 vq = _mm_set1_epi8('"'), vd = _mm_set1_epi8((char)delim);
	const __m128i	 vr = _mm_set1_epi8('\r'), vn = _mm_set1_epi8('\n');
	__m128i		 x0, x1, x2, x3;

	x0 = _mm_loadu_si128((const __m128i *)(const void *)w);
	x1 = _mm_loadu_si128((const __m128i *)(const void *)(w + 16));
	x2 = _mm_loadu_si128((const __m128i *)(const void *)(w + 32));
	x3 = _mm_loadu_si128((const __m128i *)(const void *)(w + 48));
	m->quote = eq16(x0, vq) | eq16(x1, vq) << 16 | eq16(x2, vq) << 32 |
	    eq16(x3, vq) << 48;
	m->delim = eq16(x0, vd) | eq16(x1, vd) << 16 | eq16(x2, vd) << 32 |
	    eq16(x3, vd) << 48;
	m->cr = eq16(x0, vr) | eq16(x1, vr) << 16 | eq16(x2, vr) << 32 |
	    eq16(x3, vr) << 48;
	m->lf = eq16(x0, vn) | eq16(x1, vn) << 16 | eq16(x2, vn) << 32 |
	    eq16(x3, vn) << 48;
}
#else
static inline void
masks64(const char *w, unsigned char delim, struct masks *m)
{
	unsigned char	 c;
	int		 i;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < 64; i++) {
		c = (unsigned char)w[i];
		m->quote |= (uint64_t)(c == '"') << i;
		m->delim |= (uint64_t)(c == delim) << i;
		m->cr |= (uint64_t)(c == '\r') << i;
		m->lf |= (uint64_t)(c == '\n') << i;
	}
}
#endif

/* Bit i of the result is the XOR of bits 0..i of x. */
static inline uint64_t
prefix_xor(uint64_t x)
{
#if defined(__PCLMUL__) && defined(__SSE2__)
	return (uint64_t)_mm_cvtsi128_si64(_mm_clmulepi64_si128(
	    _mm_set_epi64x(0, (long long)x), _mm_set1_epi8((char)0xff), 0));
#else
	x ^= x << 1;
	x ^= x << 2;
	x ^= x << 4;
	x ^= x << 8;
	x ^= x << 16;
	x ^= x << 32;
	return x;
#endif
}

/*
 * The set bits of x (LFs in 64 bytes of CSV), without a branch: narrow
 * rows put several in each window, and a loop over them guesses wrong.
 */
static inline unsigned long
bits(uint64_t x)
{
#if defined(__POPCNT__)
	return (unsigned long)__builtin_popcountll(x);
#else
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (unsigned long)((x * 0x0101010101010101ULL) >> 56);
#endif
}

#if SCAN_AVX2

/*
 * masks64(), prefix_xor() and bits() with AVX2, PCLMUL and POPCNT, for
 * fast_all_avx2() only: not always inline, so that the compiler inlines
 * them where those are allowed and nowhere else.
 */
static inline __attribute__((target("avx2"))) void
masks64_wide(const char *w, unsigned char delim, struct masks *m)
{
	const __m256i	 x0 = _mm256_loadu_si256((const __m256i *)
			    (const void *)w);
	const __m256i	 x1 = _mm256_loadu_si256((const __m256i *)
			    (const void *)(w + 32));
	const __m256i	 vq = _mm256_set1_epi8('"');
	const __m256i	 vd = _mm256_set1_epi8((char)delim);
	const __m256i	 vr = _mm256_set1_epi8('\r');
	const __m256i	 vn = _mm256_set1_epi8('\n');

#define EQ32(x, v) ((uint64_t)(uint32_t)_mm256_movemask_epi8( \
	    _mm256_cmpeq_epi8((x), (v))))
	m->quote = EQ32(x0, vq) | EQ32(x1, vq) << 32;
	m->delim = EQ32(x0, vd) | EQ32(x1, vd) << 32;
	m->cr = EQ32(x0, vr) | EQ32(x1, vr) << 32;
	m->lf = EQ32(x0, vn) | EQ32(x1, vn) << 32;
#undef EQ32
}

static inline __attribute__((target("pclmul"))) uint64_t
prefix_xor_wide(uint64_t x)
{
	return (uint64_t)_mm_cvtsi128_si64(_mm_clmulepi64_si128(
	    _mm_set_epi64x(0, (long long)x), _mm_set1_epi8((char)0xff), 0));
}

static inline __attribute__((target("popcnt"))) unsigned long
bits_wide(uint64_t x)
{
	return (unsigned long)__builtin_popcountll(x);
}
#endif

/* Whether [a, b) holds only blanks: with no delimiter, a skipped record. */
static inline int
blank(const char *a, const char *b)
{
	for (; a < b; a++)
		if (*a != ' ' && *a != '\t')
			return 0;
	return 1;
}

/*
 * Copy the first bytes of [a, b), which lies in the block, into sl.  A
 * short field is copied as 32 bytes, which a variable memcpy() turns into
 * a slow string instruction: the block's SCAN_PAD bytes make the overread
 * safe, and the bytes past the field are never looked at.
 */
static inline void
copy(struct reader_slot *sl, const char *a, const char *b)
{
	sl->len = (size_t)(b - a);
	if (sl->len <= 32)
		memcpy(sl->buf, a, 32);
	else
		memcpy(sl->buf, a, sl->len < READER_SLOT_BYTES ? sl->len :
		    READER_SLOT_BYTES);
}

/*
 * Keep the canonical field [a, b) in sl: unquoted (trimmed of blanks if
 * trim), or quoted, with the quotes removed and doubled quotes undoubled.
 */
static inline void
keep(struct reader_slot *sl, const char *a, const char *b, int trim)
{
	const char	*q;
	size_t		 n, run;

	if (a < b && *a == '"') {
		a++;
		b--;
		if ((q = memchr(a, '"', (size_t)(b - a))) == NULL) {
			copy(sl, a, b);
			return;
		}
		/* Copy up to and with each quote, skipping its double. */
		for (n = 0;; n += run) {
			run = (size_t)((q != NULL ? q + 1 : b) - a);
			if (n < READER_SLOT_BYTES)
				memcpy(sl->buf + n, a, n + run <
				    READER_SLOT_BYTES ? run :
				    READER_SLOT_BYTES - n);
			if (q == NULL)
				break;
			a = q + 2;
			q = memchr(a, '"', (size_t)(b - a));
		}
		sl->len = n + run;
		return;
	}
	if (trim) {
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
	}
	copy(sl, a, b);
}

/*
 * keep() of the canonical quoted field [a, b) that holds doubled quotes,
 * for fast_point(): one with at most 32 bytes between its quotes (most)
 * is undoubled from one compare of those bytes, in 32-byte copies between
 * the pairs instead of a memchr() and a memcpy() call a pair.  The
 * block's SCAN_PAD bytes make the overreads safe (a copy starts before b
 * and reads 32 bytes), and the slot has room for the overwrites.
 */
static inline void
undouble(struct reader_slot *sl, const char *a, const char *b)
{
#if defined(__SSE2__)
	const __m128i	 vq = _mm_set1_epi8('"');
	uint64_t	 qm;
	size_t		 len = (size_t)(b - a) - 2, n = 0, from = 0, x;

	_Static_assert(READER_SLOT_BYTES >= 64, "room for 32-byte copies");
	_Static_assert(SCAN_PAD >= 32, "the block's padding");
	if (len <= 32) {
		a++;
		qm = eq16(_mm_loadu_si128((const __m128i *)(const void *)a),
		    vq) | eq16(_mm_loadu_si128((const __m128i *)
		    (const void *)(a + 16)), vq) << 16;
		qm &= ((uint64_t)1 << len) - 1;
		/* The quotes come in pairs: drop the second of each. */
		while (qm != 0) {
			/* (A lone quote is never canonical.) */
			if ((qm &= qm - 1) == 0)
				break;
			x = (size_t)__builtin_ctzll(qm);
			qm &= qm - 1;
			memcpy(sl->buf + n, a + from, 32);
			n += x - from;
			from = x + 1;
		}
		memcpy(sl->buf + n, a + from, 32);
		sl->len = n + len - from;
		return;
	}
#endif
	keep(sl, a, b, 0);
}

/* The quote state one 64-byte window hands the next. */
struct quotes {
	uint64_t	 carry;		/* inside quotes at the window's end */
	uint64_t	 prev;		/* its last byte a separator or close */
	uint64_t	 pend;		/* its last byte a closing quote */
};

/*
 * The masks of the window at w (bytes past e masked off), its separators
 * outside quotes in *sep, and in *bp the first quote that breaks the
 * canonical rules (64 if none): an opening quote must follow a separator
 * or a closing quote, a closing quote precede a separator or an opening
 * one.  In *dq, the first quote of each doubled quote (a closing quote
 * followed by an opening one), and bit 0 also where the window before
 * ended on the first quote of a pair that this one's first byte ends:
 * a set bit lies in the field that holds a doubled quote.
 */
static inline __attribute__((always_inline)) void
window(const char *w, const char *e, unsigned char delim, const int wide,
    struct quotes *q, struct masks *mk, uint64_t *sep, unsigned *bp,
    uint64_t *dq)
{
	uint64_t	 inq, open, close, bad, valid, t;
	size_t		 avail;

#if SCAN_AVX2
	if (wide)
		masks64_wide(w, delim, mk);
	else
#endif
		masks64(w, delim, mk);
	avail = (size_t)(e - w);
	if (avail < 64) {
		valid = ((uint64_t)1 << avail) - 1;
		mk->quote &= valid;
		mk->delim &= valid;
		mk->cr &= valid;
		mk->lf &= valid;
	}
	t = mk->cr | mk->lf;
#if SCAN_AVX2
	if (wide)
		inq = prefix_xor_wide(mk->quote) ^ q->carry;
	else
#endif
		inq = prefix_xor(mk->quote) ^ q->carry;
	q->carry = (uint64_t)((int64_t)inq >> 63);
	*sep = (mk->delim | t) & ~inq;
	open = mk->quote & inq;
	close = mk->quote & ~inq;
	bad = open & ~(((*sep | close) << 1) | q->prev);
	bad |= close & ~((*sep | open) >> 1) & ~((uint64_t)1 << 63);
	bad |= q->pend & ~(*sep | open) & 1;
	*dq = (close & (open >> 1)) | (q->pend & open & 1);
	q->pend = close >> 63;
	q->prev = (*sep | close) >> 63;
	*bp = bad ? (unsigned)__builtin_ctzll(bad) : 64;
}

/*
 * Scan whole canonical records from p, a record boundary, towards e.
 * Returns where the byte machine must take over (the start of a record
 * this path declines, or e), with s->line the line there; or NULL if the
 * run stops.
 */
static inline __attribute__((always_inline)) const char *
fast_body(struct scan *s, const char *p, const char *e, const int all,
    const int wide, const int point)
{
	const unsigned char	 delim = s->delim;
	const int		 trim = all ? 0 : s->trim;
	const size_t		 ncols = s->ncols;
	const int		*slot_of = s->slot_of;
	struct reader_slot	*slots = s->slots;
	const char		*rs = p, *fs = p, *w = p, *at;
	struct masks		 mk;
	unsigned long		 lw = s->line, lrs = s->line;
	struct quotes		 q = { 0, 1, 0 };
	uint64_t		 sep, m, t, dq;
	size_t			 fi = 0;
	unsigned		 i, bp;

	while (w < e) {
		window(w, e, delim, wide, &q, &mk, &sep, &bp, &dq);
		t = mk.cr | mk.lf;

		for (m = sep; m != 0; ) {
			i = (unsigned)__builtin_ctzll(m);
			if (i > bp)
				goto decline;
			m &= m - 1;
			at = w + i;
			if (!((t >> i) & 1)) {
				if (fi < ncols && (all || slot_of[fi] >= 0))
					keep(&slots[all ? (int)fi : slot_of[fi]],
					    fs, at, trim);
				fi++;
				fs = at + 1;
				continue;
			}
			if (fi > 0 || (trim ? !blank(fs, at) : fs < at)) {
				if ((size_t)(at - rs) > TALLY_FIELD_MAX)
					goto decline;
				if (fi < ncols && (all || slot_of[fi] >= 0))
					keep(&slots[all ? (int)fi : slot_of[fi]],
					    fs, at, trim);
				s->row.line = lrs;
				s->row.nfields = fi + 1;
				s->row.off = s->bufpos +
				    (uint64_t)(rs - s->base);
				s->row.end = s->bufpos +
				    (uint64_t)(at - s->base);
				s->row.raw = rs;
				if (point)
					point_slots(s);
				if (s->rowcb(s->arg, &s->row, s->err,
				    s->errsz) == -1) {
					s->line = lrs;
					halt(s, SCAN_STOP_ROW, at + 1);
					return NULL;
				}
			}
			t = mk.lf & (i == 63 ? ~(uint64_t)0 :
			    ((uint64_t)2 << i) - 1);
#if SCAN_AVX2
			if (wide)
				lrs = lw + bits_wide(t);
			else
#endif
				lrs = lw + bits(t);
			t = mk.cr | mk.lf;
			rs = fs = at + 1;
			fi = 0;
			if (s->si < s->nseams) {
				s->line = lrs;
				if (at_seam(s, rs))
					return NULL;
			}
		}
		if (bp < 64)
			goto decline;
#if SCAN_AVX2
		if (wide)
			lw += bits_wide(mk.lf);
		else
#endif
			lw += bits(mk.lf);
		w += 64;
	}
decline:
	s->line = lrs;
	s->row.lasting = 0;
	return rs;
}

/*
 * fast() of a scanner that keeps every column in its own slot, without
 * trim (a profile): no slot or trim to look up a field; and the same with
 * 32-byte compares, a carry-less multiply for the quotes' prefix XOR and
 * a popcount for the line ends where the processor has them
 * (scan_wide()).  Only a profile's scanner takes the AVX2 build so far:
 * agg's (fast_some()) could take it the same way.
 */
static __attribute__((noinline)) const char *
fast_all(struct scan *s, const char *p, const char *e)
{
	return fast_body(s, p, e, 1, 0, 0);
}

#if SCAN_AVX2
static __attribute__((noinline, target("avx2,pclmul,popcnt"))) const char *
fast_all_avx2(struct scan *s, const char *p, const char *e)
{
	return fast_body(s, p, e, 1, 1, 0);
}
#endif

static __attribute__((noinline)) const char *
fast_some(struct scan *s, const char *p, const char *e)
{
	return fast_body(s, p, e, 0, 0, 0);
}

/* fast_some() of a point scanner (a profile's with trim). */
static __attribute__((noinline)) const char *
fast_some_point(struct scan *s, const char *p, const char *e)
{
	return fast_body(s, p, e, 0, 0, 1);
}

/*
 * The range position of the seam a point scanner stops at next, or
 * UINT64_MAX if none is left.
 */
static inline uint64_t
next_seam(const struct scan *s)
{
	return s->si < s->nseams ? s->seams[s->si] : UINT64_MAX;
}

/*
 * fast() of a point scanner that keeps every column (a profile's): no slot
 * to look up and, for most fields, no copy.  Each field goes to the next
 * of s->cells as it ends, pointing into the block: a quoted one without
 * its quotes (a canonical quote opens a field and closes it), unless it
 * holds doubled quotes, which undouble() undoubles into the field's slot.
 * Fields past the header's columns land in the SCAN_SPARE cells after
 * them, and are only counted (extra) at a window's end, so that a field
 * does not test for them.
 *
 * A field costs its separator's bit, one load of its first byte and two
 * stores, with no branch that depends on its bytes: whether it is quoted
 * is added and subtracted, and whether it holds a doubled quote is a bit
 * of window()'s dq mask (dqm keeps the bits not yet passed, and bit 0
 * stands for a field that goes on into the next window with one).
 * Positions are pointers plus delta, seams compared as positions.
 */
static inline __attribute__((always_inline)) const char *
point_body(struct scan *s, const char *p, const char *e, const int wide)
{
	const unsigned char	 delim = s->delim;
	struct reader_cell	*const cells = s->cells;
	struct reader_cell	*const cend = cells + s->ncols;
	struct reader_cell	*cp = cells;
	const char		*rs = p, *fs = p, *w = p, *at;
	const uint64_t		 delta = s->bufpos - (uint64_t)(uintptr_t)s->base;
	struct masks		 mk;
	unsigned long		 lw = s->line, lrs = s->line;
	struct quotes		 q = { 0, 1, 0 };
	uint64_t		 sep, m, te, dq, dqm = 0, low, seam = next_seam(s);
	uint64_t		 brk;
	size_t			 extra = 0, isq, i;
	unsigned		 bp;

	/* Unless a cell is copied (a doubled quote); 0 again on leaving. */
	s->row.lasting = 1;
	while (w < e) {
		/* The hardware's prefetch stops at each 4 KiB page. */
		__builtin_prefetch(w + SCAN_AHEAD);
		window(w, e, delim, wide, &q, &mk, &sep, &bp, &dq);
		/* Separators past a bad quote: the record is declined. */
		m = bp < 64 ? sep & (((uint64_t)1 << bp) - 1) : sep;
		/* The separators that end a record. */
		te = (mk.cr | mk.lf) & m;
		dqm |= dq;
		brk = te | dqm;
		for (;;) {
			/*
			 * The fields up to a record's end or a doubled quote:
			 * a loop of its own, with no call in it, so that its
			 * values stay in registers.
			 */
			for (;;) {
				if (m == 0)
					goto next;
				i = (unsigned)__builtin_ctzll(m);
				/* Bits 0 to i, and m without bit i. */
				low = m ^ (m - 1);
				m &= m - 1;
				at = w + i;
				isq = *fs == '"';
				cp->s = fs + isq;
				cp->len = (size_t)(at - fs) - 2 * isq;
				if (__builtin_expect((brk & low) != 0, 0))
					break;
				cp++;
				fs = at + 1;
			}
			brk &= ~low;
			if (dqm & low) {
				dqm &= ~low;
				if (cp < cend) {
					undouble(&s->slots[cp - cells], fs, at);
					cp->s = s->slots[cp - cells].buf;
					cp->len = s->slots[cp - cells].len;
					s->row.lasting = 0;
				}
			}
			if (!(te & low)) {
				cp++;
				fs = at + 1;
				continue;
			}
			te &= ~low;
			if (cp != cells || extra > 0 || fs < at) {
				if ((size_t)(at - rs) > TALLY_FIELD_MAX)
					goto decline;
				s->row.line = lrs;
				s->row.nfields = (size_t)(cp - cells) +
				    extra + 1;
				s->row.off = (uint64_t)(uintptr_t)rs + delta;
				s->row.end = (uint64_t)(uintptr_t)at + delta;
				s->row.raw = rs;
				if (s->rowcb(s->arg, &s->row, s->err,
				    s->errsz) == -1) {
					s->line = lrs;
					halt(s, SCAN_STOP_ROW, at + 1);
					s->row.lasting = 0;
					return NULL;
				}
			}
			s->row.lasting = 1;
#if SCAN_AVX2
			if (wide)
				lrs = lw + bits_wide(mk.lf & low);
			else
#endif
				lrs = lw + bits(mk.lf & low);
			rs = fs = at + 1;
			cp = cells;
			extra = 0;
			if ((uint64_t)(uintptr_t)rs + delta >= seam) {
				s->line = lrs;
				if (at_seam(s, rs)) {
					s->row.lasting = 0;
					return NULL;
				}
				seam = next_seam(s);
			}
		}
next:
		if (bp < 64)
			goto decline;
		/* The field that goes on, if it holds a doubled quote. */
		dqm = dqm != 0;
		/* Fields past ncols are only counted. */
		if (cp > cend) {
			extra += (size_t)(cp - cend);
			cp = cend;
		}
#if SCAN_AVX2
		if (wide)
			lw += bits_wide(mk.lf);
		else
#endif
			lw += bits(mk.lf);
		w += 64;
	}
decline:
	s->line = lrs;
	s->row.lasting = 0;
	return rs;
}

static __attribute__((noinline)) const char *
fast_point(struct scan *s, const char *p, const char *e)
{
	return point_body(s, p, e, 0);
}

#if SCAN_AVX2
static __attribute__((noinline, target("avx2,pclmul,popcnt"))) const char *
fast_point_avx2(struct scan *s, const char *p, const char *e)
{
	return point_body(s, p, e, 1);
}
#endif

static const char *
fast(struct scan *s, const char *p, const char *e)
{
	if (s->all && s->point) {
#if SCAN_AVX2
		if (s->wide)
			return fast_point_avx2(s, p, e);
#endif
		return fast_point(s, p, e);
	}
#if SCAN_AVX2
	if (s->all && s->wide)
		return fast_all_avx2(s, p, e);
#endif
	if (s->all)
		return fast_all(s, p, e);
	return s->point ? fast_some_point(s, p, e) : fast_some(s, p, e);
}

/*
 * The narrow path, for files whose records are short and plain: from p, a
 * record boundary, it takes whole 64-byte windows with no quote and no CR,
 * where every LF ends a record (a line of its own) and every delimiter a
 * field, and hands each record of exactly ncols fields to the cells
 * callback as pointers into the block, copying nothing.  A record the
 * callback declines goes to the row callback as the fast path would send
 * it.  It returns, with s->line set, the start of the first record it does
 * not take (a window with a quote or CR, a record of another field count,
 * a blank line, a record too long, or the last partial window) for the
 * fast path to go on from; or NULL if the run stops.
 */
static const char *
narrow(struct scan *s, const char *p, const char *e)
{
	const unsigned char	 delim = s->delim;
	const size_t		 ncols = s->ncols;
	const char		*rs = p, *fs = p, *w = p, *at;
	const char		*cell[SCAN_CELLS_MAX];
	size_t			 len[SCAN_CELLS_MAX], fi = 0, c;
	unsigned long		 line = s->line;
	struct masks		 mk;
	uint64_t		 m;
	unsigned		 i;
	int			 rc;

	for (; e - w >= 64; w += 64) {
		masks64(w, delim, &mk);
		if ((mk.quote | mk.cr) != 0)
			break;
		for (m = mk.delim | mk.lf; m != 0; m &= m - 1) {
			i = (unsigned)__builtin_ctzll(m);
			at = w + i;
			cell[fi] = fs;
			len[fi] = (size_t)(at - fs);
			fs = at + 1;
			if (!((mk.lf >> i) & 1)) {
				if (++fi == ncols)
					goto out;
				continue;
			}
			if (fi + 1 != ncols || (size_t)(at - rs) >
			    TALLY_FIELD_MAX || (ncols == 1 && at == rs))
				goto out;
			rc = s->cellscb(s->arg, cell, len, s->err, s->errsz);
			if (rc == 0) {
				for (c = 0; c < ncols; c++)
					if (s->slot_of[c] >= 0)
						copy(&s->slots[s->slot_of[c]],
						    cell[c], cell[c] + len[c]);
				s->row.line = line;
				s->row.nfields = ncols;
				s->row.off = s->bufpos +
				    (uint64_t)(rs - s->base);
				s->row.end = s->bufpos +
				    (uint64_t)(at - s->base);
				s->row.raw = rs;
				if (s->point)
					point_slots(s);
				rc = s->rowcb(s->arg, &s->row, s->err,
				    s->errsz) == -1 ? -1 : 1;
			}
			if (rc == -1) {
				s->line = line;
				halt(s, SCAN_STOP_ROW, at + 1);
				return NULL;
			}
			line++;
			rs = fs;
			fi = 0;
			if (s->si < s->nseams) {
				s->line = line;
				if (at_seam(s, rs))
					return NULL;
			}
		}
		/* The two-column loop goes on after the record it left. */
		if (s->pairs && rs != p)
			break;
	}
out:
	s->line = line;
	return rs;
}

/*
 * The two-column loop's turn: from p, a record boundary, it takes what it
 * can of the whole records in the block (and not past the next seam).
 * Returns where it stopped, with s->line there, or NULL if the run stops
 * at a seam.
 */
static const char *
pairs(struct scan *s, const char *p, const char *e)
{
	const char	*lim = e;
	uint64_t	 at;
	long		 n;

	_Static_assert(SCAN_PAIR_REACH <= SCAN_PAD, "the block's padding");
	/*
	 * An LF here is a blank record, skipped as slow() skips it: the LF
	 * of a CR LF whose CR ended the last record, most often.
	 */
	while (p < e && *p == '\n') {
		p++;
		s->line++;
		if (at_seam(s, p))
			return NULL;
	}
	if (p == e)
		return p;
	at = s->bufpos + (uint64_t)(p - s->base);
	if (s->si < s->nseams && s->seams[s->si] < at + (uint64_t)(e - p))
		lim = s->seams[s->si] > at ? p + (s->seams[s->si] - at) : p;
	if (lim == p)
		return p;
	if ((n = s->pairscb(s->arg, s->delim, &p, lim)) < 0) {
		s->pairs = 0;
		return p;
	}
	if (n > 0) {
		s->line += (unsigned long)n;
		if (s->si < s->nseams && at_seam(s, p))
			return NULL;
	}
	return p;
}

/* ---------------------------------------------------------------------
 * Runs.
 */

/*
 * Scan the block [p, e), which lies at s->base.  Returns 0 when it is used
 * up, 1 if the run stopped at a seam, -1 if it stopped otherwise.
 */
static int
scan_block(struct scan *s, const char *p, const char *e)
{
	const char	*q;

	while (p < e) {
		if (s->ps == PS_ROW) {
			if (s->pairs && (p = pairs(s, p, e)) == NULL)
				goto stop;
			if (s->cellscb != NULL) {
				if ((q = narrow(s, p, e)) == NULL)
					goto stop;
				/* Back to the two-column loop. */
				if (s->pairs && q != p) {
					p = q;
					continue;
				}
				p = q;
			}
			if ((p = fast(s, p, e)) == NULL)
				goto stop;
			if (p == e)
				break;
		}
		if ((p = slow(s, p, e)) == NULL)
			goto stop;
	}
	return 0;
stop:
	return s->res->stop == SCAN_STOP_SEAM ? 1 : -1;
}

int
scan_run(struct scan *s, struct source *src, uint64_t start,
    const char *pre, size_t prelen, unsigned long line0,
    const uint64_t *seams, size_t nseams, struct scan_result *res,
    char *err, size_t errsz)
{
	struct window	 w;
	uint64_t	 pos = start;
	ssize_t		 got;
	size_t		 n;
	int		 rc;

	memset(res, 0, sizeof(*res));
	s->res = res;
	s->err = err;
	s->errsz = errsz;
	s->seams = seams;
	s->nseams = seams != NULL ? nseams : 0;
	s->si = 0;
	s->ps = PS_ROW;
	s->quoted = 0;
	s->spaces = s->epos = s->fi = 0;
	s->cur = slot_for(s, 0);
	s->line = s->rline = s->fline = line0;
	s->bufpos = start;
	s->base = s->buf;
	s->roff = start;
	s->in_fini = 0;
	s->pairs = s->pairscb != NULL;

	for (;;) {
		w.map = NULL;
		s->base = s->buf;
		if (prelen > 0) {
			n = prelen < s->block ? prelen : s->block;
			memcpy(s->buf, pre, n);
			pre += n;
			prelen -= n;
		} else if ((got = source_map(src, pos, s->window, SCAN_PAD,
		    &w, err, errsz)) > 0) {
			/* The page cache where it lies: no copy. */
			s->base = w.p;
			n = (size_t)got;
		} else {
			if (got == 0)
				got = source_read(src, pos, s->buf, s->block,
				    err, errsz);
			if (got < 0) {
				halt(s, SCAN_STOP_IO, s->buf);
				return -1;
			}
			n = (size_t)got;
		}
		if (n == 0)
			break;
		s->bufpos = pos;
		pos += n;
		rc = scan_block(s, s->base, s->base + n);
		/*
		 * The rows given as lasting are read for the last time, also
		 * after a stop (an earlier one keeps its reason).
		 */
		if (s->releasecb != NULL &&
		    s->releasecb(s->arg, s->err, s->errsz) == -1 && rc != -1) {
			halt(s, SCAN_STOP_ROW, s->base + n);
			rc = -1;
		}
		/* A window that lost pages was read as zeros: void. */
		if (source_unmap(src, &w, err, errsz) == -1) {
			halt(s, SCAN_STOP_IO, s->base);
			return -1;
		}
		if (rc != 0)
			return rc > 0 ? 0 : -1;
		if (s->blockcb != NULL && s->blockcb(s->arg, pos) != 0) {
			halt(s, SCAN_STOP_QUIT, s->base + n);
			return -1;
		}
	}
	s->bufpos = pos;
	s->base = s->buf;
	s->in_fini = 1;
	if (fini(s, s->buf) == -1)
		return -1;
	halt(s, SCAN_STOP_END, s->buf);
	return 0;
}

int
scan_seam(struct source *src, uint64_t from, uint64_t end, size_t window,
    char delim, uint64_t *at, char *err, size_t errsz)
{
	enum pstate	 ps = PS_ROW;
	char		*buf;
	uint64_t	 pos = from, x, s0 = 0;
	size_t		 spaces = 0, sz = 64 * 1024, i, want;
	ssize_t		 got;
	unsigned char	 c, d = (unsigned char)delim;
	int		 quoted = 0, term, started = 0, rc = 1;

	if ((buf = malloc(sz)) == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	while (pos < end) {
		want = end - pos < sz ? (size_t)(end - pos) : sz;
		if ((got = source_read(src, pos, buf, want, err, errsz)) < 0) {
			rc = -1;
			goto out;
		}
		if (got == 0)
			break;
		for (i = 0; i < (size_t)got; i++) {
			c = (unsigned char)buf[i];
			x = pos + i + 1;
			if (!started) {
				if (c == '\n') {
					started = 1;
					s0 = x;
					if (window == 0) {
						*at = x;
						rc = 0;
						goto out;
					}
				}
				continue;
			}
			/* The byte machine's transitions, without the data. */
			term = 0;
			switch (ps) {
			case PS_ROW:
			case PS_FIELD:
				if ((c == ' ' || c == '\t') && c != d)
					break;
				if (c == '\r' || c == '\n') {
					ps = PS_ROW;
					term = 1;
				} else if (c == d)
					ps = PS_FIELD;
				else {
					ps = PS_IN;
					quoted = c == '"';
				}
				break;
			case PS_IN:
				if (c == '"') {
					if (quoted) {
						ps = PS_END;
						spaces = 0;
					}
				} else if (c == d) {
					if (!quoted)
						ps = PS_FIELD;
				} else if ((c == '\r' || c == '\n') && !quoted) {
					ps = PS_ROW;
					term = 1;
				}
				break;
			case PS_END:
				if (c == d)
					ps = PS_FIELD;
				else if (c == '\r' || c == '\n') {
					ps = PS_ROW;
					term = 1;
				} else if (c == ' ' || c == '\t')
					spaces++;
				else if (c == '"') {
					if (spaces)
						spaces = 0;
					else
						ps = PS_IN;
				} else {
					ps = PS_IN;
					spaces = 0;
				}
				break;
			default:
				break;
			}
			if (term && x >= s0 + window) {
				*at = x;
				rc = 0;
				goto out;
			}
		}
		pos += (uint64_t)got;
	}
out:
	free(buf);
	if (rc == 0 && *at >= end)
		rc = 1;
	return rc;
}

void
scan_message(const struct scan_result *res, char *err, size_t errsz)
{
	if (res->stop == SCAN_STOP_LONG)
		reader_long_message(err, errsz, res->err_line, res->err_field,
		    res->err_line2);
	else if (res->stop == SCAN_STOP_OPEN)
		snprintf(err, errsz, "line %lu: unterminated quoted field at "
		    "the end of the input (the quote opened on line %lu)",
		    res->err_line, res->err_line2);
}
