/*
 * core_chat_context_test.c: what of a long conversation one request sends.
 * All of it while it fits; else the last exchange, the first, a note, and
 * more of the newest while they fit, never past the cap; the first
 * exchange never crowds out the last.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/chat_context.h"

/* keep as a string of 0 and 1, for messages that read at a glance. */
static const char *
kept(const unsigned char *keep, size_t n)
{
	static char	s[64];
	size_t		i;

	for (i = 0; i < n; i++)
		s[i] = keep[i] ? '1' : '0';
	s[n] = '\0';
	return s;
}

static void
test_a_conversation_that_fits_is_sent_whole(void **state)
{
	int		cost[] = { 10, 20, 30, 40 };
	unsigned char	keep[4];

	(void)state;
	assert_int_equal(context_fit(cost, 4, 100, 15, 200, keep), 0);
	assert_string_equal(kept(keep, 4), "1111");
	/* Exactly at the cap still fits, and no note is counted. */
	assert_int_equal(context_fit(cost, 4, 100, 15, 200, keep), 0);
	assert_int_equal(context_fit(cost, 4, 101, 15, 200, keep) > 0, 1);
}

static void
test_the_first_exchange_and_the_newest_stay_the_middle_goes(void **state)
{
	int		cost[] = { 10, 10, 10, 10, 10, 10, 10, 10 };
	unsigned char	keep[8];

	(void)state;
	/* 50 fixed + 5 note + 2 last + 2 first + 1 newest = 105 <= 110 < 115. */
	assert_int_equal(context_fit(cost, 8, 50, 5, 110, keep), 3);
	assert_string_equal(kept(keep, 8), "11000111");
}

static void
test_never_past_the_cap(void **state)
{
	int		cost[] = { 7, 300, 12, 45, 3, 80, 9, 60, 20, 11 };
	unsigned char	keep[10];
	long		cap, total;
	size_t		i, left;

	(void)state;
	for (cap = 120; cap < 560; cap += 7) {
		left = context_fit(cost, 10, 100, 6, cap, keep);
		for (i = 0, total = 100 + (left > 0 ? 6 : 0); i < 10; i++)
			total += keep[i] ? cost[i] : 0;
		assert_true(total <= cap || left == 10);
		/* Whatever goes, the newest message stays while it fits alone. */
		if (100 + 6 + cost[9] <= cap)
			assert_int_equal(keep[9], 1);
	}
}

static void
test_a_huge_first_message_gives_way_to_the_newest(void **state)
{
	int		cost[] = { 5000, 10, 10, 10 };
	unsigned char	keep[4];

	(void)state;
	assert_int_equal(context_fit(cost, 4, 50, 5, 100, keep), 1);
	assert_string_equal(kept(keep, 4), "0111");
}

/* Room for three: the last exchange, then the first message, not the second. */
static void
test_the_last_exchange_before_the_first(void **state)
{
	int		cost[] = { 10, 10, 10, 10, 10, 10 };
	unsigned char	keep[6];

	(void)state;
	assert_int_equal(context_fit(cost, 6, 50, 5, 85, keep), 3);
	assert_string_equal(kept(keep, 6), "100011");
	assert_int_equal(context_fit(cost, 6, 50, 5, 75, keep), 4);
	assert_string_equal(kept(keep, 6), "000011");
}

static void
test_nothing_fits_beside_what_is_always_sent(void **state)
{
	int		cost[] = { 10, 10 };
	unsigned char	keep[2];

	(void)state;
	assert_int_equal(context_fit(cost, 2, 500, 5, 100, keep), 2);
	assert_string_equal(kept(keep, 2), "00");
	assert_int_equal(context_fit(NULL, 0, 500, 5, 100, keep), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_conversation_that_fits_is_sent_whole),
		cmocka_unit_test(test_the_first_exchange_and_the_newest_stay_the_middle_goes),
		cmocka_unit_test(test_never_past_the_cap),
		cmocka_unit_test(test_a_huge_first_message_gives_way_to_the_newest),
		cmocka_unit_test(test_the_last_exchange_before_the_first),
		cmocka_unit_test(test_nothing_fits_beside_what_is_always_sent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
