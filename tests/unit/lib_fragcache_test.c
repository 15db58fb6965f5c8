/* lib_fragcache_test.c: the rendered-fragment cache: versions, LRU, size cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/fragcache.h"

static int
teardown(void **state)
{
	(void)state;
	fragcache_clear();
	return 0;
}

static void
test_a_fragment_is_found_only_at_its_version(void **state)
{
	struct fragment	f;

	(void)state;
	assert_false(fragcache_get(7, "3.3", &f));
	fragcache_put(7, "3.3", "<p>three</p>", 12, 2);
	assert_true(fragcache_get(7, "3.3", &f));
	assert_int_equal(f.len, 12);
	assert_memory_equal(f.p, "<p>three</p>", 12);
	assert_int_equal(f.aux, 2);
	/* A new message makes a new version: the old fragment is not served. */
	assert_false(fragcache_get(7, "4.4", &f));
	assert_false(fragcache_get(8, "3.3", &f));
	assert_false(fragcache_get(7, NULL, &f));
	/* The new version replaces the old under the same key. */
	fragcache_put(7, "4.4", "<p>four</p>", 11, 3);
	assert_false(fragcache_get(7, "3.3", &f));
	assert_true(fragcache_get(7, "4.4", &f));
	assert_int_equal(f.aux, 3);
}

static void
test_the_least_recently_used_fragment_goes_first(void **state)
{
	struct fragment	f;
	char		body[32];
	long long	k;

	(void)state;
	for (k = 0; k < FRAGCACHE_ENTRIES; k++) {
		snprintf(body, sizeof(body), "fragment %lld", k);
		fragcache_put(k, "1", body, strlen(body), k);
	}
	assert_true(fragcache_get(0, "1", &f));	/* 0 is now the newest */
	fragcache_put(100, "1", "new", 3, 0);	/* evicts 1, the oldest */
	assert_false(fragcache_get(1, "1", &f));
	assert_true(fragcache_get(0, "1", &f));
	assert_string_equal(f.p, "fragment 0");
	for (k = 2; k < FRAGCACHE_ENTRIES; k++)
		assert_true(fragcache_get(k, "1", &f));
	assert_true(fragcache_get(100, "1", &f));
}

static void
test_an_oversized_fragment_is_not_kept_and_drops_the_old(void **state)
{
	size_t		 n = FRAGCACHE_MAX_BYTES + 1;
	char		*big = malloc(n);
	struct fragment	 f;

	(void)state;
	assert_non_null(big);
	memset(big, 'x', n);
	fragcache_put(5, "1", "small", 5, 0);
	fragcache_put(5, "2", big, n, 0);
	assert_false(fragcache_get(5, "2", &f));
	assert_false(fragcache_get(5, "1", &f));
	fragcache_put(5, "3", big, n - 1, 0);	/* at the limit: kept */
	assert_true(fragcache_get(5, "3", &f));
	assert_int_equal(f.len, n - 1);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_a_fragment_is_found_only_at_its_version, teardown),
		cmocka_unit_test_teardown(test_the_least_recently_used_fragment_goes_first, teardown),
		cmocka_unit_test_teardown(test_an_oversized_fragment_is_not_kept_and_drops_the_old, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
