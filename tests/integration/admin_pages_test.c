/*
 * admin_pages_test.c: what an interviewer or admin reads on the list, an
 * interview's page, the forms and the downloads, where a QA pass found the
 * words or the figures wrong: empty states, limits named on a form, exports
 * beside the pages.
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

static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	b_int = { "Org B", "int@b.test", "interviewer", NULL };
static struct account	a_admin = { "Org A", "admin@a.test", "admin", NULL };
static struct account *const accounts[] = { &a_int, &b_int, &a_admin };
#define NACCOUNTS	(sizeof(accounts) / sizeof(accounts[0]))

static int
group_setup(void **state)
{
	(void)state;
	return flow_start(accounts, NACCOUNTS);
}

/*
 * The list's empty page says why it is empty: an org with no interview yet,
 * a filter that matches none, or a page past the end (an old link, a
 * bookmark), which said "No interviews match" though they did, on page 1.
 */
static void
test_an_empty_list_says_why_it_is_empty(void **state)
{
	struct http	*a = signin(&a_int), *b = signin(&b_int);
	struct created	 c;
	struct resp	 r;

	(void)state;
	get(b, "/admin/interviews", &r);
	assert_status(&r, 200);
	assert_has(&r, "No interviews yet");
	assert_lacks(&r, "No interviews match");
	resp_free(&r);

	create_custom(a, "Page Past End", 50000, &c);
	get(a, "/admin/interviews?q=nobody-has-this-name", &r);
	assert_has(&r, "No interviews match");
	resp_free(&r);

	get(a, "/admin/interviews?q=Past&page=7", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "No interviews match");
	assert_has(&r, "Page 7 is past the end of the list");
	assert_lacks(&r, "rel=\"prev\"");	/* page 6 is past it too */
	/* Back to the first page, the filter kept. */
	assert_has(&r, "href=\"/admin/interviews?status=&amp;kind=&amp;"
	    "q=Past&amp;sort=created&amp;page=1\"");
	resp_free(&r);
	free(c.token);
	http_free(a);
	http_free(b);
}

/*
 * A refused answer length names the range the form's label gives (10 to
 * the server's audio_max_seconds, 300 here), not the field table's 3600,
 * which the next try would be refused for as well.
 */
static void
test_a_refused_answer_length_names_the_forms_range(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/oneway/new");
	char		*body = fmt("csrf=%s&candidate_name=Short+Take"
			    "&candidate_email=s%%40x.test&media=audio"
			    "&answer_seconds=5&prep_seconds=20&max_attempts=2"
			    "&expiry_days=7&action=create&questions=Why%%3F", csrf);
	struct resp	 r;

	(void)state;
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "answer_seconds");
	assert_has(&r, "Longest answer (seconds, 10–300)");
	assert_has(&r, "Enter a whole number between 10 and 300.");
	assert_lacks(&r, "3600");
	/* The other values stay as typed. */
	assert_has(&r, "value=\"Short Take\"");
	assert_has(&r, ">Why?</textarea>");
	resp_free(&r);
	free(body);
	free(csrf);
	http_free(h);
}

/*
 * A role with no name, a bad slug and too many skill areas: the three are
 * marked in one round (the name's own error used to hide the other two).
 */
static void
test_the_role_form_marks_every_bad_field_at_once(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/roles");
	char		*body = fmt("csrf=%s&name=&slug=Data+Eng%%21&skill_areas="
			    "a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13,a14,a15,"
			    "a16,a17", csrf);
	struct resp	 r;

	(void)state;
	post(h, "/admin/roles", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "name");
	assert_marked(&r, "slug");
	assert_has(&r, "Use 1 to 40 lowercase letters");
	assert_marked(&r, "skill_areas");
	assert_has(&r, "At most 16 skill areas");
	assert_has(&r, "value=\"Data Eng!\"");
	resp_free(&r);
	free(body);
	free(csrf);
	http_free(h);
}

/*
 * Makes an interview by posting body (its csrf first) to the form at
 * form/action, for the candidate name; asserts that neither the list nor
 * its analytics show a token budget; *analytics is that page, to free.
 */
static void
assert_shows_no_token_budget(struct http *h, const char *form,
    const char *action, const char *body_fmt, const char *name,
    struct resp *analytics)
{
	char		*csrf = csrf_of(h, form), *body = fmt(body_fmt, csrf);
	char		*q, *p, *path;
	struct resp	 r;

	post(h, action, body, &r);
	assert_status(&r, 200);
	resp_free(&r);
	q = fmt("/admin/interviews?q=%s", name);
	for (p = q; (p = strchr(p, ' ')) != NULL;)
		*p = '+';
	get(h, q, &r);
	assert_has(&r, name);
	assert_lacks(&r, "aria-label=\"Tokens left\"");
	assert_has(&r, "not used");
	resp_free(&r);
	path = fmt("/admin/interviews/%lld/analytics", sql_num("SELECT id FROM"
	    " interviews WHERE candidate_name = '%s'", name));
	get(h, path, analytics);
	assert_status(analytics, 200);
	assert_lacks(analytics, "Budget used");
	assert_lacks(analytics, "Token usage over time");
	free(path);
	free(q);
	free(body);
	free(csrf);
}

/* An adaptive interview judged by the builtin scorer spends no token either. */
static void
test_an_offline_adaptive_interview_shows_no_token_budget(void **state)
{
	struct http	*h = signin(&a_int);
	struct resp	 r;

	(void)state;
	assert_shows_no_token_budget(h, "/admin/adaptive/new", "/admin/adaptive",
	    "csrf=%s&candidate_name=Scored+Offline&candidate_email=s%%40x.test"
	    "&role=python&min_questions=8&max_questions=12&minutes=0"
	    "&question_source=bank&model=builtin&expiry_days=7",
	    "Scored Offline", &r);
	resp_free(&r);
	http_free(h);
}

/*
 * An adaptive interview judged by a model spends tokens against a budget
 * the server keeps (200,000) and its form never shows: its analytics said
 * "Budget used 2.0% (3,916 of 200,000 tokens)"; the tokens used, alone.
 */
static void
test_an_adaptive_interviews_analytics_give_tokens_without_a_budget(
    void **state)
{
	struct http	*h = signin(&a_int);
	struct created	 c;
	struct resp	 r;
	char		*path;

	(void)state;
	create_adaptive(h, "Modelled+Tokens", "&role=python&min_questions=2"
	    "&max_questions=3&minutes=0&model=builtin", &c);
	/* As a model would have judged it (no provider in this stack). */
	sql_do("UPDATE interviews SET model = 'gpt-4o-mini', tokens_used = 3916"
	    " WHERE id = %lld", c.id);
	get(h, path = fmt("/admin/interviews/%lld/analytics", c.id), &r);
	assert_status(&r, 200);
	assert_has(&r, "<span class=\"stat-value\" id=\"an-tokens-used\">3,916"
	    "</span>");
	assert_lacks(&r, "Budget used");
	assert_lacks(&r, "200,000");
	resp_free(&r);
	/* The list too: the tokens used, not "3,916 / 196,084". */
	get(h, "/admin/interviews?q=Modelled&refresh=0", &r);
	assert_has(&r, "3,916 <span class=\"muted\">used</span>");
	assert_lacks(&r, "196,084");
	resp_free(&r);
	free(path);
	free(c.token);
	http_free(h);
}

/*
 * A one-way interview spends no tokens (its nominal budget is 1,000): the
 * list showed "0 / 1,000" with a full meter and its analytics "Budget used
 * 0.0% (0 of 1,000 tokens)" and an empty token chart, figures of nothing.
 */
static void
test_a_one_way_interview_shows_no_token_budget(void **state)
{
	struct http	*h = signin(&a_int);
	struct resp	 r;

	(void)state;
	assert_shows_no_token_budget(h, "/admin/oneway/new", "/admin/oneway",
	    "csrf=%s&candidate_name=No+Tokens+Here&candidate_email=n%%40x.test"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=2"
	    "&expiry_days=7&action=create&questions=Why%%3F",
	    "No Tokens Here", &r);
	assert_has(&r, "Provider cost");
	/* Its day is a window to answer in, not a clock to use up. */
	assert_has(&r, "Time taken, of a day to answer");
	assert_lacks(&r, "no time limit");
	assert_lacks(&r, "Time used of");
	/* Its CSV holds the questions and answers: no messages in it. */
	assert_has(&r, "/export.csv\">Answers (CSV)</a>");
	assert_lacks(&r, "Messages (CSV)");
	resp_free(&r);
	http_free(h);
}

/*
 * An adaptive interview made without a time limit reads "No time limit" on
 * the list, but the list's CSV gave it time_limit_s and time_left_s 86400,
 * the nominal day stored for it: a spreadsheet summed a day per interview.
 * A timed one keeps its figures.
 */
static void
test_the_list_csv_gives_no_time_limit_for_an_untimed_interview(void **state)
{
	struct http	*h = signin(&a_int);
	struct created	 c, t;
	struct resp	 r;
	char		*row;

	(void)state;
	create_adaptive(h, "Clockless+Csv", "&role=python&min_questions=2"
	    "&max_questions=3&minutes=0&model=builtin", &c);
	create_adaptive(h, "Clocked+Csv", "&role=python&min_questions=2"
	    "&max_questions=3&minutes=20&model=builtin", &t);
	get(h, "/admin/interviews?q=Clockless+Csv", &r);
	assert_has(&r, "No time limit");
	resp_free(&r);

	get(h, "/admin/interviews.csv?kind=adaptive&q=Csv", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "86400");
	/* started_at, time_limit_s, extended_s, time_left_s, budget... */
	resp_free(&r);
	get(h, "/admin/interviews.csv?kind=adaptive&q=Clockless+Csv", &r);
	row = fmt("%lld,Clockless Csv,", c.id);
	assert_has(&r, row);
	assert_has(&r, ",,,0,,200000,0,adaptive,,,,,,,false\r\n");
	resp_free(&r);
	get(h, "/admin/interviews.csv?kind=adaptive&q=Clocked+Csv", &r);
	assert_has(&r, ",,1200,0,1200,200000,0,adaptive,,,,,,,false\r\n");
	free(row);
	resp_free(&r);
	free(c.token);
	free(t.token);
	http_free(h);
}

/*
 * Every time on these pages is UTC, as the home page's "When (UTC)" and an
 * interview's "started ... UTC" say; the list, the timeline, users and
 * tokens showed bare times an interviewer elsewhere read as local.  A token
 * never used said nothing in "Last used", where the page meant "never".
 */
static void
test_times_are_marked_utc_and_an_unused_token_says_never(void **state)
{
	struct http	*h = signin(&a_admin);
	char		*csrf = csrf_of(h, "/admin/tokens"), *body, *path;
	struct created	 c;
	struct resp	 r;

	(void)state;
	create_custom(h, "Zoned Times", 50000, &c);
	get(h, "/admin/interviews?q=Zoned", &r);
	assert_has(&r, "<th>Last activity (UTC)</th>");
	resp_free(&r);
	path = fmt("/admin/interviews/%lld", c.id);
	get(h, path, &r);
	assert_has(&r, "<h2>Timeline (UTC)</h2>");
	resp_free(&r);
	get(h, "/admin/users", &r);
	assert_has(&r, "<th>Added (UTC)</th>");
	resp_free(&r);

	body = fmt("csrf=%s&name=Unused+bot", csrf);
	post(h, "/admin/tokens", body, &r);
	assert_status(&r, 200);
	resp_free(&r);
	get(h, "/admin/tokens", &r);
	assert_has(&r, "<th>Created (UTC)</th><th>Last used (UTC)</th>");
	assert_has(&r, "<span class=\"muted\">never</span>");
	resp_free(&r);
	free(body);
	free(path);
	free(csrf);
	free(c.token);
	http_free(h);
}

/*
 * An org with 150 users and 120 API tokens sees them 100 at a time, with
 * links between the pages, each once; a page past the end says so.
 */
static void
test_long_user_and_token_lists_come_a_page_at_a_time(void **state)
{
	struct http	*h = signin(&a_admin);
	struct resp	 r1, r2;

	(void)state;
	sql_do("INSERT INTO users (org_id, email, role, password_hash)"
	    " SELECT org_id, format('paged-%%s@a.test', lpad(g::text, 3, '0')),"
	    " 'interviewer', password_hash FROM users, generate_series(1, 150) g"
	    " WHERE email = 'admin@a.test'");
	sql_do("INSERT INTO api_tokens (org_id, user_id, name, token_hash, prefix)"
	    " SELECT org_id, id, 'Paged token ' || g, md5('paged' || g), 'pg'"
	    " FROM users, generate_series(1, 120) g WHERE email = 'admin@a.test'");
	get(h, "/admin/users", &r1);
	get(h, "/admin/users?page=2", &r2);
	assert_status(&r1, 200);
	assert_int_equal(count_in(&r1, "@a.test</td>") +
	    count_in(&r1, "@a.test <span"), 100);
	assert_int_equal(count_in(&r1, "paged-") +
	    count_in(&r2, "paged-"), 150);
	assert_has(&r1, "href=\"/admin/users?page=2\" rel=\"next\"");
	assert_has(&r2, "href=\"/admin/users?page=1\" rel=\"prev\"");
	resp_free(&r1);
	resp_free(&r2);
	get(h, "/admin/tokens", &r1);
	get(h, "/admin/tokens?page=2", &r2);
	assert_int_equal(count_in(&r1, "Paged token "), 100);
	assert_int_equal(count_in(&r2, "Paged token "), 20);
	assert_has(&r1, "rel=\"next\"");
	resp_free(&r1);
	resp_free(&r2);
	get(h, "/admin/tokens?page=9", &r1);
	assert_has(&r1, "Page 9 is past the end of the list.");
	assert_null(strstr(r1.body, "rel=\"prev\""));	/* page 8 is too */
	assert_null(strstr(r1.body, "No API tokens yet."));
	resp_free(&r1);
	get(h, "/admin/users?page=abc", &r1);	/* not a page: the first */
	assert_status(&r1, 200);
	assert_has(&r1, "paged-001@a.test");
	resp_free(&r1);
	sql_do("DELETE FROM api_tokens WHERE name LIKE 'Paged token %%'");
	sql_do("DELETE FROM users WHERE email LIKE 'paged-%%'");
	http_free(h);
}

/*
 * Adds an interview of org's for the home page's lists, by SQL: kind,
 * status and the rest as the columns after them say ("practice, started_at,
 * ended_at, invite_expires_at" as SQL expressions).  Returns its id.
 */
static long long
home_interview(const char *org, const char *name, const char *kind,
    const char *status, const char *cols)
{
	return sql_num("INSERT INTO interviews (org_id, kind, status,"
	    " candidate_name, candidate_email, invite_hash, time_limit_s,"
	    " token_budget, practice, started_at, ended_at, invite_expires_at)"
	    " SELECT o.id, '%s', '%s', '%s', 'home@x.test', md5('%s'), 3600,"
	    " 10000, %s FROM orgs o WHERE o.name = '%s' RETURNING id",
	    kind, status, name, name, cols, org);
}

/* The part of the page from the element id="from" to the one id="to". */
static char *
home_section(const struct resp *r, const char *from, const char *to)
{
	char	*a = fmt("id=\"%s\"", from), *b = fmt("id=\"%s\"", to);
	char	*p = strstr(r->body, a), *q, *out;

	assert_non_null(p);
	assert_non_null(q = strstr(p, b));
	out = fmt("%.*s", (int)(q - p), p);
	free(a);
	free(b);
	return out;
}

/* Whether the section holds a link to interview id named name. */
static int
links_to(const char *section, long long id, const char *name)
{
	char	*link = fmt("<a href=\"/admin/interviews/%lld\">%s</a>", id,
		    name);
	int	 yes = strstr(section, link) != NULL;

	free(link);
	return yes;
}

/*
 * An interviewer's home said "3 users 2 admins 0 disabled" and "Nothing
 * has happened yet." however busy the org was.  It shows what wants them
 * now: interviews running (with the time left), those finished in the
 * last 30 days to review (until the reader gave their own recommendation,
 * every kind since sql/042; no practice, nothing older), invites no
 * candidate has opened that run out within 2 days; the org's interviews
 * by kind; and the buttons to start each kind.  Nothing of another
 * org's; people's counts only for an admin.
 */
static void
test_the_home_page_shows_what_wants_attention(void **state)
{
	struct http	*a = signin(&a_int), *adm = signin(&a_admin);
	struct http	*b = signin(&b_int);
	long long	 run, done, rep, old, rated, unrated, prac, soon, later,
			 opened, uid;
	char		*s;
	struct resp	 r;

	(void)state;
	/* Before any of it, an org with no interview says so, truly. */
	get(b, "/admin", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "Nothing has happened yet");
	assert_has(&r, "No interview has been made yet");
	assert_has(&r, "No interview is running now.");
	assert_has(&r, "Nothing waits for review.");
	resp_free(&r);

	run = home_interview("Org A", "Home Runner", "assisted", "active",
	    "false, now() - interval '10 minutes', NULL, now() + interval"
	    " '7 days'");
	done = home_interview("Org A", "Home Assisted Done", "assisted",
	    "completed", "false, now() - interval '2 days', now() - interval"
	    " '1 day', now()");
	rep = home_interview("Org A", "Home Adaptive Report", "adaptive",
	    "completed", "false, now() - interval '3 days', now() - interval"
	    " '2 days', now()");
	old = home_interview("Org A", "Home Long Ago", "assisted",
	    "completed", "false, now() - interval '41 days', now() - interval"
	    " '40 days', now()");
	rated = home_interview("Org A", "Home Oneway Rated", "oneway",
	    "completed", "false, now() - interval '2 days', now() - interval"
	    " '1 day', now()");
	unrated = home_interview("Org A", "Home Oneway Unrated", "oneway",
	    "completed", "false, now() - interval '2 days', now() - interval"
	    " '1 day', now()");
	prac = home_interview("Org A", "Home Practice", "adaptive",
	    "completed", "true, now() - interval '2 days', now() - interval"
	    " '1 day', now()");
	soon = home_interview("Org A", "Home Expiring Soon", "oneway",
	    "created", "false, NULL, NULL, now() + interval '1 day'");
	later = home_interview("Org A", "Home Expiring Later", "assisted",
	    "created", "false, NULL, NULL, now() + interval '5 days'");
	opened = home_interview("Org A", "Home Opened", "assisted",
	    "created", "false, NULL, NULL, now() + interval '1 day'");
	sql_do("INSERT INTO oneway_settings (interview_id, media, answer_s,"
	    " max_attempts) VALUES (%lld, 'audio', 60, 1), (%lld, 'audio', 60,"
	    " 1)", rated, unrated);
	uid = sql_num("SELECT id FROM users WHERE email = 'int@a.test'");
	sql_do("INSERT INTO oneway_recommendations (interview_id, user_id,"
	    " recommendation) VALUES (%lld, %lld, 'yes')", rated, uid);
	sql_do("INSERT INTO candidate_sessions (token_hash, interview_id, csrf,"
	    " expires_at) VALUES (md5('home-opened'), %lld, 'x',"
	    " now() + interval '1 day')", opened);

	get(a, "/admin", &r);
	assert_status(&r, 200);
	assert_has(&r, "href=\"/admin/interviews/new\">New assisted interview");
	assert_has(&r, "href=\"/admin/adaptive/new\">New adaptive interview");
	assert_has(&r, "href=\"/admin/oneway/new\">New one-way interview");
	/* The interviewer's own sign-in is no activity of theirs to list. */
	assert_lacks(&r, "Nothing has happened yet");
	assert_has(&r, "Recent interview activity");
	/* People are an admin's business. */
	assert_lacks(&r, "href=\"/admin/users\"");
	assert_lacks(&r, "admins");
	s = home_section(&r, "running", "review");
	assert_true(links_to(s, run, "Home Runner"));
	assert_non_null(strstr(s, "data-label=\"Time left\">49 min"));
	assert_false(links_to(s, soon, "Home Expiring Soon"));
	free(s);
	s = home_section(&r, "review", "expiring");
	assert_true(links_to(s, done, "Home Assisted Done"));
	assert_true(links_to(s, rep, "Home Adaptive Report"));
	assert_true(links_to(s, unrated, "Home Oneway Unrated"));
	assert_false(links_to(s, rated, "Home Oneway Rated"));
	assert_false(links_to(s, old, "Home Long Ago"));
	assert_false(links_to(s, prac, "Home Practice"));
	assert_false(links_to(s, run, "Home Runner"));
	/* The newest finished first. */
	assert_true(strstr(s, "Home Assisted Done") <
	    strstr(s, "Home Adaptive Report"));
	free(s);
	s = home_section(&r, "expiring", "activity");
	assert_true(links_to(s, soon, "Home Expiring Soon"));
	assert_false(links_to(s, later, "Home Expiring Later"));
	assert_false(links_to(s, opened, "Home Opened"));
	free(s);
	/* By kind, each a link to the list of that kind. */
	s = fmt("href=\"/admin/interviews?kind=oneway\"><span"
	    " class=\"stat-value\">%lld</span><span class=\"stat-label\">"
	    "one-way</span><span class=\"stat-note\">0 running · %lld waiting"
	    " to start", sql_num("SELECT count(*) FROM interviews i JOIN orgs o"
	    " ON o.id = i.org_id WHERE o.name = 'Org A' AND kind = 'oneway'"),
	    sql_num("SELECT count(*) FROM interviews i JOIN orgs o ON o.id ="
	    " i.org_id WHERE o.name = 'Org A' AND kind = 'oneway' AND status ="
	    " 'created'"));
	assert_has(&r, s);
	free(s);
	assert_has(&r, "href=\"/admin/interviews?kind=practice\"><span"
	    " class=\"stat-value\">1</span>");
	resp_free(&r);

	/* Another reviewer has not recommended the one-way one: theirs too. */
	get(adm, "/admin", &r);
	s = home_section(&r, "review", "expiring");
	assert_true(links_to(s, rated, "Home Oneway Rated"));
	free(s);
	assert_has(&r, "href=\"/admin/users\"><span class=\"stat-value\">");
	assert_has(&r, "<span class=\"stat-value\">2</span><span"
	    " class=\"stat-label\">users</span><span class=\"stat-note\">1"
	    " admin · 0 disabled</span>");
	assert_has(&r, "Recent activity");
	resp_free(&r);

	/* Another org's interviewer sees none of Org A's. */
	get(b, "/admin", &r);
	assert_lacks(&r, "Home Runner");
	assert_lacks(&r, "Home Oneway");
	assert_lacks(&r, "Home Expiring");
	assert_has(&r, "href=\"/admin/interviews?kind=assisted\"><span"
	    " class=\"stat-value\">0</span>");
	resp_free(&r);
	sql_do("DELETE FROM interviews WHERE candidate_name LIKE 'Home %%'");
	http_free(a);
	http_free(adm);
	http_free(b);
}

/*
 * The home page of an org of 10,000 interviews and 20,000 events costs
 * about what a nearly empty one does: each list walks an index and stops
 * at its limit, the counts read one index.  Measured against the same
 * page before the rows came, not a fixed time, which a slower build
 * (sanitizers) or a busy machine would cross.
 */
static void
test_the_home_page_of_a_busy_org_stays_fast(void **state)
{
	struct http	*b = signin(&b_int);
	double		 ms, empty;

	(void)state;
	empty = best_server_ms(b, "/admin", "GET /admin", NULL);
	sql_do("INSERT INTO interviews (org_id, kind, status, candidate_name,"
	    " candidate_email, invite_hash, invite_expires_at, time_limit_s,"
	    " token_budget, practice, created_at, started_at, ended_at)"
	    " SELECT o.id, (ARRAY['assisted', 'adaptive', 'oneway'])[g %% 3 + 1],"
	    " CASE WHEN g %% 400 = 0 THEN 'active' WHEN g %% 50 = 1 THEN"
	    " 'created' ELSE 'completed' END, 'Busy ' || g, 'busy' || g ||"
	    " '@b.test', 'busy-' || g, now() + (g %% 96) * interval '1 hour',"
	    " 3600, 10000, g %% 7 = 0, now() - g * interval '10 minutes',"
	    " CASE WHEN g %% 50 = 1 THEN NULL ELSE now() - g * interval"
	    " '10 minutes' END, CASE WHEN g %% 50 > 1 AND g %% 400 <> 0 THEN"
	    " now() - g * interval '9 minutes' END"
	    " FROM orgs o, generate_series(1, 10000) g WHERE o.name = 'Org B'");
	sql_do("INSERT INTO oneway_settings (interview_id, media, answer_s,"
	    " max_attempts) SELECT id, 'audio', 60, 1 FROM interviews WHERE"
	    " invite_hash LIKE 'busy-%%' AND kind = 'oneway'");
	sql_do("INSERT INTO events (org_id, actor, type, interview_id,"
	    " created_at) SELECT org_id, 'int@b.test', t, id, created_at"
	    " FROM interviews, unnest(ARRAY['interview_created',"
	    " 'interview_ended']) t WHERE invite_hash LIKE 'busy-%%';"
	    " ANALYZE interviews; ANALYZE events");
	ms = best_server_ms(b, "/admin", "GET /admin", NULL);
	printf("home page, 10,000 interviews and 20,000 events: %.1f ms"
	    " (%.1f ms before them)\n", ms, empty);
	/* A list that read every row would take 10 to 50 times as long. */
	assert_true(ms < 3 * empty + 10);
	sql_do("DELETE FROM interviews WHERE invite_hash LIKE 'busy-%%'");
	http_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_empty_list_says_why_it_is_empty),
		cmocka_unit_test(test_a_refused_answer_length_names_the_forms_range),
		cmocka_unit_test(test_a_one_way_interview_shows_no_token_budget),
		cmocka_unit_test(test_an_adaptive_interviews_analytics_give_tokens_without_a_budget),
		cmocka_unit_test(test_the_role_form_marks_every_bad_field_at_once),
		cmocka_unit_test(test_an_offline_adaptive_interview_shows_no_token_budget),
		cmocka_unit_test(test_the_list_csv_gives_no_time_limit_for_an_untimed_interview),
		cmocka_unit_test(test_times_are_marked_utc_and_an_unused_token_says_never),
		cmocka_unit_test(test_long_user_and_token_lists_come_a_page_at_a_time),
		cmocka_unit_test(test_the_home_page_shows_what_wants_attention),
		cmocka_unit_test(test_the_home_page_of_a_busy_org_stays_fast),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
