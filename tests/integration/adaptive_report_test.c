/*
 * adaptive_report_test.c: what the adaptive interview's report tells the
 * interviewer, on a real stack with the builtin evaluator: a late answer
 * marked as late everywhere it is read, the builtin scorer's caveat, a
 * repeated answer and a junk one not scored as fresh ones, the report's
 * own verdict beside a score, the level an ended interview stood at, and
 * where its follow-ups came from (a tester's hiring round, 2026-12-07).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "lib/status.h"

static struct account	a_int = { "Org R", "int@r.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int };

static int
group_setup(void **state)
{
	(void)state;
	return flow_start_bank(accounts, NITEMS(accounts), "qa-report");
}

/* A started interview with the builtin evaluator; extra: the form's fields. */
static struct http *
made(struct http *h, const char *name, const char *source, const char *extra,
    struct created *c, char **csrf)
{
	create_form(h, "adaptive", c, "candidate_name=%s&candidate_email="
	    "r%%40x.test&role=qa-report&model=builtin&question_source=%s"
	    "&expiry_days=7%s", name, source, extra);
	return start(c, csrf);
}

/*
 * An answer recorded in the grace after the time ran out: the card said
 * "score 64% (fair)" with no flag, and only the JSON's events told.  Now
 * the card, the header, and all three exports mark it, with the seconds;
 * late is answered_at after ended_at, which is the deadline even though
 * the end was noticed only when the answer came.
 */
static void
test_a_late_answer_is_marked_wherever_it_is_read(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf;

	(void)state;
	cand = made(h, "Late Report", "bank", "&min_questions=2&max_questions=3"
	    "&minutes=5", &c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	/* The clock ran out 40 s ago, and nothing noticed yet. */
	sql_do("UPDATE interviews SET started_at = now() - make_interval(secs"
	    " => 340) WHERE id = %lld", c.id);
	sql_do("UPDATE interview_questions SET asked_at = asked_at - interval"
	    " '340 seconds', answered_at = answered_at - interval '340 seconds'"
	    " WHERE interview_id = %lld AND n = 1", c.id);
	outside_write_settles();
	assert_int_equal(answer_post(cand, csrf, 2, "Written as the clock ran"
	    " out, with a unit test for the boundary condition.", &r), 303);
	resp_free(&r);
	/* Ended at the deadline, so the answer is after it. */
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions iq"
	    " JOIN interviews i ON i.id = iq.interview_id WHERE i.id = %lld"
	    " AND i.end_reason = 'time' AND iq.answered_at > i.ended_at +"
	    " interval '30 seconds' AND iq.n = 2", c.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions iq"
	    " JOIN interviews i ON i.id = iq.interview_id WHERE i.id = %lld"
	    " AND iq.answered_at > i.ended_at", c.id), 1);
	interview_page(h, c.id, "", &r);
	assert_has(&r, "id=\"late-2\">late: answered 4");
	assert_has(&r, " s after the time ran out</span>");
	assert_lacks(&r, "id=\"late-1\"");
	assert_has(&r, "id=\"late-note\">Question 2 was answered 4");
	assert_has(&r, "after the time ran out, within the grace the candidate"
	    " is given: it is scored with the others, counts in the band and"
	    " the average, and is marked late.");
	resp_free(&r);
	interview_page(h, c.id, "/export.md", &r);
	assert_has(&r, "- Late: Question 2 was answered 4");
	assert_has(&r, "**Late:** answered 4");
	assert_int_equal(str_count(r.body, "**Late:**"), 1);
	resp_free(&r);
	interview_page(h, c.id, "/export.json", &r);
	assert_has(&r, "\"late\":false");
	assert_has(&r, "\"late\":true,\"late_seconds\":4");
	resp_free(&r);
	interview_page(h, c.id, "/export.csv", &r);
	assert_has(&r, ",evaluator,late,verdict,scoring_caveat,recommendation,");
	assert_has(&r, ",answered 4");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * The builtin scorer matches phrases; the report said nothing of it.  Its
 * header and the exports' now say what it does and cannot do, and the
 * same text pasted again is not scored as a fresh answer.
 */
static void
test_the_builtin_scorer_is_explained_and_repeats_not_credited(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf;

	(void)state;
	cand = made(h, "Paster", "bank", "&min_questions=3&max_questions=3&minutes=0",
	    &c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	answer_ok(cand, csrf, 2, GOOD_ANSWER);
	assert_true(sql_num("SELECT round((evaluation->>'composite')::float"
	    " * 100) FROM interview_questions WHERE interview_id = %lld AND"
	    " n = 2", c.id) < 50);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld AND n = 2 AND evaluation->>'reasons'"
	    " LIKE '%%It repeats the answer to question 1 (100%% of its"
	    " wording is the same)%%'", c.id), 1);
	interview_page(h, c.id, "", &r);
	assert_has(&r, "id=\"builtin-caveat\">All 2 answers were scored by"
	    " the built-in scorer, which matches the rubric&#39;s key phrases"
	    " and looks at the answer&#39;s structure");
	assert_has(&r, "It cannot tell whether an answer is right, nor"
	    " whether an example is real");
	assert_has(&r, "Read the answers before relying on their scores and"
	    " the band.");
	resp_free(&r);
	interview_page(h, c.id, "/export.md", &r);
	assert_has(&r, "- Scoring: All 2 answers were scored by the built-in"
	    " scorer");
	resp_free(&r);
	interview_page(h, c.id, "/export.json", &r);
	assert_has(&r, "\"builtin_caveat\":\"All 2 answers were scored");
	resp_free(&r);
	interview_page(h, c.id, "/export.csv", &r);
	assert_has(&r, "All 2 answers were scored by the built-in scorer");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * A stored follow-up has no rubric: its answer is checked against its
 * parent's, and says so; junk (a heading, a list, a code block, 19,800
 * "x") scored 40% from its structure and now scores near zero.
 */
static void
test_a_follow_up_uses_its_parents_rubric_and_junk_scores_nothing(
    void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *junk, *s;

	(void)state;
	sql_do("UPDATE questions SET follow_ups = ARRAY['Which boundary"
	    " condition would you test first?'] WHERE role = 'qa-report'");
	cand = made(h, "Junker", "bank_followups",
	    "&min_questions=4&max_questions=6&minutes=0", &c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	assert_string_equal(s = sql_str("SELECT source FROM"
	    " interview_questions WHERE interview_id = %lld AND n = 2", c.id),
	    "stored_followup");
	free(s);
	junk = calloc(1, 20000);
	strcpy(junk, "# Answer\n\n- one\n- two\n\n```\nx = f();\n```\n\n");
	memset(junk + strlen(junk), 'x', 19800 - 200);
	answer_ok(cand, csrf, 2, junk);
	free(junk);
	assert_true(sql_num("SELECT round((evaluation->>'composite')::float"
	    " * 100) FROM interview_questions WHERE interview_id = %lld AND"
	    " n = 2", c.id) < 10);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld AND n = 2 AND evaluation->>'reasons'"
	    " LIKE 'This follow-up has no rubric of its own: checked against"
	    " question 1''s%%' AND evaluation->>'reasons' LIKE '%%filler%%'",
	    c.id), 1);
	/* No AI service: the follow-ups were the bank's, as the form said. */
	interview_page(h, c.id, "", &r);
	assert_has(&r, "questions: bank with the bank&#39;s stored"
	    " follow-ups</p>");
	assert_lacks(&r, "model follow-ups");
	resp_free(&r);
	interview_page(h, c.id, "/export.md", &r);
	assert_has(&r, "- Questions from: bank with the bank's stored"
	    " follow-ups\n");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * "score 62% (fair)" beside a report that calls 60% answered well: the
 * card now gives the report's verdict and names the quality label as
 * such; the limit's explanation gives the engine's two rules.  Ended
 * after two warm-ups, the report no longer says "ended at fundamental".
 */
static void
test_the_card_gives_the_reports_verdict_and_the_level_asked(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf;

	(void)state;
	cand = made(h, "Warm Only", "bank", "&min_questions=2&max_questions=2"
	    "&minutes=0", &c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	answer_ok(cand, csrf, 2, "I am not sure.");
	sql_do("UPDATE interview_questions SET evaluation = '{\"quality\":"
	    "\"fair\",\"composite\":0.62,\"reasons\":\"Right idea.\"}'"
	    " WHERE interview_id = %lld AND n = 1", c.id);
	interview_page(h, c.id, "", &r);
	assert_has(&r, "score 62% (answered well)</span>");
	assert_has(&r, "Evaluation (quality: fair): Right idea.</p>");
	assert_has(&r, "(failed)</span>");
	assert_lacks(&r, "% (fair)");
	assert_has(&r, "id=\"limit-rule\">A limit is the level at which the"
	    " engine found the candidate's edge in that skill, by one of two"
	    " rules: an answer scored under 50% while one of the up to 3"
	    " answers before it scored under 55%");
	assert_has(&r, "two answers in a row at that level were rated poor in"
	    " quality");
	assert_has(&r, "2 questions asked of 2 · last question at warm-up; the"
	    " next would have been at fundamental ·");
	assert_lacks(&r, "ended at fundamental");
	resp_free(&r);
	interview_page(h, c.id, "/export.md", &r);
	assert_has(&r, "**Score:** 62% (answered well)\n\n**Evaluation**"
	    " (quality: fair): Right idea.\n");
	assert_has(&r, "- Level: last question at warm-up; the next would have"
	    " been at fundamental\n");
	resp_free(&r);
	interview_page(h, c.id, "/export.json", &r);
	assert_has(&r, "\"verdict\":\"answered well\"");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_a_late_answer_is_marked_wherever_it_is_read),
		cmocka_unit_test(
		    test_the_builtin_scorer_is_explained_and_repeats_not_credited),
		cmocka_unit_test(
		    test_a_follow_up_uses_its_parents_rubric_and_junk_scores_nothing),
		cmocka_unit_test(
		    test_the_card_gives_the_reports_verdict_and_the_level_asked),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
