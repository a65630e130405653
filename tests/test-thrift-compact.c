/*
 * The Thrift compact encoder against byte sequences worked out by hand from
 * the protocol's specification: field headers with short and long deltas,
 * zigzag varints (small, multi-byte, the extremes), bools in the type
 * nibble, binary, short and long list headers, and nested structs whose
 * field ids restart inside and resume outside.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "thrift.h"

static void
expect(const struct thrift *t, const unsigned char *want, size_t n,
    const char *what)
{
	size_t	 i;

	if (thrift_failed(t))
		th_fail(__FILE__, __LINE__, "%s: encoder failed", what);
	if (t->len != n || memcmp(t->buf, want, n) != 0) {
		fprintf(stderr, "%s: got", what);
		for (i = 0; i < t->len; i++)
			fprintf(stderr, " %02x", t->buf[i]);
		fprintf(stderr, "\n");
		th_fail(__FILE__, __LINE__, "%s: bytes differ", what);
	}
}

int
main(void)
{
	struct thrift	 t;
	int		 i;

	/* i32 field 1 = 1: delta 1, type 5; zigzag(1) = 2. */
	{
		static const unsigned char w[] = { 0x15, 0x02, 0x00 };

		thrift_init(&t);
		thrift_i32(&t, 1, 1);
		thrift_stop(&t);
		expect(&t, w, sizeof(w), "i32");
		thrift_free(&t);
	}
	/*
	 * i64 field 3 = -1 (zigzag 1), then i32 field 20 = 300 (delta 17:
	 * long form, type byte 5 then zigzag(20) = 40; zigzag(300) = 600 =
	 * 0x258: varint d8 04), then binary field 21 = "ab".
	 */
	{
		static const unsigned char w[] = { 0x36, 0x01, 0x05, 0x28,
		    0xd8, 0x04, 0x18, 0x02, 'a', 'b', 0x00 };

		thrift_init(&t);
		thrift_i64(&t, 3, -1);
		thrift_i32(&t, 20, 300);
		thrift_binary(&t, 21, "ab", 2);
		thrift_stop(&t);
		expect(&t, w, sizeof(w), "deltas");
		thrift_free(&t);
	}
	/* The extremes: INT64_MIN zigzags to 2^64-1, INT64_MAX to 2^64-2. */
	{
		static const unsigned char w[] = { 0x16,
		    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
		    0x16,
		    0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
		    0x00 };

		thrift_init(&t);
		thrift_i64(&t, 1, INT64_MIN);
		thrift_i64(&t, 2, INT64_MAX);
		thrift_stop(&t);
		expect(&t, w, sizeof(w), "extremes");
		thrift_free(&t);
	}
	/* Bools in the type nibble; i16 -2 zigzags to 3. */
	{
		static const unsigned char w[] = { 0x11, 0x12, 0x14, 0x03,
		    0x00 };

		thrift_init(&t);
		thrift_bool(&t, 1, 1);
		thrift_bool(&t, 2, 0);
		thrift_i16(&t, 3, -2);
		thrift_stop(&t);
		expect(&t, w, sizeof(w), "bools");
		thrift_free(&t);
	}
	/*
	 * A list of two i32 (size 2 in the high nibble, type 5), and a list
	 * of 20 binaries (0xf8, then the size 20 as a varint).
	 */
	{
		unsigned char	 w[4 + 3 + 20 * 2 + 1];
		size_t		 n = 0;

		w[n++] = 0x19;
		w[n++] = 0x25;
		w[n++] = 0x00;
		w[n++] = 0x0e;
		w[n++] = 0x19;
		w[n++] = 0xf8;
		w[n++] = 0x14;
		for (i = 0; i < 20; i++) {
			w[n++] = 0x01;
			w[n++] = 'x';
		}
		w[n++] = 0x00;
		thrift_init(&t);
		thrift_list(&t, 1, THRIFT_I32, 2);
		thrift_elem_i32(&t, 0);
		thrift_elem_i32(&t, 7);
		thrift_list(&t, 2, THRIFT_BINARY, 20);
		for (i = 0; i < 20; i++)
			thrift_elem_binary(&t, "x", 1);
		thrift_stop(&t);
		expect(&t, w, n, "lists");
		thrift_free(&t);
	}
	/*
	 * Nesting: struct field 5 (0x5c) holding i32 field 1 = 5 (0x15 0x0a)
	 * and an empty struct field 2 (0x1c 0x00), closed by 0x00; then i32
	 * field 6 outside (delta 1 from 5: 0x15); then a list of one struct
	 * whose field 4 is i32 0 (0x45 0x00), closed.
	 */
	{
		static const unsigned char w[] = { 0x5c, 0x15, 0x0a, 0x1c,
		    0x00, 0x00, 0x15, 0x02, 0x19, 0x1c, 0x45, 0x00, 0x00,
		    0x00 };

		thrift_init(&t);
		thrift_struct_begin(&t, 5);
		thrift_i32(&t, 1, 5);
		thrift_struct_begin(&t, 2);
		thrift_struct_end(&t);
		thrift_struct_end(&t);
		thrift_i32(&t, 6, 1);
		thrift_list(&t, 7, THRIFT_STRUCT, 1);
		thrift_elem_struct_begin(&t);
		thrift_i32(&t, 4, 0);
		thrift_struct_end(&t);
		thrift_stop(&t);
		expect(&t, w, sizeof(w), "nesting");
		thrift_free(&t);
	}
	/* Closing more structs than were opened is a failure, not bytes. */
	thrift_init(&t);
	thrift_struct_end(&t);
	CHECK(thrift_failed(&t));
	thrift_free(&t);
	return 0;
}
