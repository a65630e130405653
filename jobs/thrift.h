/*
 * The Thrift compact protocol, write side only, as Parquet uses it for its
 * footer and page headers: structs of numbered fields, lists, zigzag
 * varints.  The encoder appends to a growing buffer; it knows nothing of
 * Parquet's structs (parquet.c lays those out field by field).  Reading
 * Thrift is not needed: tally never reads Parquet.
 *
 * A failed allocation or a struct nested too deep sets a sticky flag that
 * every later call honours, so a caller checks thrift_failed() once at the
 * end instead of after each field.
 */
#ifndef TALLY_THRIFT_H
#define TALLY_THRIFT_H

#include <stddef.h>
#include <stdint.h>

/* The compact protocol's type codes (field headers and list headers). */
enum thrift_type {
	THRIFT_STOP = 0,
	THRIFT_TRUE = 1,	/* a bool field holding true */
	THRIFT_FALSE = 2,	/* a bool field holding false; a bool in a list */
	THRIFT_BYTE = 3,
	THRIFT_I16 = 4,
	THRIFT_I32 = 5,
	THRIFT_I64 = 6,
	THRIFT_DOUBLE = 7,
	THRIFT_BINARY = 8,
	THRIFT_LIST = 9,
	THRIFT_SET = 10,
	THRIFT_MAP = 11,
	THRIFT_STRUCT = 12,
	THRIFT__MAX
};

/* Structs nest at most this deep (Parquet's footer needs five). */
#define THRIFT_DEPTH	16

struct thrift {
	unsigned char	*buf;		/* owned; len bytes written */
	size_t		 len;
	size_t		 cap;
	int		 failed;
	int		 depth;
	int16_t		 last[THRIFT_DEPTH];	/* last field id per level */
};

/* Start an empty encoder at the top level of a struct. */
void		 thrift_init(struct thrift *t);

/* Free the buffer.  The encoder may be initialised again. */
void		 thrift_free(struct thrift *t);

/* Whether any call failed (memory, depth): the bytes are then useless. */
int		 thrift_failed(const struct thrift *t);

/* Fields of the current struct; ids must be above 0. */
void		 thrift_bool(struct thrift *t, int16_t id, int v);
void		 thrift_i16(struct thrift *t, int16_t id, int16_t v);
void		 thrift_i32(struct thrift *t, int16_t id, int32_t v);
void		 thrift_i64(struct thrift *t, int16_t id, int64_t v);
void		 thrift_binary(struct thrift *t, int16_t id, const void *p,
		    size_t n);

/*
 * A struct field: thrift_struct_begin() writes its header and enters it,
 * thrift_struct_end() writes its stop byte and leaves it.  A union is a
 * struct with one field set.
 */
void		 thrift_struct_begin(struct thrift *t, int16_t id);
void		 thrift_struct_end(struct thrift *t);

/*
 * A list field of n elements of type elem, which the caller then writes
 * with the thrift_elem_*() calls (or thrift_elem_struct_begin() and
 * thrift_struct_end() for each struct element).  Nothing closes a list.
 */
void		 thrift_list(struct thrift *t, int16_t id, enum thrift_type elem,
		    size_t n);
void		 thrift_elem_i32(struct thrift *t, int32_t v);
void		 thrift_elem_binary(struct thrift *t, const void *p, size_t n);
void		 thrift_elem_struct_begin(struct thrift *t);

/* End the top-level struct with its stop byte. */
void		 thrift_stop(struct thrift *t);

/* Append an unsigned LEB128 varint, as the protocol writes lengths. */
void		 thrift_varint(struct thrift *t, uint64_t v);

#endif /* TALLY_THRIFT_H */
