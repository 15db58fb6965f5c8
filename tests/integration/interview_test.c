/*
 * interview_test.c: assisted interviews end to end: the interviewer creates
 * one, the candidate (a second browser, no interviewer cookies) takes it
 * without JavaScript, chats with the offline assistant within the budget,
 * and the interviewer watches and controls it.  One stack for all tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/crypto.h"
#include "flow.h"
#include "lib/status.h"


static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	b_int = { "Org B", "int@b.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int, &b_int };
#define NACCOUNTS	(sizeof(accounts) / sizeof(accounts[0]))

static long long	challenge_id;	/* a shipped challenge with hints */

static long long
used(long long id)
{
	return sql_num("SELECT tokens_used FROM interviews WHERE id = %lld", id);
}

static long long
reserved(long long id)
{
	return sql_num("SELECT tokens_reserved FROM interviews WHERE id = %lld", id);
}

static void
send_refused(struct http *h, const char *csrf, long long id, const char *text,
    long code, const char *why)
{
	struct resp	 r;
	long long	 u = used(id);

	message_post(h, csrf, text, &r);
	assert_status(&r, code);
	assert_has(&r, why);
	assert_has(&r, text);	/* kept in the box */
	assert_int_equal(used(id), u);
	assert_int_equal(reserved(id), 0);
	resp_free(&r);
}

/* --- the stack ------------------------------------------------------------ */

static int
group_setup(void **state)
{
	char	*out;

	(void)state;
	if (flow_start(accounts, NACCOUNTS) != 0)
		return -1;
	out = stack_sql(&S, "INSERT INTO challenges (org_id, title, body_md,"
	    " category, difficulty, time_limit_min, token_budget, hints) VALUES"
	    " (NULL, 'Find in sorted', 'Find **x** in a sorted array.',"
	    " 'algorithms', 'easy', 30, 20000, ARRAY['Think about binary search"
	    " on the sorted array.', 'Check the empty array and duplicates.'])"
	    " RETURNING id");
	challenge_id = atoll(out);
	free(out);
	return challenge_id > 0 ? 0 : -1;
}

/* --- tests ---------------------------------------------------------------- */

static void
test_create_form_marks_bad_fields_and_keeps_values(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/interviews/new");
	char		*body;
	long long	 before = sql_num("SELECT count(*) FROM interviews");
	struct resp	 r;

	(void)state;
	body = fmt("csrf=%s&candidate_name=&candidate_email=kept%%40x.test"
	    "&challenge_id=0&title=&body_md=&minutes=3&token_budget=50000"
	    "&model=builtin&expiry_days=7", csrf);
	post(h, "/admin/interviews", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "<div class=\"field has-error\">\n        <label for=\"candidate_name\">");
	assert_has(&r, "<div class=\"field has-error\">\n        <label for=\"minutes\">");
	/* The custom challenge's missing title and text in the same round. */
	assert_marked(&r, "title");
	assert_marked(&r, "body_md");
	assert_unmarked(&r, "model");
	assert_has(&r, "value=\"kept@x.test\"");
	assert_has(&r, "value=\"50000\"");
	resp_free(&r);
	free(body);
	/* A custom challenge needs a title. */
	body = fmt("csrf=%s&candidate_name=Ann&candidate_email=a%%40x.test"
	    "&challenge_id=0&title=&body_md=text&minutes=30&token_budget=50000"
	    "&model=builtin&expiry_days=7", csrf);
	post(h, "/admin/interviews", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "<div class=\"field has-error\">\n        <label for=\"title\">");
	assert_unmarked(&r, "body_md");
	assert_has(&r, "value=\"Ann\"");
	assert_has(&r, "<title>New interview · viva</title>");
	resp_free(&r);
	free(body);
	/* A custom title typed is kept in its field, not made the page's. */
	body = fmt("csrf=%s&candidate_name=&candidate_email=a%%40x.test"
	    "&challenge_id=0&title=Sum+it&body_md=text&minutes=30"
	    "&token_budget=50000&model=builtin&expiry_days=7", csrf);
	post(h, "/admin/interviews", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "<input id=\"title\" name=\"title\" type=\"text\""
	    " value=\"Sum it\">");
	assert_has(&r, "<title>New interview · viva</title>");
	resp_free(&r);
	free(body);
	/* The form starts with the title empty, as the check above wants. */
	get(h, "/admin/interviews/new", &r);
	assert_has(&r, "<input id=\"title\" name=\"title\" type=\"text\""
	    " value=\"\">");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews"), before);
	free(csrf);
	http_free(h);
}

/*
 * The create form sent twice (a double click, a resent page) makes one
 * interview; the second answer leads to it, saying how to get a new link,
 * as the first page with the link is gone.  A form sent back to correct
 * keeps its id, so the corrected form still creates once.
 */
static void
test_a_create_form_sent_twice_makes_one_interview(void **state)
{
	struct http	*h = signin(&a_int);
	char		*fid, *again, *where;
	long long	 id;
	struct resp	 first, r;

	(void)state;
	fid = form_sent_twice(h, "/admin/interviews/new", "/admin/interviews",
	    "candidate_name=&candidate_email=twice%40x.test&challenge_id=0"
	    "&title=Sum&body_md=Add.&minutes=30&token_budget=50000"
	    "&model=builtin&expiry_days=7", 400,
	    "candidate_name=Twice&candidate_email=twice%40x.test&challenge_id=0"
	    "&title=Sum&body_md=Add.&minutes=30&token_budget=50000"
	    "&model=builtin&expiry_days=7", &first, &r);
	assert_status(&first, 200);
	assert_has(&first, "shown only once");
	resp_free(&first);
	id = sql_num("SELECT max(id) FROM interviews");
	assert_redirect(&r, where = fmt("/admin/interviews/%lld"
	    "?done=created-twice#invite", id));
	resp_free(&r);
	get(h, where, &r);
	assert_status(&r, 200);
	assert_has(&r, "The form was sent twice; the interview was created"
	    " once.");
	assert_has(&r, "New invite link");
	resp_free(&r);
	get(h, "/admin/interviews?q=twice", &r);
	assert_int_equal(count_in(&r, "twice@x.test"), 1);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type = 'interview_created'", id), 1);
	/* A new page's form is another: it creates again. */
	get(h, "/admin/interviews/new", &r);
	again = form_id_of(&r);
	assert_string_not_equal(again, fid);
	resp_free(&r);
	free(again);
	free(where);
	free(fid);
	http_free(h);
}

/* The link's life in words: one day is "1 day". */
static void
test_the_created_page_gives_the_links_days_in_words(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/interviews/new");
	char		*body;
	struct resp	 r;

	(void)state;
	body = fmt("csrf=%s&candidate_name=Day&candidate_email=day%%40x.test"
	    "&challenge_id=0&title=Sum&body_md=Add.&minutes=30"
	    "&token_budget=50000&model=builtin&expiry_days=1", csrf);
	post(h, "/admin/interviews", body, &r);
	assert_status(&r, 200);
	assert_has(&r, "The candidate can start with this link within 1 day;"
	    " once started, it keeps working to resume the interview");
	resp_free(&r);
	free(body);
	free(csrf);
	http_free(h);
}

/* Limits left empty come from the chosen challenge, or viva's defaults. */
static void
test_empty_limits_take_the_challenges_suggestion(void **state)
{
	struct http	*h = signin(&a_int);
	struct created	 c;
	char		*form, *path;
	struct resp	 r;

	(void)state;
	get(h, path = fmt("/admin/interviews/new?challenge_id=%lld",
	    challenge_id), &r);
	free(path);
	assert_has(&r, "selected>Find in sorted (30 min, 20,000 tokens)");
	/* Left empty: another choice then takes its own suggestion. */
	assert_has(&r, "max=\"480\" value=\"\" placeholder");
	resp_free(&r);
	get(h, "/admin/interviews/new", &r);
	assert_has(&r, "max=\"480\" value=\"\" placeholder");
	resp_free(&r);

	form = fmt("candidate_name=Sue&candidate_email=sue%%40x.test"
	    "&challenge_id=%lld&title=&body_md=&minutes=&token_budget="
	    "&model=builtin&expiry_days=7", challenge_id);
	create(h, form, &c);
	free(form);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND time_limit_s = 1800 AND token_budget = 20000", c.id), 1);
	free(c.token);
	create(h, "candidate_name=Cy&candidate_email=cy%40x.test&challenge_id=0"
	    "&title=Sum&body_md=Add.&minutes=&token_budget=12000"
	    "&model=builtin&expiry_days=7", &c);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND time_limit_s = 3600 AND token_budget = 12000", c.id), 1);
	free(c.token);
	http_free(h);
}

/*
 * A link to the form with a challenge the library does not offer (archived,
 * deleted, another org's, no number) says so and starts from a custom one,
 * with the form's other values as a new form has them.
 */
static void
test_a_challenge_the_library_does_not_offer_is_said(void **state)
{
	struct http	*h = signin(&a_int);
	long long	 archived, other, gone;
	char		*path;
	struct resp	 r;
	size_t		 i;
	static const char *const custom = "<option value=\"0\" selected>Custom"
	    " challenge, written below</option>";
	static const char *const gone_msg = "id=\"challenge-warning\">That"
	    " challenge no longer exists, so the form starts from a custom"
	    " challenge; pick one from the library.</p>";

	(void)state;
	archived = sql_num("INSERT INTO challenges (org_id, title, body_md,"
	    " category, difficulty, time_limit_min, token_budget, archived_at)"
	    " SELECT id, 'Old <task>', 'Old.', 'algorithms', 'easy', 30, 20000,"
	    " now() FROM orgs WHERE name = 'Org A' RETURNING id");
	other = sql_num("INSERT INTO challenges (org_id, title, body_md,"
	    " category, difficulty, time_limit_min, token_budget)"
	    " SELECT id, 'B task', 'B.', 'algorithms', 'easy', 30, 20000"
	    " FROM orgs WHERE name = 'Org B' RETURNING id");
	gone = sql_num("INSERT INTO challenges (org_id, title, body_md,"
	    " category, difficulty, time_limit_min, token_budget)"
	    " SELECT id, 'Gone', 'G.', 'algorithms', 'easy', 30, 20000"
	    " FROM orgs WHERE name = 'Org A' RETURNING id");
	sql_do("DELETE FROM challenges WHERE id = %lld", gone);

	get(h, path = fmt("/admin/interviews/new?challenge_id=%lld",
	    archived), &r);
	free(path);
	assert_status(&r, 200);
	assert_has(&r, "id=\"challenge-warning\">The challenge \u201cOld"
	    " &lt;task&gt;\u201d is archived, so the form starts from a custom"
	    " challenge; pick one from the library.</p>");
	assert_has(&r, custom);
	assert_has(&r, "max=\"30\" value=\"7\" required");	/* expiry kept */
	resp_free(&r);
	{
		char	*q[] = { fmt("%lld", other), fmt("%lld", gone),
			    fmt("abc"), fmt("-3") };

		for (i = 0; i < NITEMS(q); i++) {
			get(h, path = fmt("/admin/interviews/new?challenge_id="
			    "%s", q[i]), &r);
			free(path);
			assert_status(&r, 200);
			assert_has(&r, gone_msg);
			assert_has(&r, custom);
			assert_lacks(&r, "B task");
			resp_free(&r);
			free(q[i]);
		}
	}
	/* Custom asked for, the library's own, none: no warning. */
	get(h, "/admin/interviews/new?challenge_id=0", &r);
	assert_lacks(&r, "challenge-warning");
	resp_free(&r);
	get(h, path = fmt("/admin/interviews/new?challenge_id=%lld",
	    challenge_id), &r);
	free(path);
	assert_lacks(&r, "challenge-warning");
	assert_has(&r, "selected>Find in sorted (30 min, 20,000 tokens)");
	resp_free(&r);
	http_free(h);
}

/*
 * With no AI service the offline assistant is the only one: the form says
 * beside it that a custom challenge gives it nothing to answer from, and
 * the created page of a custom one warns again; a library challenge's
 * does not.
 */
static void
test_the_offline_assistant_warns_of_a_custom_challenge(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf, *body;
	struct resp	 r;

	(void)state;
	get(h, "/admin/interviews/new", &r);
	assert_has(&r, "id=\"offline-hint\">The offline assistant answers"
	    " only from the challenge's hints; a custom challenge has none, so"
	    " with it the offline assistant has nothing to answer from.</p>");
	csrf = resp_csrf(&r);
	resp_free(&r);
	body = fmt("csrf=%s&candidate_name=Off&candidate_email=off%%40x.test"
	    "&challenge_id=0&title=Sum&body_md=Add.&minutes=30"
	    "&token_budget=50000&model=builtin&expiry_days=7", csrf);
	post(h, "/admin/interviews", body, &r);
	free(body);
	assert_status(&r, 200);
	assert_has(&r, "shown only once");
	assert_has(&r, "id=\"offline-warning\">The offline assistant answers"
	    " only from the challenge&#39;s hints, and this custom challenge"
	    " has none: it will have nothing to answer from");
	resp_free(&r);
	body = fmt("csrf=%s&candidate_name=On&candidate_email=on%%40x.test"
	    "&challenge_id=%lld&title=&body_md=&minutes=30"
	    "&token_budget=50000&model=builtin&expiry_days=7", csrf,
	    challenge_id);
	post(h, "/admin/interviews", body, &r);
	free(body);
	assert_status(&r, 200);
	assert_has(&r, "shown only once");
	assert_lacks(&r, "offline-warning");
	resp_free(&r);
	free(csrf);
	http_free(h);
}

/* The form_id of the page's form whose action ends in action (a copy). */
static char *
form_id_in(const char *body, const char *action)
{
	char		*want = fmt("/%s\">", action);
	const char	*f = strstr(body, want), *v;

	free(want);
	assert_non_null(f);
	v = strstr(f, "name=\"form_id\" value=\"");
	assert_non_null(v);
	v += strlen("name=\"form_id\" value=\"");
	return strndup(v, strcspn(v, "\""));
}

static void
test_candidate_takes_the_interview_and_interviewer_controls_it(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*form, *ccsrf, *icsrf, *path, *p, *fid, *where;
	struct resp	 r;

	(void)state;
	form = fmt("candidate_name=Bo&candidate_email=bo%%40x.test"
	    "&challenge_id=%lld&title=&body_md=&minutes=30&token_budget=20000"
	    "&model=builtin&instructions=Be+brief&expiry_days=7", challenge_id);
	create(iv, form, &c);
	free(form);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND challenge_title = 'Find in sorted' AND cardinality(hints) = 2"
	    " AND invite_hash <> '%s'", c.id, c.token), 1);
	path = fmt("/admin/interviews/%lld", c.id);
	get(iv, path, &r);
	assert_status(&r, 200);
	assert_lacks(&r, c.token);	/* shown once only */
	/* Nothing of what has not happened yet: no end reason, start or final answer. */
	assert_lacks(&r, "</span> ()");
	assert_lacks(&r, "started  UTC");
	assert_lacks(&r, "<h2>Final answer</h2>");
	assert_has(&r, "Extra instructions: Be brief");
	/* The assistant as the form named it, not its id. */
	assert_has(&r, "Assistant: Offline assistant (offers the challenge&#39;s"
	    " hints)");
	resp_free(&r);

	/* Consent page, then the clock starts. */
	cand = open_invite(&c, &ccsrf);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, "Start the interview");
	assert_has(&r, "offline assistant");
	/* Not called an AI assistant, and why it still counts tokens. */
	assert_lacks(&r, "You may ask an AI assistant");
	assert_has(&r, "It is not an AI model: it can only offer the"
	    " challenge's hints.");
	assert_lacks(&r, "has none");	/* this challenge has two hints */
	assert_has(&r, "<strong>x</strong>");	/* the challenge's markdown */
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'created'", c.id), 1);
	post_ok(cand, "/c/start", ccsrf, "", "/c");
	get(cand, "/c", &r);
	assert_status(&r, 200);
	/* No refresh while the candidate can type: it would drop the text. */
	assert_lacks(&r, "http-equiv=\"refresh\"");
	assert_has(&r, "<a href=\"/c\">Check the time left</a> (this reloads"
	    " the page: Save draft first keeps what you are writing).");
	assert_has(&r, "Ask the assistant");
	assert_has(&r, "meter-fill meter-green pct-100");
	resp_free(&r);

	/* A message and the offline assistant's reply, charged exactly. */
	assert_int_equal(message_post(cand, ccsrf, "How would binary search help?", &r), 303);
	resp_free(&r);
	get(cand, "/c", &r);
	assert_has(&r, "How would binary search help?");
	/* A reply is Markdown, rendered: cmark leaves the apostrophe as it is. */
	assert_has(&r, "<div class=\"message markdown\" dir=\"auto\"><p>I am viva's offline assistant");
	/* Rendered once, when stored: the page shows the stored HTML. */
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld AND role = 'assistant' AND content_html LIKE"
	    " '<p>I am viva''s offline assistant%%'", c.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND challenge_html LIKE '%%<strong>x</strong>%%'", c.id), 1);
	assert_has(&r, "Hint 1 of 2: Think about binary search");
	assert_has(&r, " tokens</span>");
	assert_has(&r, " charged (prompt ");
	resp_free(&r);
	assert_true(used(c.id) > 0);
	assert_int_equal(reserved(c.id), 0);
	assert_int_equal(used(c.id), sql_num("SELECT sum(tokens_in) + sum(tokens_out)"
	    " FILTER (WHERE role = 'assistant') FROM messages WHERE interview_id = %lld",
	    c.id));
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE interview_id = %lld"
	    " AND state = 'settled'", c.id), 1);
	/* The next prompt carries this one and its reply: the floor kept. */
	assert_int_equal(sql_num("SELECT next_prompt_min FROM interviews WHERE"
	    " id = %lld", c.id), sql_num("SELECT tokens_in + tokens_out FROM"
	    " messages WHERE interview_id = %lld AND role = 'assistant'", c.id));
	/* No words in common: the next hint not given yet. */
	assert_int_equal(message_post(cand, ccsrf, "What now?", &r), 303);
	resp_free(&r);
	get(iv, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "How would binary search help?");
	assert_has(&r, "Hint 2 of 2: Check the empty array");
	/* It refreshes to itself, not to a ?done= notice that would repeat. */
	form = fmt("http-equiv=\"refresh\" content=\"10; url=%s\"", path);
	assert_has(&r, form);
	free(form);
	assert_lacks(&r, "Check the time left");	/* the candidate's hint */
	/* The estimate speaks of the candidate's messages, not "your". */
	assert_has(&r, "At the average cost of the candidate's messages so far.");
	assert_lacks(&r, "your messages");
	assert_has(&r, "The candidate started");
	resp_free(&r);
	get(cand, "/c", &r);
	assert_has(&r, "At the average cost of your messages so far.");
	resp_free(&r);

	/* Pause: the clock stops, sending is refused, nothing charged. */
	icsrf = csrf_of(iv, path);
	get(iv, p = fmt("%s?confirm=pause", path), &r);
	free(p);
	assert_has(&r, "Pause the interview?");
	resp_free(&r);
	/* Running: no "Resume" to confirm. */
	get(iv, p = fmt("%s?confirm=resume", path), &r);
	free(p);
	assert_lacks(&r, "Yes, resume");
	resp_free(&r);
	post_ok(iv, p = fmt("%s/pause", path), icsrf, "", form = fmt("%s?done=pause", path));
	free(p);
	free(form);
	get(cand, "/c", &r);
	assert_has(&r, "has paused the interview");
	/* Nothing to type while paused: the page refreshes to show the resume. */
	assert_has(&r, "http-equiv=\"refresh\" content=\"30\"");
	/* The final answer stays, read-only (a kept draft comes back in). */
	assert_has(&r, "<textarea id=\"answer\" name=\"answer\" dir=\"auto\" rows=\"10\""
	    " readonly>");
	resp_free(&r);
	send_refused(cand, ccsrf, c.id, "paused question", 409, "paused");
	post(cand, "/c/final", p = fmt("csrf=%s&answer=half+done", ccsrf), &r);
	free(p);
	assert_status(&r, 409);
	assert_has(&r, "submit it again once the interview resumes");
	assert_has(&r, ">half done</textarea>");
	assert_lacks(&r, "http-equiv=\"refresh\"");
	free(form_id_of(&r));	/* the send form on this page acts once too */
	resp_free(&r);
	post_ok(iv, p = fmt("%s/resume", path), icsrf, "", form = fmt("%s?done=resume", path));
	free(p);
	free(form);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'active' AND paused_at IS NULL AND paused_total_s > 0",
	    c.id), 1);

	/*
	 * More tokens, more time: asked on a page that does not refresh, so
	 * the amount typed stays; the watching page has no such inputs.
	 */
	get(iv, path, &r);
	assert_lacks(&r, "name=\"minutes\"");
	assert_has(&r, "?confirm=extend#controls\">Give more time or tokens");
	resp_free(&r);
	get(iv, p = fmt("%s?confirm=extend", path), &r);
	free(p);
	assert_has(&r, "name=\"minutes\"");
	assert_has(&r, "name=\"tokens\"");
	assert_lacks(&r, "http-equiv=\"refresh\"");
	resp_free(&r);
	post_ok(iv, p = fmt("%s/extend-tokens", path), icsrf, "tokens=5000",
	    form = fmt("%s?done=extend-tokens", path));
	free(p);
	free(form);
	assert_int_equal(sql_num("SELECT token_budget FROM interviews WHERE id = %lld",
	    c.id), 25000);
	post_ok(iv, p = fmt("%s/extend-time", path), icsrf, "minutes=5",
	    form = fmt("%s?done=extend-time", path));
	free(p);
	free(form);
	assert_int_equal(sql_num("SELECT extended_s FROM interviews WHERE id = %lld",
	    c.id), 300);
	post(iv, p = fmt("%s/extend-tokens", path), form = fmt("csrf=%s&tokens=5", icsrf), &r);
	free(p);
	free(form);
	assert_status(&r, 400);
	resp_free(&r);
	/* The page's form sent twice (a double click): given once, logged once. */
	get(iv, p = fmt("%s?confirm=extend", path), &r);
	free(p);
	fid = form_id_in(r.body, "extend-time");
	resp_free(&r);
	for (int i = 0; i < 2; i++) {
		post_ok(iv, p = fmt("%s/extend-time", path), icsrf,
		    form = fmt("minutes=10&form_id=%s", fid),
		    where = fmt("%s?done=extend-time", path));
		free(p);
		free(form);
		free(where);
	}
	free(fid);
	assert_int_equal(sql_num("SELECT extended_s FROM interviews WHERE id = %lld",
	    c.id), 900);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE interview_id ="
	    " %lld AND type = 'interview_extend-time'", c.id), 2);
	/*
	 * At most 24 hours of extra time in all: past it the form comes back
	 * with the reason beside the minutes, nothing given or logged.
	 */
	assert_int_equal(sql_num("WITH x AS (UPDATE interviews SET extended_s ="
	    " 86400 - 600 WHERE id = %lld RETURNING 1) SELECT count(*) FROM x",
	    c.id), 1);
	post(iv, p = fmt("%s/extend-time", path), form = fmt("csrf=%s&minutes=11",
	    icsrf), &r);
	free(p);
	free(form);
	assert_status(&r, 400);
	assert_has(&r, "<p class=\"field-error\" id=\"minutes-error\">An"
	    " interview can be given at most 24 hours");
	assert_has(&r, "10 more minutes can be given");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT extended_s FROM interviews WHERE id = %lld",
	    c.id), 86400 - 600);
	post_ok(iv, p = fmt("%s/extend-time", path), icsrf, "minutes=10",
	    form = fmt("%s?done=extend-time", path));
	free(p);
	free(form);
	assert_int_equal(sql_num("WITH x AS (UPDATE interviews SET extended_s ="
	    " 900 WHERE id = %lld AND extended_s = 86400 RETURNING 1)"
	    " SELECT count(*) FROM x", c.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE interview_id ="
	    " %lld AND type = 'interview_extend-time'", c.id), 3);
	assert_int_equal(sql_num("WITH x AS (DELETE FROM events WHERE"
	    " interview_id = %lld AND type = 'interview_extend-time' AND"
	    " detail->>'amount' = '600' AND id = (SELECT max(id) FROM events"
	    " WHERE interview_id = %lld) RETURNING 1) SELECT count(*) FROM x",
	    c.id, c.id), 1);

	/* Lock: refused with the reason; unlock: sending works again. */
	post_ok(iv, p = fmt("%s/lock", path), icsrf, "", form = fmt("%s?done=lock", path));
	free(p);
	free(form);
	get(cand, "/c", &r);
	assert_has(&r, "locked the chat");
	assert_has(&r, "disabled");
	resp_free(&r);
	send_refused(cand, ccsrf, c.id, "locked question", 409, "locked the chat");
	/* Kept read-only, not disabled, so that it can be selected and copied. */
	message_post(cand, ccsrf, "copy me", &r);
	assert_status(&r, 409);
	assert_has(&r, "<textarea id=\"message\" name=\"message\" dir=\"auto\" rows=\"6\""
	    " autocomplete=\"off\" aria-invalid=\"true\" aria-describedby=\"send-error\""
	    " readonly>copy me</textarea>");
	resp_free(&r);
	post_ok(iv, p = fmt("%s/unlock", path), icsrf, "", form = fmt("%s?done=unlock", path));
	free(p);
	free(form);
	assert_int_equal(message_post(cand, ccsrf, "after unlock", &r), 303);
	resp_free(&r);

	/* Another device: a second session on the same interview resumes it. */
	{
		struct http	*other;
		char		*ocsrf;

		other = open_invite(&c, &ocsrf);
		get(other, "/c", &r);
		assert_has(&r, "after unlock");
		resp_free(&r);
		assert_int_equal(sql_num("SELECT count(*) FROM candidate_sessions"
		    " WHERE interview_id = %lld", c.id), 2);
		free(ocsrf);
		http_free(other);
	}

	/* End: completed, and the candidate can send nothing more. */
	post_ok(iv, p = fmt("%s/end", path), icsrf, "", form = fmt("%s?done=end", path));
	free(p);
	free(form);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'completed' AND end_reason = 'interviewer'", c.id), 1);
	get(cand, "/c", &r);
	assert_has(&r, "The interviewer has ended the interview.");
	assert_lacks(&r, "http-equiv=\"refresh\"");
	/* Nothing left to type: no "does not reload while you can type". */
	assert_lacks(&r, "Check the time left");
	/* Nor an estimate of messages left to send. */
	assert_lacks(&r, "Messages left");
	/* What is left is unused, no countdown: no meters, no warning. */
	assert_has(&r, "Time unused of");
	assert_has(&r, "Tokens unused of");
	assert_lacks(&r, "role=\"progressbar\"");
	resp_free(&r);
	get(iv, path, &r);
	assert_has(&r, "completed</span> (ended by the interviewer)");
	assert_lacks(&r, "Messages left");
	assert_has(&r, "Time unused of");
	assert_has(&r, "Tokens unused of");
	assert_lacks(&r, "Time left of");
	assert_lacks(&r, "role=\"progressbar\"");
	resp_free(&r);
	get(iv, "/admin/interviews", &r);
	assert_has(&r, "unused</span>");
	resp_free(&r);
	send_refused(cand, ccsrf, c.id, "too late", 409, "has ended");
	assert_int_equal(used(c.id), sql_num("SELECT sum(tokens_in) + sum(tokens_out)"
	    " FILTER (WHERE role = 'assistant') FROM messages WHERE interview_id = %lld",
	    c.id));
	/* A control on an ended interview is a conflict. */
	post(iv, p = fmt("%s/pause", path), form = fmt("csrf=%s", icsrf), &r);
	free(p);
	free(form);
	assert_status(&r, 409);
	resp_free(&r);
	/* Nor does an old "Pause…" or "End…" link ask for one. */
	get(iv, p = fmt("%s?confirm=pause", path), &r);
	free(p);
	assert_status(&r, 200);
	assert_lacks(&r, "Pause the interview?");
	assert_lacks(&r, "Yes, pause");
	resp_free(&r);
	get(iv, p = fmt("%s?confirm=end", path), &r);
	free(p);
	assert_lacks(&r, "Yes, end");
	resp_free(&r);

	free(icsrf);
	free(ccsrf);
	free(path);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/*
 * Arabic or Hebrew reads right to left where the candidate types and
 * where it is shown again: the boxes and the messages take their
 * direction from their text (dir="auto"), not the page's left to right,
 * which put "?" at the wrong end and reordered mixed words.
 */
static void
test_right_to_left_text_keeps_its_direction(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf;

	(void)state;
	create_custom(iv, "Rtl", 20000, &c);
	cand = start(&c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "<textarea id=\"message\" name=\"message\" dir=\"auto\"");
	assert_has(&r, "<textarea id=\"answer\" name=\"answer\" dir=\"auto\"");
	resp_free(&r);
	assert_int_equal(message_post(cand, csrf, "\xd9\x83\xd9\x8a\xd9\x81"
	    " Python \xd8\x9f", &r), 303);
	resp_free(&r);
	get(cand, "/c", &r);
	assert_has(&r, "<pre class=\"message\" dir=\"auto\">\xd9\x83");
	assert_has(&r, "<div class=\"message markdown\" dir=\"auto\">");
	/* A message's time says its zone, and gives the instant. */
	assert_has(&r, " UTC</time>");
	assert_has(&r, "<time datetime=\"20");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

static void
test_a_budget_too_small_refuses_and_charges_nothing(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, big[7001];
	size_t		 i;

	(void)state;
	create_custom(iv, "Small", 1000, &c);
	cand = start(&c, &csrf);
	for (i = 0; i + 7 < sizeof(big); i += 7)
		memcpy(big + i, "zq7 xv ", 7);
	big[i - 1] = 'z';	/* the server trims trailing space */
	big[i] = '\0';
	send_refused(cand, csrf, c.id, big, 409, "Not enough tokens left for this message (needs ");
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE interview_id = %lld",
	    c.id), 0);
	/* Empty and enormous messages get their own answers. */
	{
		struct resp	 r;
		char		*huge = malloc(8200);

		memset(huge, 'a', 8100);
		huge[8100] = '\0';
		message_post(cand, csrf, "", &r);
		assert_status(&r, 400);
		assert_has(&r, "Write a message first.");
		/* The box says so to a screen reader, not only in red. */
		assert_has(&r, "id=\"message\" name=\"message\" dir=\"auto\" rows=\"6\""
		    " autocomplete=\"off\" aria-invalid=\"true\" aria-describedby=\"send-error\"");
		resp_free(&r);
		message_post(cand, csrf, huge, &r);
		assert_status(&r, 400);
		assert_has(&r, "at most 8,000 characters; this one has 8,100");
		resp_free(&r);
		free(huge);
	}
	assert_int_equal(used(c.id), 0);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

static void
test_time_running_out_ends_the_interview(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *p;
	struct resp	 r;

	(void)state;
	create_custom(iv, "Slow", 20000, &c);
	cand = start(&c, &csrf);
	sql_do("UPDATE interviews SET started_at = now() - interval '2 hours'"
	    " WHERE id = %lld", c.id);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, "Time is up.");
	assert_has(&r, "0 min 00 s");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'completed' AND end_reason = 'time'", c.id), 1);
	send_refused(cand, csrf, c.id, "still there?", 409, "has ended");
	/* A final answer too late is refused but comes back, to copy. */
	post(cand, "/c/final", p = fmt("csrf=%s&answer=my+late+answer", csrf),
	    &r);
	free(p);
	assert_status(&r, 409);
	assert_has(&r, "The interview has ended, so your final answer was not"
	    " recorded.");
	assert_has(&r, ">my late answer</textarea>");
	/* To copy, not to send again: no button that cannot work. */
	assert_has(&r, "name=\"answer\" dir=\"auto\" rows=\"10\" aria-invalid=\"true\""
	    " aria-describedby=\"final-error\" readonly>my late answer");
	assert_lacks(&r, "Submit and end the interview");
	assert_lacks(&r, "Submitting ends the interview");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND final_answer = ''", c.id), 1);
	free(csrf);
	free(c.token);
	http_free(cand);

	/*
	 * Seconds late, as a page without a script sees no clock run out:
	 * kept, marked late, for the interviewer; sent twice, kept once.
	 */
	create_custom(iv, "Nearly", 20000, &c);
	cand = start(&c, &csrf);
	sql_do("UPDATE interviews SET started_at = now() - interval '30 minutes"
	    " 10 seconds' WHERE id = %lld", c.id);
	outside_write_settles();
	post(cand, "/c/final", p = fmt("csrf=%s&answer=just+in+time", csrf),
	    &r);
	assert_redirect(&r, "/c?late=1");
	resp_free(&r);
	post(cand, "/c/final", p, &r);
	free(p);
	assert_redirect(&r, "/c");
	resp_free(&r);
	get(cand, "/c?late=1", &r);
	assert_has(&r, "Time is up.");
	assert_has(&r, "Your final answer was recorded. It came after the time"
	    " ran out, so the interviewer sees it marked as late.");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'completed' AND end_reason = 'time' AND final_answer ="
	    " 'just in time'", c.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld AND role = 'final'", c.id), 1);
	assert_true(sql_num("SELECT (detail->>'seconds')::int FROM events WHERE"
	    " interview_id = %lld AND type = 'final_answer_late'", c.id) >= 10);
	get(iv, p = fmt("/admin/interviews/%lld", c.id), &r);
	free(p);
	assert_has(&r, "just in time");
	assert_has(&r, " s after the time ran out (kept, marked late)");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);

	/*
	 * Tokens running out stop the chat but not the interview: the final
	 * answer can still go in, and the interviewer can give more tokens.
	 */
	create_custom(iv, "Spent", 1000, &c);
	cand = start(&c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "meter-fill meter-green pct-100");
	assert_lacks(&r, "The token budget is used up");
	resp_free(&r);
	/* A message too long for what is left: shortening it would help. */
	{
		char	*longer = calloc(1, 1201 * 6);
		int	 i;

		for (i = 0; i < 1200; i++)
			strcat(longer, "words ");
		longer[strlen(longer) - 1] = '\0';
		send_refused(cand, csrf, c.id, longer, 409, " left). Shorten"
		    " it by about ");
		free(longer);
	}
	/* A warning's words hold exactly: 25.9% left is not under a quarter. */
	sql_do("UPDATE interviews SET tokens_used = 741 WHERE id = %lld", c.id);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_lacks(&r, "of the token budget is left.");
	assert_has(&r, "meter-fill meter-green pct-25");
	resp_free(&r);
	/* At a quarter exactly: yellow, as "at or below 25%" says. */
	sql_do("UPDATE interviews SET tokens_used = 750 WHERE id = %lld", c.id);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_has(&r, "A quarter or less of the token budget is left.");
	assert_has(&r, "meter-fill meter-yellow pct-25");
	resp_free(&r);
	sql_do("UPDATE interviews SET tokens_used = 941 WHERE id = %lld", c.id);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_has(&r, "10% or less of the token budget is left.");
	assert_lacks(&r, "5% or less");
	assert_has(&r, "meter-fill meter-orange pct-5");
	resp_free(&r);
	sql_do("UPDATE interviews SET tokens_used = 975 WHERE id = %lld", c.id);
	outside_write_settles();
	get(cand, "/c", &r);
	/* 25 tokens show in the panel: not called "used up". */
	assert_has(&r, "Only 25 tokens are left, too few for a reply: the"
	    " assistant cannot answer any more.");
	assert_has(&r, "Not enough tokens left for another message.");
	assert_has(&r, "5% or less of the token budget is left.");
	assert_has(&r, "meter-fill meter-red pct-5");
	assert_has(&r, "data-spent=\"1\"");
	assert_has(&r, "id=\"send-button\" type=\"submit\" name=\"send\""
	    " value=\"1\" data-posts=\"message\" disabled");
	assert_has(&r, "Submit and end the interview");
	resp_free(&r);
	get(iv, p = fmt("/admin/interviews/%lld", c.id), &r);
	assert_has(&r, "tokens used up");
	resp_free(&r);
	get(iv, "/admin/interviews", &r);	/* lists end spent interviews */
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'active'", c.id), 1);
	/* However short the message: no advice to shorten it. */
	send_refused(cand, csrf, c.id, "one more?", 409, "Not enough tokens are"
	    " left for another message: each one is sent with the challenge"
	    " and the conversation so far, which with room for a reply needs"
	    " about ");
	sql_do("UPDATE interviews SET tokens_used = 1000 WHERE id = %lld",
	    c.id);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_has(&r, "The token budget is used up: the assistant cannot"
	    " answer any more.");
	resp_free(&r);
	/*
	 * Spent too when what is left covers no next prompt: the last one
	 * and its reply (500) come again, however short the message.
	 */
	sql_do("UPDATE interviews SET tokens_used = 500, next_prompt_min = 450"
	    " WHERE id = %lld", c.id);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_lacks(&r, "The token budget is used up");
	resp_free(&r);
	sql_do("UPDATE interviews SET tokens_used = 600 WHERE id = %lld", c.id);
	outside_write_settles();
	get(cand, "/c", &r);
	/* 400 left is not "used up": another message would need more. */
	assert_has(&r, "Not enough tokens are left for another message: each"
	    " one is sent with the challenge and the conversation so far, which"
	    " with room for a reply needs about 482 tokens, and 400 are left.");
	assert_lacks(&r, "The token budget is used up");
	resp_free(&r);
	post_ok(cand, "/c/final", csrf, "answer=done+anyway", "/c");
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'completed' AND end_reason = 'candidate'"
	    " AND final_answer = 'done anyway'", c.id), 1);
	free(p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/* POSTs a new invite for c; the new token replaces c->token. */
static void
reinvite(struct http *h, struct created *c, const char *extra)
{
	char		*path = fmt("/admin/interviews/%lld", c->id);
	char		*csrf = csrf_of(h, path), *form, *p;
	const char	*s;
	struct resp	 r;

	post(h, p = fmt("%s/invite", path), form = fmt("csrf=%s&expiry_days=3%s",
	    csrf, extra), &r);
	assert_status(&r, 200);
	assert_has(&r, "New invite link");
	assert_has(&r, "The previous link no longer works.");
	s = strstr(r.body, "<p class=\"secret\">");
	assert_non_null(s);
	s = strstr(s, "/i/");
	assert_non_null(s);
	free(c->token);
	c->token = strndup(s + 3, strcspn(s + 3, "<"));
	assert_int_equal(strlen(c->token), 43);
	resp_free(&r);
	free(form);
	free(p);
	free(csrf);
	free(path);
}

static long
open_status(const char *token)
{
	struct http	*h = http_new(&S);
	char		*path = fmt("/i/%s", token);
	struct resp	 r;
	long		 code;

	get(h, path, &r);
	code = r.status;
	resp_free(&r);
	free(path);
	http_free(h);
	return code;
}

static void
test_a_new_invite_link_replaces_a_lost_or_expired_one(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*old, *csrf, *p;
	struct resp	 r;

	(void)state;
	/* Lost: the old link dies; the browser that opened it stays in. */
	create_custom(iv, "Lost", 20000, &c);
	cand = start(&c, &csrf);
	old = strdup(c.token);
	get(iv, p = fmt("/admin/interviews/%lld?confirm=invite", c.id), &r);
	free(p);
	assert_has(&r, "action=\"/admin/interviews/");
	assert_has(&r, "The current link stops working");
	resp_free(&r);
	reinvite(iv, &c, "");
	assert_int_equal(open_status(old), 404);
	assert_int_equal(open_status(c.token), 303);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, "Submit your final answer");
	resp_free(&r);
	/* Sent to the wrong person: sign out the browsers it opened. */
	reinvite(iv, &c, "&sign_out=1");
	get(cand, "/c", &r);
	assert_status(&r, 404);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type = 'invite_reissued'", c.id), 2);
	/* The home page's activity names the interview, and links to it. */
	get(iv, "/admin", &r);
	p = fmt("New invite link, valid 3 days; browsers on the old link"
	    " signed out · <a href=\"/admin/interviews/%lld\">Lost</a>", c.id);
	assert_has(&r, p);
	free(p);
	resp_free(&r);
	free(csrf);
	free(old);
	http_free(cand);

	/* Ended: a new link cannot reopen it. */
	sql_do("UPDATE interviews SET status = 'completed', end_reason ="
	    " 'interviewer', ended_at = now() WHERE id = %lld", c.id);
	csrf = csrf_of(iv, p = fmt("/admin/interviews/%lld", c.id));
	free(p);
	post(iv, p = fmt("/admin/interviews/%lld/invite", c.id),
	    old = fmt("csrf=%s&expiry_days=3", csrf), &r);
	assert_status(&r, 409);
	assert_has(&r, "cannot reopen it");
	resp_free(&r);
	free(p);
	free(old);
	free(csrf);
	free(c.token);

	/* Expired before the candidate started: waiting again. */
	create_custom(iv, "Late", 20000, &c);
	sql_do("UPDATE interviews SET invite_expires_at = now() - interval"
	    " '1 day' WHERE id = %lld", c.id);
	/* The interviewer sees it expired before the candidate tries it. */
	get(iv, "/admin/interviews?status=expired", &r);
	assert_has(&r, ">Late</a>");
	assert_lacks(&r, "<span class=\"badge\"></span>");	/* no empty pill */
	resp_free(&r);
	get(iv, p = fmt("/admin/interviews/%lld", c.id), &r);
	free(p);
	assert_has(&r, "<span class=\"badge badge-muted\">expired</span>");
	assert_lacks(&r, "expired</span> (expired)");
	resp_free(&r);
	assert_int_equal(open_status(c.token), 404);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND status = 'expired'", c.id), 1);
	reinvite(iv, &c, "");
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND status = 'created' AND end_reason = '' AND ended_at IS"
	    " NULL", c.id), 1);
	cand = start(&c, &csrf);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/* POSTs a new invite for interview id and returns the page in r. */
static void
reinvite_page(struct http *h, long long id, struct resp *r)
{
	char	*path = fmt("/admin/interviews/%lld", id);
	char	*csrf = csrf_of(h, path), *form, *p;

	post(h, p = fmt("%s/invite", path), form = fmt("csrf=%s&expiry_days=3",
	    csrf), r);
	assert_status(r, 200);
	free(form);
	free(p);
	free(csrf);
	free(path);
}

/*
 * A new link for a candidate who lost theirs after starting: the page and
 * the invitation email say it takes them back to the interview, not that
 * they can start it within the days the form asked for.
 */
static void
test_a_new_link_to_a_started_interview_says_it_resumes(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf;
	struct resp	 r;

	(void)state;
	create_custom(iv, "Not Yet", 20000, &c);
	reinvite_page(iv, c.id, &r);
	assert_has(&r, "The candidate can start with this link within 3 days");
	assert_has(&r, "You%20can%20start%20it%20within%203%20days.");
	resp_free(&r);
	free(c.token);

	create_custom(iv, "Lost Midway", 20000, &c);
	cand = start(&c, &csrf);
	reinvite_page(iv, c.id, &r);
	assert_lacks(&r, "can start with this link");
	assert_lacks(&r, "start%20it%20within");
	assert_has(&r, "The candidate has started: this link takes them back"
	    " to the interview, on any device, until it ends.");
	assert_has(&r, "Here%20is%20a%20new%20link%20to%20your%20interview");
	assert_has(&r, "It%20takes%20you%20back%20to%20the%20interview%20you"
	    "%20started%2C%20on%20any%20device%2C%20until%20it%20ends%3B%20the"
	    "%20link%20you%20had%20before%20no%20longer%20works.");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/*
 * A custom challenge has no hints: the candidate is told the offline
 * assistant cannot help, before spending tokens to learn it.
 */
static void
test_the_offline_assistant_says_when_there_are_no_hints(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf;
	struct resp	 r;

	(void)state;
	create_custom(iv, "Hintless", 20000, &c);
	cand = open_invite(&c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "it can only offer the challenge's hints, and this"
	    " challenge has none, so it cannot help you with it.");
	resp_free(&r);
	post_ok(cand, "/c/start", csrf, "", "/c");
	get(cand, "/c", &r);
	assert_has(&r, "it can only offer the challenge's hints, and this"
	    " challenge has none: it cannot help you with it.</p>");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/*
 * An ended interview has no chat to be locked: its page said "completed
 * (ended by the interviewer) chat locked" for one locked, then ended.
 */
static void
test_an_ended_interview_shows_no_chat_lock(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *path, *icsrf, *p, *done;
	struct resp	 r;

	(void)state;
	create_custom(iv, "Lockend", 20000, &c);
	cand = start(&c, &csrf);
	path = fmt("/admin/interviews/%lld", c.id);
	icsrf = csrf_of(iv, path);
	post_ok(iv, p = fmt("%s/lock", path), icsrf, "",
	    done = fmt("%s?done=lock", path));
	free(p);
	free(done);
	get(iv, path, &r);
	assert_has(&r, "<span class=\"badge badge-warn\">chat locked</span>");
	resp_free(&r);
	post_ok(iv, p = fmt("%s/end", path), icsrf, "",
	    done = fmt("%s?done=end", path));
	free(p);
	free(done);
	get(iv, path, &r);
	assert_has(&r, "(ended by the interviewer)");
	assert_lacks(&r, "chat locked");
	resp_free(&r);
	free(icsrf);
	free(path);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/* A spent budget leaves no message to estimate, on either page. */
static void
test_a_spent_budget_estimates_no_message_left(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *p;
	struct resp	 r;

	(void)state;
	create_custom(iv, "Estimate", 1000, &c);
	cand = start(&c, &csrf);
	assert_int_equal(message_post(cand, csrf, "Where to begin?", &r), 303);
	resp_free(&r);
	/* The next prompt cannot fit in what is left: spent. */
	sql_do("UPDATE interviews SET next_prompt_min = 900 WHERE id = %lld",
	    c.id);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_has(&r, "Not enough tokens are left for another message");
	assert_has(&r, "<span class=\"stat-value\" id=\"messages-left\">≈ 0</span>");
	resp_free(&r);
	get(iv, p = fmt("/admin/interviews/%lld", c.id), &r);
	free(p);
	assert_has(&r, "tokens used up");
	assert_has(&r, "<span class=\"stat-value\" id=\"messages-left\">≈ 0</span>");
	resp_free(&r);
	/* The list says so too: "active" alone looked like a chat going on. */
	get(iv, "/admin/interviews?refresh=0&status=active", &r);
	assert_has(&r, "<span class=\"badge badge-muted\">active</span>"
	    " <span class=\"badge badge-warn\">tokens used up</span>");
	resp_free(&r);
	/*
	 * Without JavaScript the list reloads itself only when asked: the
	 * reload drops what is typed in its filters.
	 */
	get(iv, "/admin/interviews?status=active", &r);
	assert_lacks(&r, "http-equiv=\"refresh\"");
	assert_has(&r, "data-refresh=\"15\"");
	assert_has(&r, "refresh=1\">refresh it all the same</a>");
	resp_free(&r);
	get(iv, "/admin/interviews?status=active&refresh=1", &r);
	assert_has(&r, "<noscript><meta http-equiv=\"refresh\" content=\"15\">");
	assert_has(&r, "<input type=\"hidden\" name=\"refresh\" value=\"1\">");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

static void
test_final_answer_ends_the_interview(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *p;
	struct resp	 r;

	(void)state;
	create_custom(iv, "Finisher", 20000, &c);
	cand = start(&c, &csrf);
	/* An empty answer does not end the interview. */
	post(cand, "/c/final", p = fmt("csrf=%s&answer=+++", csrf), &r);
	free(p);
	assert_status(&r, 400);
	assert_has(&r, "Write your final answer first");
	assert_has(&r, "id=\"answer\" name=\"answer\" dir=\"auto\" rows=\"10\""
	    " aria-invalid=\"true\" aria-describedby=\"final-error\"");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'active'", c.id), 1);
	post_ok(cand, "/c/final", csrf, "answer=return+a%2Bb", "/c");
	/* The same answer again (a second click, a resubmit): recorded. */
	post_ok(cand, "/c/final", csrf, "answer=return+a%2Bb", "/c");
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'completed' AND end_reason = 'candidate'"
	    " AND final_answer = 'return a+b'", c.id), 1);
	get(cand, "/c", &r);
	assert_has(&r, "You submitted your final answer.");
	assert_lacks(&r, "while you can type");
	resp_free(&r);
	/* The interviewer reads it once, in its place in the conversation. */
	get(iv, p = fmt("/admin/interviews/%lld", c.id), &r);
	free(p);
	assert_int_equal(str_count(r.body, "return a+b"), 1);
	assert_has(&r, "<h2>Challenge: Sum</h2>");	/* an untitled body */
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/*
 * Without JavaScript the page is one form: Send posts the final answer being
 * written too, and the server keeps it; Save draft keeps both boxes, on any
 * device; Submit from the same form ends the interview.  The interviewer
 * reads a draft the time ran out on.
 */
static void
test_drafts_survive_a_send_without_javascript(void **state)
{
	struct http	*iv = signin(&a_int), *cand, *other;
	struct created	 c, d;
	char		*csrf, *csrf2, *p, *big;
	struct resp	 r;

	(void)state;
	create_custom(iv, "Drafter", 20000, &c);
	cand = start(&c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "<form class=\"work-form\" id=\"send-form\" method="
	    "\"post\" action=\"/c/messages\">");
	assert_has(&r, "name=\"save\" value=\"1\"");
	assert_has(&r, "name=\"final\" value=\"1\"");
	resp_free(&r);
	/* A message sent keeps the final answer being written. */
	post_ok(cand, "/c/messages", csrf, "message=any+hint%3F"
	    "&answer=half+of+my+answer", "/c");
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld AND role = 'user'", c.id), 1);
	get(cand, "/c", &r);
	assert_has(&r, "rows=\"10\">half of my answer</textarea>");
	assert_has(&r, "autocomplete=\"off\"></textarea>");	/* sent */
	resp_free(&r);
	/* Save draft keeps both, says so, and sends nothing. */
	post_ok(cand, "/c/messages", csrf, "message=a+question+for+later"
	    "&answer=most+of+my+answer&save=1", "/c?saved=1");
	get(cand, "/c?saved=1", &r);
	assert_has(&r, "id=\"draft-saved\">Your draft is saved (");
	assert_has(&r, ">a question for later</textarea>");
	assert_has(&r, ">most of my answer</textarea>");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", c.id), 2);
	/* The link opened on another device finds them too. */
	other = open_invite(&c, &csrf2);
	get(other, "/c", &r);
	assert_has(&r, ">most of my answer</textarea>");
	assert_has(&r, "(last saved ");
	resp_free(&r);
	/* A final answer too long to keep: refused, both boxes as they were. */
	big = malloc(50002 + 64);
	memset(big, 'y', 50001);
	big[50001] = '\0';
	post(cand, "/c/messages", p = fmt("csrf=%s&message=still+here"
	    "&answer=%s", csrf, big), &r);
	free(p);
	assert_status(&r, 400);
	assert_has(&r, "Your final answer can be at most 50,000 characters;"
	    " this one has 50,001.");
	assert_has(&r, ">still here</textarea>");
	resp_free(&r);
	free(big);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", c.id), 2);
	/* The interviewer reads the draft while it runs. */
	get(iv, p = fmt("/admin/interviews/%lld", c.id), &r);
	assert_has(&r, "<h2>Unsent draft</h2>");
	assert_has(&r, "most of my answer");
	assert_lacks(&r, "the interview ended first");
	resp_free(&r);
	/* Submit from the same form: recorded, the drafts gone. */
	post_ok(cand, "/c/messages", csrf, "message=unsent&answer=my+answer"
	    "&final=1", "/c");
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND status = 'completed' AND end_reason = 'candidate'"
	    " AND final_answer = 'my answer'", c.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_drafts WHERE"
	    " interview_id = %lld", c.id), 0);
	get(iv, p, &r);
	assert_lacks(&r, "Unsent draft");
	resp_free(&r);
	free(p);

	/* The time runs out on a saved draft: the interviewer reads it. */
	create_custom(iv, "Drafter Two", 20000, &d);
	free(csrf);
	http_free(cand);
	cand = start(&d, &csrf);
	post_ok(cand, "/c/messages", csrf, "message=&answer=nearly+done"
	    "&save=1", "/c?saved=1");
	sql_do("UPDATE interviews SET started_at = now() - interval '2 hours'"
	    " WHERE id = %lld", d.id);
	outside_write_settles();
	get(iv, p = fmt("/admin/interviews/%lld", d.id), &r);
	assert_has(&r, "nearly done");
	assert_has(&r, "the interview ended first");
	resp_free(&r);
	free(p);
	/* Ended, a save keeps nothing new and hands the text back. */
	post(cand, "/c/messages", p = fmt("csrf=%s&answer=too+late&save=1",
	    csrf), &r);
	free(p);
	assert_status(&r, 409);
	assert_has(&r, "your draft was not saved. It is kept below for you"
	    " to copy.");
	assert_has(&r, ">too late</textarea>");
	resp_free(&r);
	assert_string_equal(p = sql_str("SELECT answer FROM interview_drafts"
	    " WHERE interview_id = %lld", d.id), "nearly done");
	free(p);
	free(csrf);
	free(csrf2);
	free(c.token);
	free(d.token);
	http_free(other);
	http_free(cand);
	http_free(iv);
}

/* A shipped challenge opens with its title: no page heads it twice. */
static void
test_challenge_titled_once(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*form, *path, *csrf;
	struct resp	 r;
	const char	*title = "Merge overlapping meetings</h2>";

	(void)state;
	form = fmt("candidate_name=Tia&candidate_email=t%%40x.test"
	    "&challenge_id=%lld&title=&body_md=&minutes=30&token_budget=20000"
	    "&model=builtin&instructions=&expiry_days=7", sql_num("SELECT id"
	    " FROM challenges WHERE title = 'Merge overlapping meetings'"));
	create(iv, form, &c);
	free(form);
	get(iv, path = fmt("/admin/interviews/%lld", c.id), &r);
	assert_has(&r, "<h2>Challenge</h2>");
	assert_int_equal(str_count(r.body, title), 1);
	resp_free(&r);
	cand = open_invite(&c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "<h2>The challenge</h2>");
	assert_int_equal(str_count(r.body, title), 1);
	resp_free(&r);
	free(csrf);
	free(path);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/* Both pages, each fetched twice so that every cache that can fill has. */
static void
both_pages_show(struct http *iv, struct http *cand, const char *path,
    const char *text)
{
	struct resp	r;
	int		i;

	for (i = 0; i < 2; i++) {
		get(cand, "/c", &r);
		assert_status(&r, 200);
		assert_has(&r, text);
		resp_free(&r);
		get(iv, path, &r);
		assert_status(&r, 200);
		assert_has(&r, text);
		resp_free(&r);
	}
}

/*
 * Each pool process keeps the rendered conversation while no message comes
 * (conversation.c).  A message written anywhere else (another process, the
 * worker, by hand) shows on the candidate's page and the interviewer's, at
 * once through the app and within the page copies' second from outside
 * (web/snapshot.h), and so does retention deleting them all.
 */
static void
test_pages_show_messages_however_they_were_written(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *path;
	struct resp	 r;

	(void)state;
	create_custom(iv, "Watcher", 20000, &c);
	cand = start(&c, &csrf);
	path = fmt("/admin/interviews/%lld", c.id);
	both_pages_show(iv, cand, path, "No messages yet.");

	sql_do("INSERT INTO messages (interview_id, seq, role, content)"
	    " VALUES (%lld, 1, 'user', 'Written elsewhere, first')", c.id);
	outside_write_settles();
	both_pages_show(iv, cand, path, "Written elsewhere, first");

	assert_int_equal(message_post(cand, csrf, "And one through the page", &r),
	    303);
	resp_free(&r);
	both_pages_show(iv, cand, path, "And one through the page");

	sql_do("DELETE FROM messages WHERE interview_id = %lld", c.id);
	outside_write_settles();
	both_pages_show(iv, cand, path, "No messages yet.");
	get(cand, "/c", &r);
	assert_lacks(&r, "Written elsewhere");
	resp_free(&r);
	free(path);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/* A long chat, as its interview's counts say (sql/028): odd seqs the candidate's. */
#define LONG_CHAT	250
/* What the pages show of it (conversation.c CONVERSATION_LATEST). */
#define LATEST		100

static void
long_chat_written(long long id)
{
	/* Some 2 KB each, as in the 1,500-message interview of 3.6 MB. */
	sql_do("INSERT INTO messages (interview_id, seq, role, content,"
	    " tokens_in, tokens_out) SELECT %lld, s, CASE WHEN s %% 2 = 1"
	    " THEN 'user' ELSE 'assistant' END, 'Message [' || s || '] ' ||"
	    " repeat('and so on ', 200), CASE WHEN s %% 2 = 0 THEN 50"
	    " ELSE 0 END, 50 FROM generate_series(1, %d) s;"
	    " UPDATE interviews SET chat_messages = %d, chat_user_messages ="
	    " %d, chat_replies = %d, tokens_used = %d * 150 WHERE id = %lld",
	    id, LONG_CHAT, LONG_CHAT, LONG_CHAT / 2, LONG_CHAT / 2,
	    LONG_CHAT / 2, id);
	outside_write_settles();
}

/*
 * The latest messages, in order and the newest last, and the link to the
 * earlier ones; the estimate still counts every reply.
 */
static void
assert_latest_shown(const struct resp *r, int total)
{
	char	*s, *first, *newest;

	assert_status(r, 200);
	assert_int_equal(count_in(r, "card message-card"), LATEST);
	s = fmt("The latest %d messages. <a href=\"?all=1#conversation\">Show"
	    " %d earlier messages</a>", LATEST, total - LATEST);
	assert_has(r, s);
	free(s);
	first = fmt("Message [%d] ", total - LATEST + 1);
	newest = fmt("Message [%d] ", total);
	assert_has(r, first);
	assert_true(strstr(r->body, first) < strstr(r->body, newest));
	free(first);
	free(newest);
	s = fmt("Message [%d] ", total - LATEST);
	assert_lacks(r, s);
	free(s);
	assert_lacks(r, "Message [1] ");
	/* 125 replies, 150 tokens each: 481,250 left, at 150 a message. */
	assert_has(r, "data-replies=\"125\"");
	assert_has(r, "≈ 3,208</span>");
}

/*
 * A long conversation makes no huge page: the candidate's page and the
 * interviewer's (which reloads every 10 s) show the latest messages and a
 * plain link to the whole of it; the exports and the analytics still have
 * every message.
 */
static void
test_a_long_conversation_shows_its_latest_messages(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *path, *s;
	struct resp	 r;
	size_t		 latest, all;
	int		 i;

	(void)state;
	create_custom(iv, "Talkative", 500000, &c);
	cand = start(&c, &csrf);
	path = fmt("/admin/interviews/%lld", c.id);
	long_chat_written(c.id);

	get(cand, "/c", &r);
	assert_latest_shown(&r, LONG_CHAT);
	assert_has(&r, "At the average cost of your messages so far.");
	latest = r.len;
	resp_free(&r);
	get(cand, "/c?all=1", &r);
	assert_status(&r, 200);
	assert_int_equal(count_in(&r, "card message-card"), LONG_CHAT);
	assert_has(&r, "All 250 messages. <a href=\"/c#conversation\">Show only"
	    " the latest 100</a>");
	assert_true(strstr(r.body, "Message [1] ") <
	    strstr(r.body, "Message [250] "));
	assert_has(&r, "≈ 3,208</span>");
	/* Checking the time keeps the whole conversation in view. */
	assert_has(&r, "<a href=\"/c?all=1\">Check the time left</a>");
	all = r.len;
	resp_free(&r);
	printf("a conversation of %d messages: /c %zu bytes, /c?all=1 %zu\n",
	    LONG_CHAT, latest, all);
	/* The latest hundred's share, and no more. */
	assert_true(latest < all * (LATEST + 10) / LONG_CHAT);

	/* The interviewer's page, refreshing, and the whole, still. */
	get(iv, path, &r);
	assert_latest_shown(&r, LONG_CHAT);
	assert_has(&r, "http-equiv=\"refresh\"");
	resp_free(&r);
	s = fmt("%s?all=1", path);
	get(iv, s, &r);
	free(s);
	assert_status(&r, 200);
	assert_int_equal(count_in(&r, "card message-card"), LONG_CHAT);
	assert_lacks(&r, "http-equiv=\"refresh\"");
	s = fmt("<a href=\"%s#conversation\">Show only the latest 100</a>",
	    path);
	assert_has(&r, s);
	free(s);
	assert_has(&r, "does not refresh while it shows the whole conversation");
	resp_free(&r);

	/* A message sent through the page: the newest, last, on both. */
	assert_int_equal(message_post(cand, csrf, "The newest question", &r),
	    303);
	resp_free(&r);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_int_equal(count_in(&r, "card message-card"), LATEST);
	assert_has(&r, "Show 152 earlier messages");
	assert_has(&r, "The newest question");
	assert_lacks(&r, "Message [152] ");
	assert_has(&r, "data-replies=\"126\"");
	resp_free(&r);
	get(iv, path, &r);
	assert_has(&r, "Show 152 earlier messages");
	assert_has(&r, "The newest question");
	resp_free(&r);

	/* Every message in the exports and the analytics. */
	for (i = 0; i < 3; i++) {
		s = fmt("%s/export.%s", path, (const char *[]){ "md", "json",
		    "csv" }[i]);
		get(iv, s, &r);
		free(s);
		assert_status(&r, 200);
		assert_int_equal(count_in(&r, "Message ["), LONG_CHAT);
		assert_has(&r, "The newest question");
		resp_free(&r);
	}
	s = fmt("%s/analytics", path);
	get(iv, s, &r);
	free(s);
	assert_status(&r, 200);
	assert_has(&r, "<span class=\"stat-value\" id=\"an-messages\">252<");
	resp_free(&r);
	free(path);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/* As after an upgrade: every pool process replaced, none of its copies kept. */
static void
pool_restarted(void)
{
	int	old[16], now[16], n, m, i, j, tries, same = 1;

	n = stack_fcgi_children(&S, old, 16);
	assert_true(n >= 1);
	for (i = 0; i < n; i++)
		assert_int_equal(kill(old[i], SIGTERM), 0);
	for (tries = 0; tries < 50 && same; tries++) {
		usleep(100 * 1000);
		m = stack_fcgi_children(&S, now, 16);
		same = m < n;
		for (i = 0; i < m && !same; i++)
			for (j = 0; j < n; j++)
				same |= now[i] == old[j];
	}
	assert_false(same);
}

/*
 * A table rendered by an older viva kept cmark-gfm's align="..." in the
 * message's stored HTML; migration 026 forgets such HTML, and once the
 * app restarts, as after an upgrade, the pages render the message again,
 * its cells aligned by class.
 */
static void
test_a_table_stored_with_align_renders_again_after_migrating(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *path;
	struct resp	 r;

	(void)state;
	create_custom(iv, "Tabled", 20000, &c);
	cand = start(&c, &csrf);
	path = fmt("/admin/interviews/%lld", c.id);
	sql_do("INSERT INTO messages (interview_id, seq, role, content,"
	    " content_html) VALUES (%lld, 1, 'assistant',"
	    " E'| Left | Right |\\n|:--|--:|\\n| 1 | 2 |',"
	    " '<table><thead><tr><th align=\"left\">Left</th><th"
	    " align=\"right\">Right</th></tr></thead><tbody><tr><td"
	    " align=\"left\">1</td><td align=\"right\">2</td></tr></tbody>"
	    "</table>')", c.id);
	outside_write_settles();
	both_pages_show(iv, cand, path, "<th align=\"left\">Left</th>");
	sql_do("DELETE FROM schema_migrations"
	    " WHERE version = '026_rerender_aligned_cells.sql'");
	assert_int_equal(stack_sh(&S, "\"$VIVA\" --config \"$CONF\" migrate"
	    " >/dev/null 2>&1"), 0);
	pool_restarted();
	both_pages_show(iv, cand, path, "<th class=\"align-left\">Left</th>");
	get(cand, "/c", &r);
	assert_has(&r, "<td class=\"align-right\">2</td>");
	assert_lacks(&r, " align=");
	resp_free(&r);
	free(path);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/* A candidate page answered from its copy: no database time in its log line. */
#define PAGE_FROM_COPY	"GET /c.,.status.:200,.ms.:[0-9.e+-]*,.ip"

/*
 * The candidate's page is served from a copy made a moment ago, without
 * asking the database, yet every write made through the app shows on it
 * at once: the interviewer's pause, resume and extension, the candidate's
 * own message; a write from outside the app shows within a second.
 */
static void
test_the_page_copy_never_hides_a_write_made_through_the_app(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *icsrf, *path, *p, *where;
	struct resp	 r;
	long		 copies = stack_log_count(&S, "viva-fcgi.log", PAGE_FROM_COPY);
	int		 i;

	(void)state;
	create_custom(iv, "Copied", 20000, &c);
	cand = start(&c, &csrf);
	for (i = 0; i < 6; i++) {
		get(cand, "/c", &r);
		assert_status(&r, 200);
		assert_has(&r, "Copied");
		resp_free(&r);
	}
	assert_true(stack_log_count(&S, "viva-fcgi.log", PAGE_FROM_COPY) >
	    copies);

	path = fmt("/admin/interviews/%lld", c.id);
	icsrf = csrf_of(iv, path);
	post_ok(iv, p = fmt("%s/pause", path), icsrf, "",
	    where = fmt("%s?done=pause", path));
	free(p);
	free(where);
	for (i = 0; i < 3; i++) {
		get(cand, "/c", &r);
		assert_has(&r, "has paused the interview");
		resp_free(&r);
	}
	post_ok(iv, p = fmt("%s/resume", path), icsrf, "",
	    where = fmt("%s?done=resume", path));
	free(p);
	free(where);
	post_ok(iv, p = fmt("%s/extend-time", path), icsrf, "minutes=45",
	    where = fmt("%s?done=extend-time", path));
	free(p);
	free(where);
	for (i = 0; i < 3; i++) {
		get(cand, "/c", &r);
		assert_lacks(&r, "has paused the interview");
		assert_has(&r, "data-status=\"active\"");
		assert_has(&r, "1 h 14 min");	/* 30 + 45, a moment gone */
		resp_free(&r);
	}

	assert_int_equal(message_post(cand, csrf, "Seen at once?", &r), 303);
	resp_free(&r);
	for (i = 0; i < 3; i++) {
		get(cand, "/c", &r);
		assert_has(&r, "Seen at once?");
		resp_free(&r);
	}

	sql_do("UPDATE interviews SET candidate_name = 'Renamed outside'"
	    " WHERE id = %lld", c.id);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_has(&r, "Renamed outside");
	resp_free(&r);
	free(path);
	free(icsrf);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

static void
test_unknown_and_expired_invites_get_a_clear_404(void **state)
{
	struct http	*iv = signin(&a_int), *h = http_new(&S);
	struct created	 c;
	char		*path;
	struct resp	 r;

	(void)state;
	get(h, "/i/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &r);
	assert_status(&r, 404);
	/* Opening it again cannot help: the page says what can. */
	assert_has(&r, "This interview link is not valid: it may be cut short or"
	    " mistyped, or replaced by a newer one. Check it against your"
	    " invitation, or ask the person who sent it for a new link.");
	/* Headed as what it is, not as a mistyped address. */
	assert_has(&r, "<h1 class=\"page-title\">Link not valid</h1>");
	/* Not to the staff's sign-in page: a candidate's home is /c. */
	assert_has(&r, "<a class=\"brand\" href=\"/c\">");
	assert_lacks(&r, "Go to the start page");
	assert_lacks(&r, "Page not found");
	path = resp_header(&r, "Set-Cookie");
	assert_null(path);
	resp_free(&r);
	/* No interview open in this browser: the invitation's link opens it. */
	get(h, "/c", &r);
	assert_status(&r, 404);
	assert_has(&r, "This interview page needs the link from your invitation"
	    " (this browser has no interview open");
	assert_has(&r, "Open the link from your invitation again.");
	resp_free(&r);
	get(h, "/c", &r);
	assert_status(&r, 404);
	resp_free(&r);
	create_custom(iv, "Late", 20000, &c);
	sql_do("UPDATE interviews SET invite_expires_at = now() - interval '1 minute'"
	    " WHERE id = %lld", c.id);
	get(h, path = fmt("/i/%s", c.token), &r);
	assert_status(&r, 404);
	assert_has(&r, "This link has expired");
	assert_has(&r, "<title>Link expired · viva</title>");
	assert_has(&r, "<h1 class=\"page-title\">Link expired</h1>");
	resp_free(&r);
	free(path);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'expired'", c.id), 1);
	free(c.token);
	http_free(h);
	http_free(iv);
}

/* Where each of the names first appears in r's body, in their order. */
static int
in_order(const struct resp *r, const char *const *names, size_t n)
{
	const char	*prev = r->body, *at;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if ((at = strstr(r->body, names[i])) == NULL || at < prev)
			return 0;
		prev = at;
	}
	return 1;
}

/*
 * The list sorts newest first, by last activity or by name (any case,
 * accents aside); its page links and CSV keep the order, and an unknown
 * order is left out with a notice.
 */
static void
test_the_list_sorts_by_creation_activity_or_name(void **state)
{
	static const char *const newest[] = { "Sorted bea", "Sorted \u00c1lvaro",
	    "Sorted Charlie" };
	static const char *const by_name[] = { "Sorted \u00c1lvaro",
	    "Sorted bea", "Sorted Charlie" };
	static const char *const active[] = { "Sorted Charlie", "Sorted bea",
	    "Sorted \u00c1lvaro" };
	struct http	*h = signin(&a_int);
	struct created	 c;
	struct resp	 r;
	size_t		 i;

	(void)state;
	for (i = 3; i-- > 0; ) {
		create_custom(h, newest[i], 20000, &c);
		free(c.token);
		sql_do("UPDATE interviews SET last_activity_at = now() -"
		    " interval '%zu hours' WHERE id = %lld", 1 + (i + 1) % 3,
		    c.id);
	}
	get(h, "/admin/interviews?q=sorted&refresh=0", &r);
	assert_true(in_order(&r, newest, 3));
	assert_has(&r, "<option value=\"created\" selected>");
	resp_free(&r);
	get(h, "/admin/interviews?q=sorted&sort=name&refresh=0", &r);
	assert_true(in_order(&r, by_name, 3));
	assert_has(&r, "<option value=\"name\" selected>");
	assert_has(&r, "name=\"sort\" value=\"name\"");	/* the CSV's */
	resp_free(&r);
	get(h, "/admin/interviews.csv?q=sorted&sort=name", &r);
	assert_true(in_order(&r, by_name, 3));
	resp_free(&r);
	get(h, "/admin/interviews?q=sorted&sort=activity&refresh=0", &r);
	assert_true(in_order(&r, active, 3));
	resp_free(&r);
	get(h, "/admin/interviews?q=sorted&sort=salary&refresh=0", &r);
	assert_has(&r, "The sort \u201csalary\u201d in the link is not one");
	assert_true(in_order(&r, newest, 3));
	resp_free(&r);
	http_free(h);
}

/*
 * Sorted by name, the list of an org of 20,000 interviews comes as fast as
 * newest first: it walks an index.  It sorted all the org's interviews for
 * every page (at 24,000: 72 ms against 7, every 15 seconds while the page
 * is open).  By last activity it still does (sql/030): that column changes
 * with every message, and an index of it would make each message's update
 * of the row touch every index.
 */
static void
test_every_order_of_a_long_list_walks_an_index(void **state)
{
	struct http	*b = signin(&b_int);
	double		 created, activity, name;

	(void)state;
	sql_do("INSERT INTO interviews (org_id, kind, status, candidate_name,"
	    " candidate_email, invite_hash, invite_expires_at, time_limit_s,"
	    " token_budget, created_at, last_activity_at) SELECT o.id,"
	    " 'assisted', 'completed', 'Long list ' || md5(g::text),"
	    " 'long' || g || '@b.test', 'long-' || g, now(), 3600, 10000,"
	    " now() - g * interval '1 minute', now() - (g %% 997) *"
	    " interval '1 hour' FROM orgs o, generate_series(1, 20000) g"
	    " WHERE o.name = 'Org B'; ANALYZE interviews");
	created = best_server_ms(b, "/admin/interviews?refresh=0", "GET /admin/interviews", NULL);
	activity = best_server_ms(b, "/admin/interviews?sort=activity&refresh=0", "GET /admin/interviews", NULL);
	name = best_server_ms(b, "/admin/interviews?sort=name&refresh=0", "GET /admin/interviews", NULL);
	printf("20,000 interviews, a page: newest first %.1f ms, by activity"
	    " %.1f ms, by name %.1f ms\n", created, activity, name);
	(void)activity;
	assert_true(name < 2 * created + 10);
	sql_do("DELETE FROM interviews WHERE invite_hash LIKE 'long-%%'");
	http_free(b);
}

/*
 * A page far down a long list costs what walking to it does, not the
 * columns of every row passed: OFFSET made them for each (the time left,
 * a one-way interview's answers and recommendation, a subquery each),
 * and page 400 of 24,000 took 100 ms, 80 of them on rows not shown.
 */
static void
test_a_page_far_down_makes_only_its_own_rows(void **state)
{
	struct http	*b = signin(&b_int);
	double		 first, far;

	(void)state;
	sql_do("INSERT INTO interviews (org_id, kind, status, candidate_name,"
	    " candidate_email, invite_hash, invite_expires_at, time_limit_s,"
	    " token_budget, created_at) SELECT o.id, 'oneway', 'completed',"
	    " 'Far ' || g, 'far' || g || '@b.test', 'far-' || g, now(), 3600,"
	    " 1000, now() - g * interval '1 minute' FROM orgs o,"
	    " generate_series(1, 20000) g WHERE o.name = 'Org B';"
	    " INSERT INTO oneway_settings (interview_id, media, answer_s,"
	    " max_attempts) SELECT id, 'audio', 60, 1 FROM interviews"
	    " WHERE invite_hash LIKE 'far-%%'; ANALYZE interviews");
	first = best_server_ms(b, "/admin/interviews?sort=name&refresh=0", "GET /admin/interviews", NULL);
	far = best_server_ms(b, "/admin/interviews?sort=name&page=390&refresh=0", "GET /admin/interviews", NULL);
	printf("20,000 one-way interviews: page 1 %.1f ms, page 390 %.1f ms\n",
	    first, far);
	/* 409 ms when it made every row's columns; 36 ms when not. */
	assert_true(far < 150);
	sql_do("DELETE FROM interviews WHERE invite_hash LIKE 'far-%%'");
	http_free(b);
}

static void
test_interviews_are_scoped_to_the_org(void **state)
{
	struct http	*a = signin(&a_int), *b = signin(&b_int);
	struct created	 c;
	char		*path, *csrf = csrf_of(b, "/admin"), *p, *body;
	struct resp	 r;

	(void)state;
	create_custom(a, "Scoped", 20000, &c);
	get(b, path = fmt("/admin/interviews/%lld", c.id), &r);
	assert_status(&r, 404);
	resp_free(&r);
	post(b, p = fmt("%s/end", path), body = fmt("csrf=%s", csrf), &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(p);
	free(body);
	get(b, "/admin/interviews", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "Scoped");
	assert_has(&r, "<a class=\"brand\" href=\"/admin\">");
	resp_free(&r);
	get(a, "/admin/interviews?q=scop&refresh=0", &r);
	assert_status(&r, 200);
	assert_has(&r, "Scoped");
	assert_lacks(&r, "Finisher");
	assert_lacks(&r, "http-equiv=\"refresh\"");
	resp_free(&r);
	/* Any case and any accents, either way: "zoe nunez", "SCOPÉ". */
	{
		struct created	zoe;

		create_custom(a, "Zo\u00eb \u00d1\u00fa\u00f1ez", 20000, &zoe);
		free(zoe.token);
	}
	get(a, "/admin/interviews?q=zoe+nunez&refresh=0", &r);
	assert_has(&r, "Zo\u00eb \u00d1\u00fa\u00f1ez");
	assert_lacks(&r, "Scoped");
	resp_free(&r);
	get(a, "/admin/interviews?q=SCOP%C3%89&refresh=0", &r);
	assert_has(&r, "Scoped");
	assert_lacks(&r, "Finisher");
	assert_lacks(&r, "http-equiv=\"refresh\"");
	resp_free(&r);
	/* What is typed is searched for as it is: % and _ are no wildcards. */
	{
		struct created	pct;

		create_custom(a, "Cent 100% Carl", 20000, &pct);
		free(pct.token);
	}
	get(a, "/admin/interviews?q=%25&refresh=0", &r);
	assert_has(&r, "Cent 100% Carl");
	assert_lacks(&r, "Scoped");
	resp_free(&r);
	get(a, "/admin/interviews?q=S_oped&refresh=0", &r);
	assert_has(&r, "No interviews match");
	assert_lacks(&r, "Scoped");
	resp_free(&r);
	/* The kind filter, and the kind shown in the list. */
	sql_do("INSERT INTO interviews (org_id, kind, candidate_name, candidate_email,"
	    " invite_hash, invite_expires_at, time_limit_s, token_budget)"
	    " SELECT org_id, 'adaptive', 'Adaptive Ada', 'ada@x.test', 'h-ada',"
	    " now() + interval '1 day', 600, 1000 FROM users WHERE email = '%s'",
	    a_int.email);
	get(a, "/admin/interviews?kind=adaptive&refresh=0", &r);
	assert_has(&r, "Adaptive Ada");
	assert_has(&r, "<span class=\"badge badge-muted\">adaptive</span>");
	assert_lacks(&r, "Scoped");
	assert_has(&r, "<option value=\"adaptive\" selected>");
	resp_free(&r);
	get(a, "/admin/interviews?kind=assisted&q=scop&refresh=0", &r);
	assert_has(&r, "Scoped");
	assert_lacks(&r, "Adaptive Ada");
	resp_free(&r);
	/* A filter it cannot apply is left out, and the page says so. */
	get(a, "/admin/interviews?status=bogus&kind=adaptive&refresh=0", &r);
	assert_status(&r, 200);
	assert_has(&r, "The status \u201cbogus\u201d in the link is not one this"
	    " list knows, so it was left out.");
	assert_has(&r, "Adaptive Ada");
	assert_lacks(&r, "Scoped");
	resp_free(&r);
	get(a, "/admin/interviews?status=expired", &r);
	assert_has(&r, "Late");
	assert_lacks(&r, "Scoped");
	/* The script refreshes, waiting while the filters are being changed
	 * (tests/e2e/list.test.mjs); a <meta> one only when asked. */
	assert_has(&r, "<script src=\"/static/refresh.js?v=");
	assert_has(&r, "data-refresh=\"15\"");
	resp_free(&r);
	/* An interview out of time shows as completed in the list. */
	{
		struct created	 idle;
		struct http	*cand;
		char		*ccsrf;

		create_custom(a, "Idle", 20000, &idle);
		cand = start(&idle, &ccsrf);
		sql_do("UPDATE interviews SET started_at = now() - interval"
		    " '1 hour' WHERE id = %lld", idle.id);
		get(a, "/admin/interviews?status=active&refresh=0", &r);
		assert_lacks(&r, "Idle");
		resp_free(&r);
		get(a, "/admin/interviews?status=completed&refresh=0", &r);
		assert_has(&r, "Idle");
		resp_free(&r);
		free(ccsrf);
		free(idle.token);
		http_free(cand);
	}
	/* 50 a page, newest first. */
	sql_do("INSERT INTO interviews (org_id, kind, candidate_name, candidate_email,"
	    " invite_hash, invite_expires_at, time_limit_s, token_budget)"
	    " SELECT o.id, 'assisted', 'Bulk ' || i, 'bulk@x.test', 'h' || i,"
	    " now() + interval '1 day', 600, 1000 FROM orgs o,"
	    " generate_series(1, 55) i WHERE o.name = 'Org B'");
	get(b, "/admin/interviews?refresh=0", &r);
	assert_has(&r, "Bulk 55");
	assert_lacks(&r, "Bulk 5<");
	assert_has(&r, "page=2\" rel=\"next\">Older &rarr;</a>");
	resp_free(&r);
	/* In name order, "older" would be untrue. */
	get(b, "/admin/interviews?refresh=0&sort=name", &r);
	assert_has(&r, "page=2\" rel=\"next\">Next &rarr;</a>");
	resp_free(&r);
	get(b, "/admin/interviews?refresh=0&page=2", &r);
	assert_has(&r, "Bulk 5<");
	assert_has(&r, "Bulk 1<");
	assert_lacks(&r, "Bulk 55");
	assert_has(&r, "rel=\"prev\"");
	resp_free(&r);
	free(csrf);
	free(path);
	free(c.token);
	http_free(a);
	http_free(b);
}

static void
test_candidates_cannot_use_admin_pages_or_skip_csrf(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *path, *body;
	struct resp	 r;
	static const char *const posts[] = { "/c/start", "/c/messages", "/c/final" };
	size_t		 i;

	(void)state;
	create_custom(iv, "Csrf", 20000, &c);
	cand = open_invite(&c, &csrf);
	get(cand, "/admin/interviews", &r);
	assert_status(&r, 303);	/* to the sign-in page */
	resp_free(&r);
	get(cand, path = fmt("/admin/interviews/%lld", c.id), &r);
	assert_status(&r, 303);
	resp_free(&r);
	post(cand, body = fmt("%s/end", path), "", &r);
	assert_true(r.status == 401 || r.status == 403);
	resp_free(&r);
	free(body);
	for (i = 0; i < sizeof(posts) / sizeof(posts[0]); i++) {
		post(cand, posts[i], "message=hi&answer=x", &r);
		assert_status(&r, 403);
		resp_free(&r);
		post(cand, posts[i], "csrf=wrong&message=hi&answer=x", &r);
		assert_status(&r, 403);
		assert_lacks(&r, "What you wrote");	/* "hi" is quickly retyped */
		resp_free(&r);
	}
	/* A refused form loses nothing: the text comes back, to copy. */
	post(cand, "/c/final", "csrf=wrong&answer=My+final+answer+%3Cb%3Etook"
	    "+an+hour%3C%2Fb%3E", &r);
	assert_status(&r, 403);
	assert_has(&r, "<h1 class=\"page-title\">Form expired</h1>");
	assert_has(&r, "What you wrote, to copy before you go back");
	assert_has(&r, "readonly dir=\"auto\">My final answer &lt;b&gt;took an"
	    " hour&lt;/b&gt;</textarea>");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND status = 'created'", c.id), 1);
	free(path);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

static void
test_script_payloads_come_out_escaped(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *path, *form;
	struct resp	 r;

	(void)state;
	form = strdup("candidate_name=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
	    "&candidate_email=x%40x.test&challenge_id=0&title=%3Cscript%3Et%3C%2Fscript%3E"
	    "&body_md=%3Cscript%3Ealert(2)%3C%2Fscript%3E+and+%3Cimg+src%3Dx+onerror%3Dalert(3)%3E"
	    "&minutes=30&token_budget=20000&model=builtin&expiry_days=7");
	create(iv, form, &c);
	free(form);
	cand = start(&c, &csrf);
	assert_int_equal(message_post(cand, csrf, "<script>alert(4)</script>", &r), 303);
	resp_free(&r);
	get(cand, "/c", &r);
	assert_lacks(&r, "<script>");
	assert_lacks(&r, "<img");
	assert_has(&r, "&lt;script&gt;alert(4)&lt;/script&gt;");
	resp_free(&r);
	get(iv, path = fmt("/admin/interviews/%lld", c.id), &r);
	assert_lacks(&r, "<script>");
	assert_lacks(&r, "<img");
	assert_has(&r, "&lt;script&gt;alert(1)&lt;/script&gt;");
	resp_free(&r);
	get(iv, "/admin/interviews?refresh=0", &r);
	assert_lacks(&r, "<script>");
	/* Off, it offers to refresh again, on the same page and filters. */
	assert_has(&r, "Automatic refresh is off. <a href=\"/admin/interviews"
	    "?status=&amp;kind=&amp;q=&amp;sort=created&amp;page=1&amp;refresh=1\">"
	    "Refresh every 15"
	    " seconds</a>");
	resp_free(&r);
	free(path);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/*
 * n candidates' tabs send to one new interview of this budget at once;
 * returns how many messages were taken (303), after checking that every
 * other send was refused with a 4xx and that the books balance.
 */
static int
send_at_once(const char *name, int budget, int n, struct created *c)
{
	struct http	*iv = signin(&a_int), *cand;
	char		*csrf, *cookie, *hdr;
	pid_t		 pids[50];
	int		 i, wst, sent = 0;

	assert_true(n <= (int)NITEMS(pids));
	create_custom(iv, name, budget, c);
	cand = start(c, &csrf);
	cookie = http_cookie(cand, "viva_candidate");
	assert_non_null(cookie);
	hdr = fmt("Cookie: viva_candidate=%s", cookie);
	for (i = 0; i < n; i++) {
		if ((pids[i] = fork()) == 0) {
			struct http	*h = http_new(&S);
			const char	*hs[] = { hdr, NULL };
			char		*body = fmt("csrf=%s&message=question+%d", csrf, i);
			struct resp	 r;

			if (http_req(h, "POST", "/c/messages",
			    "application/x-www-form-urlencoded", body, strlen(body),
			    hs, &r) != 0)
				_exit(2);
			_exit(r.status == 303 ? 0 : r.status < 500 ? 1 : 3);
		}
		assert_true(pids[i] > 0);
	}
	for (i = 0; i < n; i++) {
		assert_int_equal(waitpid(pids[i], &wst, 0), pids[i]);
		assert_true(WIFEXITED(wst));
		assert_true(WEXITSTATUS(wst) <= 1);
		sent += WEXITSTATUS(wst) == 0;
	}
	assert_int_equal(reserved(c->id), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE interview_id = %lld"
	    " AND role = 'assistant'", c->id), sent);
	assert_int_equal(used(c->id), sql_num("SELECT coalesce(sum(tokens_in) +"
	    " sum(tokens_out) FILTER (WHERE role = 'assistant'), 0) FROM messages"
	    " WHERE interview_id = %lld", c->id));
	free(hdr);
	free(cookie);
	free(csrf);
	http_free(cand);
	http_free(iv);
	return sent;
}

/* Concurrent sends never push used + reserved past the budget. */
static void
test_concurrent_sends_stay_within_the_budget(void **state)
{
	struct created	 c;
	int		 sent;

	(void)state;
	sent = send_at_once("Racer", 1500, 50, &c);
	assert_true(sent >= 1);
	assert_true(used(c.id) + reserved(c.id) <= 1500);
	free(c.token);
}

/*
 * Nor past the per-minute limit, with tokens to spare: each reservation
 * counts the last minute's messages after it holds the row lock, so the
 * sends queued behind it see one another.
 */
static void
test_concurrent_sends_keep_the_per_minute_limit(void **state)
{
	struct created	 c;
	int		 sent;

	(void)state;
	sent = send_at_once("Rusher", 500000, 20, &c);
	printf("20 sends at once: %d taken\n", sent);
	assert_int_equal(sent, 6);	/* BUDGET_RATE_PER_MINUTE */
	free(c.token);
}

/* POSTs body (csrf in front) to the interview's path + what; expects a 400. */
static void
refused(struct http *h, long long id, const char *csrf, const char *what,
    const char *body, struct resp *r)
{
	char	*p = fmt("/admin/interviews/%lld/%s", id, what);
	char	*form = fmt("csrf=%s&%s", csrf, body);

	post(h, p, form, r);
	assert_status(r, 400);
	/* The interviewer's page again, not an error page, and still. */
	assert_has(r, "Check the marked field below; nothing was changed.");
	assert_lacks(r, "http-equiv=\"refresh\"");
	free(form);
	free(p);
}

/*
 * More time, more tokens, a new link: a refused amount brings the page back
 * with the control open, the field marked, what was typed kept, and nothing
 * changed.
 */
static void
test_a_refused_amount_comes_back_marked_and_kept(void **state)
{
	static const struct {
		const char	*what, *body, *id, *value, *msg;
	} bad[] = {
		{ "extend-time", "minutes=", "minutes", "",
		    "This field is required." },
		{ "extend-time", "minutes=ten", "minutes", "ten",
		    "Enter a whole number between 1 and 240." },
		{ "extend-time", "minutes=-5", "minutes", "-5",
		    "Enter a whole number between 1 and 240." },
		{ "extend-time", "minutes=0", "minutes", "0",
		    "Enter a whole number between 1 and 240." },
		{ "extend-time", "minutes=241", "minutes", "241",
		    "Enter a whole number between 1 and 240." },
		{ "extend-tokens", "tokens=", "tokens", "",
		    "This field is required." },
		{ "extend-tokens", "tokens=5", "tokens", "5",
		    "Enter a whole number between 1,000 and 1,000,000." },
		{ "extend-tokens", "tokens=-1000", "tokens", "-1000",
		    "Enter a whole number between 1,000 and 1,000,000." },
		{ "extend-tokens", "tokens=1e4", "tokens", "1e4",
		    "Enter a whole number between 1,000 and 1,000,000." },
		{ "invite", "expiry_days=", "expiry_days", "",
		    "This field is required." },
		{ "invite", "expiry_days=0&sign_out=1", "expiry_days", "0",
		    "Enter a whole number between 1 and 30." },
		{ "invite", "expiry_days=31", "expiry_days", "31",
		    "Enter a whole number between 1 and 30." },
		{ "invite", "expiry_days=a+week", "expiry_days", "a week",
		    "Enter a whole number between 1 and 30." },
	};
	struct http	*iv = signin(&a_int);
	struct created	 c;
	struct resp	 r;
	char		*csrf, *hash, *body, *s;
	size_t		 i;

	(void)state;
	/* At the cap already: any more tokens are refused by core. */
	create_custom(iv, "Refused", 2000000, &c);
	csrf = csrf_of(iv, s = fmt("/admin/interviews/%lld", c.id));
	free(s);
	hash = sql_str("SELECT invite_hash FROM interviews WHERE id = %lld",
	    c.id);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		refused(iv, c.id, csrf, bad[i].what, bad[i].body, &r);
		assert_marked(&r, bad[i].id);
		assert_has(&r, s = fmt("<p class=\"field-error\" id=\"%s-error\">"
		    "%s</p>", bad[i].id, bad[i].msg));
		free(s);
		assert_has(&r, s = fmt("name=\"%s\" type=\"number\" %s"
		    " value=\"%s\"", bad[i].id, strcmp(bad[i].id, "tokens") ==
		    0 ? "min=\"1000\" max=\"1000000\"" : strcmp(bad[i].id,
		    "minutes") == 0 ? "min=\"1\" max=\"240\"" :
		    "min=\"1\" max=\"30\"", bad[i].value));
		free(s);
		if (strcmp(bad[i].what, "invite") == 0) {
			assert_has(&r, "The current link stops working");
			assert_lacks(&r, "name=\"minutes\"");
			/* The tick is kept, too. */
			if (strstr(bad[i].body, "sign_out") != NULL)
				assert_has(&r, "value=\"1\" checked>");
		} else {
			assert_has(&r, "name=\"minutes\"");
			assert_has(&r, "name=\"tokens\"");
			assert_lacks(&r, "The current link stops working");
			/* Only the refused one is marked. */
			assert_unmarked(&r, strcmp(bad[i].id, "minutes") == 0 ?
			    "tokens" : "minutes");
		}
		resp_free(&r);
	}
	refused(iv, c.id, csrf, "extend-tokens", "tokens=1000", &r);
	assert_marked(&r, "tokens");
	assert_has(&r, "can be at most 2,000,000 tokens, extensions included");
	assert_has(&r, "max=\"1000000\" value=\"1000\"");
	resp_free(&r);
	/* Nothing changed: no time, no tokens, the same link, no event. */
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND token_budget = 2000000 AND extended_s = 0 AND"
	    " invite_hash = '%s' AND status = 'created'", c.id, hash), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type <> 'interview_created'", c.id), 0);
	/* The page on its own has the defaults, unmarked. */
	get(iv, s = fmt("/admin/interviews/%lld?confirm=extend", c.id), &r);
	free(s);
	assert_status(&r, 200);
	assert_unmarked(&r, "minutes");
	assert_has(&r, "max=\"240\" value=\"10\"");
	assert_has(&r, "max=\"1000000\" value=\"10000\"");
	assert_lacks(&r, "Check the marked field");
	resp_free(&r);
	/* Ended meanwhile: the control is gone, so the refusal says why. */
	sql_do("UPDATE interviews SET status = 'completed', end_reason ="
	    " 'interviewer', ended_at = now() WHERE id = %lld", c.id);
	post(iv, s = fmt("/admin/interviews/%lld/invite", c.id),
	    body = fmt("csrf=%s&expiry_days=0", csrf), &r);
	free(s);
	free(body);
	assert_status(&r, 409);
	assert_has(&r, "cannot reopen it");
	resp_free(&r);
	post(iv, s = fmt("/admin/interviews/%lld/extend-time", c.id),
	    body = fmt("csrf=%s&minutes=0", csrf), &r);
	free(s);
	free(body);
	assert_status(&r, 409);
	assert_has(&r, "not in a state that allows this");
	/* The way back to the interview, not only to the start page. */
	s = fmt("<a class=\"btn btn-primary\" href=\"/admin/interviews/%lld\">"
	    "Back to the interview</a>", c.id);
	assert_has(&r, s);
	free(s);
	resp_free(&r);
	free(hash);
	free(csrf);
	free(c.token);
	http_free(iv);
}

/*
 * A send that waits for the row lock while another transaction commits the
 * minute's sixth hold is refused: the reservation counts after the lock.
 * (Counting in the locking statement's own snapshot, taken before it
 * waited, it saw five and went.)
 */
static void
test_a_send_queued_behind_the_sixth_hold_is_refused(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *body, *hold;
	long long	 t0, waited;
	FILE		*f;

	(void)state;
	create_custom(iv, "Queued", 500000, &c);
	cand = start(&c, &csrf);
	sql_do("INSERT INTO usage (interview_id, reserved, state)"
	    " SELECT %lld, 0, 'settled' FROM generate_series(1, 5)", c.id);
	hold = fmt("%s/hold.sql", S.var);
	body = fmt("BEGIN; SELECT FROM interviews WHERE id = %lld FOR UPDATE;"
	    " INSERT INTO usage (interview_id, reserved, state)"
	    " VALUES (%lld, 0, 'settled'); SELECT pg_sleep(2); COMMIT;\n",
	    c.id, c.id);
	assert_non_null(f = fopen(hold, "w"));
	fputs(body, f);
	fclose(f);
	free(body);
	assert_int_equal(stack_sh(&S, "as_pg \"$PGBIN/psql\" -h"
	    " \"$(pg_dir)/socket\" -U viva -d viva -q -f \"$VAR/hold.sql\""
	    " >/dev/null 2>&1 &"), 0);
	sql_wait("SELECT count(*) = 1 FROM pg_stat_activity"
	    " WHERE query = 'SELECT pg_sleep(2);'");
	body = fmt("csrf=%s&message=one+more", csrf);
	t0 = ms_now();
	post(cand, "/c/messages", body, &r);
	waited = ms_now() - t0;
	printf("the send waited %lld ms for the lock\n", waited);
	assert_true(waited >= 300);	/* it did queue behind the hold */
	assert_status(&r, 429);
	assert_has(&r, "Too many messages");
	assert_int_equal(sql_num("SELECT count(*) FROM usage"
	    " WHERE interview_id = %lld", c.id), 6);
	assert_int_equal(sql_num("SELECT count(*) FROM messages"
	    " WHERE interview_id = %lld", c.id), 0);
	resp_free(&r);
	free(body);
	free(hold);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/*
 * Over the rate, the candidate is told when the next message may go: when
 * the sixth newest hold of the last minute leaves it (here 45 s old, so in
 * 15 s), in the words and in Retry-After; the message stays in the box.
 */
static void
test_the_rate_limit_says_when_to_send_again(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *ra, *body, *says;

	(void)state;
	create_custom(iv, "Rated", 500000, &c);
	cand = start(&c, &csrf);
	sql_do("INSERT INTO usage (interview_id, reserved, state, created_at)"
	    " SELECT %lld, 0, 'settled', now() - interval '45 seconds'"
	    " FROM generate_series(1, 6)", c.id);
	body = fmt("csrf=%s&message=kept+words", csrf);
	post(cand, "/c/messages", body, &r);
	assert_status(&r, 429);
	assert_non_null(ra = resp_header(&r, "Retry-After"));
	assert_true(atoi(ra) >= 14 && atoi(ra) <= 15);
	says = fmt("You can send again in %d seconds", atoi(ra));
	assert_has(&r, says);
	assert_has(&r, ">kept words</textarea>");
	assert_int_equal(sql_num("SELECT count(*) FROM messages"
	    " WHERE interview_id = %lld", c.id), 0);
	free(says);
	free(ra);
	free(body);
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/*
 * An interview made for a provider's model on a server that no longer has
 * an AI service: the candidate is told the assistant is not available and
 * to go on with the final answer, not "Try again" for ever; nothing is
 * charged and the text stays in the box.
 */
static void
test_an_assistant_taken_away_is_said_plainly(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf;

	(void)state;
	create_custom(iv, "Gone Model", 20000, &c);
	sql_do("UPDATE interviews SET model = 'gpt-4o-mini' WHERE id = %lld",
	    c.id);
	outside_write_settles();
	cand = start(&c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "id=\"assistant-gone\">The AI assistant of this"
	    " interview is not available on this server now");
	assert_has(&r, "id=\"send-button\" type=\"submit\" name=\"send\""
	    " value=\"1\" data-posts=\"message\" disabled>");
	assert_has(&r, "Submit and end the interview");	/* still open */
	resp_free(&r);
	message_post(cand, csrf, "Are you there?", &r);
	assert_status(&r, 409);
	assert_has(&r, "You can keep working and submit your final answer");
	assert_lacks(&r, "Try again");
	assert_has(&r, ">Are you there?</textarea>");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT tokens_used + tokens_reserved FROM"
	    " interviews WHERE id = %lld", c.id), 0);
	post_ok(cand, "/c/final", csrf, "answer=My+own+answer", "/c");
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_form_marks_bad_fields_and_keeps_values),
		cmocka_unit_test(test_an_ended_interview_shows_no_chat_lock),
		cmocka_unit_test(test_empty_limits_take_the_challenges_suggestion),
		cmocka_unit_test(test_a_challenge_the_library_does_not_offer_is_said),
		cmocka_unit_test(test_the_offline_assistant_warns_of_a_custom_challenge),
		cmocka_unit_test(test_the_created_page_gives_the_links_days_in_words),
		cmocka_unit_test(test_a_create_form_sent_twice_makes_one_interview),
		cmocka_unit_test(test_a_new_invite_link_replaces_a_lost_or_expired_one),
		cmocka_unit_test(test_a_new_link_to_a_started_interview_says_it_resumes),
		cmocka_unit_test(test_a_refused_amount_comes_back_marked_and_kept),
		cmocka_unit_test(test_candidate_takes_the_interview_and_interviewer_controls_it),
		cmocka_unit_test(test_a_budget_too_small_refuses_and_charges_nothing),
		cmocka_unit_test(test_time_running_out_ends_the_interview),
		cmocka_unit_test(test_the_offline_assistant_says_when_there_are_no_hints),
		cmocka_unit_test(test_a_spent_budget_estimates_no_message_left),
		cmocka_unit_test(test_final_answer_ends_the_interview),
		cmocka_unit_test(test_drafts_survive_a_send_without_javascript),
		cmocka_unit_test(test_challenge_titled_once),
		cmocka_unit_test(test_an_assistant_taken_away_is_said_plainly),
		cmocka_unit_test(test_pages_show_messages_however_they_were_written),
		cmocka_unit_test(test_a_table_stored_with_align_renders_again_after_migrating),
		cmocka_unit_test(test_a_long_conversation_shows_its_latest_messages),
		cmocka_unit_test(test_the_page_copy_never_hides_a_write_made_through_the_app),
		cmocka_unit_test(test_unknown_and_expired_invites_get_a_clear_404),
		cmocka_unit_test(test_interviews_are_scoped_to_the_org),
		cmocka_unit_test(test_the_list_sorts_by_creation_activity_or_name),
		cmocka_unit_test(test_candidates_cannot_use_admin_pages_or_skip_csrf),
		cmocka_unit_test(test_script_payloads_come_out_escaped),
		cmocka_unit_test(test_concurrent_sends_stay_within_the_budget),
		cmocka_unit_test(test_concurrent_sends_keep_the_per_minute_limit),
		cmocka_unit_test(test_a_send_queued_behind_the_sixth_hold_is_refused),
		cmocka_unit_test(test_the_rate_limit_says_when_to_send_again),
		cmocka_unit_test(test_right_to_left_text_keeps_its_direction),
		cmocka_unit_test(test_every_order_of_a_long_list_walks_an_index),
		cmocka_unit_test(test_a_page_far_down_makes_only_its_own_rows),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
