/*
 * core_adaptive_report_test.c: what the interviewer's report says of an
 * adaptive interview's answers: the overall band and its basis.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/adaptive.h"
#include "lib/arena.h"

#define MAX_ANSWERS	16

/* One judged answer: its level, score in %, skill ("" behavioural). */
struct answer {
	const char	*level;
	int		 score;
	const char	*skill;
};

/* Makes the questions a report reads from answers (ended by a NULL level). */
static size_t
questions(struct arena *a, const struct answer *in,
    struct adaptive_question *q)
{
	size_t	 n;

	for (n = 0; n < MAX_ANSWERS && in[n].level != NULL; n++) {
		memset(&q[n], 0, sizeof(q[n]));
		q[n].n = (int)n + 1;
		q[n].difficulty = q[n].wanted_level = in[n].level;
		q[n].skill_area = *in[n].skill != '\0' ? in[n].skill :
		    "collaboration";
		q[n].category = *in[n].skill != '\0' ? "technical" :
		    "behavioral";
		q[n].evaluation = arena_printf(a, "{\"composite\":%.2f,"
		    "\"quality\":\"good\",\"reasons\":\"\"}", in[n].score / 100.0);
	}
	return n;
}

/* A tester's run: sample answers for 7 questions, then "I am not sure." */
static const struct answer tester[] = {
	{ "warmup", 84, "language_core" },
	{ "warmup", 93, "language_core" },
	{ "fundamental", 84, "" },
	{ "fundamental", 91, "data_structures" },
	{ "intermediate", 96, "testing" },
	{ "advanced", 91, "concurrency" },
	{ "expert", 96, "language_core" },
	{ "expert", 7, "data_structures" },
	{ "expert", 7, "data_structures" },
	{ "advanced", 7, "testing" },
	{ "intermediate", 7, "concurrency" },
	{ NULL, 0, NULL }
};

/* The engine climbs, fails twice at expert, holds advanced. */
static const struct answer climber[] = {
	{ "warmup", 80, "testing" },
	{ "warmup", 85, "testing" },
	{ "fundamental", 85, "debugging" },
	{ "intermediate", 90, "testing" },
	{ "advanced", 85, "debugging" },
	{ "expert", 30, "testing" },
	{ "expert", 20, "testing" },
	{ "advanced", 80, "debugging" },
	{ NULL, 0, NULL }
};

/* Strong throughout, one slip at fundamental at the end. */
static const struct answer slip[] = {
	{ "warmup", 80, "testing" },
	{ "warmup", 85, "testing" },
	{ "fundamental", 85, "debugging" },
	{ "intermediate", 90, "testing" },
	{ "advanced", 85, "debugging" },
	{ "advanced", 88, "testing" },
	{ "fundamental", 30, "debugging" },
	{ NULL, 0, NULL }
};

/* A good story (behavioural, filed at expert), weak technical answers. */
static const struct answer storyteller[] = {
	{ "warmup", 70, "testing" },
	{ "warmup", 65, "testing" },
	{ "expert", 95, "" },
	{ "fundamental", 40, "debugging" },
	{ "fundamental", 30, "debugging" },
	{ NULL, 0, NULL }
};

/* Nothing good enough to show a level. */
static const struct answer lost[] = {
	{ "warmup", 40, "testing" },
	{ "warmup", 20, "testing" },
	{ NULL, 0, NULL }
};

static const struct {
	const char		*name;
	const struct answer	*answers;
	const char		*band;
	const char		*basis;	/* a part of it */
} bands[] = {
	{ "one good expert answer, then 4 failed", tester, "Mid-level",
	    "The hardest level the answers support is intermediate: 3"
	    " answered well (60% or more) at intermediate or harder, 1 failed"
	    " (under 50%) at intermediate or easier. Not advanced: 2 answered"
	    " well at advanced or harder, 2 failed at advanced or easier. The"
	    " hardest level answered well was expert (question 7). The last 4"
	    " answers failed (questions 8 to 11). Average score 60% over 11"
	    " answered questions; the behavioural question counts in the"
	    " average, not in the levels." },
	{ "a boundary at expert", climber, "Senior",
	    "The hardest level the answers support is advanced: 2 answered"
	    " well (60% or more) at advanced or harder, 0 failed (under 50%)"
	    " at advanced or easier. Average score" },
	{ "one slip after strong answers", slip, "Senior",
	    "at advanced or harder, 1 failed (under 50%) at advanced or"
	    " easier." },
	{ "a good story is no technical level", storyteller, "Beginner",
	    "is warm-up: 2 answered well" },
	{ "no good answer", lost, "Not enough evidence",
	    "No answer scored 60% or more. Average score 30% over 2 answered"
	    " questions." },
};

static void
test_band_weighs_failed_answers_against_good_ones(void **state)
{
	struct adaptive_question	 q[MAX_ANSWERS];
	struct arena			*a = arena_new();
	const char			*band, *basis;
	size_t				 i, n;

	(void)state;
	for (i = 0; i < sizeof(bands) / sizeof(bands[0]); i++) {
		n = questions(a, bands[i].answers, q);
		assert_int_equal(adaptive_band(a, q, n, &band, &basis), 1);
		if (strcmp(band, bands[i].band) != 0 ||
		    strstr(basis, bands[i].basis) == NULL)
			fail_msg("%s: \"%s\", \"%s\"", bands[i].name, band,
			    basis);
	}
	assert_int_equal(adaptive_band(a, q, 0, &band, &basis), 0);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_band_weighs_failed_answers_against_good_ones),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
