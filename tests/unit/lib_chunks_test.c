/* lib_chunks_test.c: a resumable upload's chunks: checksums, repeats, order, gaps, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <sodium.h>

#include "lib/arena.h"
#include "lib/chunks.h"
#include "lib/crypto.h"
#include "lib/status.h"

static char		 dir[64];
static struct arena	*A;

static int
setup(void **state)
{
	char	 tmpl[] = "/tmp/viva-chunks-test.XXXXXX";

	(void)state;
	if (crypto_init() != ST_OK || mkdtemp(tmpl) == NULL)
		return -1;
	snprintf(dir, sizeof(dir), "%s/up", tmpl);
	A = arena_new();
	return 0;
}

static int
teardown(void **state)
{
	char	*parent = strdup(dir);

	(void)state;
	chunks_remove(dir);
	*strrchr(parent, '/') = '\0';
	rmdir(parent);
	free(parent);
	arena_free(A);
	return 0;
}

static const char *
sha(const char *s)
{
	unsigned char	 h[32];
	static char	 hex[65];

	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return hex;
}

static void
put_ok(int i, int total, const char *s)
{
	char	 hex[65];

	snprintf(hex, sizeof(hex), "%s", sha(s));
	assert_int_equal(chunks_put(A, dir, i, total, CS_SHA256, s, strlen(s),
	    hex), CH_OK);
}

static void
test_chunks_sum_valid_wants_64_hex(void **state)
{
	(void)state;
	assert_true(chunks_sum_valid(sha("x")));
	assert_false(chunks_sum_valid("abc"));
	assert_false(chunks_sum_valid(NULL));
	assert_false(chunks_sum_valid("g123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef"));
}

static void
test_chunks_blake2b_is_accepted_too(void **state)
{
	unsigned char	 h[32];
	char		 hex[65];

	(void)state;
	crypto_generichash(h, 32, (const unsigned char *)"abc", 3, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	assert_true(chunks_sum_matches(CS_BLAKE2B, "abc", 3, hex));
	assert_false(chunks_sum_matches(CS_SHA256, "abc", 3, hex));
}

static void
test_chunks_put_refuses_a_wrong_sum_and_keeps_nothing(void **state)
{
	unsigned char	 have[3];
	long long	 bytes;

	(void)state;
	assert_int_equal(chunks_put(A, dir, 0, 3, CS_SHA256, "abc", 3,
	    sha("abd")), CH_BAD_SUM);
	assert_int_equal(chunks_have(dir, 3, have, &bytes), 0);
	assert_int_equal(chunks_put(A, dir, 3, 3, CS_SHA256, "abc", 3,
	    sha("abc")), CH_BAD_INDEX);
	assert_int_equal(chunks_put(A, dir, -1, 3, CS_SHA256, "abc", 3,
	    sha("abc")), CH_BAD_INDEX);
	assert_int_equal(chunks_put(A, dir, 0, 3, CS_SHA256, "", 0,
	    sha("")), CH_EMPTY);
}

/* Out of order, one repeated, one missing; then the gap filled and assembled. */
static void
test_chunks_out_of_order_and_repeated_then_assembled(void **state)
{
	unsigned char	 have[4];
	char		 path[] = "/tmp/viva-chunks-out.XXXXXX", buf[64];
	long long	 bytes;
	int		 fd;

	(void)state;
	put_ok(2, 4, "cc");
	put_ok(0, 4, "a");
	put_ok(2, 4, "cc");
	put_ok(3, 4, "dddd");
	assert_int_equal(chunks_have(dir, 4, have, &bytes), 3);
	assert_int_equal(have[1], 0);
	assert_int_equal(have[2], 1);
	assert_int_equal(bytes, 7);
	assert_true((fd = mkstemp(path)) >= 0);
	unlink(path);
	assert_int_equal(chunks_assemble(dir, 4, 1000, fd, &bytes),
	    ST_CONFLICT);
	put_ok(1, 4, "bbb");
	assert_int_equal(ftruncate(fd, 0), 0);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	assert_int_equal(chunks_assemble(dir, 4, 1000, fd, &bytes), ST_OK);
	assert_int_equal(bytes, 10);
	assert_int_equal(pread(fd, buf, sizeof(buf), 0), 10);
	assert_memory_equal(buf, "abbbccdddd", 10);
	assert_int_equal(ftruncate(fd, 0), 0);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	assert_int_equal(chunks_assemble(dir, 4, 9, fd, &bytes), ST_TOOLARGE);
	assert_true(bytes <= 9);
	close(fd);
	chunks_remove(dir);
	assert_int_equal(chunks_have(dir, 4, have, &bytes), 0);
	assert_int_equal(access(dir, F_OK), -1);
}

/* A client cannot send more than it announced, a repeat replacing its chunk. */
static void
test_chunks_fits_counts_a_repeat_once(void **state)
{
	(void)state;
	put_ok(0, 3, "aaaa");
	put_ok(1, 3, "bbbb");
	assert_true(chunks_fits(dir, 3, 2, 2, 10));
	assert_false(chunks_fits(dir, 3, 2, 3, 10));
	assert_true(chunks_fits(dir, 3, 1, 6, 10));	/* replaces 1's 4 bytes */
	assert_false(chunks_fits(dir, 3, 1, 7, 10));
	chunks_remove(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chunks_sum_valid_wants_64_hex),
		cmocka_unit_test(test_chunks_blake2b_is_accepted_too),
		cmocka_unit_test(test_chunks_put_refuses_a_wrong_sum_and_keeps_nothing),
		cmocka_unit_test(test_chunks_out_of_order_and_repeated_then_assembled),
		cmocka_unit_test(test_chunks_fits_counts_a_repeat_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
