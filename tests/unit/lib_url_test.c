/* lib_url_test.c: percent-encoding and URLs built from templates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/status.h"
#include "lib/url.h"

struct ecase {
	const char	*in;
	const char	*segment;	/* keep_slash = 0 */
	const char	*path;		/* keep_slash = 1 */
};

static void
run_encode(const struct ecase *c, size_t n)
{
	struct arena	*a = arena_new();
	size_t		 i;

	for (i = 0; i < n; i++) {
		print_message("input: \"%s\"\n", c[i].in);
		assert_string_equal(url_encode(a, c[i].in, 0), c[i].segment);
		assert_string_equal(url_encode(a, c[i].in, 1), c[i].path);
	}
	arena_free(a);
}

static void
test_url_encode_keeps_unreserved_characters(void **state)
{
	static const struct ecase	c[] = {
		{ "", "", "" },
		{ "abcxyz", "abcxyz", "abcxyz" },
		{ "ABCXYZ", "ABCXYZ", "ABCXYZ" },
		{ "0123456789", "0123456789", "0123456789" },
		{ "-._~", "-._~", "-._~" },
		{ "a-b.c_d~e", "a-b.c_d~e", "a-b.c_d~e" },
	};

	(void)state;
	run_encode(c, NITEMS(c));
}

static void
test_url_encode_escapes_reserved(void **state)
{
	static const struct ecase	c[] = {
		{ " ", "%20", "%20" },
		{ "a b", "a%20b", "a%20b" },
		{ "&", "%26", "%26" },
		{ "=", "%3D", "%3D" },
		{ "?", "%3F", "%3F" },
		{ "#", "%23", "%23" },
		{ "%", "%25", "%25" },
		{ "%20", "%2520", "%2520" },	/* not decoded first */
		{ "+", "%2B", "%2B" },
		{ ":@!$'()*,;", "%3A%40%21%24%27%28%29%2A%2C%3B",
		    "%3A%40%21%24%27%28%29%2A%2C%3B" },
		{ "\"<>\\^`{|}[]", "%22%3C%3E%5C%5E%60%7B%7C%7D%5B%5D",
		    "%22%3C%3E%5C%5E%60%7B%7C%7D%5B%5D" },
		{ "a=1&b=2", "a%3D1%26b%3D2", "a%3D1%26b%3D2" },
		{ "\t\r\n\x01\x7f", "%09%0D%0A%01%7F", "%09%0D%0A%01%7F" },
	};

	(void)state;
	run_encode(c, NITEMS(c));
}

static void
test_url_encode_keeps_slash_only_when_asked(void **state)
{
	static const struct ecase	c[] = {
		{ "/", "%2F", "/" },
		{ "a/b", "a%2Fb", "a/b" },
		{ "/docs/a b/", "%2Fdocs%2Fa%20b%2F", "/docs/a%20b/" },
		{ "../x", "..%2Fx", "../x" },
	};

	(void)state;
	run_encode(c, NITEMS(c));
}

static void
test_url_encode_escapes_utf8_bytes_in_uppercase_hex(void **state)
{
	static const struct ecase	c[] = {
		{ "caf\xc3\xa9", "caf%C3%A9", "caf%C3%A9" },
		{ "\xe2\x82\xac", "%E2%82%AC", "%E2%82%AC" },
		{ "\xf0\x9f\x98\x80", "%F0%9F%98%80", "%F0%9F%98%80" },
		{ "\xff\xfe", "%FF%FE", "%FF%FE" },	/* invalid UTF-8 too */
		{ "\xd0\x9c/\xd0\xb8", "%D0%9C%2F%D0%B8", "%D0%9C/%D0%B8" },
	};

	(void)state;
	run_encode(c, NITEMS(c));
}

static void
test_url_encode_handles_long_input(void **state)
{
	struct arena	*a = arena_new();
	char		 in[3001], *out;
	size_t		 i;

	(void)state;
	/* Three times longer encoded: grows well past the initial buffer. */
	memset(in, ' ', sizeof(in) - 1);
	in[sizeof(in) - 1] = '\0';
	out = url_encode(a, in, 0);
	assert_int_equal(strlen(out), 3 * (sizeof(in) - 1));
	for (i = 0; i < sizeof(in) - 1; i++)
		assert_memory_equal(out + 3 * i, "%20", 3);
	arena_free(a);
}

static void
test_url_build_fills_placeholders_with_encoded_values(void **state)
{
	struct arena	*a = arena_new();

	(void)state;
	assert_string_equal(url_build(a, "/admin", NULL), "/admin");
	assert_string_equal(url_build(a, "/admin/users/%/reset", "42", NULL),
	    "/admin/users/42/reset");
	assert_string_equal(url_build(a, "/i/%/q/%", "7", "3", NULL),
	    "/i/7/q/3");
	assert_string_equal(url_build(a, "/%/%/%", "a", "b", "c", NULL),
	    "/a/b/c");
	/* Values are encoded; the template itself is copied as it is. */
	assert_string_equal(url_build(a, "/u/%/f/%", "a b", "x/y", NULL),
	    "/u/a%20b/f/x%2Fy");
	assert_string_equal(url_build(a, "/search?q=%&page=%",
	    "rock & roll=1?#", "2", NULL),
	    "/search?q=rock%20%26%20roll%3D1%3F%23&page=2");
	assert_string_equal(url_build(a, "/t/%/%", "caf\xc3\xa9", "100%",
	    NULL), "/t/caf%C3%A9/100%25");
	assert_string_equal(url_build(a, "%%", "a", "b", NULL), "ab");
	assert_string_equal(url_build(a, "/e/%/", "", NULL), "/e//");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_encode_keeps_unreserved_characters),
		cmocka_unit_test(test_url_encode_escapes_reserved),
		cmocka_unit_test(test_url_encode_keeps_slash_only_when_asked),
		cmocka_unit_test(
		    test_url_encode_escapes_utf8_bytes_in_uppercase_hex),
		cmocka_unit_test(test_url_encode_handles_long_input),
		cmocka_unit_test(
		    test_url_build_fills_placeholders_with_encoded_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
