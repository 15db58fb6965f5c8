/*
 * core_recommend_test.c: recommendations of any kind of interview taken
 * together (core/recommend.c), and what the interview list compares
 * candidates by (core/interview_result.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/interview.h"
#include "core/recommend.h"
#include "lib/arena.h"
#include "lib/status.h"

static const struct review mixed[] = {
	{ 7, "ann@x.test", "", 0, "yes", "Clear", "2026-05-01 09:30:15" },
	{ 9, "bob@x.test", "Bob", 0, "no", "", "2026-05-01 10:00:00" },
	{ 0, "", "", 0, "yes", "", "2026-04-01 08:00:00" },
};

static void
test_recommendations_agreed_or_mixed(void **state)
{
	(void)state;
	assert_string_equal(recommend_agreed(mixed, 0), "");
	assert_string_equal(recommend_agreed(mixed, 1), "yes");
	assert_string_equal(recommend_agreed(mixed, 2), "mixed");
	assert_string_equal(recommend_agreed(&mixed[0], 1), "yes");
	assert_string_equal(recommend_label("strong_no"), "Strong no");
	assert_string_equal(recommend_label("maybe"), "");
	assert_string_equal(recommend_label(""), "");
}

/* One's own is found by user; an unrecorded reviewer (0) is nobody's. */
static void
test_ones_own_recommendation_and_the_reviewers_name(void **state)
{
	struct arena	*a = arena_new();

	(void)state;
	assert_ptr_equal(recommend_of(mixed, 3, 9), &mixed[1]);
	assert_null(recommend_of(mixed, 3, 8));
	assert_null(recommend_of(mixed, 3, 0));
	assert_string_equal(recommend_reviewer(a, &mixed[0]), "ann@x.test");
	assert_string_equal(recommend_reviewer(a, &mixed[1]),
	    "Bob (bob@x.test)");
	assert_string_equal(recommend_reviewer(a, &mixed[2]),
	    "unrecorded reviewer");
	arena_free(a);
}

/* One-way at any time; the others once they ended. */
static void
test_a_running_interview_takes_none_but_one_way(void **state)
{
	static const char *const st[] = { "created", "active", "paused",
	    "completed", "expired", "abandoned" };
	struct interview	 iv;
	size_t			 i;

	(void)state;
	memset(&iv, 0, sizeof(iv));
	iv.started_at = "2026-05-01 09:01";
	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		iv.status = st[i];
		iv.kind = "oneway";
		assert_true(recommend_open(&iv));
		iv.kind = "assisted";
		assert_int_equal(recommend_open(&iv), i >= 3);
		iv.kind = "adaptive";
		assert_int_equal(recommend_open(&iv), i >= 3);
	}
}

/*
 * A practice interview never (its feedback went to the candidate); one
 * that ended before its candidate started, of any kind, never either.
 */
static void
test_practice_and_unstarted_interviews_take_none(void **state)
{
	static const char *const kinds[] = { "assisted", "adaptive",
	    "oneway" };
	static const char *const st[] = { "created", "active", "paused",
	    "completed", "expired", "abandoned" };
	struct interview	 iv;
	size_t			 i, k;

	(void)state;
	memset(&iv, 0, sizeof(iv));
	iv.kind = "adaptive";
	iv.practice = 1;
	for (i = 0; i < NITEMS(st); i++) {
		iv.status = st[i];
		iv.started_at = "2026-05-01 09:01";
		assert_int_equal(recommend_refusal(&iv), REC_PRACTICE);
		iv.started_at = "";
		assert_int_equal(recommend_refusal(&iv), REC_PRACTICE);
	}
	iv.practice = 0;
	iv.started_at = "";
	for (k = 0; k < NITEMS(kinds); k++) {
		iv.kind = kinds[k];
		iv.status = "expired";
		assert_int_equal(recommend_refusal(&iv), REC_UNSTARTED);
		iv.status = "completed";	/* ended by the interviewer */
		assert_int_equal(recommend_refusal(&iv), REC_UNSTARTED);
		iv.status = "created";
		assert_int_equal(recommend_refusal(&iv), k == 2 ? REC_OPEN :
		    REC_RUNNING);
	}
}

/* The list's result: adaptive band and score, one-way rating, else none. */
static void
test_the_lists_result_in_words(void **state)
{
	struct arena		*a = arena_new();
	struct interview	 iv;

	(void)state;
	memset(&iv, 0, sizeof(iv));
	iv.kind = "assisted";
	iv.adaptive_band = "";
	iv.adaptive_score = -1;
	iv.rating_avg = -1;
	assert_string_equal(interview_result_text(a, &iv), "");
	iv.kind = "adaptive";
	iv.adaptive_band = "Mid-level";
	iv.adaptive_score = 72;
	assert_string_equal(interview_result_text(a, &iv),
	    "Mid-level, average 72%");
	iv.adaptive_score = 0;
	iv.adaptive_band = "Not enough evidence";
	assert_string_equal(interview_result_text(a, &iv),
	    "Not enough evidence, average 0%");
	iv.kind = "oneway";
	iv.adaptive_band = "";
	iv.adaptive_score = -1;
	iv.rating_avg = 4.5;
	assert_string_equal(interview_result_text(a, &iv),
	    "average rating 4.5/5");
	iv.rating_avg = 3.33;
	assert_string_equal(interview_result_text(a, &iv),
	    "average rating 3.33/5");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recommendations_agreed_or_mixed),
		cmocka_unit_test(test_ones_own_recommendation_and_the_reviewers_name),
		cmocka_unit_test(test_a_running_interview_takes_none_but_one_way),
		cmocka_unit_test(test_practice_and_unstarted_interviews_take_none),
		cmocka_unit_test(test_the_lists_result_in_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
