/*
 * challenge_test.c: the challenge library as interviewers and admins use it,
 * against one real stack (nginx, viva.fcgi, PostgreSQL) shared by all tests.
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

#include "lib/crypto.h"
#include "stack.h"

static struct stack	S;

struct account {
	const char	*org;
	const char	*email;
	const char	*role;
	char		*pw;	/* from `viva user add` */
};

static struct account	a_admin = { "Org A", "admin@a.test", "admin", NULL };
static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	b_admin = { "Org B", "admin@b.test", "admin", NULL };

static struct account *const accounts[] = { &a_admin, &a_int, &b_admin };
#define NACCOUNTS	(sizeof(accounts) / sizeof(accounts[0]))

/* The eight shipped challenges, one per category. */
static const char *const shipped[][2] = {
	{ "algorithms", "Merge overlapping meetings" },
	{ "debugging", "Why does the rate limiter let bursts through?" },
	{ "sql", "Monthly active customers and churn" },
	{ "api_design", "An API for a library&#39;s loans" },
	{ "frontend", "An accessible autocomplete without a framework" },
	{ "data_analysis", "What happened to checkout conversion?" },
	{ "system_design", "Design a URL shortener for a large audience" },
	{ "refactoring", "Untangle the invoice calculator" },
};

/* --- small helpers -------------------------------------------------------- */

static char *
fmt(const char *f, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

/* A query's single number; anything else fails the test. */
static long long
sql_num(const char *f, ...)
{
	va_list		 ap;
	char		*q, *out, *end, msg[512];
	long long	 n;

	va_start(ap, f);
	if (vasprintf(&q, f, ap) < 0)
		abort();
	va_end(ap);
	out = stack_sql(&S, q);
	n = strtoll(out, &end, 10);
	if (end == out || *end != '\0') {
		snprintf(msg, sizeof(msg), "%s\n  -> \"%s\"", q, out);
		free(q);
		free(out);
		fail_msg("SQL gave no number: %s", msg);
	}
	free(q);
	free(out);
	return n;
}

#define assert_status(r, code)	expect_status(__FILE__, __LINE__, (r), (code))
#define assert_has(r, s)	expect_body(__FILE__, __LINE__, (r), (s), 1)
#define assert_lacks(r, s)	expect_body(__FILE__, __LINE__, (r), (s), 0)
#define assert_marked(r, id)	expect_marked(__FILE__, __LINE__, (r), (id), 1)
#define assert_unmarked(r, id)	expect_marked(__FILE__, __LINE__, (r), (id), 0)

static void
expect_status(const char *file, int line, const struct resp *r, long code)
{
	if (r->status == code)
		return;
	print_error("%s:%d: status %ld, wanted %ld; headers:\n%s\nbody:\n%.2000s\n",
	    file, line, r->status, code, r->headers, r->body);
	_fail(file, line);
}

static void
expect_body(const char *file, int line, const struct resp *r, const char *s,
    int want)
{
	if ((strstr(r->body, s) != NULL) == want)
		return;
	print_error("%s:%d: the response (status %ld) %s \"%s\"; body:\n%.4000s\n",
	    file, line, r->status, want ? "lacks" : "has", s, r->body);
	_fail(file, line);
}

/* flow.c's, linked into every integration test. */
void	expect_marked(const char *file, int line, const struct resp *r,
	    const char *id, int want);

/* --- a browser ------------------------------------------------------------ */

static void
get(struct http *h, const char *path, struct resp *r)
{
	if (http_get(h, path, r) != 0)
		fail_msg("GET %s: no response", path);
}

static void
post(struct http *h, const char *path, const char *form, struct resp *r)
{
	if (http_post(h, path, form, r) != 0)
		fail_msg("POST %s: no response", path);
}

/* POSTs form ("" for none) with csrf in front, as the site's own forms do. */
static void
post_csrf(struct http *h, const char *path, const char *csrf, const char *form,
    struct resp *r)
{
	char	*body = fmt("csrf=%s%s%s", csrf, *form ? "&" : "", form);

	post(h, path, body, r);
	free(body);
}

/* The form token of h's session. */
static char *
csrf_of(struct http *h)
{
	struct resp	 r;
	char		*c;

	get(h, "/admin", &r);
	assert_status(&r, 200);
	c = resp_csrf(&r);
	assert_non_null(c);
	resp_free(&r);
	return c;
}

static struct http *
signin(const struct account *ac)
{
	struct http	*h = http_new(&S);

	if (http_login(h, ac->email, ac->pw) != 0)
		fail_msg("could not sign in as %s", ac->email);
	return h;
}

/* The id in a redirect to /admin/challenges/ID[/...][?...]. */
static long long
redirect_id(const struct resp *r)
{
	char		*loc = resp_header(r, "Location");
	long long	 id = 0;

	assert_int_equal(r->status, 303);
	assert_non_null(loc);
	if (sscanf(loc, "/admin/challenges/%lld", &id) != 1 || id <= 0)
		fail_msg("Location is %s", loc);
	free(loc);
	return id;
}

static void
expect_location(const struct resp *r, const char *want)
{
	char	*loc = resp_header(r, "Location");

	assert_status(r, 303);
	assert_non_null(loc);
	assert_string_equal(loc, want);
	free(loc);
}

/* A urlencoded challenge form; any argument NULL takes a good default. */
static char *
challenge_form(const char *title, const char *body, const char *minutes)
{
	char	*t = http_escape(title != NULL ? title : "Reverse a linked list");
	char	*b = http_escape(body != NULL ? body : "Reverse it **in place**.");
	char	*hints = http_escape("Draw three nodes first.\r\n\r\n  Keep a prev pointer.  \r\n");
	char	*f;

	f = fmt("title=%s&body=%s&category=algorithms&difficulty=hard"
	    "&time_limit_min=%s&token_budget=25000&hints=%s", t, b,
	    minutes != NULL ? minutes : "30", hints);
	free(t);
	free(b);
	free(hints);
	return f;
}

/* Creates a challenge as h; returns its id. */
static long long
create(struct http *h, const char *csrf, const char *title, const char *body)
{
	struct resp	 r;
	char		*form = challenge_form(title, body, NULL);
	long long	 id;

	post_csrf(h, "/admin/challenges", csrf, form, &r);
	id = redirect_id(&r);
	resp_free(&r);
	free(form);
	return id;
}

/* --- the stack, once for the group ---------------------------------------- */

static int
group_setup(void **state)
{
	size_t	i;

	(void)state;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (crypto_init() != ST_OK || stack_start(&S) != 0)
		return -1;
	for (i = 0; i < NACCOUNTS; i++) {
		accounts[i]->pw = stack_user_add(&S, accounts[i]->org,
		    accounts[i]->email, accounts[i]->role);
		if (accounts[i]->pw == NULL) {
			fprintf(stderr, "could not add %s\n", accounts[i]->email);
			return -1;
		}
	}
	return 0;
}

static int
group_teardown(void **state)
{
	size_t	i;

	(void)state;
	stack_stop(&S);
	for (i = 0; i < NACCOUNTS; i++) {
		free(accounts[i]->pw);
		accounts[i]->pw = NULL;
	}
	curl_global_cleanup();
	return 0;
}

/* --- the tests ------------------------------------------------------------ */

static void
test_seeded_challenges_are_listed_for_interviewers(void **state)
{
	struct http	*h = signin(&a_int);
	struct resp	 r;
	size_t		 i;

	(void)state;
	assert_int_equal(sql_num("SELECT count(DISTINCT category) FROM challenges"
	    " WHERE org_id IS NULL"), 8);
	assert_true(sql_num("SELECT min(cardinality(hints)) FROM challenges"
	    " WHERE org_id IS NULL") >= 2);
	/* No hint leaves open what the challenge says (sql/044). */
	assert_int_equal(sql_num("SELECT count(*) FROM challenges WHERE"
	    " title = 'Merge overlapping meetings' AND hints[3] LIKE"
	    " 'Meetings that only touch%%merge too%%'"), 1);
	get(h, "/admin/challenges", &r);
	assert_status(&r, 200);
	assert_has(&r, "<a href=\"/admin/challenges\" aria-current=\"page\">Challenges</a>");
	for (i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++)
		assert_has(&r, shipped[i][1]);
	/* Interviewers use the library, but do not manage users. */
	assert_lacks(&r, "href=\"/admin/users\"");
	resp_free(&r);

	get(h, "/admin/challenges?category=sql", &r);
	assert_status(&r, 200);
	assert_has(&r, "Monthly active customers and churn");
	assert_lacks(&r, "Merge overlapping meetings");
	assert_has(&r, "<option value=\"sql\" selected>");
	resp_free(&r);

	/* A category that does not exist is ignored, not an error. */
	get(h, "/admin/challenges?category=nope", &r);
	assert_status(&r, 200);
	assert_has(&r, "Merge overlapping meetings");
	resp_free(&r);

	/* A shipped one previews with its markdown rendered. */
	get(h, "/admin/challenges?category=sql", &r);
	resp_free(&r);
	{
		long long id = sql_num("SELECT id FROM challenges WHERE org_id IS NULL"
		    " AND category = 'sql' ORDER BY id LIMIT 1");
		char *path = fmt("/admin/challenges/%lld", id);

		get(h, path, &r);
		assert_status(&r, 200);
		assert_has(&r, "<table>");
		assert_has(&r, "<pre><code class=\"language-sql\">");
		assert_has(&r, "Duplicate to edit");
		assert_lacks(&r, "/edit\">Edit</a>");
		resp_free(&r);
		free(path);
	}
	http_free(h);
}

static void
test_signed_out_visitors_are_sent_to_sign_in(void **state)
{
	struct http	*h = http_new(&S);
	struct resp	 r;

	(void)state;
	get(h, "/admin/challenges", &r);
	expect_location(&r, "/login?next=/admin/challenges");
	resp_free(&r);
	http_free(h);
}

/* The title starts empty: the page's own title is not a challenge's. */
static void
test_new_form_starts_with_an_empty_title(void **state)
{
	struct http	*h = signin(&a_int);
	struct resp	 r;

	(void)state;
	get(h, "/admin/challenges/new", &r);
	assert_status(&r, 200);
	assert_has(&r, "<input id=\"title\" name=\"title\" type=\"text\""
	    " value=\"\" maxlength=\"200\" required>");
	assert_has(&r, "<title>New challenge · viva</title>");
	/* A new challenge suggests what a custom challenge gets (60, 50,000). */
	assert_has(&r, "name=\"time_limit_min\" type=\"number\" value=\"60\"");
	assert_has(&r, "value=\"50000\"");
	resp_free(&r);
	get(h, "/admin/interviews/new", &r);
	assert_has(&r, "for a custom challenge, 60 minutes.");
	assert_has(&r, "for a custom challenge, 50,000 tokens.");
	resp_free(&r);
	http_free(h);
}

/* flow.c's, linked into every integration test. */
int	 count_in(const struct resp *r, const char *s);
char	*form_sent_twice(struct http *h, const char *new_path,
	    const char *path, const char *bad, long bad_status,
	    const char *good, struct resp *first, struct resp *again);

/*
 * The new challenge form sent twice (a double click, a resent page) adds
 * one challenge, and the second answer leads to it.  Sent back to correct
 * first, the form keeps its id: still one.
 */
static void
test_the_new_form_sent_twice_adds_one_challenge(void **state)
{
	struct http	*h = signin(&a_int);
	char		*bad = challenge_form("Twice told", NULL, "3");
	char		*good = challenge_form("Twice told", NULL, NULL), *where;
	struct resp	 first, r;

	(void)state;
	free(form_sent_twice(h, "/admin/challenges/new", "/admin/challenges",
	    bad, 400, good, &first, &r));
	expect_location(&r, where = fmt("/admin/challenges/%lld"
	    "?done=created-twice", redirect_id(&first)));
	resp_free(&first);
	resp_free(&r);
	get(h, where, &r);
	assert_has(&r, "The form was sent twice; the challenge was added"
	    " once.");
	resp_free(&r);
	get(h, "/admin/challenges", &r);
	assert_int_equal(count_in(&r, "Twice told"), 1);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM challenges"
	    " WHERE title = 'Twice told'"), 1);
	free(where);
	free(good);
	free(bad);
	http_free(h);
}

static void
test_bad_field_comes_back_marked_with_the_others_kept(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h), *form;
	long long	 before = sql_num("SELECT count(*) FROM challenges");
	struct resp	 r;

	(void)state;
	form = challenge_form("Kept <title>", "Body & more\n\n| a | b |", "3");
	post_csrf(h, "/admin/challenges", csrf, form, &r);
	assert_status(&r, 400);
	assert_has(&r, "Check the marked fields.");
	assert_marked(&r, "time_limit_min");
	assert_has(&r, "Enter a whole number between 5 and 480.");
	assert_unmarked(&r, "title");
	assert_unmarked(&r, "body");
	assert_unmarked(&r, "hints");
	assert_has(&r, "value=\"Kept &lt;title&gt;\"");
	assert_has(&r, ">Body &amp; more\n\n| a | b |</textarea>");
	assert_has(&r, "<option value=\"algorithms\" selected>");
	assert_has(&r, "<option value=\"hard\" selected>");
	assert_has(&r, "value=\"25000\"");
	assert_has(&r, "Keep a prev pointer.");
	/* The page title is the form's, not the challenge's. */
	assert_has(&r, "<title>New challenge · viva</title>");
	resp_free(&r);
	free(form);

	/* Several at once: an empty title, a bad category, too small a budget. */
	post_csrf(h, "/admin/challenges", csrf, "title=&body=x&category=poetry"
	    "&difficulty=medium&time_limit_min=20&token_budget=999", &r);
	assert_status(&r, 400);
	assert_marked(&r, "title");
	assert_marked(&r, "category");
	assert_marked(&r, "token_budget");
	assert_unmarked(&r, "body");
	assert_unmarked(&r, "difficulty");
	assert_unmarked(&r, "time_limit_min");
	assert_has(&r, "value=\"20\"");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM challenges"), before);
	free(csrf);
	http_free(h);
}

static void
test_create_preview_edit_and_archive(void **state)
{
	static const char body[] =
	    "# Parse a log\n\n"
	    "| level | count |\n|---|---:|\n| warn | 3 |\n\n"
	    "```c\nint main(void) { return 0; }\n```\n\n"
	    "<script>alert('x')</script>\n\n"
	    "[evil](javascript:alert(1))\n";
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h), *path, *p2, *form;
	struct resp	 r;
	long long	 id;

	(void)state;
	id = create(h, csrf, "Parse <b>the</b> log", body);
	assert_int_equal(sql_num("SELECT count(*) FROM challenges c JOIN orgs o"
	    " ON o.id = c.org_id WHERE c.id = %lld AND o.name = 'Org A'", id), 1);
	assert_int_equal(sql_num("SELECT cardinality(hints) FROM challenges"
	    " WHERE id = %lld", id), 2);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type ="
	    " 'challenge_created' AND detail->>'challenge_id' = '%lld'", id), 1);

	path = fmt("/admin/challenges/%lld", id);
	p2 = fmt("%s?done=created", path);
	get(h, p2, &r);
	free(p2);
	assert_status(&r, 200);
	assert_has(&r, "The challenge was added to the library.");
	assert_has(&r, "Parse &lt;b&gt;the&lt;/b&gt; log");
	assert_has(&r, "<table>");
	assert_has(&r, "<td class=\"align-right\">3</td>");
	assert_has(&r, "<pre><code class=\"language-c\">int main(void) { return 0; }");
	assert_lacks(&r, "<script>alert");
	assert_lacks(&r, "javascript:");
	assert_has(&r, "<li>Draw three nodes first.</li>");
	assert_has(&r, "<li>Keep a prev pointer.</li>");
	assert_has(&r, "href=\"/admin/challenges/");
	resp_free(&r);

	/* The list shows it, escaped. */
	get(h, "/admin/challenges", &r);
	assert_has(&r, "Parse &lt;b&gt;the&lt;/b&gt; log");
	resp_free(&r);

	/* Edit: the form comes filled in, and a change is saved. */
	p2 = fmt("%s/edit", path);
	get(h, p2, &r);
	assert_status(&r, 200);
	assert_has(&r, "value=\"Parse &lt;b&gt;the&lt;/b&gt; log\"");
	assert_has(&r, "<option value=\"hard\" selected>");
	assert_has(&r, "Draw three nodes first.\nKeep a prev pointer.</textarea>");
	resp_free(&r);
	free(p2);

	/*
	 * Preview shows the edited text rendered, the form kept as it was
	 * typed, and saves nothing.
	 */
	form = challenge_form("Parse the access log", "A | B\n--|--\n1 | *2*",
	    "90");
	p2 = fmt("%s&preview=1", form);
	post_csrf(h, path, csrf, p2, &r);
	free(p2);
	assert_status(&r, 200);
	assert_has(&r, "<section class=\"card\" id=\"preview\"");
	assert_has(&r, "nothing is saved until you press Save challenge.");
	assert_has(&r, "<h2 id=\"preview-title\">Parse the access log</h2>");
	assert_has(&r, "<td><em>2</em></td>");
	assert_has(&r, "value=\"Parse the access log\"");
	assert_has(&r, "value=\"90\"");
	assert_has(&r, "formaction=\"/admin/challenges/");
	resp_free(&r);
	free(form);
	assert_int_equal(sql_num("SELECT count(*) FROM challenges WHERE id = %lld"
	    " AND title = 'Parse <b>the</b> log' AND time_limit_min <> 90", id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type ="
	    " 'challenge_updated' AND detail->>'challenge_id' = '%lld'", id), 0);
	/* And on the new form: nothing is added. */
	form = challenge_form("Not yet", "Draft *only*.", "30");
	p2 = fmt("%s&preview=1", form);
	post_csrf(h, "/admin/challenges", csrf, p2, &r);
	free(p2);
	free(form);
	assert_status(&r, 200);
	assert_has(&r, "<p>Draft <em>only</em>.</p>");
	assert_has(&r, "nothing is saved until you press Add challenge.");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM challenges WHERE title ="
	    " 'Not yet'"), 0);

	form = challenge_form("Parse the access log", "Now **shorter**.", "90");
	post_csrf(h, path, csrf, form, &r);
	p2 = fmt("%s?done=updated", path);
	expect_location(&r, p2);
	resp_free(&r);
	free(p2);
	free(form);
	assert_int_equal(sql_num("SELECT time_limit_min FROM challenges WHERE id = %lld",
	    id), 90);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type ="
	    " 'challenge_updated' AND detail->>'challenge_id' = '%lld'", id), 1);

	/* A bad edit comes back with the form. */
	form = challenge_form("", NULL, NULL);
	post_csrf(h, path, csrf, form, &r);
	assert_status(&r, 400);
	assert_marked(&r, "title");
	assert_has(&r, "<title>Edit challenge · viva</title>");
	resp_free(&r);
	free(form);

	get(h, path, &r);
	assert_has(&r, "Parse the access log");
	assert_has(&r, "<strong>shorter</strong>");
	resp_free(&r);

	/* Archive: gone from the default list, there on request, and back. */
	p2 = fmt("%s/archive", path);
	post_csrf(h, p2, csrf, "", &r);
	assert_int_equal(redirect_id(&r), id);
	resp_free(&r);
	free(p2);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type ="
	    " 'challenge_archived' AND detail->>'challenge_id' = '%lld'", id), 1);
	get(h, "/admin/challenges", &r);
	assert_lacks(&r, "Parse the access log");
	resp_free(&r);
	get(h, "/admin/challenges?archived=1", &r);
	assert_has(&r, "Parse the access log");
	assert_has(&r, "badge-muted\">archived");
	resp_free(&r);
	get(h, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "Unarchive");
	resp_free(&r);
	p2 = fmt("%s/unarchive", path);
	post_csrf(h, p2, csrf, "", &r);
	assert_int_equal(redirect_id(&r), id);
	resp_free(&r);
	free(p2);
	get(h, "/admin/challenges", &r);
	assert_has(&r, "Parse the access log");
	resp_free(&r);

	free(path);
	free(csrf);
	http_free(h);
}

static void
test_other_orgs_cannot_see_or_change_it(void **state)
{
	struct http	*a = signin(&a_admin), *b = signin(&b_admin);
	char		*ca = csrf_of(a), *cb = csrf_of(b), *path, *form;
	const char	*suffix[] = { "", "/archive", "/unarchive", "/duplicate" };
	struct resp	 r;
	long long	 id, before;
	size_t		 i;

	(void)state;
	id = create(a, ca, "Org A secret task", NULL);
	before = sql_num("SELECT count(*) FROM challenges");

	path = fmt("/admin/challenges/%lld", id);
	get(b, path, &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(path);
	path = fmt("/admin/challenges/%lld/edit", id);
	get(b, path, &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(path);

	form = challenge_form("Stolen", NULL, NULL);
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		path = fmt("/admin/challenges/%lld%s", id, suffix[i]);
		post_csrf(b, path, cb, *suffix[i] ? "" : form, &r);
		assert_status(&r, 404);
		resp_free(&r);
		free(path);
	}
	free(form);
	get(b, "/admin/challenges?archived=1", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "Org A secret task");
	assert_has(&r, "Merge overlapping meetings");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM challenges"), before);
	assert_int_equal(sql_num("SELECT count(*) FROM challenges WHERE id = %lld"
	    " AND title = 'Org A secret task' AND archived_at IS NULL", id), 1);

	/* Not an id at all. */
	get(b, "/admin/challenges/0", &r);
	assert_status(&r, 404);
	resp_free(&r);
	get(b, "/admin/challenges/abc/edit", &r);
	assert_status(&r, 404);
	resp_free(&r);

	free(ca);
	free(cb);
	http_free(a);
	http_free(b);
}

static void
test_shipped_challenge_is_duplicated_not_edited(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h), *path, *form, *want;
	long long	 id, copy;
	struct resp	 r;

	(void)state;
	id = sql_num("SELECT id FROM challenges WHERE org_id IS NULL"
	    " AND category = 'refactoring' ORDER BY id LIMIT 1");

	path = fmt("/admin/challenges/%lld/edit", id);
	get(h, path, &r);
	assert_status(&r, 403);
	assert_has(&r, "Duplicate to edit");
	resp_free(&r);
	free(path);

	path = fmt("/admin/challenges/%lld", id);
	form = challenge_form("Hijacked", NULL, NULL);
	post_csrf(h, path, csrf, form, &r);
	assert_status(&r, 403);
	resp_free(&r);
	free(form);
	free(path);
	path = fmt("/admin/challenges/%lld/archive", id);
	post_csrf(h, path, csrf, "", &r);
	assert_status(&r, 403);
	resp_free(&r);
	free(path);
	assert_int_equal(sql_num("SELECT count(*) FROM challenges WHERE id = %lld"
	    " AND title = 'Untangle the invoice calculator' AND archived_at IS NULL",
	    id), 1);

	/* The page's own button carries the session's token. */
	path = fmt("/admin/challenges/%lld", id);
	get(h, path, &r);
	assert_status(&r, 200);
	want = fmt("action=\"/admin/challenges/%lld/duplicate\">\n"
	    "      <input type=\"hidden\" name=\"csrf\" value=\"%s\">", id, csrf);
	assert_has(&r, want);
	assert_lacks(&r, "/archive\"");
	resp_free(&r);
	free(want);
	free(path);

	path = fmt("/admin/challenges/%lld/duplicate", id);
	post_csrf(h, path, csrf, "", &r);
	copy = redirect_id(&r);
	want = fmt("/admin/challenges/%lld/edit?done=duplicated", copy);
	expect_location(&r, want);
	resp_free(&r);
	free(want);
	free(path);
	assert_true(copy != id);
	assert_int_equal(sql_num("SELECT count(*) FROM challenges c JOIN orgs o"
	    " ON o.id = c.org_id WHERE c.id = %lld AND o.name = 'Org A'"
	    " AND c.body_md = (SELECT body_md FROM challenges WHERE id = %lld)"
	    " AND c.hints = (SELECT hints FROM challenges WHERE id = %lld)",
	    copy, id, id), 1);

	path = fmt("/admin/challenges/%lld/edit?done=duplicated", copy);
	get(h, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "value=\"Untangle the invoice calculator (copy)\"");
	assert_has(&r, "your org&#39;s own copy");
	resp_free(&r);
	free(path);

	/* The copy is the org's own: it can be changed. */
	path = fmt("/admin/challenges/%lld", copy);
	form = challenge_form("Invoice refactoring, our way", NULL, NULL);
	post_csrf(h, path, csrf, form, &r);
	assert_int_equal(redirect_id(&r), copy);
	resp_free(&r);
	free(form);
	free(path);
	free(csrf);
	http_free(h);
}

static void
test_posts_without_the_csrf_token_are_refused(void **state)
{
	struct http	*h = signin(&a_admin);
	char		*csrf = csrf_of(h), *form, *path;
	long long	 before, id;
	struct resp	 r;

	(void)state;
	id = create(h, csrf, "CSRF target", NULL);
	before = sql_num("SELECT count(*) FROM challenges");
	form = challenge_form("Forged", NULL, NULL);
	post(h, "/admin/challenges", form, &r);
	assert_status(&r, 403);
	assert_has(&r, "expired or did not come from this site");
	resp_free(&r);

	path = fmt("/admin/challenges/%lld", id);
	post(h, path, form, &r);
	assert_status(&r, 403);
	resp_free(&r);
	free(path);
	path = fmt("/admin/challenges/%lld/archive", id);
	post(h, path, "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &r);
	assert_status(&r, 403);
	resp_free(&r);
	free(path);
	path = fmt("/admin/challenges/%lld/duplicate", id);
	post(h, path, "", &r);
	assert_status(&r, 403);
	resp_free(&r);
	free(path);
	free(form);
	assert_int_equal(sql_num("SELECT count(*) FROM challenges"), before);
	assert_int_equal(sql_num("SELECT count(*) FROM challenges WHERE id = %lld"
	    " AND title = 'CSRF target' AND archived_at IS NULL", id), 1);
	free(csrf);
	http_free(h);
}

static void
test_no_request_failed_on_the_server_side(void **state)
{
	char	*out;

	(void)state;
	if (stack_log_count(&S, "viva-fcgi.log",
	    "status.:5\\|Sanitizer\\|runtime error") != 0) {
		out = stack_out(&S, "grep -e status.:5 -e Sanitizer -e \"runtime error\""
		    " -A3 \"$VAR/log/viva-fcgi.log\" | head -n 60");
		print_error("viva-fcgi.log:\n%s\n", out);
		free(out);
		fail_msg("the server log shows a 5xx or a sanitizer report");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seeded_challenges_are_listed_for_interviewers),
		cmocka_unit_test(test_signed_out_visitors_are_sent_to_sign_in),
		cmocka_unit_test(test_new_form_starts_with_an_empty_title),
		cmocka_unit_test(test_bad_field_comes_back_marked_with_the_others_kept),
		cmocka_unit_test(test_the_new_form_sent_twice_adds_one_challenge),
		cmocka_unit_test(test_create_preview_edit_and_archive),
		cmocka_unit_test(test_other_orgs_cannot_see_or_change_it),
		cmocka_unit_test(test_shipped_challenge_is_duplicated_not_edited),
		cmocka_unit_test(test_posts_without_the_csrf_token_are_refused),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
