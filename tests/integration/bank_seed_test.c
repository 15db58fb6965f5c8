/*
 * bank_seed_test.c: the question bank shipped with viva (006_seed_questions.sql)
 * read back from a freshly migrated database: every role's key skill areas
 * have questions at every level, every rubric has the shape the builtin
 * scorer reads, every sample answer makes its own rubric's points, and each
 * role has behavioural questions with STAR points.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>

#include "flow.h"

/* The shipped, non-archived questions. */
#define SHIPPED	"(SELECT * FROM questions"					\
		" WHERE org_id IS NULL AND archived_at IS NULL)"

/* Text as the scorer sees it: lowercase, punctuation turned to spaces. */
#define NORM(x)	"regexp_replace(lower(" x "), '[^a-z0-9]+', ' ', 'g')"

/*
 * Runs a query that lists offenders, one a row, and fails with the list
 * (the first lines of it) unless there are none.
 */
#define assert_none(q)	expect_none(__FILE__, __LINE__, (q))

static void
expect_none(const char *file, int line, const char *q)
{
	char	*out = stack_sql(&S, q);

	if (out[0] == '\0') {
		free(out);
		return;
	}
	print_error("%s:%d: %s\n  -> %.4000s\n", file, line, q, out);
	free(out);
	_fail(file, line);
}

static int
group_setup(void **state)
{
	(void)state;
	return stack_start(&S);	/* migrates: 006_seed_questions.sql is in */
}

static int
group_teardown(void **state)
{
	(void)state;
	stack_stop(&S);
	return 0;
}

static void
test_roles_are_shipped_with_their_key_areas(void **state)
{
	(void)state;
	assert_int_equal(sql_num("SELECT count(*) FROM roles WHERE org_id IS NULL"), 5);
	assert_int_equal(sql_num("SELECT count(*) FROM roles WHERE org_id IS NULL"
	    " AND archived_at IS NULL AND slug IN ('react', 'python', 'javascript',"
	    " 'fullstack', 'customer-support')"), 5);
	/* 3 or 4 key areas, none repeated, none a behavioural area. */
	assert_none("SELECT slug FROM roles WHERE org_id IS NULL AND"
	    " (cardinality(skill_areas) NOT BETWEEN 3 AND 4"
	    "  OR cardinality(skill_areas) <> (SELECT count(DISTINCT a)"
	    "   FROM unnest(skill_areas) a)"
	    "  OR skill_areas && ARRAY['collaboration', 'ownership']"
	    "  OR EXISTS (SELECT 1 FROM unnest(skill_areas) a"
	    "   WHERE a !~ '^[a-z][a-z_]{1,40}$'))");
}

static void
test_every_key_area_has_two_questions_at_every_level(void **state)
{
	(void)state;
	assert_none("SELECT r.slug || '/' || a || '/' || l || ': ' || count(q.id)"
	    " FROM roles r CROSS JOIN unnest(r.skill_areas) a"
	    " CROSS JOIN unnest(ARRAY['warmup', 'fundamental', 'intermediate',"
	    "  'advanced', 'expert']) l"
	    " LEFT JOIN " SHIPPED " q ON q.role = r.slug AND q.skill_area = a"
	    "  AND q.difficulty = l"
	    " WHERE r.org_id IS NULL GROUP BY r.slug, a, l HAVING count(q.id) < 2"
	    " ORDER BY 1");
	assert_true(sql_num("SELECT count(*) FROM questions"
	    " WHERE org_id IS NULL") >= 150);
}

static void
test_questions_belong_to_a_role_and_an_area(void **state)
{
	(void)state;
	/* Non-behavioural questions are in a key area; behavioural ones may not be. */
	assert_none("SELECT q.id || ' ' || q.role || '/' || q.skill_area"
	    " FROM " SHIPPED " q"
	    " LEFT JOIN roles r ON r.org_id IS NULL AND r.slug = q.role"
	    " WHERE r.id IS NULL OR NOT (q.skill_area = ANY (r.skill_areas)"
	    "  OR (q.category = 'behavioral'"
	    "   AND q.skill_area IN ('collaboration', 'ownership')))");
	/* Engineering roles ask technical questions in their key areas. */
	assert_none("SELECT id FROM " SHIPPED " q WHERE role <> 'customer-support'"
	    " AND skill_area NOT IN ('collaboration', 'ownership')"
	    " AND category <> 'technical'");
	/* Markdown bodies of a sensible size, with no HTML outside code. */
	assert_none("SELECT id FROM " SHIPPED " q"
	    " WHERE length(body_md) NOT BETWEEN 20 AND 800"
	    " OR regexp_replace(regexp_replace(body_md, '```.*?```', '', 'g'),"
	    "  '`[^`]*`', '', 'g') ~ '<[A-Za-z/!?]'");
	assert_none("SELECT id FROM " SHIPPED " q"
	    " WHERE cardinality(follow_ups) NOT BETWEEN 1 AND 2"
	    " OR length(sample_answer) < 80"
	    " OR EXISTS (SELECT 1 FROM unnest(follow_ups) f WHERE length(f) < 10)");
	/* No question shipped twice. */
	assert_none("SELECT min(id) FROM " SHIPPED " q GROUP BY role, body_md"
	    " HAVING count(*) > 1");
}

static void
test_rubrics_have_the_shape_the_scorer_reads(void **state)
{
	(void)state;
	assert_none("SELECT id FROM questions WHERE org_id IS NULL AND"
	    " (jsonb_typeof(rubric->'points') IS DISTINCT FROM 'array'"
	    "  OR jsonb_array_length(rubric->'points') NOT BETWEEN 1 AND 16)");
	assert_none("SELECT q.id || ': ' || p::text FROM questions q,"
	    " jsonb_array_elements(q.rubric->'points') p WHERE q.org_id IS NULL AND"
	    " (jsonb_typeof(p->'text') IS DISTINCT FROM 'string'"
	    "  OR length(trim(p->>'text')) = 0"
	    "  OR jsonb_typeof(p->'weight') IS DISTINCT FROM 'number'"
	    "  OR (p->>'weight')::numeric NOT IN (1, 2, 3, 4, 5)"
	    "  OR jsonb_typeof(p->'phrases') IS DISTINCT FROM 'array'"
	    "  OR jsonb_array_length(p->'phrases') NOT BETWEEN 1 AND 12)");
	/* Phrases are what the scorer compares: 1 to 3 lowercase words. */
	assert_none("SELECT q.id || ': ' || ph::text FROM questions q,"
	    " jsonb_array_elements(q.rubric->'points') p,"
	    " jsonb_array_elements(p->'phrases') ph WHERE q.org_id IS NULL AND"
	    " (jsonb_typeof(ph) IS DISTINCT FROM 'string'"
	    "  OR ph #>> '{}' !~ '^[a-z0-9]+( [a-z0-9]+){0,2}$')");
	/* The shipped bank keeps to 2..4 points (5 for STAR), 2..6 phrases each. */
	assert_none("SELECT id FROM " SHIPPED " q WHERE"
	    " jsonb_array_length(rubric->'points') NOT BETWEEN 2"
	    "  AND CASE category WHEN 'behavioral' THEN 5 ELSE 4 END"
	    " OR EXISTS (SELECT 1 FROM jsonb_array_elements(rubric->'points') p"
	    "  WHERE jsonb_array_length(p->'phrases') NOT BETWEEN 2 AND 6)");
}

static void
test_sample_answers_make_their_rubric_points(void **state)
{
	(void)state;
	/*
	 * Practice mode shows the sample as the stronger answer, so it must make
	 * every point: one of the point's phrases starts a word of it (a prefix
	 * match, close to the scorer's own folding of plurals and suffixes).
	 */
	assert_none("SELECT q.id || ' misses: ' || (p->>'text') FROM " SHIPPED " q,"
	    " jsonb_array_elements(q.rubric->'points') p"
	    " WHERE NOT EXISTS (SELECT 1"
	    "  FROM jsonb_array_elements_text(p->'phrases') ph"
	    "  WHERE position(' ' || ph IN ' ' || " NORM("q.sample_answer") ") > 0)");
}

static void
test_behavioral_questions_have_star_points(void **state)
{
	(void)state;
	/* At least 2 per role, in collaboration or ownership, at 2 levels or more. */
	assert_none("SELECT r.slug FROM roles r LEFT JOIN " SHIPPED " q"
	    " ON q.role = r.slug AND q.category = 'behavioral'"
	    "  AND q.skill_area IN ('collaboration', 'ownership')"
	    " WHERE r.org_id IS NULL GROUP BY r.slug"
	    " HAVING count(q.id) < 2 OR count(DISTINCT q.difficulty) < 2");
	/* Each behavioural question has a point per part of STAR, and one more. */
	assert_none("SELECT q.id FROM " SHIPPED " q"
	    " WHERE q.category = 'behavioral' AND"
	    " ((SELECT count(DISTINCT lower(substring(p->>'text' from"
	    "   '^(Situation|Task|Action|Result)\\M')))"
	    "   FROM jsonb_array_elements(q.rubric->'points') p) <> 4"
	    "  OR jsonb_array_length(q.rubric->'points') < 5)");
	/* The STAR points carry the words that show each part. */
	assert_none("SELECT q.id || ': ' || (p->>'text') FROM " SHIPPED " q,"
	    " jsonb_array_elements(q.rubric->'points') p"
	    " WHERE q.category = 'behavioral'"
	    " AND p->>'text' ~ '^(Situation|Task|Action|Result)\\M'"
	    " AND NOT p->'phrases' ?|"
	    "  CASE lower(substring(p->>'text' from '^[A-Za-z]+'))"
	    "  WHEN 'situation' THEN ARRAY['situation']"
	    "  WHEN 'task' THEN ARRAY['my role', 'task']"
	    "  WHEN 'action' THEN ARRAY['i decided']"
	    "  ELSE ARRAY['as a result'] END");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_are_shipped_with_their_key_areas),
		cmocka_unit_test(test_every_key_area_has_two_questions_at_every_level),
		cmocka_unit_test(test_questions_belong_to_a_role_and_an_area),
		cmocka_unit_test(test_rubrics_have_the_shape_the_scorer_reads),
		cmocka_unit_test(test_sample_answers_make_their_rubric_points),
		cmocka_unit_test(test_behavioral_questions_have_star_points),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
