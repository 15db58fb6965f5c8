/* core_evaluate_test.c: the model's evaluate_candidate_answer arguments, checked field by field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <json-c/json.h>
#include <string.h>

#include "core/evaluate.h"
#include "lib/arena.h"
#include "lib/status.h"

#define STAR_NONE "\"star\":{\"situation\":false,\"task\":false,\"action\":false," \
	"\"result\":false}"
#define GOOD "{\"answer_quality\":\"good\",\"technical_accuracy\":0.8," \
	"\"explanation_clarity\":0.5,\"identified_skills\":[\"hooks\"]," \
	"\"skill_boundaries_detected\":[]," STAR_NONE ",\"reasons\":\"Clear.\"}"

struct bad_case {
	const char	*args;
	const char	*why;	/* a part of the message */
};

static const struct bad_case bad[] = {
	{ NULL, "not JSON" },
	{ "{\"answer_quality\":", "not JSON" },
	{ "[1, 2]", "not a JSON object" },
	{ "{}", "answer_quality" },
	{ "{\"answer_quality\":\"superb\"}", "answer_quality" },
	{ "{\"answer_quality\":\"good\",\"technical_accuracy\":1.5}",
	    "technical_accuracy" },
	{ "{\"answer_quality\":\"good\",\"technical_accuracy\":\"0.5\"}",
	    "technical_accuracy" },
	{ "{\"answer_quality\":\"good\",\"technical_accuracy\":0.5,"
	    "\"explanation_clarity\":-0.1}", "explanation_clarity" },
	{ "{\"answer_quality\":\"good\",\"technical_accuracy\":0.5,"
	    "\"explanation_clarity\":0.5,\"identified_skills\":\"hooks\"}",
	    "identified_skills" },
	{ "{\"answer_quality\":\"good\",\"technical_accuracy\":0.5,"
	    "\"explanation_clarity\":0.5,\"identified_skills\":[1]}",
	    "identified_skills" },
	{ "{\"answer_quality\":\"good\",\"technical_accuracy\":0.5,"
	    "\"explanation_clarity\":0.5,\"identified_skills\":[],"
	    "\"skill_boundaries_detected\":[]}", "star" },
	{ "{\"answer_quality\":\"good\",\"technical_accuracy\":0.5,"
	    "\"explanation_clarity\":0.5,\"identified_skills\":[],"
	    "\"skill_boundaries_detected\":[],\"star\":{\"situation\":1,"
	    "\"task\":false,\"action\":false,\"result\":false}}", "star" },
	{ "{\"answer_quality\":\"good\",\"technical_accuracy\":0.5,"
	    "\"explanation_clarity\":0.5,\"identified_skills\":[],"
	    "\"skill_boundaries_detected\":[]," STAR_NONE "}", "reasons" },
};

static void
test_malformed_arguments_are_refused_with_the_field_named(void **state)
{
	struct arena		*a = arena_new();
	struct eval_result	 out;
	const char		*why;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&out, 0, sizeof(out));
		why = NULL;
		assert_int_equal(evaluate_parse(a, bad[i].args, 0, &out, &why),
		    ST_INVALID);
		assert_non_null(why);
		if (strstr(why, bad[i].why) == NULL)
			fail_msg("case %zu: \"%s\" does not name %s", i, why,
			    bad[i].why);
		assert_null(out.json);
	}
	arena_free(a);
}

static void
test_a_good_verdict_is_stored_in_the_scorers_shape(void **state)
{
	struct arena		*a = arena_new();
	struct eval_result	 out;
	struct json_object	*o, *v;
	const char		*why = NULL;

	(void)state;
	memset(&out, 0, sizeof(out));
	out.truncated = 4;
	assert_int_equal(evaluate_parse(a, GOOD, 0, &out, &why), ST_OK);
	assert_int_equal(out.eval.quality, Q_GOOD);
	assert_true(out.eval.accuracy > 0.79 && out.eval.accuracy < 0.81);
	assert_non_null(o = json_tokener_parse(out.json));
	assert_string_equal(json_object_get_string(json_object_object_get(o,
	    "scorer")), "model");
	assert_string_equal(json_object_get_string(json_object_object_get(o,
	    "quality")), "good");
	/* 0.6 x 0.8 + 0.3 x 0.5 + 0.1 x 0.75 */
	v = json_object_object_get(o, "composite");
	assert_true(json_object_get_double(v) > 0.704 &&
	    json_object_get_double(v) < 0.706);
	assert_int_equal(json_object_get_int(json_object_object_get(o,
	    "memory_truncated")), 4);
	/* STAR is kept only for behavioural questions. */
	assert_false(json_object_object_get_ex(o, "star", NULL));
	json_object_put(o);
	assert_int_equal(evaluate_parse(a, GOOD, 1, &out, &why), ST_OK);
	assert_non_null(strstr(out.json, "\"star\":{"));
	arena_free(a);
}

static void
test_the_model_sees_the_first_two_and_last_ten_messages(void **state)
{
	struct arena		*a = arena_new();
	struct chat_msg		 hist[20];
	struct eval_input	 in;
	const struct chat_msg	*m;
	size_t			 n, i;
	int			 truncated;

	(void)state;
	for (i = 0; i < 20; i++) {
		hist[i].role = i % 2 ? "user" : "assistant";
		hist[i].content = arena_printf(a, "h%zu", i);
	}
	memset(&in, 0, sizeof(in));
	in.model = in.role = in.skill = in.level = in.category = "x";
	in.rubric = "{}";
	in.question = "Q";
	in.answer = "A";
	in.history = hist;
	in.nhistory = 20;
	m = evaluate_messages(a, &in, &n, &truncated);
	assert_int_equal(n, 1 + 2 + 10 + 2);
	assert_int_equal(truncated, 8);
	assert_string_equal(m[0].role, "system");
	assert_string_equal(m[1].content, "h0");
	assert_string_equal(m[2].content, "h1");
	assert_string_equal(m[3].content, "h10");
	assert_string_equal(m[12].content, "h19");
	assert_string_equal(m[13].content, "Q");
	assert_string_equal(m[14].content, "A");
	/* Short histories go whole. */
	in.nhistory = 6;
	m = evaluate_messages(a, &in, &n, &truncated);
	assert_int_equal(n, 1 + 6 + 2);
	assert_int_equal(truncated, 0);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_malformed_arguments_are_refused_with_the_field_named),
		cmocka_unit_test(test_a_good_verdict_is_stored_in_the_scorers_shape),
		cmocka_unit_test(test_the_model_sees_the_first_two_and_last_ten_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
