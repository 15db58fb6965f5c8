/* lib_arena_test.c: the region allocator, its deferred destructors and struct buf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/status.h"

#define BLOCK	(64 * 1024)	/* arena.c BLOCK_SIZE */

static int
aligned16(const void *p)
{
	return ((uintptr_t)p & 15) == 0;
}

static void
test_arena_alloc_aligns_every_allocation_to_16(void **state)
{
	static const size_t	 sizes[] = {
		0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 255, 1000, 4097,
		BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK,
	};
	struct arena		*a = arena_new();
	unsigned char		*p;
	size_t			 i, round;

	(void)state;
	/* Several rounds so allocations land at every offset within blocks. */
	for (round = 0; round < 50; round++)
		for (i = 0; i < NITEMS(sizes); i++) {
			p = arena_alloc(a, sizes[i]);
			assert_non_null(p);
			if (!aligned16(p))
				fail_msg("size %zu: %p not 16-aligned", sizes[i],
				    (void *)p);
			if (sizes[i] > 0) {
				/* The whole span is writable (ASan checks). */
				memset(p, 0xa5, sizes[i]);
				assert_int_equal(p[sizes[i] - 1], 0xa5);
			}
		}
	assert_true(aligned16(arena_calloc(a, 3, 5)));
	assert_true(aligned16(arena_strdup(a, "x")));
	assert_true(aligned16(arena_printf(a, "%d", 7)));
	arena_free(a);
}

static void
test_arena_alloc_serves_requests_larger_than_a_block(void **state)
{
	static const size_t	 sizes[] = {
		BLOCK + 1, 2 * BLOCK, 10 * BLOCK + 3, 1024 * 1024,
	};
	struct arena		*a = arena_new();
	unsigned char		*big[NITEMS(sizes)], *small;
	size_t			 i, j;

	(void)state;
	small = arena_alloc(a, 10);
	memcpy(small, "0123456789", 10);
	for (i = 0; i < NITEMS(sizes); i++) {
		big[i] = arena_alloc(a, sizes[i]);
		assert_true(aligned16(big[i]));
		memset(big[i], (int)i + 1, sizes[i]);
	}
	/* A small allocation after the large ones still works. */
	small = arena_alloc(a, 10);
	memcpy(small, "abcdefghij", 10);
	/* No allocation overwrote another. */
	for (i = 0; i < NITEMS(sizes); i++)
		for (j = 0; j < sizes[i]; j += 4093)
			assert_int_equal(big[i][j], (int)i + 1);
	for (i = 0; i < NITEMS(sizes); i++)
		assert_int_equal(big[i][sizes[i] - 1], (int)i + 1);
	assert_memory_equal(small, "abcdefghij", 10);
	arena_free(a);
}

static void
test_arena_allocations_do_not_overlap(void **state)
{
	struct arena	*a = arena_new();
	unsigned char	*p[2000];
	size_t		 i, j, n;

	(void)state;
	/* Enough to fill several blocks; each span is filled with its index. */
	for (i = 0; i < NITEMS(p); i++) {
		n = 1 + i % 97;
		p[i] = arena_alloc(a, n);
		memset(p[i], (int)(i & 0xff), n);
	}
	for (i = 0; i < NITEMS(p); i++) {
		n = 1 + i % 97;
		for (j = 0; j < n; j++)
			if (p[i][j] != (unsigned char)(i & 0xff))
				fail_msg("allocation %zu byte %zu overwritten", i,
				    j);
	}
	arena_free(a);
}

static void
test_arena_used_grows_then_reset_returns_it_to_zero(void **state)
{
	struct arena	*a = arena_new();
	size_t		 before;

	(void)state;
	assert_int_equal(arena_used(a), 0);
	arena_alloc(a, 1);
	assert_true(arena_used(a) >= 1);
	before = arena_used(a);
	arena_alloc(a, 100);
	assert_true(arena_used(a) >= before + 100);
	before = arena_used(a);
	arena_alloc(a, 3 * BLOCK);
	assert_true(arena_used(a) >= before + 3 * BLOCK);
	arena_reset(a);
	assert_int_equal(arena_used(a), 0);
	arena_alloc(a, 5);
	assert_true(arena_used(a) >= 5);
	arena_reset(a);
	assert_int_equal(arena_used(a), 0);
	arena_free(a);
}

static void
test_arena_reset_leaves_the_arena_usable(void **state)
{
	struct arena	*a = arena_new();
	char		*s, want[32];
	unsigned char	*big;
	size_t		 round, i;

	(void)state;
	for (round = 0; round < 5; round++) {
		/* Fill past the first block, then reset, then use it again. */
		for (i = 0; i < 200; i++)
			arena_alloc(a, 1000);
		big = arena_alloc(a, 2 * BLOCK);
		memset(big, 0x5a, 2 * BLOCK);
		arena_reset(a);
		s = arena_printf(a, "round %zu", round);
		assert_true(aligned16(s));
		big = arena_alloc(a, BLOCK + 17);
		memset(big, 0x3c, BLOCK + 17);
		assert_int_equal(big[BLOCK + 16], 0x3c);
		snprintf(want, sizeof(want), "round %zu", round);
		assert_string_equal(s, want);
		arena_reset(a);
	}
	arena_free(a);
}

/* Deferred destructors append their tag to a log, so order can be checked. */
struct dlog {
	char	order[32];
	size_t	n;
};

struct dtag {
	struct dlog	*log;
	char		 tag;
};

static void
record(void *arg)
{
	struct dtag	*t = arg;

	t->log->order[t->log->n++] = t->tag;
	t->log->order[t->log->n] = '\0';
}

static void
test_arena_reset_runs_deferred_destructors_last_in_first_out(void **state)
{
	struct arena	*a = arena_new();
	struct dlog	 log = { "", 0 };
	struct dtag	 t[] = {
		{ &log, 'a' }, { &log, 'b' }, { &log, 'c' }, { &log, 'd' },
	};
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		arena_defer(a, record, &t[i]);
		arena_alloc(a, BLOCK / 2);	/* spread defers over blocks */
	}
	assert_int_equal(log.n, 0);
	arena_reset(a);
	assert_string_equal(log.order, "dcba");

	/* Each runs once: a second reset runs nothing more. */
	arena_reset(a);
	assert_string_equal(log.order, "dcba");

	/* Defers registered after a reset run at the next one. */
	arena_defer(a, record, &t[0]);
	arena_defer(a, record, &t[1]);
	arena_reset(a);
	assert_string_equal(log.order, "dcbaba");
	arena_free(a);
	assert_string_equal(log.order, "dcbaba");
}

static void
test_arena_free_runs_deferred_destructors_last_in_first_out(void **state)
{
	struct arena	*a = arena_new();
	struct dlog	 log = { "", 0 };
	struct dtag	 t[] = { { &log, 'x' }, { &log, 'y' }, { &log, 'z' } };
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++)
		arena_defer(a, record, &t[i]);
	arena_free(a);
	assert_string_equal(log.order, "zyx");
	arena_free(NULL);	/* a no-op, like free(NULL) */
}

/* A destructor that reads arena memory: it must run before blocks are freed. */
struct reads_arena {
	char	*s;
	char	 seen[16];
};

static void
copy_out(void *arg)
{
	struct reads_arena	*r = arg;

	strcpy(r->seen, r->s);
}

static void
test_arena_deferred_destructors_may_still_read_arena_memory(void **state)
{
	struct arena		*a = arena_new();
	struct reads_arena	 r;

	(void)state;
	memset(&r, 0, sizeof(r));
	arena_alloc(a, 2 * BLOCK);	/* a second block, freed by reset */
	r.s = arena_strdup(a, "still here");
	arena_defer(a, copy_out, &r);
	arena_reset(a);
	assert_string_equal(r.seen, "still here");
	arena_free(a);
}

static void
test_arena_strndup_copies_n_bytes_and_terminates(void **state)
{
	static const struct {
		const char	*in;
		size_t		 n;
		const char	*want;
	} c[] = {
		{ "hello", 5, "hello" },
		{ "hello", 3, "hel" },
		{ "hello", 0, "" },
		{ "", 0, "" },
		{ "a\0bc", 4, "a" },	/* embedded NUL copied too */
	};
	struct arena	*a = arena_new();
	char		*p;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(c); i++) {
		p = arena_strndup(a, c[i].in, c[i].n);
		assert_ptr_not_equal(p, c[i].in);
		assert_memory_equal(p, c[i].in, c[i].n);
		assert_int_equal(p[c[i].n], '\0');
		assert_string_equal(p, c[i].want);
	}
	/* Not NUL-terminated input: only n bytes are read. */
	{
		char	raw[3] = { 'x', 'y', 'z' };

		p = arena_strndup(a, raw, sizeof(raw));
		assert_string_equal(p, "xyz");
	}
	arena_free(a);
}

static void
test_arena_strdup_copies_whole_strings(void **state)
{
	static const char	*c[] = { "", "a", "hello, world", "caf\xc3\xa9" };
	struct arena		*a = arena_new();
	char			 big[5000], *p;
	size_t			 i;

	(void)state;
	for (i = 0; i < NITEMS(c); i++) {
		p = arena_strdup(a, c[i]);
		assert_ptr_not_equal(p, c[i]);
		assert_string_equal(p, c[i]);
	}
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	p = arena_strdup(a, big);
	assert_int_equal(strlen(p), sizeof(big) - 1);
	assert_string_equal(p, big);
	arena_free(a);
}

static void
test_arena_printf_formats_and_terminates(void **state)
{
	struct arena	*a = arena_new();
	char		 big[3 * BLOCK], *p;

	(void)state;
	assert_string_equal(arena_printf(a, "%s", ""), "");
	assert_string_equal(arena_printf(a, "%d-%s-%c", 42, "x", 'y'),
	    "42-x-y");
	assert_string_equal(arena_printf(a, "%05.1f|%-3s|", 3.14159, "a"),
	    "003.1|a  |");
	assert_string_equal(arena_printf(a, "%zu %lld", (size_t)7,
	    (long long)-9000000000LL), "7 -9000000000");
	/* Longer than a block: the size is measured, not guessed. */
	memset(big, 'm', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	p = arena_printf(a, "<%s>", big);
	assert_int_equal(strlen(p), sizeof(big) + 1);
	assert_int_equal(p[0], '<');
	assert_int_equal(p[sizeof(big)], '>');
	assert_memory_equal(p + 1, big, sizeof(big) - 1);
	arena_free(a);
}

static void
test_arena_calloc_zeroes_memory(void **state)
{
	static const struct {
		size_t	n, size;
	} c[] = {
		{ 1, 1 }, { 10, 8 }, { 3, 17 }, { 1000, 100 }, { 0, 5 },
		{ 5, 0 }, { 1, 2 * BLOCK },
	};
	struct arena	*a = arena_new();
	unsigned char	*p;
	size_t		 i, j, round;

	(void)state;
	/* Dirty memory first, reset, then calloc over the same bytes. */
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 64; i++)
			memset(arena_alloc(a, 1000), 0xff, 1000);
		arena_reset(a);
		for (i = 0; i < NITEMS(c); i++) {
			p = arena_calloc(a, c[i].n, c[i].size);
			assert_non_null(p);
			assert_true(aligned16(p));
			for (j = 0; j < c[i].n * c[i].size; j++)
				if (p[j] != 0)
					fail_msg("case %zu byte %zu is %d", i, j,
					    p[j]);
		}
	}
	arena_free(a);
}

static void
test_buf_init_is_empty_and_terminated(void **state)
{
	struct arena	*a = arena_new();
	struct buf	 b;

	(void)state;
	buf_init(&b, a);
	assert_ptr_equal(b.a, a);
	assert_int_equal(b.len, 0);
	assert_non_null(b.p);
	assert_string_equal(b.p, "");
	buf_put(&b, "", 0);
	buf_puts(&b, "");
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	arena_free(a);
}

static void
test_buf_put_grows_across_100k_single_bytes(void **state)
{
	struct arena	*a = arena_new();
	struct buf	 b;
	size_t		 i, n = 100000;

	(void)state;
	buf_init(&b, a);
	for (i = 0; i < n; i++) {
		buf_putc(&b, (char)('a' + i % 26));
		/* Terminated after every append, not only at the end. */
		if (b.p[b.len] != '\0')
			fail_msg("not terminated after %zu bytes", i + 1);
	}
	assert_int_equal(b.len, n);
	assert_true(b.cap > b.len);
	assert_int_equal(strlen(b.p), n);
	for (i = 0; i < n; i++)
		if (b.p[i] != (char)('a' + i % 26))
			fail_msg("byte %zu is %c", i, b.p[i]);
	arena_free(a);
}

static void
test_buf_put_puts_and_printf_keep_exact_content(void **state)
{
	struct arena	*a = arena_new();
	struct buf	 b;
	char		*want, chunk[777];
	size_t		 i, wlen = 0, cap = 200000;

	(void)state;
	want = test_malloc(cap);
	buf_init(&b, a);
	memset(chunk, 'k', sizeof(chunk));
	/* Mixed appends of different sizes, mirrored into want. */
	for (i = 0; wlen < 100000; i++) {
		char	tmp[64];
		int	n;

		switch (i % 4) {
		case 0:
			buf_puts(&b, "hello ");
			memcpy(want + wlen, "hello ", 6);
			wlen += 6;
			break;
		case 1:
			buf_putc(&b, '|');
			want[wlen++] = '|';
			break;
		case 2:
			buf_printf(&b, "[%zu:%s]", i, "v");
			n = snprintf(tmp, sizeof(tmp), "[%zu:%s]", i, "v");
			memcpy(want + wlen, tmp, (size_t)n);
			wlen += (size_t)n;
			break;
		case 3:
			buf_put(&b, chunk, 1 + i % sizeof(chunk));
			memcpy(want + wlen, chunk, 1 + i % sizeof(chunk));
			wlen += 1 + i % sizeof(chunk);
			break;
		}
		assert_int_equal(b.len, wlen);
		assert_int_equal(b.p[b.len], '\0');
	}
	assert_memory_equal(b.p, want, wlen);
	assert_int_equal(strlen(b.p), wlen);
	test_free(want);
	arena_free(a);
}

static void
test_buf_put_copies_embedded_nul_bytes(void **state)
{
	struct arena	*a = arena_new();
	struct buf	 b;

	(void)state;
	buf_init(&b, a);
	buf_put(&b, "a\0b", 3);
	buf_put(&b, "\0", 1);
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.p, "a\0b\0", 5);
	arena_free(a);
}

static void
test_buf_put_takes_one_append_larger_than_a_block(void **state)
{
	struct arena	*a = arena_new();
	struct buf	 b;
	char		*big;
	size_t		 n = 3 * BLOCK + 5;

	(void)state;
	big = test_malloc(n);
	memset(big, 'z', n);
	buf_init(&b, a);
	buf_puts(&b, "head:");
	buf_put(&b, big, n);
	buf_printf(&b, ":%s", "tail");
	assert_int_equal(b.len, 5 + n + 5);
	assert_memory_equal(b.p, "head:", 5);
	assert_memory_equal(b.p + 5, big, n);
	assert_string_equal(b.p + 5 + n, ":tail");
	test_free(big);
	arena_free(a);
}

static void
test_buf_printf_fills_exactly_to_capacity(void **state)
{
	struct arena	*a = arena_new();
	struct buf	 b;
	char		 s[600];
	size_t		 k;

	(void)state;
	/* Lengths around the initial 256-byte capacity and its doublings. */
	for (k = 250; k < 520; k++) {
		buf_init(&b, a);
		memset(s, 'p', k);
		s[k] = '\0';
		buf_printf(&b, "%s", s);
		assert_int_equal(b.len, k);
		assert_true(b.cap > b.len);
		assert_string_equal(b.p, s);
		buf_printf(&b, "%c", '!');
		assert_int_equal(b.len, k + 1);
		assert_int_equal(b.p[k], '!');
		assert_int_equal(b.p[k + 1], '\0');
	}
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_alloc_aligns_every_allocation_to_16),
		cmocka_unit_test(
		    test_arena_alloc_serves_requests_larger_than_a_block),
		cmocka_unit_test(test_arena_allocations_do_not_overlap),
		cmocka_unit_test(
		    test_arena_used_grows_then_reset_returns_it_to_zero),
		cmocka_unit_test(test_arena_reset_leaves_the_arena_usable),
		cmocka_unit_test(
		    test_arena_reset_runs_deferred_destructors_last_in_first_out),
		cmocka_unit_test(
		    test_arena_free_runs_deferred_destructors_last_in_first_out),
		cmocka_unit_test(
		    test_arena_deferred_destructors_may_still_read_arena_memory),
		cmocka_unit_test(
		    test_arena_strndup_copies_n_bytes_and_terminates),
		cmocka_unit_test(test_arena_strdup_copies_whole_strings),
		cmocka_unit_test(test_arena_printf_formats_and_terminates),
		cmocka_unit_test(test_arena_calloc_zeroes_memory),
		cmocka_unit_test(test_buf_init_is_empty_and_terminated),
		cmocka_unit_test(test_buf_put_grows_across_100k_single_bytes),
		cmocka_unit_test(
		    test_buf_put_puts_and_printf_keep_exact_content),
		cmocka_unit_test(test_buf_put_copies_embedded_nul_bytes),
		cmocka_unit_test(
		    test_buf_put_takes_one_append_larger_than_a_block),
		cmocka_unit_test(test_buf_printf_fills_exactly_to_capacity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
