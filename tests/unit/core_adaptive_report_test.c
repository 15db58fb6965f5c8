/*
 * core_adaptive_report_test.c: what the interviewer's report says of an
 * adaptive interview's answers: the overall band and its basis, and each
 * key skill's finding.
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

/* The tester's state: each skill's boundary as the engine recorded it. */
static void
tester_state(struct engine_state *s)
{
	static const char *const skills[] = { "language_core",
	    "data_structures", "testing", "concurrency", "async" };
	static const struct boundary b[] = {
		{ "language_core", LV_EXPERT, true, 1 },
		{ "data_structures", LV_EXPERT, false, 2 },
		{ "testing", LV_ADVANCED, false, 3 },
		{ "concurrency", LV_INTERMEDIATE, false, 4 },
	};

	engine_init(s, skills, 5, 8, 12);
	s->explored[0] = s->explored[1] = s->explored[2] = true;
	s->explored[3] = true;
	memcpy(s->boundaries, b, sizeof(b));
	s->nboundaries = 4;
}

/* "limit at expert" alone read as praise: it is where they struggled. */
static void
test_a_limit_says_the_candidate_struggled_there(void **state)
{
	struct engine_state	 s;
	struct arena		*a = arena_new();
	const char		*finding;

	(void)state;
	tester_state(&s);
	assert_non_null(adaptive_finding(a, &s, 1, &finding));
	assert_string_equal(finding, "limit at expert, where the candidate"
	    " struggled");
	assert_non_null(adaptive_finding(a, &s, 0, &finding));
	assert_string_equal(finding, "strong even at expert: no limit found");
	assert_null(adaptive_finding(a, &s, 4, &finding));
	assert_string_equal(finding, "not reached");
	arena_free(a);
}

/* Beside the limit, the question that found it and the best answer. */
static void
test_a_finding_names_its_answers(void **state)
{
	static const char *const want[] = {
		"strong even at expert: no limit found; hardest level answered"
		    " well: expert (question 7, 96%)",
		"limit at expert, where the candidate struggled (question 9,"
		    " 7%); hardest level answered well: fundamental (question"
		    " 4, 91%)",
		"limit at advanced, where the candidate struggled (question 10,"
		    " 7%); hardest level answered well: intermediate (question"
		    " 5, 96%)",
		"limit at intermediate, where the candidate struggled"
		    " (question 11, 7%); hardest level answered well: advanced"
		    " (question 6, 91%), above the limit",
		"not reached",
	};
	static const int best[] = { LV_EXPERT, LV_FUNDAMENTAL,
	    LV_INTERMEDIATE, LV_ADVANCED, -1 };
	struct adaptive_question	 q[MAX_ANSWERS];
	struct engine_state		 s;
	struct arena			*a = arena_new();
	const char			*finding;
	size_t				 n;
	int				 i, lv;

	(void)state;
	tester_state(&s);
	n = questions(a, tester, q);
	for (i = 0; i < 5; i++) {
		(void)adaptive_finding_told(a, &s, i, q, n, &finding, &lv);
		assert_string_equal(finding, want[i]);
		assert_int_equal(lv, best[i]);
	}
	/* Explored with nothing good and no limit yet. */
	s.nboundaries = 0;
	q[10].evaluation = "{\"composite\":0.4}";
	q[5].evaluation = "{\"composite\":0.55}";
	(void)adaptive_finding_told(a, &s, 3, q, n, &finding, &lv);
	assert_string_equal(finding, "explored, no limit found yet; no answer"
	    " in this skill scored 60% or more");
	assert_int_equal(lv, -1);
	arena_free(a);
}

/*
 * The builtin scorer's stand-ins for a failed model: the line beside each,
 * and the header's count over the judged answers (not the unanswered).
 */
static void
test_a_builtin_score_for_a_failed_model_is_said_and_counted(void **state)
{
	struct arena		*a = arena_new();
	struct adaptive_question q[4];
	int			 fell = -1;

	(void)state;
	memset(q, 0, sizeof(q));
	q[0].evaluation = "{\"composite\":0.7,\"scorer\":\"model\"}";
	q[1].evaluation = "{\"composite\":0.5,\"scorer\":\"builtin\","
	    "\"fallback\":\"malformed twice: reasons is not a string\"}";
	q[2].evaluation = "{\"composite\":0.5,\"scorer\":\"builtin\"}";
	assert_null(adaptive_fallback_words(a, q[0].evaluation));
	assert_null(adaptive_fallback_words(a, q[2].evaluation));
	assert_null(adaptive_fallback_words(a, NULL));
	assert_string_equal(adaptive_fallback_words(a, q[1].evaluation),
	    "Scored by the built-in rubric scorer: the model's evaluation"
	    " failed (malformed twice: reasons is not a string).");
	assert_string_equal(adaptive_evaluator_words(a, "gpt-4o-mini", q, 4,
	    &fell), "gpt-4o-mini; 1 of 3 answers scored by the built-in"
	    " scorer after the model failed");
	assert_int_equal(fell, 1);
	assert_string_equal(adaptive_evaluator_words(a, "gpt-4o-mini", q, 1,
	    &fell), "gpt-4o-mini");
	assert_int_equal(fell, 0);
	assert_string_equal(adaptive_evaluator_words(a, "gpt-4o-mini", &q[1],
	    1, NULL), "gpt-4o-mini; 1 of 1 answer scored by the built-in"
	    " scorer after the model failed");
	arena_free(a);
}

/*
 * The card's word is the report's verdict at its thresholds, not the
 * evaluation's quality label; a late answer is said with its seconds and
 * the header's line; the builtin scorer's caveat counts its answers; an
 * ended interview names the level it last asked at.
 */
static void
test_the_report_words_verdict_late_caveat_and_level(void **state)
{
	struct arena			*a = arena_new();
	struct adaptive_question	 q[3];
	struct adaptive			 ad;

	(void)state;
	assert_string_equal(adaptive_verdict(0.62), "answered well");
	assert_string_equal(adaptive_verdict(0.60), "answered well");
	assert_string_equal(adaptive_verdict(0.59), "answered partly");
	assert_string_equal(adaptive_verdict(0.50), "answered partly");
	assert_string_equal(adaptive_verdict(0.49), "failed");
	memset(q, 0, sizeof(q));
	q[0].n = 1;
	q[0].difficulty = "warmup";
	q[0].evaluation = "{\"composite\":0.9,\"scorer\":\"builtin\"}";
	q[1].n = 2;
	q[1].difficulty = "warmup";
	q[1].evaluation = "{\"composite\":0.4,\"scorer\":\"model\"}";
	q[1].late = 1;
	q[1].late_s = 32;
	assert_null(adaptive_late_words(a, &q[0]));
	assert_string_equal(adaptive_late_words(a, &q[1]),
	    "answered 32 s after the time ran out");
	assert_null(adaptive_late_note(a, q, 1));
	assert_string_equal(adaptive_late_note(a, q, 2), "Question 2 was"
	    " answered 32 s after the time ran out, within the grace the"
	    " candidate is given: it is scored with the others, counts in the"
	    " band and the average, and is marked late.");
	assert_null(adaptive_builtin_caveat(a, &q[1], 1));
	assert_non_null(strstr(adaptive_builtin_caveat(a, q, 2), "1 of 2"
	    " answers was scored by the built-in scorer, which matches the"
	    " rubric's key phrases"));
	assert_non_null(strstr(adaptive_builtin_caveat(a, q, 1), "The answer"
	    " was scored by the built-in scorer"));
	memset(&ad, 0, sizeof(ad));
	ad.started = 1;
	ad.state.level = LV_FUNDAMENTAL;
	assert_string_equal(adaptive_level_words(a, 1, &ad, q, 2),
	    "now at fundamental");
	assert_string_equal(adaptive_level_words(a, 0, &ad, q, 2), "last"
	    " question at warm-up; the next would have been at fundamental");
	q[1].difficulty = "fundamental";
	assert_string_equal(adaptive_level_words(a, 0, &ad, q, 2),
	    "last question at fundamental");
	ad.started = 0;
	assert_null(adaptive_level_words(a, 0, &ad, q, 2));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_band_weighs_failed_answers_against_good_ones),
		cmocka_unit_test(test_a_limit_says_the_candidate_struggled_there),
		cmocka_unit_test(test_a_finding_names_its_answers),
		cmocka_unit_test(
		    test_the_report_words_verdict_late_caveat_and_level),
		cmocka_unit_test(test_a_builtin_score_for_a_failed_model_is_said_and_counted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
