/*
 * adaptive_test.c: the adaptive interview with the builtin evaluator, on a
 * real stack (nginx, viva.fcgi, PostgreSQL): an interviewer creates one, a
 * candidate answers question after question without JavaScript, leaves
 * and comes back, answers twice at once; the report shows what happened.
 * The test brings its own small bank (role "qa-test") so that the answers
 * that score well are known.
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
#include <sys/wait.h>
#include <unistd.h>

#include "flow.h"
#include "lib/crypto.h"
#include "lib/status.h"

static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int };

/*
 * GOOD_ANSWER (flow.h) again in other words: an answer that repeats an
 * earlier one is not credited as fresh (the builtin scorer), so climbing
 * takes new ones.
 */
#define GOOD_ANSWER_2 "My first step is a failing test that reproduces the" \
	" report, since a fix without one tends to come back. Next I look" \
	" at the boundary condition behind it: for instance a request with" \
	" no items at all. That way the empty input gets its own case, and" \
	" the unit test documents what callers may expect. Then the rest of" \
	" the tests run in the pipeline."
#define GOOD_ANSWER_3 "Before touching the code I add a unit test that" \
	" fails on the current build, because it proves the bug exists and" \
	" guards against regressions. After that I check each boundary" \
	" condition the function can meet; such as zero, one and the maximum" \
	" size, so that an empty input never throws. Lastly I rerun the" \
	" suite and ask a colleague to review the change."
#define BAD_ANSWER "I am not sure."
/* To "Which boundary condition would you test first?": none of the phrases. */
#define FOLLOW_UP_ANSWER "I would start with the largest input allowed," \
	" because overflow bugs hide there. Then I check a list of one item" \
	" and negative numbers, since off-by-one errors show at the edges." \
	" For example, a single meeting should come back unchanged, so the" \
	" caller sees the same interval. Finally I compare the result with a" \
	" slow reference version."

static const char *const levels[] = { "warmup", "fundamental", "intermediate",
	"advanced", "expert" };

static int
group_setup(void **state)
{
	(void)state;
	return flow_start_bank(accounts, NITEMS(accounts), "qa-test");
}

static char *
level_of(long long id, int n)
{
	return sql_str("SELECT difficulty FROM interview_questions"
	    " WHERE interview_id = %lld AND n = %d", id, n);
}

/*
 * The report's chart is an image named with the levels by question, and
 * its figures follow as a table: a row per question, at the level the
 * transcript below names.
 */
static void
expect_progression(const struct resp *r, long long id)
{
	long long	 n, asked = sql_num("SELECT count(*) FROM"
			    " interview_questions WHERE interview_id = %lld",
			    id);
	const char	*p, *end;
	char		*want, *q, *level;

	assert_has(r, "<img class=\"chart\" src=\"data:image/svg+xml;base64,");
	assert_lacks(r, "<svg");
	assert_has(r, "alt=\"Difficulty by question: Warm-up at question 1, ");
	assert_has(r, "<caption>Difficulty by question</caption><thead><tr>"
	    "<th scope=\"col\">Question</th><th scope=\"col\">Level</th>");
	assert_int_equal(str_count(r->body, "<tr><th scope=\"row\">"), asked);
	for (n = 1; n <= asked; n++) {
		q = fmt("<strong>Question %lld</strong> · ", n);
		p = strstr(r->body, q);
		assert_non_null(p);
		p += strlen(q);
		end = strstr(p, " · ");
		assert_non_null(end);
		level = strndup(p, (size_t)(end - p));
		assert_has(r, want = fmt("<tr><th scope=\"row\">%lld</th>"
		    "<td>%s</td></tr>", n, level));
		free(want);
		free(level);
		free(q);
	}
}

/*
 * The create form sent twice makes one interview; the second answer leads
 * to it.  Sent back to correct first, it keeps its id: still one.
 */
static void
test_the_form_sent_twice_makes_one_interview(void **state)
{
	struct http	*h = signin(&a_int);
	char		*where;
	long long	 before = sql_num("SELECT count(*) FROM interviews");
	struct resp	 first, r;

	(void)state;
	free(form_sent_twice(h, "/admin/adaptive/new", "/admin/adaptive",
	    "candidate_name=Twice&candidate_email=twice%40x.test&role=qa-test"
	    "&min_questions=9&max_questions=4&minutes=0&question_source=bank"
	    "&model=builtin&expiry_days=7", 400,
	    "candidate_name=Twice&candidate_email=twice%40x.test&role=qa-test"
	    "&min_questions=2&max_questions=4&minutes=0&question_source=bank"
	    "&model=builtin&expiry_days=7", &first, &r));
	assert_status(&first, 200);
	assert_has(&first, "shown only once");
	resp_free(&first);
	assert_redirect(&r, where = fmt("/admin/interviews/%lld"
	    "?done=created-twice#invite",
	    sql_num("SELECT max(id) FROM interviews")));
	resp_free(&r);
	get(h, where, &r);
	assert_has(&r, "the interview was created once");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews"),
	    before + 1);
	free(where);
	http_free(h);
}

static void
test_the_form_marks_bad_fields_and_keeps_the_rest(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/adaptive/new"), *body;
	struct resp	 r;

	(void)state;
	body = fmt("csrf=%s&candidate_name=Kept+Name&candidate_email=k%%40x.test"
	    "&role=qa-test&min_questions=9&max_questions=4&minutes=0"
	    "&question_source=bank&model=builtin&expiry_days=7", csrf);
	post(h, "/admin/adaptive", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "cannot be fewer than the fewest");
	assert_has(&r, "value=\"Kept Name\"");
	resp_free(&r);
	free(body);
	/* The fields' own errors and those across fields, in one round. */
	body = fmt("csrf=%s&candidate_name=&candidate_email=x%%40"
	    "&role=qa-test&min_questions=9&max_questions=4&minutes=3"
	    "&question_source=generated&model=builtin&expiry_days=7", csrf);
	post(h, "/admin/adaptive", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "candidate_name");
	assert_marked(&r, "candidate_email");
	assert_marked(&r, "max_questions");
	assert_has(&r, "cannot be fewer than the fewest");
	assert_marked(&r, "minutes");
	assert_has(&r, "Give at least 5 minutes");
	assert_marked(&r, "question_source");
	assert_has(&r, "need an AI service, and none is configured");
	assert_has(&r, "<option value=\"qa-test\" selected>");
	/* No AI service on this stack: voice answers cannot be transcribed. */
	assert_has(&r, "This server has no AI provider, which voice answers"
	    " need");
	resp_free(&r);
	free(body);
	/* No AI service on this stack: model-written questions cannot work. */
	body = fmt("csrf=%s&candidate_name=Kept+Too&candidate_email=k%%40x.test"
	    "&role=qa-test&min_questions=2&max_questions=4&minutes=25"
	    "&practice=1&question_source=generated&model=builtin"
	    "&expiry_days=9", csrf);
	post(h, "/admin/adaptive", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "need an AI service, and none is configured");
	assert_marked(&r, "question_source");
	assert_unmarked(&r, "role");
	assert_has(&r, "value=\"Kept Too\"");
	assert_has(&r, "<option value=\"qa-test\" selected>");
	/* Offered again disabled, with why, and the bank chosen instead. */
	assert_has(&r, "<option value=\"generated\" disabled>Written by the"
	    " model at the chosen level (needs an AI service)</option>");
	assert_has(&r, "<option value=\"bank\" selected>");
	assert_has(&r, "follow-ups from each question's own follow-up prompts");
	assert_has(&r, "value=\"25\"");
	assert_has(&r, "value=\"9\"");
	assert_has(&r, "name=\"practice\" value=\"1\" checked");
	resp_free(&r);
	free(body);
	body = fmt("csrf=%s&candidate_name=K&candidate_email=k%%40x.test"
	    "&role=no-such-role&min_questions=2&max_questions=4&minutes=0"
	    "&question_source=bank&model=builtin&expiry_days=7", csrf);
	post(h, "/admin/adaptive", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "Choose one of the roles offered.");
	resp_free(&r);
	free(body);
	/* A role of the org's own with no question yet: its first would end it. */
	sql_do("INSERT INTO roles (org_id, slug, name, skill_areas) SELECT id,"
	    " 'empty-role', 'Empty', '{x}' FROM orgs WHERE name = 'Org A'");
	body = fmt("csrf=%s&candidate_name=Kept+Three&candidate_email=k%%40x.test"
	    "&role=empty-role&min_questions=2&max_questions=4&minutes=0"
	    "&question_source=bank&model=builtin&expiry_days=7", csrf);
	post(h, "/admin/adaptive", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "This role has no questions in the bank yet");
	assert_marked(&r, "role");
	assert_has(&r, "value=\"Kept Three\"");
	resp_free(&r);
	/* Archived (a form loaded before): said so, not "no questions". */
	sql_do("UPDATE roles SET archived_at = now() WHERE slug = 'empty-role'");
	post(h, "/admin/adaptive", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "This role is archived: bring it back on the Roles page");
	assert_marked(&r, "role");
	resp_free(&r);
	sql_do("UPDATE roles SET archived_at = NULL WHERE slug = 'empty-role'");
	free(body);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE"
	    " role = 'empty-role'"), 0);
	free(csrf);
	http_free(h);
}

/*
 * A bank smaller than the minimum is refused on the form; one that runs out
 * before the maximum ends the interview, and every page of it still reads:
 * the candidate's, the report, the exports.
 */
static void
test_a_bank_that_runs_out_ends_the_interview_readably(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *path;
	int		 n;
	static const char *const pages[] = { "", "/export.json", "/export.md",
	    "/export.csv", "/analytics" };
	size_t		 i;

	(void)state;
	sql_do("INSERT INTO roles (org_id, slug, name, skill_areas) SELECT id,"
	    " 'tiny-role', 'Tiny', '{sql_joins}' FROM orgs WHERE name = 'Org A';"
	    " INSERT INTO questions (org_id, role, skill_area, category,"
	    " difficulty, body_md, rubric) SELECT id, 'tiny-role', 'sql_joins',"
	    " 'technical', d, 'Tiny ' || d, '{\"points\":[]}' FROM orgs,"
	    " unnest(ARRAY['warmup', 'fundamental']) d WHERE name = 'Org A'");
	csrf = csrf_of(h, "/admin/adaptive/new");
	post(h, "/admin/adaptive", path = fmt("csrf=%s&candidate_name=Tiny"
	    "&candidate_email=t%%40x.test&role=tiny-role&min_questions=3"
	    "&max_questions=5&minutes=0&question_source=bank&model=builtin"
	    "&expiry_days=7", csrf), &r);
	free(path);
	free(csrf);
	assert_status(&r, 400);
	assert_has(&r, "This role has only 2 questions in the bank, so the"
	    " interview would end after 2: set the fewest to 2 or less");
	assert_marked(&r, "min_questions");
	assert_has(&r, "value=\"Tiny\"");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE"
	    " role = 'tiny-role'"), 0);
	create_adaptive(h, "Tiny", "&role=tiny-role&model=builtin"
	    "&min_questions=2&max_questions=5&minutes=0", &c);
	cand = start(&c, &csrf);
	/* The bank's key "sql_joins" reads as words wherever people see it. */
	get(cand, "/c", &r);
	assert_has(&r, " · sql joins</p>");
	assert_lacks(&r, "sql_joins");
	resp_free(&r);
	for (n = current_n(cand); n > 0 && n <= 5; n = current_n(cand))
		answer_ok(cand, csrf, n, GOOD_ANSWER);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND status = 'completed' AND end_reason = 'bank_empty'",
	    c.id), 1);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, "There are no more questions for this role.");
	resp_free(&r);
	for (i = 0; i < NITEMS(pages); i++) {
		get(h, path = fmt("/admin/interviews/%lld%s", c.id, pages[i]),
		    &r);
		assert_status(&r, 200);
		if (i == 0) {	/* the report */
			assert_lacks(&r, "id=\"clock\"");	/* untimed */
			/* How a score is made, beside the rubric's count. */
			assert_has(&r, "A score weighs technical accuracy 60%,"
			    " clarity of the explanation 30%");
			assert_has(&r, " · sql joins · ");
			assert_has(&r, "<strong>sql joins</strong>");
		}
		resp_free(&r);
		free(path);
	}
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

static void
test_strong_answers_climb_weak_ones_find_a_boundary(void **state)
{
	struct http	*h = signin(&a_int), *cand, *again;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *lv, *cookie, *hdr, *path;
	long long	 avg;
	int		 n;

	(void)state;
	create_adaptive(h, "Climber", "&role=qa-test&model=builtin&min_questions=6&max_questions=10"
	    "&minutes=0&practice=1", &c);
	cand = start(&c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "Question 1 of 6–10");
	assert_has(&r, "Warm-up");
	assert_has(&r, "how do you test <strong>this</strong>?");
	resp_free(&r);
	/* Two warm-up answers, then fundamentals. */
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	answer_ok(cand, csrf, 2, GOOD_ANSWER_2);
	assert_string_equal(lv = level_of(c.id, 3), "fundamental");
	free(lv);
	/* Practice: the last answer's feedback and a stronger answer. */
	get(cand, "/c", &r);
	assert_has(&r, "Feedback on question 2");
	/* With the question it is about and the answer given, to compare. */
	assert_has(&r, "<summary>The question and your answer</summary>");
	assert_has(&r, "<blockquote class=\"transcript\" dir=\"auto\">My first"
	    " step is a failing test");
	assert_has(&r, "A stronger answer");
	assert_has(&r, "Question 3 of 6–10");
	resp_free(&r);
	/* Strong answers climb. */
	answer_ok(cand, csrf, 3, GOOD_ANSWER_3);
	assert_string_equal(lv = level_of(c.id, 4), "intermediate");
	free(lv);
	/* Leave and come back in another browser with the same cookie: same question. */
	cookie = http_cookie(cand, "viva_candidate");
	hdr = fmt("Cookie: viva_candidate=%s", cookie);
	again = http_new(&S);
	{
		const char	*hs[] = { hdr, NULL };

		assert_int_equal(http_req(again, "GET", "/c", NULL, NULL, 0, hs,
		    &r), 0);
		assert_status(&r, 200);
		assert_has(&r, "Question 4 of 6–10");
		resp_free(&r);
	}
	/* Weak answers go down and record a boundary. */
	for (n = current_n(cand); n > 0 && n <= 10; n = current_n(cand))
		answer_ok(cand, csrf, n, BAD_ANSWER);
	assert_string_equal(lv = sql_str("SELECT status || ' ' ||"
	    " (end_reason <> '') FROM interviews WHERE id = %lld", c.id),
	    "completed true");
	free(lv);
	assert_true(sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld AND answer IS NOT NULL", c.id) >= 6);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld AND answer IS NULL", c.id), 0);
	assert_true(sql_num("SELECT jsonb_array_length(adaptive_state->"
	    "'boundaries') FROM interviews WHERE id = %lld", c.id) >= 1);
	/* The candidate's summary, then the interviewer's report. */
	/* A fair answer that missed no point still says what to work on. */
	sql_do("UPDATE interview_questions SET evaluation = '{\"quality\":"
	    "\"fair\",\"composite\":0.5,\"missing\":[],\"reasons\":"
	    "\"Right idea, told too briefly.\"}' WHERE interview_id = %lld"
	    " AND n = 1", c.id);
	sql_do("UPDATE interview_questions SET evaluation = '{\"quality\":"
	    "\"good\",\"composite\":0.75,\"missing\":[],\"reasons\":"
	    "\"\"}' WHERE interview_id = %lld AND n = 2", c.id);
	get(cand, "/c", &r);
	assert_has(&r, "Your feedback summary");
	assert_lacks(&r, "name=\"answer\"");
	/* The last answer's feedback too, its stronger example with it. */
	path = fmt("Feedback on question %lld</h2>", sql_num("SELECT max(n)"
	    " FROM interview_questions WHERE interview_id = %lld", c.id));
	assert_has(&r, path);
	free(path);
	assert_has(&r, "A stronger answer");
	/* Each cell names its column: on a phone a row reads as a card. */
	assert_has(&r, "50% (fair)</td><td class=\"stack-wide\" data-label="
	    "\"What to work on\">Right idea, told too briefly.</td>");
	assert_has(&r, "75% (good)</td><td class=\"stack-wide\" data-label="
	    "\"What to work on\">Nothing missing.</td>");
	/* The average, as the interviewer's report works it out. */
	avg = sql_num("SELECT floor(avg((evaluation->>'composite')::float)"
	    " * 100 + 0.5) FROM interview_questions WHERE interview_id = %lld",
	    c.id);
	path = fmt("<strong>Average score %lld%%</strong> over %lld answers.",
	    avg, sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld", c.id));
	assert_has(&r, path);
	free(path);
	resp_free(&r);
	get(h, path = fmt("/admin/interviews/%lld", c.id), &r);
	free(path);
	assert_status(&r, 200);
	assert_has(&r, "Report: QA tester");
	path = fmt("verage score %lld%% over", avg);
	assert_has(&r, path);
	free(path);
	/* Levels by the names people read, as on the candidate's page. */
	assert_has(&r, "<strong>Question 1</strong> · Warm-up ·");
	assert_has(&r, "Skill boundaries");
	assert_has(&r, "limit at");
	expect_progression(&r, c.id);
	assert_has(&r, "Overall: ");
	assert_has(&r, "I am not sure.");
	assert_lacks(&r, "Time left");	/* untimed */
	/* No provider: no cost, and the report says so rather than hiding it. */
	assert_has(&r, "<strong>Cost:</strong> 0 tokens, $0.0000");
	/* A question costs nothing: no figure of the whole beside it. */
	assert_has(&r, ">bank</span> · <span class=\"badge badge-muted\">score");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE interview_id"
	    " = %lld AND type = 'interview_completed'", c.id), 1);
	/* The exports carry the questions, answers and scores. */
	get(h, path = fmt("/admin/interviews/%lld/export.md", c.id), &r);
	free(path);
	assert_status(&r, 200);
	assert_has(&r, "## Adaptive interview: QA tester");
	assert_has(&r, "### Question 1 (warm-up, ");
	assert_has(&r, "**Answer:**\n\n```text\nI am not sure.\n```\n");
	/* None of the assisted interview's parts: no challenge, no budget. */
	assert_lacks(&r, "## Challenge");
	assert_lacks(&r, "charged");
	assert_has(&r, "- Boundary: ");
	assert_has(&r, "- Provider cost: 0 tokens, $0.0000");
	assert_has(&r, "*Source: bank*");
	resp_free(&r);
	get(h, path = fmt("/admin/interviews/%lld/export.json", c.id), &r);
	free(path);
	assert_has(&r, "\"adaptive\":{\"role\":\"qa-test\"");
	assert_has(&r, "\"evaluation\":{");
	assert_has(&r, "\"scorer\":\"builtin\"");
	resp_free(&r);
	get(h, path = fmt("/admin/interviews/%lld/export.csv", c.id), &r);
	free(path);
	assert_has(&r, "n,difficulty,skill_area,category,question,answer,score,"
	    "quality,source,tokens,cost_usd,reasons,interview_id,"
	    "candidate_name,band,band_basis,boundaries,scorer_note,evaluator,"
	    "late,verdict,scoring_caveat,recommendation,recommendation_notes,"
	    "recommendations\r\n1,warmup,");
	/* The builtin evaluator costs nothing, and says so per question. */
	assert_has(&r, ",bank,0,0.000000,");
	resp_free(&r);
	/* An answer after the end is refused, the text kept. */
	assert_int_equal(answer_post(cand, csrf, 99, "late words", &r), 409);
	assert_has(&r, "not running now");
	assert_has(&r, "readonly>late words</textarea>");
	resp_free(&r);
	free(hdr);
	free(cookie);
	free(csrf);
	free(c.token);
	http_free(again);
	http_free(cand);
	http_free(h);
}

static void
test_bad_answers_get_clear_errors_and_keep_the_text(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *big, *form;

	(void)state;
	create_adaptive(h, "Careful", "&role=qa-test&model=builtin&min_questions=2&max_questions=3"
	    "&minutes=30", &c);
	cand = start(&c, &csrf);
	assert_int_equal(answer_post(cand, csrf, 1, "   ", &r), 400);
	assert_has(&r, "Write an answer first.");
	/* The box says so to a screen reader, not only in red. */
	assert_has(&r, "id=\"answer\" name=\"answer\" dir=\"auto\" rows=\"10\""
	    " aria-invalid=\"true\" aria-describedby=\"answer-error\"");
	/* Timed: the time left, and none of an assisted interview's token budget. */
	assert_has(&r, "Time left of");
	assert_lacks(&r, "Tokens left");
	assert_lacks(&r, "Messages left");
	resp_free(&r);
	/* The interviewer sees the clock too, in the report's head. */
	get(h, form = fmt("/admin/interviews/%lld", c.id), &r);
	free(form);
	assert_has(&r, "<p id=\"clock\"><strong>Time:</strong> ");
	assert_has(&r, " left of 30 min 00 s</p>");
	resp_free(&r);
	big = malloc(100001);
	memset(big, 'w', 100000);
	big[100000] = '\0';
	assert_int_equal(answer_post(cand, csrf, 1, big, &r), 400);
	assert_has(&r, "at most 20,000 characters; this one has 100,000");
	assert_has(&r, "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww");
	resp_free(&r);
	free(big);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld AND answer IS NOT NULL", c.id), 0);
	/* The same answer twice (a double submit): one is recorded. */
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	assert_int_equal(answer_post(cand, csrf, 1, GOOD_ANSWER, &r), 303);
	assert_non_null(strstr(r.headers, "Location: /c?stale=1"));
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld AND answer IS NOT NULL", c.id), 1);
	get(cand, "/c?stale=1", &r);
	assert_has(&r, "That answer was recorded already");
	assert_has(&r, "Question 2 of 2–3");
	resp_free(&r);
	/* Another text for it, from a second window: shown back, not dropped. */
	assert_int_equal(answer_post(cand, csrf, 1, "A second window's words", &r),
	    409);
	assert_has(&r, "answered already, in another window");
	/* Set aside to copy, not left in question 2's box to be sent. */
	assert_has(&r, "readonly>A second window&#39;s words</textarea>");
	assert_has(&r, "name=\"n\" value=\"2\"");
	assert_has(&r, "name=\"answer\" dir=\"auto\" rows=\"10\"></textarea>");
	/* The error is about the set-aside text, not question 2's empty box. */
	assert_lacks(&r, "has-error");
	assert_has(&r, "id=\"kept\" dir=\"auto\" rows=\"6\" aria-describedby=\"answer-error\"");
	resp_free(&r);
	/* No question number: said so, not "write an answer". */
	post(cand, "/c/answer", form = fmt("csrf=%s&answer=Words&n=x", csrf), &r);
	assert_status(&r, 400);
	assert_has(&r, "did not say which question");
	resp_free(&r);
	free(form);
	free(csrf);
	free(c.token);
	http_free(cand);
	/* The last answer sent twice: the second is told it was recorded. */
	create_adaptive(h, "Once", "&role=qa-test&model=builtin&min_questions=1"
	    "&max_questions=1&minutes=0", &c);
	cand = start(&c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'completed'", c.id), 1);
	assert_int_equal(answer_post(cand, csrf, 1, GOOD_ANSWER, &r), 303);
	assert_non_null(strstr(r.headers, "Location: /c?stale=1"));
	resp_free(&r);
	get(cand, "/c?stale=1", &r);
	assert_has(&r, "That answer was recorded already.");
	assert_lacks(&r, "here is the next question");
	assert_lacks(&r, "was not recorded");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * Counts read as words: one question of a fixed one is "1 question" and
 * "Question 1 of 1", not "about 1 to 1 questions".
 */
static void
test_counts_of_one_read_in_the_singular(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *path;

	(void)state;
	create_adaptive(h, "Single", "&role=qa-test&model=builtin"
	    "&min_questions=1&max_questions=1&minutes=5", &c);
	cand = open_invite(&c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "An interviewer will ask you 1 question, one at a time.");
	assert_has(&r, "You have <strong>5 minutes</strong> for the whole"
	    " interview.");
	resp_free(&r);
	post_ok(cand, "/c/start", csrf, "", "/c");
	get(cand, "/c", &r);
	assert_has(&r, "Question 1 of 1 ·");
	/* Timed: the page ticks its clock with the script. */
	assert_has(&r, "/static/candidate.js");
	assert_has(&r, "data-time-left-s=\"");
	resp_free(&r);
	/* No voice offered: no device check to run, the interview instead. */
	get(cand, "/c/check", &r);
	assert_status(&r, 303);
	assert_non_null(strstr(r.headers, "Location: /c\r\n"));
	resp_free(&r);
	get(h, path = fmt("/admin/interviews/%lld", c.id), &r);
	assert_has(&r, "asked of 1 · now at warm-up ·");
	resp_free(&r);
	free(path);
	free(csrf);
	free(c.token);
	http_free(cand);
	create_adaptive(h, "Range", "&role=qa-test&model=builtin"
	    "&min_questions=2&max_questions=5&minutes=0", &c);
	cand = open_invite(&c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "An interviewer will ask you about 2 to 5 questions,");
	assert_has(&r, "There is no time limit.");
	resp_free(&r);
	post_ok(cand, "/c/start", csrf, "", "/c");
	get(cand, "/c", &r);
	assert_has(&r, "Question 1 of 2–5 ·");
	/* A heading to jump to, above the voice parts' h3s. */
	assert_has(&r, "<section class=\"card\" id=\"question\">\n"
	    "  <h2 class=\"sr-only\">Question 1</h2>");
	resp_free(&r);
	get(h, path = fmt("/admin/interviews/%lld", c.id), &r);
	assert_has(&r, "asked of 2–5");
	resp_free(&r);
	free(path);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * An adaptive candidate's answers are their activity: a minute between
 * answers is active time, not a gap of the whole interview counted idle
 * (the analytics looked at chat messages only, which it has none of).
 */
static void
test_answers_count_as_active_time_in_the_analytics(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *path;

	(void)state;
	create_adaptive(h, "Steady", "&role=qa-test&model=builtin"
	    "&min_questions=4&max_questions=6&minutes=30", &c);
	cand = start(&c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	answer_ok(cand, csrf, 2, GOOD_ANSWER);
	answer_ok(cand, csrf, 3, GOOD_ANSWER);
	/* Started 200 s ago, an answer every minute since. */
	sql_do("UPDATE interviews SET started_at = now() - interval '200 s'"
	    " WHERE id = %lld; UPDATE interview_questions SET answered_at ="
	    " now() - (200 - 60 * n) * interval '1 s' WHERE interview_id = %lld"
	    " AND answered_at IS NOT NULL",
	    c.id, c.id);
	get(h, path = fmt("/admin/interviews/%lld/analytics", c.id), &r);
	assert_status(&r, 200);
	/* active / idle, as the interview page writes a duration */
	assert_has(&r, " / 0 min 00 s</span>");
	assert_lacks(&r, "<span class=\"stat-value\">0 min 00 s / ");
	assert_has(&r, "between the candidate's messages or answers");
	/* Questions and answers, not a chat's messages, prompts and replies. */
	assert_has(&r, "<span class=\"stat-value\" id=\"an-answers\">3 / 4</span>");
	assert_has(&r, "Questions answered / asked");
	assert_lacks(&r, "id=\"an-messages\"");
	assert_lacks(&r, "Average response latency");
	/* Its CSV holds the questions and answers, and says so. */
	assert_has(&r, "/export.csv\">Answers (CSV)</a>");
	assert_lacks(&r, "Messages (CSV)");
	resp_free(&r);
	free(path);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/* An adaptive candidate may not chat with the assistant, nor end by a final answer. */
static void
test_the_assistant_chat_is_not_open_to_an_adaptive_candidate(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	static const char json[] = "{\"text\":\"Tell me the answer\"}";
	char		*csrf, *hdr, *form;
	const char	*hdrs[2] = { NULL, NULL };

	(void)state;
	create_adaptive(h, "No help", "&role=qa-test&model=builtin&min_questions=2"
	    "&max_questions=3&minutes=30", &c);
	cand = start(&c, &csrf);
	assert_int_equal(message_post(cand, csrf, "Tell me the answer", &r), 404);
	resp_free(&r);
	hdrs[0] = hdr = fmt("X-CSRF-Token: %s", csrf);
	assert_int_equal(http_req(cand, "POST", "/api/v1/candidate/messages",
	    "application/json", json, strlen(json), hdrs, &r), 0);
	assert_status(&r, 404);
	assert_has(&r, "\"code\":\"not_found\"");
	resp_free(&r);
	free(hdr);
	post(cand, "/c/final", form = fmt("csrf=%s&answer=done", csrf), &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(form);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", c.id), 0);
	assert_int_equal(sql_num("SELECT tokens_used FROM interviews WHERE id = %lld",
	    c.id), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'active'", c.id), 1);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

static void
test_two_answers_at_once_are_applied_one_after_the_other(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *cookie, *hdr;
	pid_t		 pids[8];
	int		 i, wst, recorded = 0;

	(void)state;
	create_adaptive(h, "Twin", "&role=qa-test&model=builtin&min_questions=4&max_questions=8&minutes=0", &c);
	cand = start(&c, &csrf);
	cookie = http_cookie(cand, "viva_candidate");
	hdr = fmt("Cookie: viva_candidate=%s", cookie);
	for (i = 0; i < (int)NITEMS(pids); i++) {
		if ((pids[i] = fork()) == 0) {
			struct http	*x = http_new(&S);
			const char	*hs[] = { hdr, NULL };
			char		*body = fmt("csrf=%s&n=1&answer=answer+%d+"
					    "unit+test", csrf, i);
			struct resp	 r;

			if (http_req(x, "POST", "/c/answer",
			    "application/x-www-form-urlencoded", body,
			    strlen(body), hs, &r) != 0)
				_exit(2);
			/* 409: told its text was not the one recorded. */
			_exit(r.status == 303 ? 0 : r.status == 409 &&
			    strstr(r.body, "in another window") != NULL ? 3 : 1);
		}
		assert_true(pids[i] > 0);
	}
	for (i = 0; i < (int)NITEMS(pids); i++) {
		assert_int_equal(waitpid(pids[i], &wst, 0), pids[i]);
		assert_true(WIFEXITED(wst));
		recorded += WEXITSTATUS(wst) == 0;
		assert_true(WEXITSTATUS(wst) == 0 || WEXITSTATUS(wst) == 3);
	}
	assert_int_equal(recorded, 1);
	/* One answer recorded, one next question, and the engine counted one. */
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld AND answer IS NOT NULL", c.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld", c.id), 2);
	assert_int_equal(sql_num("SELECT (adaptive_state->>'asked')::int FROM"
	    " interviews WHERE id = %lld", c.id), 1);
	free(hdr);
	free(cookie);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

static void
test_the_third_question_is_behavioural_with_star_feedback(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *s;

	(void)state;
	assert_int_equal(seed_test_bank("qa-star"), 0);
	sql_do("INSERT INTO questions (org_id, role, skill_area, category,"
	    " difficulty, body_md, rubric, sample_answer) VALUES (NULL, 'qa-star',"
	    " 'collaboration', 'behavioral', 'fundamental', 'Tell me about a"
	    " disagreement in your team.', '{\"points\":[{\"text\":\"names the"
	    " disagreement\",\"weight\":2,\"phrases\":[\"disagreement\"]}]}',"
	    " 'When we disagreed, I proposed a test; as a result we shipped.')");
	create_adaptive(h, "Starry", "&role=qa-star&model=builtin&min_questions=4"
	    "&max_questions=5&minutes=0&practice=1", &c);
	cand = start(&c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	answer_ok(cand, csrf, 2, GOOD_ANSWER);
	assert_string_equal(s = sql_str("SELECT category || ' ' || skill_area FROM"
	    " interview_questions WHERE interview_id = %lld AND n = 3", c.id),
	    "behavioral collaboration");
	free(s);
	answer_ok(cand, csrf, 3, "Last year we had a disagreement about releases."
	    " My role was to lead the team. I decided to run a trial week.");
	/* Scored with its STAR parts; counted towards the limits, not the levels. */
	get(cand, "/c", &r);
	assert_has(&r, "Feedback on question 3");
	assert_has(&r, "STAR structure");
	assert_has(&r, "result missing");
	/* Said once: the badges and the list, not again in the reasons. */
	assert_has(&r, "Covered ");
	assert_lacks(&r, "STAR: no result");
	assert_lacks(&r, "Missing: ");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT (adaptive_state->>'asked')::int FROM"
	    " interviews WHERE id = %lld", c.id), 3);
	assert_int_equal(sql_num("SELECT jsonb_array_length(adaptive_state->"
	    "'turns') FROM interviews WHERE id = %lld", c.id), 2);
	assert_string_equal(s = sql_str("SELECT category FROM interview_questions"
	    " WHERE interview_id = %lld AND n = 4", c.id), "technical");
	free(s);
	/* The maximum the interviewer set (5) is the last question asked. */
	answer_ok(cand, csrf, 4, GOOD_ANSWER);
	answer_ok(cand, csrf, 5, GOOD_ANSWER);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld", c.id), 5);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'completed'", c.id), 1);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

static void
test_a_bank_without_the_level_uses_the_nearest_and_says_so(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *lv, *note;
	size_t		 i;

	(void)state;
	/* Only warm-up and expert questions left for this org's view. */
	sql_do("UPDATE questions SET archived_at = now() WHERE role = 'qa-test'"
	    " AND difficulty IN ('fundamental', 'intermediate', 'advanced')");
	create_adaptive(h, "Gappy", "&role=qa-test&model=builtin&min_questions=3&max_questions=4&minutes=0", &c);
	cand = start(&c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	answer_ok(cand, csrf, 2, GOOD_ANSWER);
	lv = level_of(c.id, 3);
	note = sql_str("SELECT note FROM interview_questions WHERE"
	    " interview_id = %lld AND n = 3", c.id);
	/*
	 * Fundamental was wanted; the nearest left is warm-up or expert.  The
	 * question is at the engine's level, the note names the bank's rating.
	 */
	assert_string_equal(lv, "fundamental");
	assert_true(strstr(note, "the nearest level was used: the bank rates"
	    " this one warm-up.") != NULL || strstr(note, "the nearest level"
	    " was used: the bank rates this one expert.") != NULL);
	free(note);
	free(lv);
	sql_do("UPDATE questions SET archived_at = NULL WHERE role = 'qa-test'");
	for (i = 0; i < NITEMS(levels); i++)
		assert_true(sql_num("SELECT count(*) FROM questions WHERE role ="
		    " 'qa-test' AND difficulty = '%s' AND archived_at IS NULL",
		    levels[i]) == 4);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/* Creates an adaptive interview with the given question source and role qa-test. */
static void
create_sourced(struct http *h, const char *name, const char *source,
    struct created *c)
{
	create_form(h, "adaptive", c, "candidate_name=%s&candidate_email="
	    "s%%40x.test&role=qa-test&model=builtin&min_questions=4"
	    "&max_questions=6&minutes=0&question_source=%s&expiry_days=7",
	    name, source);
}

/*
 * No AI service: "bank with model follow-ups" still probes deeper with the
 * bank question's stored follow-up, judged on its own terms (it has no
 * rubric; the parent's points are another question's); with none stored,
 * the next bank question is asked and the note says why.
 */
static void
test_stored_follow_ups_without_a_provider(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *s, *parent;

	(void)state;
	sql_do("UPDATE questions SET follow_ups = ARRAY['Which boundary"
	    " condition would you test first?'] WHERE role = 'qa-test'");
	create_sourced(h, "Followed", "bank_followups", &c);
	cand = start(&c, &csrf);
	/* A warm-up answer always stays in the skill: a follow-up comes next. */
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	assert_string_equal(s = question_field(c.id, 2, "source || ' ' ||"
	    " parent_n || ' ' || (question_id IS NULL) || ' ' || body_md"),
	    "stored_followup 1 true Which boundary condition would you test"
	    " first?");
	free(s);
	s = question_field(c.id, 2, "skill_area || ' ' || difficulty");
	parent = question_field(c.id, 1, "skill_area || ' ' || difficulty");
	assert_string_equal(s, parent);
	free(s);
	free(parent);
	/*
	 * A good answer to what the follow-up asks, in none of the parent's
	 * phrases, is not marked down for missing the parent's points (it
	 * was: 34%, "poor", the parent's points listed as missing).
	 */
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld AND n = 2 AND rubric IS NULL", c.id), 1);
	answer_ok(cand, csrf, 2, FOLLOW_UP_ANSWER);
	assert_true(sql_num("SELECT round((evaluation->>'composite')::float"
	    " * 100)::int FROM interview_questions WHERE interview_id = %lld"
	    " AND n = 2", c.id) >= 60);
	assert_string_equal(s = question_field(c.id, 2, "evaluation->>"
	    "'scorer'"), "builtin");
	free(s);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld AND n = 2 AND evaluation::text LIKE"
	    " '%%failing unit test%%'", c.id), 0);
	free(csrf);
	free(c.token);
	http_free(cand);
	/* None stored: the bank's next question, and why. */
	sql_do("UPDATE questions SET follow_ups = '{}' WHERE role ="
	    " 'qa-test'");
	create_sourced(h, "Unfollowed", "bank_followups", &c);
	cand = start(&c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	assert_string_equal(s = question_field(c.id, 2, "source || ' ' ||"
	    " (question_id IS NOT NULL)"), "bank true");
	free(s);
	s = question_field(c.id, 2, "note");
	assert_non_null(strstr(s, "No follow-up is stored for question 1;"
	    " the next bank question was asked."));
	free(s);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * This stack has no AI provider: an interview that offers voice says that
 * live voice needs one, keeps the typed form, and loads no live script.
 */
static void
test_live_voice_without_a_provider_says_what_it_needs(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf;

	(void)state;
	create_adaptive(h, "Unvoiced", "&role=qa-test&model=builtin"
	    "&min_questions=3&max_questions=6&minutes=0&voice=1", &c);
	cand = start(&c, &csrf);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, "id=\"live-needs-provider\"");
	/* One line for both ways of answering by voice, not two. */
	assert_has(&r, "Answering by voice, recorded or live, needs an AI"
	    " provider set up for it, which this server does not have. Type"
	    " your answer in the box above.</p>");
	assert_lacks(&r, "voice-needs-provider");
	assert_has(&r, "action=\"/c/answer\"");
	assert_lacks(&r, "id=\"live\"");
	assert_lacks(&r, "/static/live.js");
	assert_lacks(&r, "talk with the AI interviewer in real time");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * "There is no time limit. You can leave and come back": a day and more
 * later the interview still runs, for the candidate, the list and the API;
 * a timed one still ends when its time is up.
 */
static void
test_an_untimed_interview_outlasts_a_day(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c, t;
	struct resp	 r;
	char		*csrf, *tcsrf, *path;

	(void)state;
	create_adaptive(h, "Unhurried", "&role=qa-test&model=builtin"
	    "&min_questions=2&max_questions=3&minutes=0", &c);
	cand = start(&c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "Question 1 of 2–3");
	resp_free(&r);
	sql_do("UPDATE interviews SET started_at = now() - interval '30 hours'"
	    " WHERE id = %lld", c.id);
	outside_write_settles();
	/* The interviewer sees no clock, nor a control to give it time. */
	get(h, "/admin/interviews", &r);
	assert_status(&r, 200);
	assert_has(&r, "Unhurried</a>");
	assert_has(&r, "<td data-label=\"Time left\">No time limit</td>");
	resp_free(&r);
	get(h, path = fmt("/admin/interviews/%lld", c.id), &r);
	free(path);
	assert_has(&r, "Pause…");
	assert_lacks(&r, "Give more time");
	resp_free(&r);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "Time is up");
	assert_has(&r, "Question 1 of 2–3");
	resp_free(&r);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'active' AND coalesce(end_reason, '') = ''", c.id), 1);
	/* Paused, it speaks of no clock, as it has none. */
	sql_do("UPDATE interviews SET status = 'paused', paused_at = now()"
	    " WHERE id = %lld", c.id);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_has(&r, "The interviewer has paused the interview. This page"
	    " checks again every 30 seconds.");
	assert_lacks(&r, "clock");
	resp_free(&r);
	/*
	 * An answer sent while paused is kept to copy, on a page that does
	 * not reload itself in 30 seconds, which would have dropped it.
	 */
	assert_int_equal(answer_post(cand, csrf, 2, "words while paused", &r),
	    409);
	assert_has(&r, "readonly>words while paused</textarea>");
	assert_has(&r, "paused the interview, so your answer was not recorded."
	    " It is kept below: copy it, and send it once the interview"
	    " resumes.");
	assert_lacks(&r, "http-equiv=\"refresh\"");
	assert_lacks(&r, "This page checks again every 30 seconds.");
	resp_free(&r);
	/* Its analytics give the 30 hours it took, with no limit to use up. */
	get(h, path = fmt("/admin/interviews/%lld/analytics", c.id), &r);
	free(path);
	assert_status(&r, 200);
	assert_has(&r, "<span class=\"stat-value\">30 h 00 min");
	assert_has(&r, "Time taken (no time limit)");
	assert_lacks(&r, "Time used of");
	resp_free(&r);
	/* Timed, its 30 minutes long gone: ended by the clock. */
	create_adaptive(h, "Hurried", "&role=qa-test&model=builtin"
	    "&min_questions=2&max_questions=3&minutes=30", &t);
	http_free(cand);
	cand = start(&t, &tcsrf);
	sql_do("UPDATE interviews SET started_at = now() - interval '31 minutes'"
	    " WHERE id = %lld", t.id);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_has(&r, "Time is up");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'completed' AND end_reason = 'time'", t.id), 1);
	free(csrf);
	free(tcsrf);
	free(c.token);
	free(t.token);
	http_free(cand);
	http_free(h);
}

/*
 * A timed interview whose clock ran out while the candidate wrote: the
 * answer, sent within two minutes of the end, is recorded as the last and
 * marked late; one sent later is refused and shown back to copy.  (Before,
 * every answer after the end was refused, and the page never said the time
 * was running out.)
 */
/* A started 5-minute interview whose time ran out late_s seconds ago. */
static struct http *
ran_out(struct http *h, const char *name, int late_s, struct created *c,
    char **csrf)
{
	struct http	*cand;

	create_adaptive(h, name, "&role=qa-test&model=builtin"
	    "&min_questions=2&max_questions=3&minutes=5", c);
	cand = start(c, csrf);
	sql_do("UPDATE interviews SET started_at = now() - make_interval(secs"
	    " => 300 + %d) WHERE id = %lld", late_s, c->id);
	outside_write_settles();
	return cand;
}

static void
test_an_answer_sent_as_the_time_ran_out_is_kept_as_late(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c, t;
	struct resp	 r;
	char		*csrf, *tcsrf;

	(void)state;
	cand = ran_out(h, "Late Writer", 30, &c, &csrf);
	assert_int_equal(answer_post(cand, csrf, 1, "Written as the clock ran"
	    " out", &r), 303);
	assert_non_null(strstr(r.headers, "Location: /c?late=1"));
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld AND n = 1 AND answer = 'Written as the"
	    " clock ran out'", c.id), 1);
	/* The last: no question after it, the interview ended by time. */
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld", c.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND status = 'completed' AND end_reason = 'time'", c.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type = 'answer_late'", c.id), 1);
	get(cand, "/c?late=1", &r);
	assert_has(&r, "Your last answer was recorded. It came after the time"
	    " ran out");
	assert_has(&r, "Time is up");
	assert_lacks(&r, "name=\"answer\"");
	resp_free(&r);
	http_free(cand);
	/* Three minutes after the end is too late: kept to copy, not recorded. */
	cand = ran_out(h, "Too Late", 180, &t, &tcsrf);
	assert_int_equal(answer_post(cand, tcsrf, 1, "Sent far too late", &r),
	    409);
	assert_has(&r, "readonly>Sent far too late</textarea>");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld AND answer IS NOT NULL", t.id), 0);
	free(csrf);
	free(tcsrf);
	free(c.token);
	free(t.token);
	http_free(cand);
	http_free(h);
}

/* The list's "practice" filter: the adaptive interviews in practice mode. */
static void
test_the_practice_filter_finds_practice_interviews(void **state)
{
	struct http	*h = signin(&a_int);
	struct created	 p, x;
	struct resp	 r;
	const char	*row;

	(void)state;
	create_adaptive(h, "Practising", "&role=qa-test&model=builtin"
	    "&min_questions=2&max_questions=3&minutes=0&practice=1", &p);
	create_adaptive(h, "Examined", "&role=qa-test&model=builtin"
	    "&min_questions=2&max_questions=3&minutes=0", &x);
	get(h, "/admin/interviews?kind=practice", &r);
	assert_status(&r, 200);
	assert_has(&r, ">Practising</a>");
	assert_lacks(&r, ">Examined</a>");
	resp_free(&r);
	get(h, "/admin/interviews.csv?kind=practice", &r);
	assert_status(&r, 200);
	assert_has(&r, ",Practising,");
	/* The list says which kind each interview is, as the page does. */
	assert_has(&r, ",tokens_used,kind,");
	assert_has(&r, ",adaptive,");
	assert_lacks(&r, ",Examined,");
	/* And, last, whether it is practice: the page's badge says so too. */
	assert_has(&r, ",average_score,average_rating,practice\r\n");
	assert_has(&r, ",true\r\n");
	assert_lacks(&r, ",false\r\n");
	resp_free(&r);
	get(h, "/admin/interviews.csv?kind=adaptive", &r);
	row = strstr(r.body, ",Examined,");
	assert_non_null(row);
	assert_true(strstr(row, ",false\r\n") == strstr(row, "\r\n") - 6);
	row = strstr(r.body, ",Practising,");
	assert_non_null(row);
	assert_true(strstr(row, ",true\r\n") == strstr(row, "\r\n") - 5);
	resp_free(&r);
	get(h, "/admin/interviews?kind=adaptive", &r);
	assert_has(&r, ">Practising</a>");
	assert_has(&r, ">Examined</a>");
	/* Each row's badge tells a practice run from an assessment. */
	row = strstr(r.body, ">Practising</a>");
	assert_non_null(row);
	assert_non_null(strstr(row, "<span class=\"badge badge-muted\">"
	    "practice</span>"));
	assert_true(strstr(row, "practice</span>") < strstr(row, "</tr>"));
	row = strstr(r.body, ">Examined</a>");
	assert_true(strstr(row, "adaptive</span>") < strstr(row, "</tr>"));
	resp_free(&r);
	free(p.token);
	free(x.token);
	http_free(h);
}

/*
 * The report shows only what there is: a question card had an empty hint
 * paragraph, and "Skill boundaries" an empty list before the candidate
 * started; it now says none was found yet.
 */
static void
test_the_report_has_no_empty_hint_nor_boundary_list(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *path;

	(void)state;
	create_adaptive(h, "Not Yet", "&role=qa-test&model=builtin"
	    "&min_questions=2&max_questions=3&minutes=0", &c);
	path = fmt("/admin/interviews/%lld", c.id);
	get(h, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "<h3>Skill boundaries</h3>\n  <p class=\"empty\">No"
	    " skill boundary found yet.</p>");
	assert_lacks(&r, "<ul></ul>");
	resp_free(&r);
	cand = start(&c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	get(h, path, &r);
	assert_has(&r, "<strong>Question 2</strong>");
	assert_lacks(&r, "<p class=\"hint\"></p>");
	/* Started, each skill says how far it got. */
	assert_has(&r, "<strong>testing</strong>: ");
	assert_lacks(&r, "No skill boundary found yet.");
	resp_free(&r);
	free(path);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_form_marks_bad_fields_and_keeps_the_rest),
		cmocka_unit_test(test_the_form_sent_twice_makes_one_interview),
		cmocka_unit_test(test_strong_answers_climb_weak_ones_find_a_boundary),
		cmocka_unit_test(test_a_bank_that_runs_out_ends_the_interview_readably),
		cmocka_unit_test(test_bad_answers_get_clear_errors_and_keep_the_text),
		cmocka_unit_test(test_counts_of_one_read_in_the_singular),
		cmocka_unit_test(test_answers_count_as_active_time_in_the_analytics),
		cmocka_unit_test(test_the_assistant_chat_is_not_open_to_an_adaptive_candidate),
		cmocka_unit_test(test_two_answers_at_once_are_applied_one_after_the_other),
		cmocka_unit_test(test_the_third_question_is_behavioural_with_star_feedback),
		cmocka_unit_test(test_a_bank_without_the_level_uses_the_nearest_and_says_so),
		cmocka_unit_test(test_stored_follow_ups_without_a_provider),
		cmocka_unit_test(test_live_voice_without_a_provider_says_what_it_needs),
		cmocka_unit_test(test_an_untimed_interview_outlasts_a_day),
		cmocka_unit_test(test_an_answer_sent_as_the_time_ran_out_is_kept_as_late),
		cmocka_unit_test(test_the_practice_filter_finds_practice_interviews),
		cmocka_unit_test(test_the_report_has_no_empty_hint_nor_boundary_list),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
