/*
 * The Thrift compact protocol encoder (see thrift.h), written from the
 * protocol's specification (thrift/doc/specs/thrift-compact-protocol.md):
 *
 * - integers are zigzag-encoded (0, -1, 1, -2 become 0, 1, 2, 3) and
 *   written as unsigned LEB128 varints, 7 bits a byte, low bits first;
 * - a field header is one byte, the id's delta from the previous field of
 *   the same struct in the high nibble and the type in the low one, when
 *   the delta is 1 to 15; otherwise the type byte and the id as a zigzag
 *   varint;
 * - a bool field carries its value in the type (1 true, 2 false);
 * - binary is a varint length and the bytes;
 * - a list header is one byte, size in the high nibble and element type
 *   in the low one, when the size is below 15; otherwise 0xF in the high
 *   nibble and the size as a varint after it;
 * - a struct ends with a stop byte, 0, and field ids restart inside it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "thrift.h"

void
thrift_init(struct thrift *t)
{
	memset(t, 0, sizeof(*t));
}

void
thrift_free(struct thrift *t)
{
	free(t->buf);
	memset(t, 0, sizeof(*t));
}

int
thrift_failed(const struct thrift *t)
{
	return t->failed;
}

static void
put(struct thrift *t, const void *p, size_t n)
{
	unsigned char	*nb;
	size_t		 cap;

	if (t->failed)
		return;
	if (n > t->cap - t->len) {
		cap = t->cap ? t->cap : 256;
		while (n > cap - t->len) {
			if (cap > SIZE_MAX / 2) {
				t->failed = 1;
				return;
			}
			cap *= 2;
		}
		if ((nb = realloc(t->buf, cap)) == NULL) {
			t->failed = 1;
			return;
		}
		t->buf = nb;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, p, n);
	t->len += n;
}

static void
byte(struct thrift *t, unsigned v)
{
	unsigned char	 c = (unsigned char)v;

	put(t, &c, 1);
}

void
thrift_varint(struct thrift *t, uint64_t v)
{
	unsigned char	 b[10];
	size_t		 n = 0;

	while (v >= 0x80) {
		b[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	b[n++] = (unsigned char)v;
	put(t, b, n);
}

static uint64_t
zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static void
field(struct thrift *t, int16_t id, enum thrift_type type)
{
	int	 delta = (int)id - (int)t->last[t->depth];

	if (delta > 0 && delta <= 15)
		byte(t, (unsigned)(delta << 4) | type);
	else {
		byte(t, type);
		thrift_varint(t, zigzag(id));
	}
	t->last[t->depth] = id;
}

void
thrift_bool(struct thrift *t, int16_t id, int v)
{
	field(t, id, v ? THRIFT_TRUE : THRIFT_FALSE);
}

void
thrift_i16(struct thrift *t, int16_t id, int16_t v)
{
	field(t, id, THRIFT_I16);
	thrift_varint(t, zigzag(v));
}

void
thrift_i32(struct thrift *t, int16_t id, int32_t v)
{
	field(t, id, THRIFT_I32);
	thrift_varint(t, zigzag(v));
}

void
thrift_i64(struct thrift *t, int16_t id, int64_t v)
{
	field(t, id, THRIFT_I64);
	thrift_varint(t, zigzag(v));
}

void
thrift_binary(struct thrift *t, int16_t id, const void *p, size_t n)
{
	field(t, id, THRIFT_BINARY);
	thrift_elem_binary(t, p, n);
}

static void
enter(struct thrift *t)
{
	if (t->depth + 1 >= THRIFT_DEPTH) {
		t->failed = 1;
		return;
	}
	t->last[++t->depth] = 0;
}

void
thrift_struct_begin(struct thrift *t, int16_t id)
{
	field(t, id, THRIFT_STRUCT);
	enter(t);
}

void
thrift_elem_struct_begin(struct thrift *t)
{
	enter(t);
}

void
thrift_struct_end(struct thrift *t)
{
	byte(t, THRIFT_STOP);
	if (t->depth > 0)
		t->depth--;
	else
		t->failed = 1;
}

void
thrift_list(struct thrift *t, int16_t id, enum thrift_type elem, size_t n)
{
	field(t, id, THRIFT_LIST);
	if (n < 15)
		byte(t, (unsigned)(n << 4) | elem);
	else {
		byte(t, 0xf0 | elem);
		thrift_varint(t, n);
	}
}

void
thrift_elem_i32(struct thrift *t, int32_t v)
{
	thrift_varint(t, zigzag(v));
}

void
thrift_elem_binary(struct thrift *t, const void *p, size_t n)
{
	thrift_varint(t, n);
	put(t, p, n);
}

void
thrift_stop(struct thrift *t)
{
	byte(t, THRIFT_STOP);
}
