/* core_questioner_test.c: the model's questions and generated rubrics, checked field by field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/questioner.h"
#include "lib/arena.h"
#include "lib/status.h"

#define POINT "{\"text\":\"names a test\",\"weight\":3,\"key_phrases\":" \
	"[\"unit test\",\"failing test\"]}"
#define GOOD_GEN "{\"question\":\"How do you test *this*?\"," \
	"\"expected_points\":[" POINT "],\"sample_answer\":\"A failing unit" \
	" test first.\"}"

struct bad_case {
	const char	*args;
	int		 generated;
	const char	*why;	/* a part of the message */
};

static const struct bad_case bad[] = {
	{ NULL, 0, "not JSON" },
	{ "{\"question\":", 0, "not JSON" },
	{ "[\"q\"]", 0, "not a JSON object" },
	{ "{}", 0, "question" },
	{ "{\"question\":\"   \"}", 0, "question" },
	{ "{\"question\":42}", 0, "question" },
	{ "{\"question\":\"Q?\"}", 1, "expected_points is not" },
	{ "{\"question\":\"Q?\",\"sample_answer\":3}", 0, "sample_answer" },
	{ "{\"question\":\"Q?\",\"sample_answer\":\" \"}", 0,
	    "sample_answer" },
	{ "{\"question\":\"Q?\",\"expected_points\":[]}", 1,
	    "expected_points is not" },
	{ "{\"question\":\"Q?\",\"expected_points\":[{\"text\":\"\","
	    "\"weight\":3,\"key_phrases\":[\"a\"]}]}", 1, ".text" },
	{ "{\"question\":\"Q?\",\"expected_points\":[{\"text\":\"t\","
	    "\"weight\":9,\"key_phrases\":[\"a\"]}]}", 1, ".weight" },
	{ "{\"question\":\"Q?\",\"expected_points\":[{\"text\":\"t\","
	    "\"weight\":2.5,\"key_phrases\":[\"a\"]}]}", 1, ".weight" },
	{ "{\"question\":\"Q?\",\"expected_points\":[{\"text\":\"t\","
	    "\"weight\":2,\"key_phrases\":[]}]}", 1, ".key_phrases" },
	{ "{\"question\":\"Q?\",\"expected_points\":[{\"text\":\"t\","
	    "\"weight\":2,\"key_phrases\":[7]}]}", 1, "bad phrase" },
};

static void
test_malformed_arguments_are_refused_with_the_field_named(void **state)
{
	struct arena		*a = arena_new();
	struct qw_result	 out;
	const char		*why;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&out, 0, sizeof(out));
		assert_int_equal(questioner_parse(a, bad[i].args,
		    bad[i].generated, &out, &why), ST_INVALID);
		if (why == NULL || strstr(why, bad[i].why) == NULL)
			fail_msg("case %zu: wanted \"%s\" in \"%s\"", i,
			    bad[i].why, why != NULL ? why : "(null)");
	}
	arena_free(a);
}

static void
test_a_generated_question_gets_the_banks_rubric_shape(void **state)
{
	struct arena		*a = arena_new();
	struct qw_result	 out;
	const char		*why;

	(void)state;
	memset(&out, 0, sizeof(out));
	assert_int_equal(questioner_parse(a, GOOD_GEN, 1, &out, &why), ST_OK);
	assert_string_equal(out.body, "How do you test *this*?");
	assert_string_equal(out.rubric, "{\"points\":[{\"text\":\"names a"
	    " test\",\"weight\":3,\"phrases\":[\"unit test\",\"failing"
	    " test\"]}]}");
	assert_string_equal(out.sample_answer, "A failing unit test first.");
	/* A follow-up needs only its question... */
	memset(&out, 0, sizeof(out));
	assert_int_equal(questioner_parse(a, "{\"question\":\"And then?\"}", 0,
	    &out, &why), ST_OK);
	assert_string_equal(out.body, "And then?");
	assert_null(out.rubric);
	assert_null(out.sample_answer);	/* none came: practice shows none */
	/* ...and its own rubric when the model wrote one, checked as any. */
	memset(&out, 0, sizeof(out));
	assert_int_equal(questioner_parse(a, GOOD_GEN, 0, &out, &why), ST_OK);
	assert_string_equal(out.rubric, "{\"points\":[{\"text\":\"names a"
	    " test\",\"weight\":3,\"phrases\":[\"unit test\",\"failing"
	    " test\"]}]}");
	assert_int_equal(questioner_parse(a, "{\"question\":\"Q?\","
	    "\"expected_points\":[{\"text\":\"t\",\"weight\":9,"
	    "\"key_phrases\":[\"a\"]}]}", 0, &out, &why), ST_INVALID);
	assert_non_null(strstr(why, ".weight"));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_malformed_arguments_are_refused_with_the_field_named),
		cmocka_unit_test(test_a_generated_question_gets_the_banks_rubric_shape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
