/* core_question_test.c: what question_check accepts, the rubric's lines and JSON, the CSV rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/question.h"
#include "core/question_csv.h"
#include "lib/arena.h"
#include "lib/csv.h"

static const char *const roles[] = { "react", "python" };

/* A good question; tests change one field at a time. */
static void
good(struct question_input *in)
{
	memset(in, 0, sizeof(*in));
	in->v[QF_ROLE] = "react";
	in->v[QF_SKILL_AREA] = "hooks";
	in->v[QF_CATEGORY] = "technical";
	in->v[QF_DIFFICULTY] = "fundamental";
	in->v[QF_BODY_MD] = "What does `useEffect` do?";
	in->v[QF_RUBRIC] = "{\"points\":[{\"text\":\"Runs after render\","
	    "\"weight\":3,\"phrases\":[\"after render\",\"side effect\"]}]}";
	in->v[QF_FOLLOW_UPS] = "";
	in->v[QF_SAMPLE_ANSWER] = "";
}

/* --- the form's rubric lines ------------------------------------------------ */

struct lines_case {
	const char	*lines;
	const char	*json;	/* NULL: refused, with err */
	const char	*err;
};

static const struct lines_case line_cases[] = {
	{ "3 | Runs after render | after render, side effect",
	  "{\"points\":[{\"text\":\"Runs after render\",\"weight\":3,"
	  "\"phrases\":[\"after render\",\"side effect\"]}]}", NULL },
	/* Blank lines, spaces, CRLF and empty phrases are forgiven. */
	{ "\r\n  1|A point|x,, y ,\r\n\r\n5 | B | z\r\n",
	  "{\"points\":[{\"text\":\"A point\",\"weight\":1,\"phrases\":"
	  "[\"x\",\"y\"]},{\"text\":\"B\",\"weight\":5,\"phrases\":[\"z\"]}]}",
	  NULL },
	/* The text may hold a '|': the first and the last split. */
	{ "2 | a | b | c", "{\"points\":[{\"text\":\"a | b\",\"weight\":2,"
	  "\"phrases\":[\"c\"]}]}", NULL },
	{ "", "{\"points\":[]}", NULL },
	{ "3 | no phrases", NULL,
	  "Line 1: write it as weight | point text | phrase, phrase." },
	{ "x\n6 | t | p\n0 | t | p", NULL,
	  "Line 1: write it as weight | point text | phrase, phrase."
	  " Line 2: the weight must be a whole number from 1 to 5."
	  " Line 3: the weight must be a whole number from 1 to 5." },
	{ "\n\n3 |  | p", NULL, "Line 3: the point's text is empty." },
	{ "3 | t | ,,", NULL,
	  "Line 1: give 1 to 12 key phrases, separated by commas." },
	{ "3 | t | a,b,c,d,e,f,g,h,i,j,k,l,m", NULL,
	  "Line 1: give 1 to 12 key phrases, separated by commas." },
	{ "33 | t | p", NULL,
	  "Line 1: the weight must be a whole number from 1 to 5." },
};

static void
test_rubric_lines_become_json_or_name_the_bad_lines(void **state)
{
	struct arena	*a = arena_new();
	const char	*json, *err;
	size_t		 i;
	enum status	 st;

	(void)state;
	for (i = 0; i < sizeof(line_cases) / sizeof(line_cases[0]); i++) {
		print_message("lines: %s\n", line_cases[i].lines);
		json = err = NULL;
		st = question_rubric_from_lines(a, line_cases[i].lines, &json,
		    &err);
		if (line_cases[i].json != NULL) {
			assert_int_equal(st, ST_OK);
			assert_string_equal(json, line_cases[i].json);
		} else {
			assert_int_equal(st, ST_INVALID);
			assert_string_equal(err, line_cases[i].err);
		}
	}
	arena_free(a);
}

static void
test_rubric_lines_limit_points_to_sixteen(void **state)
{
	struct arena	*a = arena_new();
	struct buf	 b;
	const char	*json, *err = NULL;
	int		 i;

	(void)state;
	buf_init(&b, a);
	for (i = 0; i < 16; i++)
		buf_puts(&b, "1 | t | p\n");
	assert_int_equal(question_rubric_from_lines(a, b.p, &json, &err), ST_OK);
	buf_puts(&b, "1 | t | p\n");
	assert_int_equal(question_rubric_from_lines(a, b.p, &json, &err),
	    ST_INVALID);
	assert_string_equal(err, "Line 17: at most 16 points.");
	arena_free(a);
}

static void
test_rubric_json_back_to_lines(void **state)
{
	struct arena	*a = arena_new();

	(void)state;
	assert_string_equal(question_rubric_to_lines(a, "{\"points\": ["
	    "{\"text\": \"a | b\", \"weight\": 2, \"phrases\": [\"c\", \"d\"]},"
	    "{\"text\": \"e\", \"weight\": 5, \"phrases\": [\"f\"]}]}"),
	    "2 | a | b | c, d\n5 | e | f\n");
	assert_string_equal(question_rubric_to_lines(a, "not json"), "");
	arena_free(a);
}

/* --- the rubric's JSON ------------------------------------------------------- */

struct json_case {
	const char	*json;
	const char	*err;	/* NULL: accepted */
};

static const struct json_case json_cases[] = {
	{ "{\"points\":[]}", NULL },
	{ "{\"points\":[{\"weight\":1,\"phrases\":[\"p\"],\"text\":\"t\"}]}", NULL },
	{ "", "is not valid JSON" },
	{ "{\"points\":[]} x", "is not valid JSON" },
	{ "[]", "must be a JSON object {\"points\": [...]}" },
	{ "{\"points\":{}}", "must be a JSON object {\"points\": [...]}" },
	{ "{\"points\":[],\"x\":1}", "has an unknown member \"x\"" },
	{ "{\"points\":[1]}",
	  "point 1: must be an object with text, weight and phrases" },
	{ "{\"points\":[{\"text\":\"t\",\"weight\":6,\"phrases\":[\"p\"]}]}",
	  "point 1: \"weight\" must be a whole number from 1 to 5" },
	{ "{\"points\":[{\"text\":\"t\",\"weight\":\"3\",\"phrases\":[\"p\"]}]}",
	  "point 1: \"weight\" must be a whole number from 1 to 5" },
	{ "{\"points\":[{\"text\":\"\",\"weight\":3,\"phrases\":[\"p\"]}]}",
	  "point 1: the point's text is empty" },
	{ "{\"points\":[{\"text\":\"a\\nb\",\"weight\":3,\"phrases\":[\"p\"]}]}",
	  "point 1: the point's text must be one line" },
	{ "{\"points\":[{\"text\":\"t\",\"weight\":3,\"phrases\":[]}]}",
	  "point 1: give 1 to 12 phrases" },
	{ "{\"points\":[{\"text\":\"t\",\"weight\":3,\"phrases\":[\"a,b\"]}]}",
	  "point 1: a phrase holds a comma, a '|' or a line break" },
	{ "{\"points\":[{\"text\":\"t\",\"weight\":3,\"phrases\":[2]}]}",
	  "point 1: \"phrases\" must be a list of strings" },
	{ "{\"points\":[{\"text\":\"t\",\"weight\":3,\"phrases\":[\"p\"],"
	  "\"extra\":1}]}", "point 1: has an unknown member \"extra\"" },
	/* A NUL is refused, not taken as the end of the text. */
	{ "{\"points\":[{\"text\":\"t\\u0000u\",\"weight\":3,"
	  "\"phrases\":[\"p\"]}]}",
	  "point 1: the point's text holds a control character" },
	{ "{\"points\":[{\"text\":\"t\",\"weight\":3,"
	  "\"phrases\":[\"p\\u0000q\"]}]}",
	  "point 1: a phrase holds a control character" },
	{ "{\"points\":[{\"text\":\"t\\u0001\",\"weight\":3,"
	  "\"phrases\":[\"p\"]}]}",
	  "point 1: the point's text holds a control character" },
};

static void
test_rubric_json_shape_is_checked(void **state)
{
	struct arena		*a = arena_new();
	struct question_point	*pt;
	const char		*err;
	size_t			 i, n;
	enum status		 st;

	(void)state;
	for (i = 0; i < sizeof(json_cases) / sizeof(json_cases[0]); i++) {
		print_message("json: %s\n", json_cases[i].json);
		st = question_rubric_parse(a, json_cases[i].json, &pt, &n, &err);
		if (json_cases[i].err == NULL)
			assert_int_equal(st, ST_OK);
		else {
			assert_int_equal(st, ST_INVALID);
			assert_string_equal(err, json_cases[i].err);
		}
	}
	arena_free(a);
}

/* --- the whole question -------------------------------------------------------- */

struct check_case {
	enum question_field	 f;
	const char		*val;
	const char		*err;	/* NULL: accepted */
};

static const struct check_case check_cases[] = {
	{ QF_ROLE, "python", NULL },
	{ QF_ROLE, "", "role is required." },
	{ QF_ROLE, "rust", "role \"rust\" is not one of your roles or viva's"
	  " in use: add it on the Roles page first, or bring it back there if"
	  " it is archived." },
	{ QF_SKILL_AREA, "", "skill_area is required." },
	{ QF_SKILL_AREA, "a\nb", "skill_area must be one line." },
	{ QF_SKILL_AREA, "123456789012345678901234567890123456789012345678901234567890x",
	  "skill_area must be at most 60 characters." },
	{ QF_CATEGORY, "poetry", "category must be one of technical,"
	  " behavioral, situational, cultural." },
	{ QF_DIFFICULTY, "easy", "difficulty must be one of warmup,"
	  " fundamental, intermediate, advanced, expert." },
	{ QF_DIFFICULTY, " expert ", NULL },
	{ QF_BODY_MD, "  \r\n ", "body_md is required." },
	{ QF_BODY_MD, "a\x01", "body_md holds a control character or is not"
	  " UTF-8 text." },
	{ QF_BODY_MD, "caf\xc3", "body_md holds a control character or is not"
	  " UTF-8 text." },
	{ QF_RUBRIC, "", "rubric is required: at least one point an answer"
	  " should make." },
	{ QF_RUBRIC, "{\"points\":[]}", "rubric needs at least one point an"
	  " answer should make." },
	{ QF_RUBRIC, "{", "rubric is not valid JSON." },
	{ QF_FOLLOW_UPS, "a\n\nb\nc\nd\ne", NULL },
	{ QF_FOLLOW_UPS, "a\nb\nc\nd\ne\nf", "follow_ups: at most 5, one per"
	  " line." },
	{ QF_SAMPLE_ANSWER, "", NULL },
};

static void
test_check_names_the_field_in_its_message(void **state)
{
	struct arena		*a = arena_new();
	struct question_input	 in;
	struct question_errors	 e;
	size_t			 i, f;
	enum status		 st;

	(void)state;
	for (i = 0; i < sizeof(check_cases) / sizeof(check_cases[0]); i++) {
		print_message("%s: %s\n", question_field_names[check_cases[i].f],
		    check_cases[i].val);
		good(&in);
		in.v[check_cases[i].f] = check_cases[i].val;
		st = question_check(a, roles, 2, &in, &e);
		for (f = 0; f < QF__MAX; f++)
			if (f != check_cases[i].f)
				assert_null(e.msg[f]);
		if (check_cases[i].err == NULL) {
			assert_int_equal(st, ST_OK);
			assert_null(e.msg[check_cases[i].f]);
		} else {
			assert_int_equal(st, ST_INVALID);
			assert_string_equal(e.msg[check_cases[i].f],
			    check_cases[i].err);
		}
	}
	arena_free(a);
}

static void
test_check_cleans_what_it_keeps(void **state)
{
	struct arena		*a = arena_new();
	struct question_input	 in;
	struct question_errors	 e;

	(void)state;
	good(&in);
	in.v[QF_BODY_MD] = "\r\n  Line one\r\nline two\r\n\r\n";
	in.v[QF_FOLLOW_UPS] = " Why? \r\n\r\n   \r\nAnd then?\r\n";
	in.v[QF_RUBRIC] = "{ \"points\" : [ { \"phrases\" : [\"p\"],"
	    " \"weight\" : 2, \"text\" : \"t\" } ] }";
	assert_int_equal(question_check(a, roles, 2, &in, &e), ST_OK);
	assert_string_equal(in.v[QF_BODY_MD], "Line one\nline two");
	assert_string_equal(in.v[QF_FOLLOW_UPS], "Why?\nAnd then?");
	assert_string_equal(in.v[QF_RUBRIC], "{\"points\":[{\"text\":\"t\","
	    "\"weight\":2,\"phrases\":[\"p\"]}]}");
	arena_free(a);
}

/* --- CSV out ----------------------------------------------------------------- */

static void
test_csv_row_quotes_and_guards_cells(void **state)
{
	struct arena	*a = arena_new();
	struct question	 q;
	struct buf	 b;

	(void)state;
	memset(&q, 0, sizeof(q));
	q.id = 7;
	q.role = "react";
	q.skill_area = "hooks";
	q.category = "technical";
	q.difficulty = "warmup";
	q.body_md = "Say \"hi\", then\nbye";
	q.rubric = "{\"points\": []}";
	q.follow_ups_text = "- a list?\nwhy";
	q.sample_answer = "'quoted";
	buf_init(&b, a);
	question_csv_header(&b);
	question_csv_row(&b, &q);
	assert_string_equal(b.p, CSV_BOM
	    "id,role,skill_area,category,difficulty,body_md,rubric,follow_ups,"
	    "sample_answer\r\n"
	    "7,react,hooks,technical,warmup,\"Say \"\"hi\"\", then\nbye\","
	    "\"{\"\"points\"\": []}\",\"'- a list?\nwhy\",\"''quoted\"\r\n");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_rubric_lines_become_json_or_name_the_bad_lines),
		cmocka_unit_test(test_rubric_lines_limit_points_to_sixteen),
		cmocka_unit_test(test_rubric_json_back_to_lines),
		cmocka_unit_test(test_rubric_json_shape_is_checked),
		cmocka_unit_test(test_check_names_the_field_in_its_message),
		cmocka_unit_test(test_check_cleans_what_it_keeps),
		cmocka_unit_test(test_csv_row_quotes_and_guards_cells),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
