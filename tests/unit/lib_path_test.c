/* lib_path_test.c: the router's pattern matcher, path_match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/path.h"
#include "lib/status.h"

#define MAXARGS	4

struct pcase {
	const char	*pattern;
	const char	*path;
	int		 match;
	const char	*args[MAXARGS + 1];	/* expected captures, NULL-ended */
};

static void
run_cases(const struct pcase *c, size_t n, size_t maxargs)
{
	struct arena	*a = arena_new();
	const char	*args[MAXARGS + 1];
	size_t		 i, j;
	int		 got;

	for (i = 0; i < n; i++) {
		memset(args, 0, sizeof(args));
		got = path_match(a, c[i].pattern, c[i].path, args, maxargs);
		if (got != c[i].match)
			fail_msg("path_match(\"%s\", \"%s\", max %zu) = %d, "
			    "want %d", c[i].pattern, c[i].path, maxargs, got,
			    c[i].match);
		if (!got)
			continue;
		for (j = 0; c[i].args[j] != NULL; j++) {
			if (args[j] == NULL)
				fail_msg("\"%s\" ~ \"%s\": capture %zu missing",
				    c[i].pattern, c[i].path, j);
			assert_string_equal(args[j], c[i].args[j]);
		}
		/* Nothing captured beyond what the pattern names. */
		if (args[j] != NULL)
			fail_msg("\"%s\" ~ \"%s\": extra capture \"%s\"",
			    c[i].pattern, c[i].path, args[j]);
	}
	arena_free(a);
}

static void
test_path_match_compares_literal_paths_exactly(void **state)
{
	static const struct pcase	c[] = {
		{ "/", "/", 1, { NULL } },
		{ "/login", "/login", 1, { NULL } },
		{ "/admin/users", "/admin/users", 1, { NULL } },
		{ "/login", "/logout", 0, { NULL } },
		{ "/login", "/Login", 0, { NULL } },	/* case-sensitive */
		{ "/", "", 0, { NULL } },
		{ "", "/", 0, { NULL } },
		{ "", "", 1, { NULL } },
		{ "/a", "/b", 0, { NULL } },
	};

	(void)state;
	run_cases(c, NITEMS(c), MAXARGS);
}

static void
test_path_match_rejects_prefixes_either_way(void **state)
{
	static const struct pcase	c[] = {
		{ "/admin", "/admin/users", 0, { NULL } },
		{ "/admin/users", "/admin", 0, { NULL } },
		{ "/admin", "/administrator", 0, { NULL } },
		{ "/administrator", "/admin", 0, { NULL } },
		{ "/i/:id", "/i/7/edit", 0, { NULL } },
		{ "/i/:id/edit", "/i/7", 0, { NULL } },
		{ "/", "/login", 0, { NULL } },
	};

	(void)state;
	run_cases(c, NITEMS(c), MAXARGS);
}

static void
test_path_match_treats_trailing_slash_as_significant(void **state)
{
	static const struct pcase	c[] = {
		{ "/admin", "/admin/", 0, { NULL } },
		{ "/admin/", "/admin", 0, { NULL } },
		{ "/admin/", "/admin/", 1, { NULL } },
		{ "/i/:id", "/i/7/", 0, { NULL } },
		{ "/i/:id/", "/i/7", 0, { NULL } },
		{ "/i/:id/", "/i/7/", 1, { "7", NULL } },
	};

	(void)state;
	run_cases(c, NITEMS(c), MAXARGS);
}

static void
test_path_match_captures_named_segments(void **state)
{
	static const struct pcase	c[] = {
		{ "/i/:id", "/i/42", 1, { "42", NULL } },
		{ "/admin/users/:id/reset", "/admin/users/42/reset", 1,
		    { "42", NULL } },
		{ "/admin/users/:id/reset", "/admin/users/42/resets", 0,
		    { NULL } },
		{ "/admin/users/:id/reset", "/admin/users/42/rese", 0,
		    { NULL } },
		{ "/i/:iid/q/:qid", "/i/7/q/3", 1, { "7", "3", NULL } },
		{ "/i/:iid/q/:qid/edit", "/i/abc-def/q/x_y.z/edit", 1,
		    { "abc-def", "x_y.z", NULL } },
		{ "/i/:iid/q/:qid", "/i/7/x/3", 0, { NULL } },
		{ "/:a/:b", "/x/y", 1, { "x", "y", NULL } },
		{ "/:a", "/%20caf%C3%A9", 1, { "%20caf%C3%A9", NULL } },
		{ "/:a", "/:a", 1, { ":a", NULL } },
		{ "/t/:tok", "/t/k2Jq9x-_Zz0AbCdEfGhIjKlMnOpQrStUvWxYz012345",
		    1, { "k2Jq9x-_Zz0AbCdEfGhIjKlMnOpQrStUvWxYz012345",
		    NULL } },
	};

	(void)state;
	run_cases(c, NITEMS(c), MAXARGS);
}

static void
test_path_match_rejects_empty_capture_segments(void **state)
{
	static const struct pcase	c[] = {
		{ "/admin/users/:id/reset", "/admin/users//reset", 0,
		    { NULL } },
		{ "/i/:id", "/i/", 0, { NULL } },
		{ "/i/:id", "/i", 0, { NULL } },
		{ "/:a/:b", "//y", 0, { NULL } },
		{ "/:a/:b", "/x/", 0, { NULL } },
	};

	(void)state;
	run_cases(c, NITEMS(c), MAXARGS);
}

static void
test_path_match_capture_does_not_span_slash(void **state)
{
	static const struct pcase	c[] = {
		{ "/f/:name", "/f/a/b", 0, { NULL } },
		{ "/f/:name", "/f/a%2Fb", 1, { "a%2Fb", NULL } },
		{ "/f/:name/x", "/f/a/b/x", 0, { NULL } },
		{ "/:a", "/x/", 0, { NULL } },
	};

	(void)state;
	run_cases(c, NITEMS(c), MAXARGS);
}

static void
test_path_match_enforces_the_capture_limit(void **state)
{
	static const struct pcase	none[] = {
		{ "/i/:id", "/i/1", 0, { NULL } },
		{ "/login", "/login", 1, { NULL } },
	};
	static const struct pcase	one[] = {
		{ "/i/:id", "/i/1", 1, { "1", NULL } },
		{ "/i/:iid/q/:qid", "/i/1/q/2", 0, { NULL } },
	};
	static const struct pcase	two[] = {
		{ "/i/:iid/q/:qid", "/i/1/q/2", 1, { "1", "2", NULL } },
		{ "/:a/:b/:c", "/1/2/3", 0, { NULL } },
	};

	(void)state;
	run_cases(none, NITEMS(none), 0);
	run_cases(one, NITEMS(one), 1);
	run_cases(two, NITEMS(two), 2);
}

static void
test_path_match_writes_no_more_than_maxargs(void **state)
{
	struct arena	*a = arena_new();
	const char	*args[3];
	const char	 canary[] = "canary";

	(void)state;
	/* Room for one capture; the slot after it must stay untouched. */
	args[0] = args[1] = args[2] = canary;
	assert_false(path_match(a, "/:a/:b/:c", "/1/2/3", args, 1));
	assert_ptr_equal(args[1], canary);
	assert_ptr_equal(args[2], canary);
	arena_free(a);
}

static void
test_path_match_captures_are_copies_in_the_arena(void **state)
{
	struct arena	*a = arena_new();
	const char	*args[2] = { NULL, NULL };
	char		 path[] = "/i/123/q/45";

	(void)state;
	assert_true(path_match(a, "/i/:iid/q/:qid", path, args, 2));
	/* Changing the request path afterwards leaves the captures alone. */
	memset(path, 'x', sizeof(path) - 1);
	assert_string_equal(args[0], "123");
	assert_string_equal(args[1], "45");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_path_match_compares_literal_paths_exactly),
		cmocka_unit_test(test_path_match_rejects_prefixes_either_way),
		cmocka_unit_test(
		    test_path_match_treats_trailing_slash_as_significant),
		cmocka_unit_test(test_path_match_captures_named_segments),
		cmocka_unit_test(
		    test_path_match_rejects_empty_capture_segments),
		cmocka_unit_test(test_path_match_capture_does_not_span_slash),
		cmocka_unit_test(test_path_match_enforces_the_capture_limit),
		cmocka_unit_test(test_path_match_writes_no_more_than_maxargs),
		cmocka_unit_test(
		    test_path_match_captures_are_copies_in_the_arena),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
