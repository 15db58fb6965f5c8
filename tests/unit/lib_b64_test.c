/* lib_b64_test.c: base64 against libsodium's, and the inputs it must refuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "lib/b64.h"
#include "lib/status.h"

static void
test_b64_encode_matches_libsodium_for_every_length(void **state)
{
	unsigned char	in[100], back[100];
	char		mine[200], ref[200];
	size_t		n, len, got;

	(void)state;
	assert_true(sodium_init() >= 0);
	randombytes_buf(in, sizeof(in));
	for (n = 0; n < sizeof(in); n++) {
		len = b64_encode(mine, in, n);
		assert_int_equal(len, B64_ENCODED_LEN(n));
		sodium_bin2base64(ref, sizeof(ref), in, n,
		    sodium_base64_VARIANT_ORIGINAL);
		assert_int_equal(len, strlen(ref));
		assert_memory_equal(mine, ref, len);
		assert_int_equal(b64_decode(back, sizeof(back), mine, len, &got), 0);
		assert_int_equal(got, n);
		assert_memory_equal(back, in, n);
	}
}

static void
test_b64_decode_known_values(void **state)
{
	static const struct { const char *in, *out; } good[] = {
		{ "", "" }, { "Zg==", "f" }, { "Zm8=", "fo" }, { "Zm9v", "foo" },
		{ "Zm9vYg==", "foob" }, { "Zm9vYmE=", "fooba" }, { "Zm9vYmFy", "foobar" },
	};
	unsigned char	out[16];
	size_t		i, n;

	(void)state;
	for (i = 0; i < NITEMS(good); i++) {
		assert_int_equal(b64_decode(out, sizeof(out), good[i].in,
		    strlen(good[i].in), &n), 0);
		assert_int_equal(n, strlen(good[i].out));
		assert_memory_equal(out, good[i].out, n);
	}
}

static void
test_b64_decode_refuses_what_is_not_base64(void **state)
{
	static const char *const bad[] = { "Z", "Zg=", "Zm9", "Zg==Zg==", "=Zg=",
		"Z===", "Zm9v!A==", "Zm 9v", "Zm9v\n", "Zm-_", "====", "Zm=v" };
	unsigned char	out[16];
	size_t		i, n;

	(void)state;
	for (i = 0; i < NITEMS(bad); i++)
		assert_int_equal(b64_decode(out, sizeof(out), bad[i],
		    strlen(bad[i]), &n), -1);
	/* Too long for the buffer. */
	assert_int_equal(b64_decode(out, 2, "Zm9v", 4, &n), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b64_encode_matches_libsodium_for_every_length),
		cmocka_unit_test(test_b64_decode_known_values),
		cmocka_unit_test(test_b64_decode_refuses_what_is_not_base64),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
