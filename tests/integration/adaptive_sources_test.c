/*
 * adaptive_sources_test.c: where an adaptive interview's questions come
 * from when a model is configured (tests/fakeai/server.mjs, scripted per
 * tool): follow-ups the model phrases, the stored follow-up when it fails,
 * questions the model writes (malformed twice: the bank's, recorded), and
 * what it all cost in the report, the exports and the JSON API.  Also what
 * the report says of a builtin interview whose answers were strong, then
 * failed (a tester's run).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fakeai.h"
#include "flow.h"
#include "lib/status.h"

static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	a_adm = { "Org A", "adm@a.test", "admin", NULL };
static struct account *const accounts[] = { &a_int, &a_adm };

#define ANSWER "I write a failing unit test first, then handle the boundary" \
	" condition such as empty input, because regressions must stay fixed."
#define PROMPT "Which boundary condition would you test first?"
#define FOLLOW_TEXT "Follow-up: what would you check **next**?"

#define EVAL_STEP "{\"when_tool\":\"evaluate_candidate_answer\",\"times\":40," \
	"\"tool_calls\":[{\"name\":\"evaluate_candidate_answer\",\"arguments\":{" \
	"\"answer_quality\":\"good\",\"technical_accuracy\":0.7," \
	"\"explanation_clarity\":0.8,\"identified_skills\":[\"testing\"]," \
	"\"skill_boundaries_detected\":[],\"star\":{\"situation\":false," \
	"\"task\":false,\"action\":false,\"result\":false}," \
	"\"reasons\":\"Names the failing test first.\"}}]}"
#define FOLLOW_STEP(times) "{\"when_tool\":\"ask_follow_up_question\"," \
	"\"times\":" times ",\"tool_calls\":[{\"name\":\"ask_follow_up_question\"," \
	"\"arguments\":{\"question\":\"" FOLLOW_TEXT "\",\"expected_points\":" \
	"[{\"text\":\"checks the next case\",\"weight\":2,\"key_phrases\":" \
	"[\"next case\"]}]}}]}"
#define FOLLOW_BAD "{\"when_tool\":\"ask_follow_up_question\",\"times\":2," \
	"\"tool_calls\":[{\"name\":\"ask_follow_up_question\"," \
	"\"arguments\":{\"question\":5}}]}"
#define WRITE_STEP(times, q, phrase) "{\"when_tool\":\"write_interview_question\"," \
	"\"times\":" times ",\"tool_calls\":[{\"name\":\"write_interview_question\"," \
	"\"arguments\":{\"question\":\"" q "\",\"expected_points\":[{\"text\":" \
	"\"names the technique\",\"weight\":3,\"key_phrases\":[\"" phrase "\"]}]," \
	"\"sample_answer\":\"Sample: " phrase ".\"}}]}"
/* A written question whose arguments claim a difficulty of their own. */
#define WRITE_CLAIMS(q, level) "{\"when_tool\":\"write_interview_question\"," \
	"\"tool_calls\":[{\"name\":\"write_interview_question\"," \
	"\"arguments\":{\"question\":\"" q "\",\"difficulty\":\"" level "\"," \
	"\"expected_points\":[{\"text\":\"names the technique\",\"weight\":3," \
	"\"key_phrases\":[\"memo\"]}],\"sample_answer\":\"Sample.\"}}]}"
/* A poor answer: composite 0.6 * 0.4 + 0.3 * 0.45 + 0.1 * 0.25 = 40%. */
#define EVAL_POOR "{\"when_tool\":\"evaluate_candidate_answer\",\"times\":40," \
	"\"tool_calls\":[{\"name\":\"evaluate_candidate_answer\",\"arguments\":{" \
	"\"answer_quality\":\"poor\",\"technical_accuracy\":0.4," \
	"\"explanation_clarity\":0.45,\"identified_skills\":[]," \
	"\"skill_boundaries_detected\":[],\"star\":{\"situation\":false," \
	"\"task\":false,\"action\":false,\"result\":false}," \
	"\"reasons\":\"Vague.\"}}]}"
/* One evaluation: a good one, a provider's refusal, no call, bad fields. */
#define EVAL_ONCE "{\"tool_calls\":[{\"name\":\"evaluate_candidate_answer\"," \
	"\"arguments\":{\"answer_quality\":\"good\",\"technical_accuracy\":0.7," \
	"\"explanation_clarity\":0.8,\"identified_skills\":[]," \
	"\"skill_boundaries_detected\":[],\"star\":{\"situation\":false," \
	"\"task\":false,\"action\":false,\"result\":false}," \
	"\"reasons\":\"The model's reasons.\"}}]}"
#define EVAL_REFUSED "{\"fault\":\"501\"}"
#define EVAL_NO_CALL "{\"reply\":\"A fine answer.\",\"times\":2}"
#define EVAL_BAD_FIELDS "{\"times\":2,\"tool_calls\":[{\"name\":" \
	"\"evaluate_candidate_answer\",\"arguments\":{\"answer_quality\":" \
	"\"superb\"}}]}"
#define WRITE_BAD "{\"when_tool\":\"write_interview_question\",\"times\":2," \
	"\"tool_calls\":[{\"name\":\"write_interview_question\",\"arguments\":" \
	"{\"question\":\"Q?\",\"expected_points\":[{\"text\":\"t\",\"weight\":9," \
	"\"key_phrases\":[\"x\"]}]}}]}"

static int
group_setup(void **state)
{
	(void)state;
	if (fakeai_start_as_provider("sk-sources-test") != 0)
		return -1;
	setenv("VIVA_AI_MODELS", "gpt-4o-mini", 1);
	setenv("VIVA_AI_TIMEOUT_MS", "1500", 1);
	setenv("VIVA_AI_PRICES", "gpt-4o-mini:0.15:0.60", 1);
	if (flow_start(accounts, NITEMS(accounts)) != 0 ||
	    seed_test_bank("src-test") != 0)
		return -1;
	sql_do("UPDATE questions SET follow_ups = ARRAY['" PROMPT "'] WHERE"
	    " role = 'src-test' AND skill_area = 'testing'");
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	flow_stop(accounts, NITEMS(accounts));
	fakeai_stop();
	return 0;
}

/* --- helpers -------------------------------------------------------------- */

static void
create_sourced(struct http *h, const char *name, const char *source,
    const char *model, struct created *c)
{
	create_form(h, "adaptive", c, "candidate_name=%s&candidate_email="
	    "s%%40x.test&role=src-test&model=%s&min_questions=4"
	    "&max_questions=6&minutes=0&question_source=%s&expiry_days=7",
	    name, model, source);
}

/* o's member at a dotted path ("error.fields.role"); fails the test if absent. */
static struct json_object *
at(struct json_object *o, const char *path)
{
	struct json_object	*v = o;
	char			 key[64];
	const char		*p = path;
	size_t			 len;

	while (*p != '\0') {
		len = strcspn(p, ".");
		assert_true(len < sizeof(key));
		memcpy(key, p, len);
		key[len] = '\0';
		if (!json_object_object_get_ex(v, key, &v))
			fail_msg("no \"%s\" in %s", path,
			    json_object_to_json_string(o));
		p += len + (p[len] == '.');
	}
	return v;
}

/* The name of the tool request i offered, "" if none. */
static const char *
tool_of(struct json_object *reqs, size_t i)
{
	struct json_object	*b = at(json_object_array_get_idx(reqs, i),
				    "body"), *t;

	if (!json_object_object_get_ex(b, "tools", &t))
		return "";
	return json_object_get_string(at(at(json_object_array_get_idx(t, 0),
	    "function"), "name"));
}

static size_t
count_tool(struct json_object *reqs, const char *tool)
{
	size_t	 i, n = 0;

	for (i = 0; i < json_object_array_length(reqs); i++)
		n += strcmp(tool_of(reqs, i), tool) == 0;
	return n;
}

/* The messages of the first request that offered tool. */
static struct json_object *
messages_of(struct json_object *reqs, const char *tool)
{
	size_t	 i;

	for (i = 0; i < json_object_array_length(reqs); i++)
		if (strcmp(tool_of(reqs, i), tool) == 0)
			return at(at(json_object_array_get_idx(reqs, i),
			    "body"), "messages");
	fail_msg("no request offered %s", tool);
	return NULL;
}

/* The messages of the last request that offered tool. */
static struct json_object *
last_messages_of(struct json_object *reqs, const char *tool)
{
	size_t	 i;

	for (i = json_object_array_length(reqs); i > 0; i--)
		if (strcmp(tool_of(reqs, i - 1), tool) == 0)
			return at(at(json_object_array_get_idx(reqs, i - 1),
			    "body"), "messages");
	fail_msg("no request offered %s", tool);
	return NULL;
}

static const char *
content_of(struct json_object *msgs, size_t i)
{
	return json_object_get_string(at(json_object_array_get_idx(msgs, i),
	    "content"));
}


/* --- a tester's run: strong answers, then failed ones --------------------- */

/* The sample answer stored for question n (the bank's when it has none). */
static char *
sample_of(long long id, int n)
{
	return sql_str("SELECT coalesce(nullif(iq.sample_answer, ''),"
	    " q.sample_answer) FROM interview_questions iq LEFT JOIN questions q"
	    " ON q.id = iq.question_id WHERE iq.interview_id = %lld AND"
	    " iq.n = %d", id, n);
}

/* Fails unless question n is at level, in skill, and scored score%. */
static void
expect_question(long long id, int n, const char *level, const char *skill,
    int score)
{
	char	*s = question_field(id, n, "difficulty || ' ' || skill_area ||"
		    " ' ' || round((evaluation->>'composite')::numeric * 100)");
	char	*want = fmt("%s %s %d", level, skill, score);

	assert_string_equal(s, want);
	free(want);
	free(s);
}

/*
 * As a tester took it (python, builtin scorer, 8 to 12 questions): each
 * question's own sample answer for 7 questions, then "I am not sure." to
 * the end.  Run once, for the tests that read its report; its id.
 */
static long long
strong_then_unsure(void)
{
	static long long	 id;
	struct http		*h, *cand;
	struct created		 c;
	char			*csrf, *sample;
	int			 n, k = 0;

	if (id != 0)
		return id;
	h = signin(&a_int);
	create_adaptive(h, "Tester", "&role=python&model=builtin"
	    "&min_questions=8&max_questions=12&minutes=0", &c);
	cand = start(&c, &csrf);
	for (n = current_n(cand); n > 0 && n <= 12; n = current_n(cand), k++) {
		sample = sample_of(c.id, n);
		answer_ok(cand, csrf, n, k < 7 ? sample : "I am not sure.");
		free(sample);
	}
	assert_string_equal(sample = sql_str("SELECT status FROM interviews"
	    " WHERE id = %lld", c.id), "completed");
	free(sample);
	/* What the report is about: the bank's order decides, by its ids. */
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld", c.id), 11);
	expect_question(c.id, 6, "advanced", "concurrency", 91);
	expect_question(c.id, 7, "expert", "language_core", 96);
	expect_question(c.id, 8, "expert", "data_structures", 7);
	expect_question(c.id, 9, "expert", "data_structures", 7);
	expect_question(c.id, 10, "advanced", "testing", 7);
	expect_question(c.id, 11, "intermediate", "concurrency", 7);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
	return id = c.id;
}

/* The interviewer's page of interview id. */
static void
report_page(long long id, struct resp *r)
{
	struct http	*h = signin(&a_int);
	char		*path = fmt("/admin/interviews/%lld", id);

	get(h, path, r);
	assert_status(r, 200);
	free(path);
	http_free(h);
}

/* An ended interview is not "now at" a level: it ended there. */
static void
test_a_completed_report_says_where_it_ended(void **state)
{
	struct resp	 r;

	(void)state;
	report_page(strong_then_unsure(), &r);
	/*
	 * The last answer failed at intermediate and took it down: no
	 * question was asked at fundamental after it, so not "ended at".
	 */
	assert_has(&r, "11 questions asked of 8–12 · last question at"
	    " intermediate; the next would have been at fundamental ·");
	assert_lacks(&r, "ended at");
	assert_lacks(&r, "now at");
	resp_free(&r);
}

/*
 * A limit is where the candidate struggled, not a level reached: said so,
 * with the question, and beside it the hardest level answered well, even
 * when that is above the limit (concurrency: 91% at advanced, question 6;
 * then "I am not sure." at intermediate, question 11).
 */
static void
test_a_limit_says_where_the_candidate_struggled(void **state)
{
	struct resp	 r;

	(void)state;
	report_page(strong_then_unsure(), &r);
	assert_has(&r, "A limit is the level at which the engine found the"
	    " candidate's edge in that skill, by one of two rules");
	assert_has(&r, "<strong>concurrency</strong>: limit at intermediate,"
	    " where the candidate struggled (question 11, 7%); hardest level"
	    " answered well: advanced (question 6, 91%), above the limit</li>");
	assert_has(&r, "<strong>data structures</strong>: limit at expert,"
	    " where the candidate struggled (question 9, 7%); hardest level"
	    " answered well: fundamental (question 4, 91%)</li>");
	assert_has(&r, "<strong>testing</strong>: limit at advanced, where the"
	    " candidate struggled (question 10, 7%); hardest level answered"
	    " well: intermediate (question 5, 96%)</li>");
	assert_has(&r, "<strong>language core</strong>: strong even at expert:"
	    " no limit found; hardest level answered well: expert (question 7,"
	    " 96%)</li>");
	resp_free(&r);
}

/*
 * The Markdown is for people: a skill reads as the report page names it,
 * in each question's heading and in its finding, never its key with the
 * underscore escaped ("language\\_core"), which the JSON keeps.
 */
static void
test_the_markdown_names_skills_as_the_report_does(void **state)
{
	struct http	*h = signin(&a_int);
	long long	 id = strong_then_unsure();
	char		*path = fmt("/admin/interviews/%lld/export.md", id);
	struct resp	 r;

	(void)state;
	get(h, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "\n### Question 7 (expert, language core)\n");
	assert_has(&r, "\n### Question 8 (expert, data structures)\n");
	assert_has(&r, "\n- Boundary: language core: strong even at expert:");
	assert_has(&r, "\n- Boundary: data structures: limit at expert,");
	assert_lacks(&r, "language\\_core");
	assert_lacks(&r, "data\\_structures");
	resp_free(&r);
	free(path);
	path = fmt("/admin/interviews/%lld/export.json", id);
	get(h, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "\"skill_area\":\"language_core\"");
	resp_free(&r);
	free(path);
	http_free(h);
}

/*
 * One good answer at expert does not make an expert of a candidate whose
 * next 4 answers failed, 2 of them at expert: the band weighs both, and
 * its basis says so.
 */
static void
test_the_band_weighs_the_failed_answers_too(void **state)
{
	struct resp	 r;

	(void)state;
	report_page(strong_then_unsure(), &r);
	assert_lacks(&r, "Overall: Expert");
	assert_has(&r, "<strong>Overall: Mid-level.</strong> The hardest level"
	    " the answers support is intermediate: 3 answered well (60% or"
	    " more) at intermediate or harder, 1 failed (under 50%) at"
	    " intermediate or easier. Not advanced: 2 answered well at"
	    " advanced or harder, 2 failed at advanced or easier. The hardest"
	    " level answered well was expert (question 7). The last 4 answers"
	    " failed (questions 8 to 11). Average score 60% over 11 answered"
	    " questions; the behavioural question counts in the average, not"
	    " in the levels.</p>");
	resp_free(&r);
}

/* The JSON API reads the same: the band, each limit and the best beside it. */
static void
test_the_api_report_reads_as_the_page(void **state)
{
	struct http		*api = http_new(&S);
	struct json_object	*o, *b;
	struct resp		 r;
	char			*tok = api_token_of(&a_adm, "sources"), *auth, *path;
	const char		*hdrs[2];
	long long		 id = strong_then_unsure();

	(void)state;
	auth = fmt("Authorization: Bearer %s", tok);
	hdrs[0] = auth;
	hdrs[1] = NULL;
	path = fmt("/api/v1/interviews/%lld/report", id);
	assert_int_equal(http_req(api, "GET", path, NULL, NULL, 0, hdrs, &r), 0);
	assert_status(&r, 200);
	o = json_tokener_parse(r.body);
	assert_non_null(o);
	assert_string_equal(json_object_get_string(at(o, "band")), "Mid-level");
	b = json_object_array_get_idx(at(o, "boundaries"), 3);
	assert_string_equal(json_object_get_string(at(b, "skill")),
	    "concurrency");
	assert_string_equal(json_object_get_string(at(b, "level")),
	    "intermediate");
	assert_string_equal(json_object_get_string(at(b, "best_level")),
	    "advanced");
	assert_non_null(strstr(json_object_get_string(at(b, "finding")),
	    "limit at intermediate, where the candidate struggled"));
	json_object_put(o);
	resp_free(&r);
	free(path);
	free(auth);
	free(tok);
	http_free(api);
}

/* --- the tests ------------------------------------------------------------ */

/* The report, the exports and the API say where questions came from and what they cost. */
static void
check_cost_and_sources(struct http *h, long long id)
{
	struct json_object	*o, *qs;
	struct resp		 r;
	char			*path, *tok = api_token_of(&a_adm, "sources"), *auth;
	const char		*hdrs[2];
	struct http		*api = http_new(&S);

	get(h, path = fmt("/admin/interviews/%lld", id), &r);
	free(path);
	assert_status(&r, 200);
	assert_has(&r, "model follow-up to question 1</span>");
	assert_has(&r, "<strong>Cost:</strong> ");
	assert_has(&r, " tokens, $0.0");
	assert_has(&r, " (from the configured price table)</p>");
	assert_lacks(&r, "builtin evaluator costs nothing");
	resp_free(&r);
	/* A model with no price: its cost is not known, not "$0.0000". */
	sql_do("UPDATE interviews SET model = 'unpriced-model' WHERE id = %lld",
	    id);
	get(h, path = fmt("/admin/interviews/%lld", id), &r);
	free(path);
	assert_has(&r, " tokens, not known: the price table (ai_prices) has no"
	    " price for unpriced-model</p>");
	assert_lacks(&r, "$0.0");
	assert_lacks(&r, "builtin evaluator costs nothing");
	resp_free(&r);
	sql_do("UPDATE interviews SET model = 'gpt-4o-mini' WHERE id = %lld",
	    id);
	get(h, path = fmt("/admin/interviews/%lld/export.md", id), &r);
	free(path);
	assert_has(&r, "- Questions from: bank with model follow-ups");
	assert_has(&r, "- Provider cost: ");
	assert_has(&r, "*Source: model follow-up to question 1; ");
	resp_free(&r);
	get(h, path = fmt("/admin/interviews/%lld/export.csv", id), &r);
	free(path);
	assert_has(&r, "quality,source,tokens,cost_usd,reasons,");
	assert_has(&r, ",model_followup,");
	resp_free(&r);
	get(h, path = fmt("/admin/interviews/%lld/export.json", id), &r);
	free(path);
	assert_has(&r, "\"question_source\":\"bank_followups\"");
	assert_has(&r, "\"source\":\"model_followup\",\"parent_n\":1");
	resp_free(&r);
	/* The API's report. */
	auth = fmt("Authorization: Bearer %s", tok);
	hdrs[0] = auth;
	hdrs[1] = NULL;
	path = fmt("/api/v1/interviews/%lld/report", id);
	assert_int_equal(http_req(api, "GET", path, NULL, NULL, 0, hdrs, &r), 0);
	free(path);
	assert_status(&r, 200);
	o = json_tokener_parse(r.body);
	assert_non_null(o);
	assert_string_equal(json_object_get_string(at(o, "question_source")),
	    "bank_followups");
	assert_non_null(json_object_get_string(at(o, "band")));
	assert_non_null(strstr(json_object_get_string(at(o, "band_basis")),
	    "Average score"));
	assert_int_equal(json_object_array_length(at(o, "boundaries")), 2);
	assert_true(json_object_get_int64(at(o, "cost_micros")) > 0);
	assert_int_equal(json_object_get_int64(at(o, "cost_micros")), sql_num(
	    "SELECT cost_micros FROM interviews WHERE id = %lld", id));
	assert_non_null(strstr(json_object_get_string(at(o, "cost_usd")),
	    "$0.0"));
	qs = at(o, "questions");
	assert_string_equal(json_object_get_string(at(json_object_array_get_idx(
	    qs, 1), "source")), "model_followup");
	assert_string_equal(json_object_get_string(at(json_object_array_get_idx(
	    qs, 0), "reasons")), "Names the failing test first.");
	assert_true(json_object_get_int(at(json_object_array_get_idx(qs, 0),
	    "tokens")) > 0);
	json_object_put(o);
	resp_free(&r);
	/* No such interview: 404, with a message that names the route's scope. */
	path = fmt("/api/v1/interviews/%lld/report", id + 1000);
	assert_int_equal(http_req(api, "GET", path, NULL, NULL, 0, hdrs, &r), 0);
	free(path);
	assert_status(&r, 404);
	resp_free(&r);
	free(auth);
	free(tok);
	http_free(api);
}

/*
 * The analytics' tokens in and out are every charged call's (each answer's
 * evaluation, each follow-up the model phrased), so they add up to what the
 * interview was charged, on the page, in the API and in the JSON export.
 */
static void
check_tokens_add_up(struct http *h, long long id)
{
	struct json_object	*o, *an, *tl;
	struct resp		 r;
	char			*path, *tok = api_token_of(&a_adm, "sources"), *auth, *s;
	const char		*hdrs[2];
	struct http		*api = http_new(&S);
	long long		 used, in, out;

	used = sql_num("SELECT tokens_used FROM interviews WHERE id = %lld", id);
	in = sql_num("SELECT sum(prompt_tokens) FROM usage WHERE"
	    " interview_id = %lld AND state = 'settled'", id);
	out = sql_num("SELECT sum(completion_tokens) FROM usage WHERE"
	    " interview_id = %lld AND state = 'settled'", id);
	assert_true(in > 0 && out > 0);
	assert_int_equal(in + out, used);
	get(h, path = fmt("/admin/interviews/%lld/analytics", id), &r);
	free(path);
	assert_status(&r, 200);
	/* As people read them, grouped by PostgreSQL's to_char: "1,480". */
	assert_has(&r, s = sql_str("SELECT 'id=\"an-tokens-in\">' ||"
	    " to_char(%lld, 'FM999,999,999,990') || '<'", in));
	free(s);
	assert_has(&r, s = sql_str("SELECT 'id=\"an-tokens-out\">' ||"
	    " to_char(%lld, 'FM999,999,999,990') || '<'", out));
	free(s);
	resp_free(&r);
	auth = fmt("Authorization: Bearer %s", tok);
	hdrs[0] = auth;
	hdrs[1] = NULL;
	path = fmt("/api/v1/interviews/%lld/analytics", id);
	assert_int_equal(http_req(api, "GET", path, NULL, NULL, 0, hdrs, &r), 0);
	free(path);
	assert_status(&r, 200);
	assert_non_null(o = json_tokener_parse(r.body));
	an = at(o, "analytics");
	assert_int_equal(json_object_get_int64(at(an, "tokens_in")), in);
	assert_int_equal(json_object_get_int64(at(an, "tokens_out")), out);
	assert_int_equal(json_object_get_int64(at(an, "tokens_used")), used);
	/* The timeline ends at what was charged. */
	tl = at(an, "timeline");
	assert_int_equal(json_object_get_int64(at(json_object_array_get_idx(tl,
	    json_object_array_length(tl) - 1), "tokens")), used);
	json_object_put(o);
	resp_free(&r);
	get(h, path = fmt("/admin/interviews/%lld/export.json", id), &r);
	free(path);
	assert_non_null(o = json_tokener_parse(r.body));
	an = at(o, "analytics");
	assert_int_equal(json_object_get_int64(at(an, "tokens_in")) +
	    json_object_get_int64(at(an, "tokens_out")), used);
	json_object_put(o);
	resp_free(&r);
	free(auth);
	free(tok);
	http_free(api);
}

/* POSTs body to /api/v1/interviews with tok; the parsed answer, status checked. */
static struct json_object *
api_create(const char *tok, const char *body, long want)
{
	struct http		*api = http_new(&S);
	struct json_object	*o;
	struct resp		 r;
	char			*auth = fmt("Authorization: Bearer %s", tok);
	const char		*hdrs[2] = { auth, NULL };

	assert_int_equal(http_req(api, "POST", "/api/v1/interviews",
	    "application/json", body, strlen(body), hdrs, &r), 0);
	assert_status(&r, want);
	o = json_tokener_parse(r.body);
	assert_non_null(o);
	resp_free(&r);
	free(auth);
	http_free(api);
	return o;
}

/*
 * With one skill the engine stays in it answer after answer; each probe
 * deeper follows a bank question, never a follow-up (a thread drilled
 * question after question leaves the rest of the level unasked).
 */
static void
test_a_follow_up_is_not_followed_up_again(void **state)
{
	struct http		*h = signin(&a_int), *cand;
	struct created		 c;
	char			*csrf;
	int			 n;

	(void)state;
	sql_do("INSERT INTO roles (org_id, slug, name, skill_areas) VALUES"
	    " (NULL, 'src-one', 'One skill', ARRAY['testing']);"
	    " INSERT INTO questions (org_id, role, skill_area, category,"
	    " difficulty, body_md, rubric, sample_answer, follow_ups) SELECT"
	    " NULL, 'src-one', skill_area, category, difficulty, body_md,"
	    " rubric, sample_answer, follow_ups FROM questions WHERE role ="
	    " 'src-test' AND skill_area = 'testing'");
	fakeai_script("[" EVAL_STEP "," FOLLOW_STEP("40") "]");
	create_sourced(h, "One", "bank_followups", "gpt-4o-mini", &c);
	sql_do("UPDATE interviews SET role = 'src-one', min_questions = 6,"
	    " max_questions = 6 WHERE id = %lld", c.id);
	cand = start(&c, &csrf);
	for (n = current_n(cand); n > 0 && n <= 6; n = current_n(cand))
		answer_ok(cand, csrf, n, ANSWER);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld", c.id), 6);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions f"
	    " JOIN interview_questions p ON p.interview_id = f.interview_id AND"
	    " p.n = f.parent_n WHERE f.interview_id = %lld AND p.source <>"
	    " 'bank'", c.id), 0);
	/* Bank, follow-up, bank, follow-up, ...: every other one probes. */
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld AND source = 'model_followup'", c.id), 3);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

static void
test_adaptive_interviews_are_created_through_the_api(void **state)
{
	struct json_object	*o;
	struct http		*cand;
	struct created		 c;
	struct resp		 r;
	char			*tok = api_token_of(&a_adm, "sources"), *csrf;
	const char		*url;

	(void)state;
	o = api_create(tok, "{\"kind\":\"adaptive\",\"candidate_name\":"
	    "\"Api Ada\",\"candidate_email\":\"ada@api.test\",\"role\":"
	    "\"src-test\",\"min_questions\":3,\"max_questions\":5,"
	    "\"practice\":true}", 201);
	assert_string_equal(json_object_get_string(at(o, "interview.kind")),
	    "adaptive");
	c.id = json_object_get_int64(at(o, "interview.id"));
	url = json_object_get_string(at(o, "invite_url"));
	assert_non_null(strstr(url, "/i/"));
	c.token = strdup(strstr(url, "/i/") + 3);
	json_object_put(o);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND kind = 'adaptive' AND role = 'src-test' AND min_questions"
	    " = 3 AND max_questions = 5 AND practice AND question_source ="
	    " 'bank'", c.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type = 'interview_created'", c.id), 1);
	/* The candidate takes it as one made with the form. */
	cand = start(&c, &csrf);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, "Question 1 of 3–5");
	resp_free(&r);
	http_free(cand);
	free(csrf);
	free(c.token);

	/* Each wrong member is named, by its API name. */
	o = api_create(tok, "{\"kind\":\"adaptive\",\"candidate_name\":"
	    "\"B\",\"candidate_email\":\"b@api.test\",\"role\":\"src-test\","
	    "\"min_questions\":9,\"max_questions\":4}", 400);
	assert_non_null(at(o, "error.fields.max_questions"));
	json_object_put(o);
	o = api_create(tok, "{\"kind\":\"adaptive\",\"candidate_name\":"
	    "\"B\",\"candidate_email\":\"b@api.test\",\"role\":\"src-test\","
	    "\"time_limit_minutes\":2}", 400);
	assert_non_null(at(o, "error.fields.time_limit_minutes"));
	json_object_put(o);
	o = api_create(tok, "{\"kind\":\"adaptive\",\"candidate_name\":"
	    "\"B\",\"candidate_email\":\"b@api.test\",\"role\":\"nope\"}",
	    400);
	assert_non_null(strstr(json_object_get_string(at(o,
	    "error.fields.role")), "/api/v1/roles"));
	json_object_put(o);
	o = api_create(tok, "{\"kind\":\"adaptive\",\"candidate_name\":"
	    "\"B\",\"candidate_email\":\"b@api.test\",\"role\":\"src-test\","
	    "\"question_source\":\"generated\"}", 400);
	assert_non_null(at(o, "error.fields.question_source"));
	json_object_put(o);
	o = api_create(tok, "{\"kind\":\"live\",\"candidate_name\":\"B\"}",
	    400);
	assert_non_null(at(o, "error.fields.kind"));
	json_object_put(o);
	o = api_create(tok, "{\"kind\":\"adaptive\",\"challenge_id\":3,"
	    "\"candidate_name\":\"B\",\"candidate_email\":\"b@api.test\","
	    "\"role\":\"src-test\"}", 400);
	assert_non_null(at(o, "error.fields.challenge_id"));	/* unknown here */
	json_object_put(o);
	free(tok);
}

static void
test_model_follow_ups_through_a_whole_interview(void **state)
{
	struct http		*h = signin(&a_int), *cand;
	struct json_object	*reqs, *msgs;
	struct created		 c;
	char			*csrf, *s;
	size_t			 i;
	int			 n;

	(void)state;
	fakeai_script("[" EVAL_STEP "," FOLLOW_STEP("40") "]");
	create_sourced(h, "Probed", "bank_followups", "gpt-4o-mini", &c);
	cand = start(&c, &csrf);
	for (n = current_n(cand); n > 0 && n <= 10; n = current_n(cand))
		answer_ok(cand, csrf, n, ANSWER);
	assert_string_equal(s = sql_str("SELECT status FROM interviews WHERE"
	    " id = %lld", c.id), "completed");
	free(s);
	/* The warm-up answer stays in the skill: the model phrased question 2. */
	assert_string_equal(s = question_field(c.id, 2, "source || ' ' ||"
	    " parent_n || ' ' || body_md"), "model_followup 1 " FOLLOW_TEXT);
	free(s);
	/* It keeps the parent's skill and level; its rubric is the model's. */
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions f"
	    " JOIN interview_questions p ON p.interview_id = f.interview_id AND"
	    " p.n = f.parent_n WHERE f.interview_id = %lld AND"
	    " f.skill_area = p.skill_area AND f.difficulty = p.difficulty AND"
	    " f.rubric->'points'->0->>'text' = 'checks the next case'", c.id),
	    sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld AND source = 'model_followup'", c.id));
	/* A follow-up is not followed up again: the bank's next question is. */
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions f"
	    " JOIN interview_questions p ON p.interview_id = f.interview_id AND"
	    " p.n = f.parent_n WHERE f.interview_id = %lld AND p.source <>"
	    " 'bank'", c.id), 0);
	assert_true(sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld AND source = 'model_followup'", c.id) >= 2);
	/* The model saw the question, the answer and the stored prompts. */
	reqs = fakeai_requests();
	msgs = messages_of(reqs, "ask_follow_up_question");
	n = (int)json_object_array_length(msgs);
	assert_non_null(strstr(content_of(msgs, 0), PROMPT));
	assert_string_equal(content_of(msgs, (size_t)n - 1), ANSWER);
	assert_non_null(strstr(content_of(msgs, (size_t)n - 2),
	    "how do you test **this**?"));
	/* Memory: system, at most 2 + 10 earlier messages, question, answer. */
	for (i = 0; i < json_object_array_length(reqs); i++)
		assert_true(json_object_array_length(at(at(
		    json_object_array_get_idx(reqs, i), "body"), "messages")) <=
		    15);
	assert_true(count_tool(reqs, "ask_follow_up_question") >= 1);
	json_object_put(reqs);
	/* Every call is charged, each to its question, and the sums agree. */
	assert_int_equal(sql_num("SELECT sum(cost_micros) FROM"
	    " interview_questions WHERE interview_id = %lld", c.id),
	    sql_num("SELECT cost_micros FROM interviews WHERE id = %lld", c.id));
	assert_int_equal(sql_num("SELECT sum(tokens) FROM interview_questions"
	    " WHERE interview_id = %lld", c.id), sql_num("SELECT tokens_used"
	    " FROM interviews WHERE id = %lld", c.id));
	check_cost_and_sources(h, c.id);
	check_tokens_add_up(h, c.id);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

static void
test_a_failed_follow_up_falls_back_to_the_stored_one(void **state)
{
	struct http		*h = signin(&a_int), *cand;
	struct json_object	*reqs, *msgs;
	struct created		 c;
	char			*csrf, *s;

	(void)state;
	fakeai_script("[" EVAL_STEP "," FOLLOW_BAD "]");
	create_sourced(h, "Stored", "bank_followups", "gpt-4o-mini", &c);
	cand = start(&c, &csrf);
	answer_ok(cand, csrf, 1, ANSWER);
	assert_string_equal(s = question_field(c.id, 2, "source || ' ' ||"
	    " parent_n || ' ' || body_md"), "stored_followup 1 " PROMPT);
	free(s);
	s = question_field(c.id, 2, "note");
	assert_non_null(strstr(s, "The model could not phrase a follow-up (the"
	    " model's question was malformed twice: question is not"));
	free(s);
	/* The two failed tries still cost tokens, charged to question 2. */
	assert_true(sql_num("SELECT tokens FROM interview_questions WHERE"
	    " interview_id = %lld AND n = 2", c.id) > 0);
	/*
	 * The stored follow-up has no rubric, and the model judges its answer
	 * against what it asks, not against question 1's points.
	 */
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld AND n = 2 AND rubric IS NULL", c.id), 1);
	answer_ok(cand, csrf, 2, ANSWER);
	reqs = fakeai_requests();
	msgs = last_messages_of(reqs, "evaluate_candidate_answer");
	assert_non_null(strstr(content_of(msgs, 0), "Rubric: none was written"
	    " for this question: judge the answer against what the question"
	    " asks."));
	json_object_put(reqs);
	assert_string_equal(s = question_field(c.id, 2, "evaluation->>"
	    "'scorer'"), "model");
	free(s);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

static void
test_generated_questions_retry_then_fall_back_to_the_bank(void **state)
{
	struct http		*h = signin(&a_int), *cand;
	struct json_object	*reqs, *msgs;
	struct created		 c;
	char			*csrf, *s;

	(void)state;
	fakeai_script("[" WRITE_STEP("1", "How would you find a flaky test?",
	    "rerun in a loop") "," WRITE_BAD "," WRITE_STEP("5",
	    "How do you pick mutation operators?", "mutation testing") ","
	    EVAL_STEP "]");
	/* In practice mode, so that the candidate sees the model's sample. */
	create_sourced(h, "Written", "generated&practice=1", "gpt-4o-mini", &c);
	cand = start(&c, &csrf);
	/* The first question is the model's, at warm-up, for the first skill. */
	assert_string_equal(s = question_field(c.id, 1, "source || '|' ||"
	    " skill_area || '|' || difficulty || '|' || category || '|' ||"
	    " (question_id IS NULL) || '|' || body_md"), "generated|testing|"
	    "warmup|technical|true|How would you find a flaky test?");
	free(s);
	assert_string_equal(s = question_field(c.id, 1, "rubric->'points'->0->>"
	    "'phrases'"), "[\"rerun in a loop\"]");
	free(s);
	assert_string_equal(s = question_field(c.id, 1, "sample_answer"),
	    "Sample: rerun in a loop.");
	free(s);
	reqs = fakeai_requests();
	msgs = messages_of(reqs, "write_interview_question");
	assert_non_null(strstr(content_of(msgs, 0), "skill area testing,"
	    " difficulty warmup"));
	json_object_put(reqs);
	/* Malformed twice: the bank's question at that level, and why. */
	answer_ok(cand, csrf, 1, ANSWER);
	{
		struct resp	r;

		get(cand, "/c", &r);
		assert_has(&r, "A stronger answer</summary>");
		assert_has(&r, "Sample: rerun in a loop.");
		resp_free(&r);
	}
	assert_string_equal(s = question_field(c.id, 2, "source || ' ' ||"
	    " (question_id IS NOT NULL) || ' ' || difficulty"), "bank true"
	    " warmup");
	free(s);
	s = question_field(c.id, 2, "note");
	assert_non_null(strstr(s, "The model could not write the question (the"
	    " model's question was malformed twice: expected_points[].weight"));
	free(s);
	/* The model judged answer 1 against the rubric it wrote. */
	reqs = fakeai_requests();
	msgs = messages_of(reqs, "evaluate_candidate_answer");
	assert_non_null(strstr(content_of(msgs, 0), "rerun in a loop"));
	assert_int_equal(count_tool(reqs, "write_interview_question"), 3);
	json_object_put(reqs);
	/* Then written again (the role has no behavioural question for 3). */
	answer_ok(cand, csrf, 2, ANSWER);
	assert_string_equal(s = question_field(c.id, 3, "source || ' ' ||"
	    " body_md"), "generated How do you pick mutation operators?");
	free(s);
	/* The report says which were written, the export too. */
	{
		struct resp	 r;
		char		*path;

		get(h, path = fmt("/admin/interviews/%lld", c.id), &r);
		free(path);
		assert_has(&r, "written by the model</span>");
		assert_has(&r, "could not write the question");
		resp_free(&r);
		get(h, path = fmt("/admin/interviews/%lld/export.csv", c.id),
		    &r);
		free(path);
		assert_has(&r, ",generated,");
		resp_free(&r);
	}
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/* With a provider set up, the builtin evaluator still cannot write questions. */
static void
test_generated_needs_a_model_not_the_builtin_evaluator(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/adaptive/new"), *body;
	struct resp	 r;

	(void)state;
	body = fmt("csrf=%s&candidate_name=Kept&candidate_email=k%%40x.test"
	    "&role=src-test&min_questions=2&max_questions=4&minutes=0"
	    "&question_source=generated&model=builtin&expiry_days=7", csrf);
	post(h, "/admin/adaptive", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "need an AI model: choose one under Evaluator");
	assert_marked(&r, "question_source");
	assert_has(&r, "value=\"Kept\"");
	assert_has(&r, "<option value=\"generated\" selected>");
	resp_free(&r);
	free(body);
	free(csrf);
	http_free(h);
}

/*
 * A tester's run (React, written by the model, practice): two poor
 * warm-up answers, then the bank's behavioural question, which the bank
 * rates intermediate, read "Intermediate" on the report and its chart
 * (Warm-up, Warm-up, Intermediate) while the engine was at fundamental: a
 * question's level is the engine's, never the bank's rating nor what a
 * model's reply claims.
 */
static void
test_a_question_is_at_the_engines_level(void **state)
{
	struct http		*h = signin(&a_int), *cand;
	struct json_object	*reqs, *msgs;
	struct created		 c;
	struct resp		 r;
	char			*csrf, *s;
	int			 n;

	(void)state;
	fakeai_script("[" WRITE_CLAIMS("What does useState return?",
	    "intermediate") "," WRITE_CLAIMS("What is a React key for?",
	    "expert") "," WRITE_CLAIMS("When does useEffect run?", "advanced")
	    "," WRITE_CLAIMS("What is prop drilling?", "expert") "," EVAL_POOR
	    "]");
	create_sourced(h, "Levels", "generated&practice=1", "gpt-4o-mini", &c);
	sql_do("UPDATE interviews SET role = 'react' WHERE id = %lld", c.id);
	cand = start(&c, &csrf);
	for (n = current_n(cand); n > 0 && n <= 4; n = current_n(cand))
		answer_ok(cand, csrf, n, ANSWER);
	assert_string_equal(s = sql_str("SELECT string_agg(n || ' ' || source"
	    " || ' ' || category || ' ' || difficulty, ', ' ORDER BY n) FROM"
	    " interview_questions WHERE interview_id = %lld", c.id),
	    "1 generated technical warmup, 2 generated technical warmup,"
	    " 3 bank behavioral fundamental, 4 generated technical fundamental,"
	    " 5 generated technical fundamental");
	free(s);
	/* The bank does rate it intermediate: the case of the tester's run. */
	assert_string_equal(s = sql_str("SELECT q.difficulty FROM"
	    " interview_questions iq JOIN questions q ON q.id = iq.question_id"
	    " WHERE iq.interview_id = %lld AND iq.n = 3", c.id), "intermediate");
	free(s);
	/* The model was asked for the engine's level. */
	reqs = fakeai_requests();
	msgs = messages_of(reqs, "write_interview_question");
	assert_non_null(strstr(content_of(msgs, 0), "difficulty warmup"));
	msgs = last_messages_of(reqs, "write_interview_question");
	assert_non_null(strstr(content_of(msgs, 0), "difficulty fundamental"));
	json_object_put(reqs);
	get(h, s = fmt("/admin/interviews/%lld", c.id), &r);
	free(s);
	assert_status(&r, 200);
	assert_has(&r, " · now at fundamental · ");
	assert_has(&r, "<strong>Question 3</strong> · Fundamental ·"
	    " collaboration · ");
	assert_has(&r, "<strong>Question 4</strong> · Fundamental · ");
	/* The chart and its figures: the engine's path, no jump of two. */
	assert_has(&r, "alt=\"Difficulty by question: Warm-up at question 1,"
	    " Warm-up at question 2, Fundamental at question 3, Fundamental at"
	    " question 4, Fundamental at question 5.\"");
	assert_has(&r, "<th scope=\"row\">3</th><td>Fundamental</td>");
	assert_lacks(&r, "Intermediate at question");
	resp_free(&r);
	/* The exports and the candidate's page say the same. */
	get(h, s = fmt("/admin/interviews/%lld/export.md", c.id), &r);
	free(s);
	assert_has(&r, "### Question 3 (fundamental, collaboration)");
	resp_free(&r);
	get(h, s = fmt("/admin/interviews/%lld/export.json", c.id), &r);
	free(s);
	assert_has(&r, "{\"n\":3,\"difficulty\":\"fundamental\",");
	resp_free(&r);
	get(cand, "/c", &r);
	assert_lacks(&r, "Intermediate");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * The fake gave "Explain useMemo vs useCallback." for questions 1 and 2
 * (a tester's run): a question already asked in the interview, its case,
 * punctuation and Markdown aside, is refused as a malformed one: asked
 * once more, then the bank's, and the note says why.
 */
static void
test_a_repeated_question_is_asked_again_then_the_banks(void **state)
{
	struct http		*h = signin(&a_int), *cand;
	struct json_object	*reqs;
	struct created		 c;
	struct resp		 r;
	char			*csrf, *s;

	(void)state;
	fakeai_script("[" WRITE_STEP("1", "Explain useMemo vs useCallback.",
	    "memo") "," WRITE_STEP("1", "explain `useMemo` vs *useCallback*?",
	    "memo") "," WRITE_STEP("1", "Explain useMemo vs useCallback.",
	    "memo") "," WRITE_STEP("1", "Explain useMemo vs  useCallback",
	    "memo") "," WRITE_STEP("1", "What is a stale closure?", "closure")
	    "," EVAL_STEP "]");
	create_sourced(h, "Repeated", "generated", "gpt-4o-mini", &c);
	cand = start(&c, &csrf);
	answer_ok(cand, csrf, 1, ANSWER);
	/* Twice a repeat of question 1: the bank's question, and why. */
	assert_string_equal(s = question_field(c.id, 2, "source || ' ' ||"
	    " (question_id IS NOT NULL)"), "bank true");
	free(s);
	s = question_field(c.id, 2, "note");
	assert_non_null(strstr(s, "The model could not write the question (the"
	    " model's question was unusable twice: it repeats question 1);"
	    " the bank's question at this level was asked."));
	free(s);
	/* Once a repeat, then a new one: the new one is asked. */
	answer_ok(cand, csrf, 2, ANSWER);
	assert_string_equal(s = question_field(c.id, 3, "source || ' ' ||"
	    " body_md || ' ' || note"), "generated What is a stale closure? ");
	free(s);
	reqs = fakeai_requests();
	assert_int_equal(count_tool(reqs, "write_interview_question"), 5);
	json_object_put(reqs);
	assert_int_equal(sql_num("SELECT count(DISTINCT body_md) FROM"
	    " interview_questions WHERE interview_id = %lld", c.id), 3);
	/* The report says why. */
	get(h, s = fmt("/admin/interviews/%lld", c.id), &r);
	free(s);
	assert_has(&r, "<p class=\"hint\">The model could not write the"
	    " question (the model&#39;s question was unusable twice: it repeats"
	    " question 1); the bank&#39;s question at this level was asked.");
	assert_int_equal(count_in(&r, "<p>Explain useMemo vs useCallback.</p>"),
	    1);
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/* The API's report of interview id, parsed (the caller puts it). */
static struct json_object *
api_report(long long id)
{
	struct http		*api = http_new(&S);
	struct json_object	*o;
	struct resp		 r;
	char			*tok = api_token_of(&a_adm, "sources"), *auth, *path;
	const char		*hdrs[2];

	auth = fmt("Authorization: Bearer %s", tok);
	hdrs[0] = auth;
	hdrs[1] = NULL;
	path = fmt("/api/v1/interviews/%lld/report", id);
	assert_int_equal(http_req(api, "GET", path, NULL, NULL, 0, hdrs, &r), 0);
	assert_status(&r, 200);
	assert_non_null(o = json_tokener_parse(r.body));
	resp_free(&r);
	free(path);
	free(auth);
	free(tok);
	http_free(api);
	return o;
}

#define FELL(why) "Scored by the built-in rubric scorer: the model's" \
	" evaluation failed (" why ")."
#define FELL_HTML(why) "Scored by the built-in rubric scorer: the" \
	" model&#39;s evaluation failed (" why ")."
#define FELL_COUNT "gpt-4o-mini; 3 of 5 answers scored by the built-in" \
	" scorer after the model failed"

/*
 * The interviewer chose a model, and the model's evaluation of an answer
 * failed (the provider refused, the reply called no tool, its fields
 * were wrong): the builtin rubric scorer decided.  The report said
 * "evaluator gpt-4o-mini" over all of them, and only the API's
 * evaluation.scorer said "builtin": now the page, the exports and the API
 * say it beside each such answer, why, and how many in the header.
 */
static void
test_a_builtin_score_in_the_models_place_is_said(void **state)
{
	static const char *const steps[] = { EVAL_ONCE, EVAL_REFUSED,
		EVAL_NO_CALL, EVAL_BAD_FIELDS, EVAL_ONCE };
	struct http		*h = signin(&a_int), *cand;
	struct json_object	*o, *ad, *qs;
	struct created		 c;
	struct resp		 r;
	char			*csrf, *s;
	int			 n;

	(void)state;
	create_sourced(h, "Fell", "bank", "gpt-4o-mini", &c);
	sql_do("UPDATE interviews SET min_questions = 5, max_questions = 5,"
	    " practice = true WHERE id = %lld", c.id);
	cand = start(&c, &csrf);
	for (n = 1; n <= 5; n++) {
		fakeai_script(s = fmt("[%s]", steps[n - 1]));
		free(s);
		answer_ok(cand, csrf, n, ANSWER);
		/* The practice feedback says it too, in the candidate's words. */
		if (n <= 2) {
			get(cand, "/c", &r);
			assert_has(&r, "Feedback on question");
			expect_body(__FILE__, __LINE__, &r, "The AI evaluation of"
			    " this answer failed, so the built-in rubric scorer"
			    " scored it", n == 2);
			resp_free(&r);
		}
	}
	assert_string_equal(s = sql_str("SELECT string_agg(evaluation->>"
	    "'scorer', ' ' ORDER BY n) FROM interview_questions WHERE"
	    " interview_id = %lld", c.id), "model builtin builtin builtin model");
	free(s);
	/* The page: the header's count, and the line beside each. */
	get(h, s = fmt("/admin/interviews/%lld", c.id), &r);
	free(s);
	assert_status(&r, 200);
	assert_has(&r, " · evaluator " FELL_COUNT " · questions: bank</p>");
	assert_lacks(&r, "id=\"fallback-1\"");
	assert_has(&r, "<p class=\"hint\" id=\"fallback-2\">" FELL_HTML("no"
	    " answer from the AI service: server_error") "</p>");
	assert_has(&r, "<p class=\"hint\" id=\"fallback-3\">" FELL_HTML(
	    "malformed twice: the reply called no evaluate_candidate_answer")
	    "</p>");
	assert_has(&r, "<p class=\"hint\" id=\"fallback-4\">" FELL_HTML(
	    "malformed twice: answer_quality is not excellent, good, fair or"
	    " poor") "</p>");
	assert_lacks(&r, "id=\"fallback-5\"");
	assert_int_equal(count_in(&r, "Scored by the built-in rubric scorer"), 3);
	/* The header says what that scorer can and cannot tell. */
	assert_has(&r, "id=\"builtin-caveat\">3 of 5 answers were scored by"
	    " the built-in scorer");
	resp_free(&r);
	/* The Markdown. */
	get(h, s = fmt("/admin/interviews/%lld/export.md", c.id), &r);
	free(s);
	assert_has(&r, "- Evaluator: " FELL_COUNT "\n");
	/* Escaped, as every line of Markdown that quotes stored words. */
	assert_has(&r, "\nScored by the built-in rubric scorer: the model's"
	    " evaluation failed \\(no answer from the AI service:"
	    " server\\_error\\).\n");
	assert_has(&r, "failed \\(malformed twice: the reply called no"
	    " evaluate\\_candidate\\_answer\\).\n");
	assert_int_equal(count_in(&r, "Scored by the built-in rubric scorer"), 3);
	resp_free(&r);
	/* The CSV: a column for the line, one for the header's words. */
	get(h, s = fmt("/admin/interviews/%lld/export.csv", c.id), &r);
	free(s);
	assert_has(&r, ",boundaries,scorer_note,evaluator,late,verdict,"
	    "scoring_caveat,recommendation,");
	assert_has(&r, "," FELL("no answer from the AI service:"
	    " server_error") "," FELL_COUNT ",,");
	assert_has(&r, ",," FELL_COUNT ",,");	/* the model's */
	/* The fallbacks' caveat, on every row. */
	assert_int_equal(count_in(&r, ",\"3 of 5 answers were scored by the"
	    " built-in scorer, which matches the rubric's key phrases"), 5);
	resp_free(&r);
	/* The JSON export. */
	get(h, s = fmt("/admin/interviews/%lld/export.json", c.id), &r);
	free(s);
	assert_non_null(o = json_tokener_parse(r.body));
	ad = at(o, "adaptive");
	assert_int_equal(json_object_get_int(at(ad, "builtin_fallbacks")), 3);
	assert_string_equal(json_object_get_string(at(ad, "evaluator_note")),
	    FELL_COUNT);
	qs = at(ad, "questions");
	assert_null(at(json_object_array_get_idx(qs, 0), "scorer_note"));
	assert_string_equal(json_object_get_string(at(json_object_array_get_idx(
	    qs, 3), "scorer_note")), FELL("malformed twice: answer_quality is"
	    " not excellent, good, fair or poor"));
	json_object_put(o);
	resp_free(&r);
	/* The API's report. */
	o = api_report(c.id);
	assert_string_equal(json_object_get_string(at(o, "evaluator")),
	    "gpt-4o-mini");
	assert_string_equal(json_object_get_string(at(o, "evaluator_note")),
	    FELL_COUNT);
	assert_int_equal(json_object_get_int(at(o, "builtin_fallbacks")), 3);
	qs = at(o, "questions");
	assert_null(at(json_object_array_get_idx(qs, 4), "scorer_note"));
	assert_string_equal(json_object_get_string(at(json_object_array_get_idx(
	    qs, 1), "scorer_note")), FELL("no answer from the AI service:"
	    " server_error"));
	json_object_put(o);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_builtin_score_in_the_models_place_is_said),
		cmocka_unit_test(test_a_repeated_question_is_asked_again_then_the_banks),
		cmocka_unit_test(test_a_question_is_at_the_engines_level),
		cmocka_unit_test(test_model_follow_ups_through_a_whole_interview),
		cmocka_unit_test(test_a_failed_follow_up_falls_back_to_the_stored_one),
		cmocka_unit_test(test_generated_questions_retry_then_fall_back_to_the_bank),
		cmocka_unit_test(test_generated_needs_a_model_not_the_builtin_evaluator),
		cmocka_unit_test(test_a_follow_up_is_not_followed_up_again),
		cmocka_unit_test(test_adaptive_interviews_are_created_through_the_api),
		cmocka_unit_test(test_a_completed_report_says_where_it_ended),
		cmocka_unit_test(test_a_limit_says_where_the_candidate_struggled),
		cmocka_unit_test(
		    test_the_markdown_names_skills_as_the_report_does),
		cmocka_unit_test(test_the_band_weighs_the_failed_answers_too),
		cmocka_unit_test(test_the_api_report_reads_as_the_page),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
