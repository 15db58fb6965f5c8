/* core_form_use_test.c: which ids a form that acts once may carry; none claims nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/form_use.h"
#include "lib/arena.h"
#include "lib/crypto.h"

static int
setup(void **state)
{
	(void)state;
	return crypto_init() == ST_OK ? 0 : -1;
}

static void
test_form_ids_are_16_to_64_characters(void **state)
{
	static const char *const good[] = {
		"abcdefghijklmnop",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"Zm9vYmFyYmF6cXV4LV9fMTIz",
	};
	static const char *const bad[] = {
		"",
		"abcdefghijklmno",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefg",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_ptr_equal(form_use_id(good[i]), good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_null(form_use_id(bad[i]));
	assert_null(form_use_id(NULL));
}

/* What the pages render (crypto_token of 16 bytes) is a form id. */
static void
test_a_pages_token_is_a_form_id(void **state)
{
	struct arena	*a = arena_new();
	char		*t = crypto_token(a, 16);

	(void)state;
	assert_non_null(form_use_id(t));
	arena_free(a);
}

/* A form without an id (an API client, an old page) never reaches the database. */
static void
test_no_form_id_claims_nothing(void **state)
{
	const char	*result = "x";
	int		 repeated = 1;

	(void)state;
	assert_int_equal(form_use_claim(NULL, NULL, NULL, &repeated, &result),
	    ST_OK);
	assert_int_equal(repeated, 0);
	assert_null(result);
	assert_int_equal(form_use_keep(NULL, NULL, "ignored"), ST_OK);
	assert_int_equal(form_use_forget(NULL, NULL, NULL), ST_OK);
	assert_int_equal(form_use_held(NULL, NULL, NULL, &repeated), ST_OK);
	assert_int_equal(repeated, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_ids_are_16_to_64_characters),
		cmocka_unit_test(test_a_pages_token_is_a_form_id),
		cmocka_unit_test(test_no_form_id_claims_nothing),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
