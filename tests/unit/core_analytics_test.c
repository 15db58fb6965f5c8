/* core_analytics_test.c: money reads as rounded dollars, a real cost never as nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/analytics.h"
#include "lib/arena.h"

static void
costs(long long micros, const char *want)
{
	struct arena	*a = arena_new();

	assert_string_equal(analytics_usd(a, micros), want);
	arena_free(a);
}

static void
test_usd_rounds_to_four_decimals(void **state)
{
	(void)state;
	costs(0, "$0.0000");
	costs(155, "$0.0002");		/* was cut to $0.0001 */
	costs(149, "$0.0001");
	costs(557, "$0.0006");
	costs(1999950, "$2.0000");	/* the carry reaches the dollars */
	costs(1234567, "$1.2346");
	costs(-155, "-$0.0002");
}

static void
test_usd_a_tiny_cost_is_not_nothing(void **state)
{
	(void)state;
	costs(49, "under $0.0001");
	costs(1, "under $0.0001");
	costs(50, "$0.0001");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_usd_rounds_to_four_decimals),
		cmocka_unit_test(test_usd_a_tiny_cost_is_not_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
