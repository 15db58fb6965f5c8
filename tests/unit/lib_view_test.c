/* lib_view_test.c: maps, lists and scalars a template renders. */
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/view.h"

static void
test_view_map_holds_many_keys(void **state)
{
	struct arena	*a;
	struct view	*m;
	char		 key[16];
	int		 i;

	(void)state;
	a = arena_new();
	m = view_map(a);
	/* Enough keys to grow the map several times. */
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		view_set_int(m, key, i);
	}
	assert_int_equal(view_len(m), 100);
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		assert_int_equal(view_int_value(view_get(m, key)), i);
	}
	assert_null(view_get(m, "k100"));
	assert_null(view_get(m, ""));
	arena_free(a);
}

static void
test_view_set_replaces_existing_key(void **state)
{
	struct arena	*a;
	struct view	*m;
	size_t		 len;

	(void)state;
	a = arena_new();
	m = view_map(a);
	view_set_str(m, "name", "ann");
	view_set_int(m, "age", 30);
	view_set_str(m, "name", "bob");
	assert_int_equal(view_len(m), 2);
	assert_string_equal(view_text(view_get(m, "name"), &len), "bob");
	assert_int_equal(len, 3);
	view_set(m, "age", NULL);
	assert_int_equal(view_len(m), 2);
	assert_non_null(view_get(m, "age"));
	assert_int_equal(view_type(view_get(m, "age")), V_NULL);
	arena_free(a);
}

static void
test_view_copies_strings_and_keys(void **state)
{
	struct arena	*a;
	struct view	*m;
	char		 key[] = "key", val[] = "value", bytes[] = "a\0b";
	size_t		 len;

	(void)state;
	a = arena_new();
	m = view_map(a);
	view_set_str(m, key, val);
	view_set_strn(m, "n", bytes, 3);
	key[0] = 'X';
	val[0] = 'X';
	bytes[0] = 'X';
	assert_string_equal(view_text(view_get(m, "key"), NULL), "value");
	assert_null(view_get(m, "Xey"));
	assert_memory_equal(view_text(view_get(m, "n"), &len), "a\0b", 3);
	assert_int_equal(len, 3);
	arena_free(a);
}

/* view_set_text leaves "" out, so {{#key}} sections test for text, not presence. */
static void
test_view_set_text_skips_empty(void **state)
{
	struct arena	*a;
	struct view	*m;

	(void)state;
	a = arena_new();
	m = view_map(a);
	view_set_text(m, "empty", "");
	view_set_text(m, "null", NULL);
	view_set_text(m, "full", "x");
	assert_null(view_get(m, "empty"));
	assert_null(view_get(m, "null"));
	assert_string_equal(view_text(view_get(m, "full"), NULL), "x");
	arena_free(a);
}

/* A count reads with its noun in the singular only for one. */
static void
test_view_set_count_says_one_minute(void **state)
{
	struct arena	*a;
	struct view	*m;

	(void)state;
	a = arena_new();
	m = view_map(a);
	view_set_count(m, "one", 1, "minute", "minutes");
	view_set_count(m, "none", 0, "minute", "minutes");
	view_set_count(m, "five", 5, "question", "questions");
	view_set_count(m, "less", -1, "day", "days");
	assert_string_equal(view_text(view_get(m, "one"), NULL), "1 minute");
	assert_string_equal(view_text(view_get(m, "none"), NULL), "0 minutes");
	assert_string_equal(view_text(view_get(m, "five"), NULL),
	    "5 questions");
	assert_string_equal(view_text(view_get(m, "less"), NULL), "-1 days");
	view_set_count(m, "many", 60000, "token", "tokens");
	assert_string_equal(view_text(view_get(m, "many"), NULL),
	    "60,000 tokens");
	arena_free(a);
}

/* Numbers read with their thousands grouped, signs and limits included. */
static void
test_view_set_num_groups_thousands(void **state)
{
	static const struct {
		long long	 n;
		const char	*text;
	} c[] = {
		{ 0, "0" }, { 999, "999" }, { 1000, "1,000" },
		{ 60000, "60,000" }, { 1234567, "1,234,567" },
		{ -1250, "-1,250" }, { -999, "-999" },
		{ LLONG_MAX, "9,223,372,036,854,775,807" },
		{ LLONG_MIN, "-9,223,372,036,854,775,808" },
	};
	struct arena	*a = arena_new();
	struct view	*m = view_map(a);
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		view_set_num(m, "n", c[i].n);
		assert_string_equal(view_text(view_get(m, "n"), NULL),
		    c[i].text);
		assert_string_equal(view_num_text(a, c[i].n), c[i].text);
	}
	arena_free(a);
}

static void
test_view_get_on_non_map_is_null(void **state)
{
	struct arena	*a;
	struct view	*l;

	(void)state;
	a = arena_new();
	l = view_list(a);
	view_push(l, view_str(a, "x"));
	assert_null(view_get(l, "x"));
	assert_null(view_get(view_str(a, "x"), "x"));
	assert_null(view_get(view_int(a, 1), "x"));
	assert_null(view_get(NULL, "x"));
	assert_null(view_getn(view_null(a), "x", 1));
	assert_null(view_get(view_map(a), NULL));
	arena_free(a);
}

static void
test_view_getn_uses_the_length(void **state)
{
	struct arena	*a;
	struct view	*m;

	(void)state;
	a = arena_new();
	m = view_map(a);
	view_set_int(m, "ab", 1);
	view_set_int(m, "abc", 2);
	assert_int_equal(view_int_value(view_getn(m, "abcdef", 2)), 1);
	assert_int_equal(view_int_value(view_getn(m, "abcdef", 3)), 2);
	assert_null(view_getn(m, "abcdef", 4));
	arena_free(a);
}

static void
test_view_list_push_and_at(void **state)
{
	struct arena	*a;
	struct view	*l;
	int		 i;

	(void)state;
	a = arena_new();
	l = view_list(a);
	assert_int_equal(view_len(l), 0);
	assert_null(view_at(l, 0));
	for (i = 0; i < 50; i++)
		view_push(l, view_int(a, i));
	view_push(l, NULL);
	assert_int_equal(view_len(l), 51);
	for (i = 0; i < 50; i++)
		assert_int_equal(view_int_value(view_at(l, (size_t)i)), i);
	assert_int_equal(view_type(view_at(l, 50)), V_NULL);
	assert_null(view_at(l, 51));
	assert_null(view_at(view_map(a), 0));
	assert_int_equal(view_len(view_str(a, "abc")), 0);
	arena_free(a);
}

static void
test_view_scalars(void **state)
{
	struct arena	*a;
	struct view	*m;

	(void)state;
	a = arena_new();
	m = view_map(a);
	view_set_int(m, "i", -7);
	view_set_bool(m, "b", 42);
	view_set(m, "d", view_double(a, 1.5));
	view_set_str(m, "null", NULL);
	assert_int_equal(view_type(view_get(m, "i")), V_INT);
	assert_int_equal(view_int_value(view_get(m, "i")), -7);
	assert_true(view_double_value(view_get(m, "i")) == -7.0);
	assert_int_equal(view_type(view_get(m, "b")), V_BOOL);
	assert_int_equal(view_int_value(view_get(m, "b")), 1);
	assert_true(view_double_value(view_get(m, "d")) == 1.5);
	assert_int_equal(view_int_value(view_get(m, "d")), 0);
	/* A NULL string is a missing value, not an empty one. */
	assert_int_equal(view_type(view_get(m, "null")), V_NULL);
	assert_int_equal(view_type(view_str(a, NULL)), V_NULL);
	assert_int_equal(view_type(view_strn(a, NULL, 0)), V_STR);
	assert_int_equal(view_type(NULL), V_NULL);
	assert_int_equal(view_int_value(NULL), 0);
	arena_free(a);
}

static void
test_view_text_only_for_strings(void **state)
{
	struct arena	*a;
	size_t		 len = 99;

	(void)state;
	a = arena_new();
	assert_null(view_text(view_int(a, 1), &len));
	assert_int_equal(len, 0);
	assert_null(view_text(view_map(a), NULL));
	assert_null(view_text(NULL, &len));
	assert_string_equal(view_text(view_str(a, ""), &len), "");
	assert_int_equal(len, 0);
	arena_free(a);
}

static void
test_view_html_safe_trusted_copies(void **state)
{
	const struct html_safe	*h;
	struct arena		*a;
	struct view		*m;
	char			 src[] = "<b>x</b>";
	size_t			 len;

	(void)state;
	a = arena_new();
	h = html_safe_trusted(a, src, strlen(src));
	src[1] = 'i';
	assert_int_equal(h->len, 8);
	assert_memory_equal(h->p, "<b>x</b>", 8);
	m = view_map(a);
	view_set_html(m, "h", h);
	view_set_html(m, "none", NULL);
	assert_int_equal(view_type(view_get(m, "h")), V_HTML);
	assert_string_equal(view_text(view_get(m, "h"), &len), "<b>x</b>");
	assert_int_equal(len, 8);
	assert_int_equal(view_type(view_get(m, "none")), V_NULL);
	assert_int_equal(html_safe_trusted(a, NULL, 0)->len, 0);
	arena_free(a);
}

static void
test_view_nested_values(void **state)
{
	struct arena	*a;
	struct view	*root, *user, *tags;

	(void)state;
	a = arena_new();
	root = view_map(a);
	user = view_map(a);
	tags = view_list(a);
	view_push(tags, view_str(a, "admin"));
	view_set(user, "tags", tags);
	view_set_str(user, "name", "ann");
	view_set(root, "user", user);
	assert_string_equal(view_text(view_at(view_get(view_get(root, "user"),
	    "tags"), 0), NULL), "admin");
	assert_int_equal(view_len(root), 1);
	assert_int_equal(view_len(user), 2);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_view_map_holds_many_keys),
		cmocka_unit_test(test_view_set_replaces_existing_key),
		cmocka_unit_test(test_view_copies_strings_and_keys),
		cmocka_unit_test(test_view_set_count_says_one_minute),
		cmocka_unit_test(test_view_set_num_groups_thousands),
		cmocka_unit_test(test_view_get_on_non_map_is_null),
		cmocka_unit_test(test_view_getn_uses_the_length),
		cmocka_unit_test(test_view_list_push_and_at),
		cmocka_unit_test(test_view_scalars),
		cmocka_unit_test(test_view_text_only_for_strings),
		cmocka_unit_test(test_view_html_safe_trusted_copies),
		cmocka_unit_test(test_view_nested_values),
		cmocka_unit_test(test_view_set_text_skips_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
