/*
 * web_test.c: the site as browsers and API clients see it, against one real
 * stack (nginx, viva.fcgi, PostgreSQL) shared by all tests.
 *
 * Tests that change a user use a user of their own.  Every test signs in from
 * 127.0.0.1, and 20 failed sign-ins from one address within 15 minutes lock
 * it out: the tests together fail 15 (3: 2, 4: 5, 10: 2, 11: 1, and the
 * current password guessed 5 times) and keep them; keep it well below 20.
 * The tests of wrong passwords sent at once remove their own failures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <netinet/in.h>

#include <ctype.h>
#include <curl/curl.h>
#include <fastcgi.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "lib/arena.h"
#include "lib/crypto.h"
#include "lib/db.h"
#include "core/session.h"
#include "fcgi_client.h"
#include "stack.h"

static struct stack	S;
static int		kills;	/* pool processes the tests killed */
static int		cut_off;	/* 503s the tests asked for (a held lock) */

struct account {
	const char	*org;
	const char	*email;
	const char	*role;
	char		*pw;	/* from `viva user add` */
};

static struct account	a_admin = { "Org A", "admin@a.test", "admin", NULL };
static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	a_throttle = { "Org A", "throttle@a.test", "interviewer",
    NULL };
static struct account	a_pw = { "Org A", "pw@a.test", "interviewer", NULL };
static struct account	a_guess = { "Org A", "guess@a.test", "interviewer", NULL };
static struct account	a_crowd = { "Org A", "crowd@a.test", "interviewer", NULL };
static struct account	a_known = { "Org A", "known@a.test", "interviewer", NULL };
static struct account	a_stranger = { "Org A", "stranger@a.test", "interviewer",
    NULL };
static struct account	b_admin = { "Org B", "admin@b.test", "admin", NULL };
static struct account	b_int = { "Org B", "int@b.test", "interviewer", NULL };

static struct account *const accounts[] = {
	&a_admin, &a_int, &a_throttle, &a_pw, &a_guess, &a_crowd, &a_known,
	&a_stranger, &b_admin, &b_int,
};
#define NACCOUNTS	(sizeof(accounts) / sizeof(accounts[0]))

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

/* The output of a query (malloc'd); a psql error fails the test. */
static char *
sql(const char *f, ...)
{
	va_list	 ap;
	char	*q, *out, msg[512];

	va_start(ap, f);
	if (vasprintf(&q, f, ap) < 0)
		abort();
	va_end(ap);
	out = stack_sql(&S, q);
	if (strncmp(out, "psql:", 5) == 0 || strstr(out, "ERROR:") != NULL) {
		snprintf(msg, sizeof(msg), "%s\n  -> %s", q, out);
		free(q);
		free(out);
		fail_msg("SQL failed: %s", msg);
	}
	free(q);
	return out;
}

/* A query's single number. */
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

/* What the database stores for a cookie or token value. */
static char *
token_hash(const char *token)
{
	struct arena	*a = arena_new();
	char		*h = strdup(crypto_token_hash(a, token, strlen(token)));

	arena_free(a);
	return h;
}

/* --- assertions on what the browser receives ------------------------------ */

#define assert_status(r, code)	expect_status(__FILE__, __LINE__, (r), (code))
#define assert_has(r, s)	expect_body(__FILE__, __LINE__, (r), (s), 1)
#define assert_lacks(r, s)	expect_body(__FILE__, __LINE__, (r), (s), 0)
#define assert_header(r, n, v)	expect_header(__FILE__, __LINE__, (r), (n), (v), 0)
#define assert_header_has(r, n, v) expect_header(__FILE__, __LINE__, (r), (n), (v), 1)
#define assert_no_header(r, n)	expect_header(__FILE__, __LINE__, (r), (n), NULL, 0)
#define assert_location(r, v)	expect_redirect(__FILE__, __LINE__, (r), (v))
#define assert_marked(r, id, m)	expect_marked(__FILE__, __LINE__, (r), (id), (m), 1)
#define assert_unmarked(r, id)	expect_marked(__FILE__, __LINE__, (r), (id), NULL, 0)

static void
expect_status(const char *file, int line, const struct resp *r, long code)
{
	if (r->status == code)
		return;
	print_error("%s:%d: status %ld, wanted %ld; headers:\n%s\nbody:\n%.1500s\n",
	    file, line, r->status, code, r->headers, r->body);
	_fail(file, line);
}

static void
expect_body(const char *file, int line, const struct resp *r, const char *s,
    int want)
{
	if ((strstr(r->body, s) != NULL) == want)
		return;
	print_error("%s:%d: the response (status %ld) %s \"%s\"; body:\n%.3000s\n",
	    file, line, r->status, want ? "lacks" : "has", s, r->body);
	_fail(file, line);
}

/* want NULL: the header must be absent; else equal to (or, with sub, contain) want. */
static void
expect_header(const char *file, int line, const struct resp *r,
    const char *name, const char *want, int sub)
{
	char	*v = resp_header(r, name);
	int	 ok;

	if (want == NULL)
		ok = v == NULL;
	else
		ok = v != NULL && (sub ? strstr(v, want) != NULL :
		    strcmp(v, want) == 0);
	if (ok) {
		free(v);
		return;
	}
	print_error("%s:%d: header %s is \"%s\", wanted %s\"%s\"; headers:\n%s\n",
	    file, line, name, v ? v : "(absent)", sub ? "it to contain " : "",
	    want ? want : "(absent)", r->headers);
	free(v);
	_fail(file, line);
}

static void
expect_redirect(const char *file, int line, const struct resp *r,
    const char *where)
{
	expect_status(file, line, r, 303);
	expect_header(file, line, r, "Location", where, 0);
}

static const char *
next_line(const char *p)
{
	return (p = strchr(p, '\n')) != NULL ? p + 1 : NULL;
}

/* The Set-Cookie line that sets cookie name (malloc'd), or NULL. */
static char *
set_cookie(const struct resp *r, const char *name)
{
	const char	*p = r->headers, *v;
	size_t		 n = strlen(name);

	for (; p != NULL && *p != '\0'; p = next_line(p)) {
		if (strncasecmp(p, "Set-Cookie:", 11) != 0)
			continue;
		for (v = p + 11; *v == ' '; v++)
			continue;
		if (strncmp(v, name, n) == 0 && v[n] == '=')
			return strndup(v, strcspn(v, "\r\n"));
	}
	return NULL;
}

/* flow.c's, linked into every integration test. */
int	field_marked(const char *body, const char *id, const char *msg);

static void
expect_marked(const char *file, int line, const struct resp *r, const char *id,
    const char *msg, int want)
{
	int	got = field_marked(r->body, id, msg);

	if (got == want)
		return;
	print_error("%s:%d: field %s is %s, wanted %s%s%s; body:\n%.4000s\n", file,
	    line, id, got < 0 ? "not on the page" : got ? "marked" : "not marked",
	    want ? "marked" : "not marked", msg ? " with " : "", msg ? msg : "",
	    r->body);
	_fail(file, line);
}

/* The text of <p class="secret">...</p>: a password or token shown once (malloc'd). */
static char *
secret_of(const struct resp *r)
{
	const char	*p = strstr(r->body, "<p class=\"secret\">");

	if (p == NULL)
		return NULL;
	p += strlen("<p class=\"secret\">");
	return strndup(p, strcspn(p, "<"));
}

/* The string at a dotted path of a JSON document, or NULL. */
static const char *
json_str(struct json_object *o, const char *path)
{
	char	 buf[128], *seg, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (seg = strtok_r(buf, ".", &save); seg != NULL;
	    seg = strtok_r(NULL, ".", &save))
		if (!json_object_object_get_ex(o, seg, &o))
			return NULL;
	return json_object_is_type(o, json_type_string) ?
	    json_object_get_string(o) : NULL;
}

static struct json_object *
json_of(const struct resp *r)
{
	struct json_object	*o = json_tokener_parse(r->body);

	if (o == NULL)
		fail_msg("not JSON (status %ld): %.500s", r->status, r->body);
	return o;
}

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

/* The form token of h's session, from the page every signed-in user can see. */
static char *
csrf_of(struct http *h)
{
	struct resp	 r;
	char		*c;

	get(h, "/admin", &r);
	assert_status(&r, 200);
	c = resp_csrf(&r);
	assert_non_null(c);
	assert_true(strlen(c) >= 32);
	resp_free(&r);
	return c;
}

/* Submits the sign-in form from a fresh page load; r is the answer to the POST. */
static void
login_post(struct http *h, const char *email, const char *pw, const char *next,
    struct resp *r)
{
	struct resp	 f;
	char		*csrf, *em, *pe, *nx, *body;

	get(h, "/login", &f);
	assert_status(&f, 200);
	csrf = resp_csrf(&f);
	assert_non_null(csrf);
	resp_free(&f);
	em = http_escape(email);
	pe = http_escape(pw);
	nx = http_escape(next != NULL ? next : "");
	body = fmt("csrf=%s&email=%s&password=%s&next=%s", csrf, em, pe, nx);
	post(h, "/login", body, r);
	free(body);
	free(nx);
	free(pe);
	free(em);
	free(csrf);
}

/* The status a fresh browser gets for signing in (303 means it worked). */
static long
login_status(const char *email, const char *pw)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	long		 st;

	login_post(h, email, pw, NULL, &r);
	st = r.status;
	resp_free(&r);
	http_free(h);
	return st;
}

/* A fresh browser, signed in. */
static struct http *
signin(const char *email, const char *pw)
{
	struct http	*h = http_new(&S);
	struct resp	 r;

	login_post(h, email, pw, NULL, &r);
	assert_location(&r, "/admin");
	resp_free(&r);
	return h;
}

/* An API request with a bearer token (none if NULL) and no cookies. */
static void
api_get(const char *path, const char *token, struct resp *r)
{
	struct http	*h = http_new(&S);
	char		*auth = token ? fmt("Authorization: Bearer %s", token) : NULL;
	const char	*hdrs[] = { auth, NULL };

	if (http_req(h, "GET", path, NULL, NULL, 0, token ? hdrs : NULL, r) != 0)
		fail_msg("GET %s: no response", path);
	free(auth);
	http_free(h);
}

/* Creates an API token on /admin/tokens as h's user; returns the token shown once. */
static char *
token_create(struct http *h, const char *name)
{
	struct resp	 r;
	char		*csrf = csrf_of(h), *form, *tok, *n = http_escape(name);

	form = fmt("name=%s", n);
	post_csrf(h, "/admin/tokens", csrf, form, &r);
	assert_status(&r, 200);
	tok = secret_of(&r);
	assert_non_null(tok);
	resp_free(&r);
	free(form);
	free(n);
	free(csrf);
	return tok;
}

static void
expect_security_headers(const struct resp *r)
{
	char	*id = resp_header(r, "X-Request-Id");
	size_t	 i;

	assert_header_has(r, "Content-Security-Policy", "frame-ancestors 'none'");
	assert_header_has(r, "Content-Security-Policy", "default-src 'self'");
	{
		char *csp = resp_header(r, "Content-Security-Policy");

		assert_null(strstr(csp, "unsafe-inline"));
		assert_null(strstr(csp, "unsafe-eval"));
		free(csp);
	}
	assert_header(r, "X-Content-Type-Options", "nosniff");
	assert_header(r, "Referrer-Policy", "no-referrer");
	assert_non_null(id);
	assert_int_equal(strlen(id), 32);
	for (i = 0; i < 32; i++)
		assert_true(isxdigit((unsigned char)id[i]));
	free(id);
	/* Plain http: HSTS would be wrong here (and ignored by browsers). */
	assert_no_header(r, "Strict-Transport-Security");
}

/* --- the stack, once for the group ---------------------------------------- */

static int
group_setup(void **state)
{
	size_t	i;

	(void)state;
	/* On failure, cmocka still runs the group teardown, which stops the stack. */
	curl_global_init(CURL_GLOBAL_DEFAULT);
	/* Short, for the held-lock test; every other statement takes ms. */
	setenv("VIVA_DB_STATEMENT_TIMEOUT_MS", "2000", 1);
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

/* --- 1. the sign-in page -------------------------------------------------- */

static void
test_signin_page_has_security_headers_and_csrf_cookie(void **state)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	char		*c, *csrf;

	(void)state;
	get(h, "/login", &r);
	assert_status(&r, 200);
	assert_header_has(&r, "Content-Type", "text/html");
	assert_has(&r, "<h1 class=\"page-title\">Sign in</h1>");
	assert_has(&r, "action=\"/login\"");
	expect_security_headers(&r);
	assert_header(&r, "X-Frame-Options", "DENY");
	c = set_cookie(&r, "viva_csrf");
	assert_non_null(c);
	assert_non_null(strstr(c, "; HttpOnly"));
	assert_non_null(strstr(c, "; SameSite=Lax"));
	assert_null(strstr(c, "Secure"));
	/* The form echoes the cookie's value (double submit). */
	csrf = resp_csrf(&r);
	assert_non_null(csrf);
	assert_true(strlen(csrf) >= 32);
	assert_true(strncmp(c + strlen("viva_csrf="), csrf, strlen(csrf)) == 0);
	free(csrf);
	free(c);
	resp_free(&r);

	/* A second visit keeps the token it was given. */
	get(h, "/login", &r);
	assert_status(&r, 200);
	c = set_cookie(&r, "viva_csrf");
	assert_null(c);
	resp_free(&r);

	get(h, "/nope", &r);
	assert_status(&r, 404);
	expect_security_headers(&r);
	resp_free(&r);
	http_free(h);
}

/* --- 2. sign in, sign out ------------------------------------------------- */

static void
test_login_starts_a_session_and_logout_ends_it(void **state)
{
	struct http	*h = http_new(&S), *thief;
	struct resp	 r;
	char		*c, *tok, *hash, *csrf, *hdr;
	const char	*hdrs[2];

	(void)state;
	login_post(h, a_admin.email, a_admin.pw, NULL, &r);
	assert_location(&r, "/admin");
	c = set_cookie(&r, "viva_session");
	assert_non_null(c);
	assert_non_null(strstr(c, "; HttpOnly"));
	assert_non_null(strstr(c, "; SameSite=Lax"));
	assert_non_null(strstr(c, "; Path=/"));
	assert_null(strstr(c, "Secure"));
	free(c);
	resp_free(&r);
	/* Counted as failed while its password was checked, it is a sign-in. */
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE actor = '%s'"
	    " AND type = 'login_failed'", a_admin.email), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE actor = '%s'"
	    " AND type = 'login' AND actor_user_id IS NOT NULL AND org_id IS NOT"
	    " NULL AND detail ? 'device'", a_admin.email), 1);

	get(h, "/admin", &r);
	assert_status(&r, 200);
	assert_has(&r, "Welcome");
	assert_has(&r, "Sign out admin@a.test");
	assert_has(&r, "Org A");
	/* The tiles count in words: "1 admin", not "1 admins". */
	assert_has(&r, sql_num("SELECT count(*) FROM users u JOIN orgs o ON"
	    " o.id = u.org_id WHERE o.name = 'Org A' AND u.role = 'admin'")
	    == 1 ? "<span class=\"stat-note\">1 admin · " : " admins · ");
	/* Pages for a signed-in user are not kept by shared caches. */
	assert_header(&r, "Cache-Control", "no-store");
	csrf = resp_csrf(&r);
	assert_non_null(csrf);
	resp_free(&r);

	tok = http_cookie(h, "viva_session");
	assert_non_null(tok);
	hash = token_hash(tok);
	/* Only the hash is stored. */
	assert_int_equal(sql_num("SELECT count(*) FROM web_sessions"
	    " WHERE token_hash = '%s'", hash), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM web_sessions"
	    " WHERE token_hash = '%s'", tok), 0);

	post_csrf(h, "/logout", csrf, "", &r);
	assert_location(&r, "/login?bye=1");
	c = set_cookie(&r, "viva_session");
	assert_non_null(c);
	assert_non_null(strstr(c, "Max-Age=0"));
	free(c);
	resp_free(&r);

	get(h, "/login?bye=1", &r);
	assert_status(&r, 200);
	assert_has(&r, "You are signed out.");
	resp_free(&r);

	get(h, "/admin", &r);
	assert_location(&r, "/login?next=/admin");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM web_sessions"
	    " WHERE token_hash = '%s'", hash), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type = 'logout'"
	    " AND actor = '%s'", a_admin.email), 1);

	/* A copy of the old cookie is worth nothing after sign-out. */
	thief = http_new(&S);
	hdr = fmt("Cookie: viva_session=%s", tok);
	hdrs[0] = hdr;
	hdrs[1] = NULL;
	if (http_req(thief, "GET", "/admin", NULL, NULL, 0, hdrs, &r) != 0)
		fail_msg("no response");
	assert_location(&r, "/login?next=/admin");
	resp_free(&r);
	/*
	 * A form sent after signing out (in another tab, say) is not saved,
	 * and the page says why, keeps what was written to copy, and leads
	 * back through the sign-in to the form's page.
	 */
	{
		const char	*body = "csrf=x&title=Parsing+logs&body_md="
				    "Write+a+parser+for+the+access+log+lines.";

		if (http_req(thief, "POST", "/admin/challenges",
		    "application/x-www-form-urlencoded", body, strlen(body),
		    hdrs, &r) != 0)
			fail_msg("no response");
		assert_status(&r, 401);
		assert_has(&r, "Signed out");
		assert_has(&r, "You are signed out (the session expired, or you"
		    " signed out in another tab), so this was not saved.");
		assert_has(&r, ">Write a parser for the access log lines.</textarea>");
		assert_has(&r, "<a class=\"btn btn-primary\""
		    " href=\"/login?next=/admin/challenges\">Sign in again</a>");
		resp_free(&r);
	}
	http_free(thief);

	free(hdr);
	free(hash);
	free(tok);
	free(csrf);
	http_free(h);
}

/* --- 3. a wrong password -------------------------------------------------- */

static void
test_wrong_password_is_refused_and_recorded(void **state)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	char		*ip;
	long long	 before;

	(void)state;
	before = sql_num("SELECT count(*) FROM events WHERE type = 'login_failed'"
	    " AND actor = '%s'", a_int.email);
	login_post(h, a_int.email, "not-the-password-42", NULL, &r);
	assert_status(&r, 403);
	assert_has(&r, "The email or password is incorrect.");
	assert_has(&r, "value=\"int@a.test\"");		/* the email is kept */
	assert_lacks(&r, "not-the-password-42");	/* the password is not */
	assert_null(set_cookie(&r, "viva_session"));
	resp_free(&r);
	assert_null(http_cookie(h, "viva_session"));

	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type = 'login_failed'"
	    " AND actor = '%s'", a_int.email), before + 1);
	ip = sql("SELECT ip FROM events WHERE type = 'login_failed' AND actor = '%s'"
	    " ORDER BY id DESC LIMIT 1", a_int.email);
	assert_string_equal(ip, "127.0.0.1");
	free(ip);

	/* An unknown address gets the same answer: no telling which accounts exist. */
	login_post(h, "nobody@a.test", "whatever-password", NULL, &r);
	assert_status(&r, 403);
	assert_has(&r, "The email or password is incorrect.");
	resp_free(&r);

	/* Still signed out. */
	get(h, "/admin", &r);
	assert_location(&r, "/login?next=/admin");
	resp_free(&r);
	http_free(h);
}

/* --- 4. throttling -------------------------------------------------------- */

static void
test_repeated_failures_throttle_the_account(void **state)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	char		*by;
	int		 i;

	(void)state;
	for (i = 0; i < 5; i++) {
		login_post(h, a_throttle.email, "wrong-password-x", NULL, &r);
		assert_status(&r, 403);
		resp_free(&r);
	}
	/* The right password, but too late. */
	login_post(h, a_throttle.email, a_throttle.pw, NULL, &r);
	assert_status(&r, 429);
	assert_has(&r, "Too many failed sign-in attempts");
	assert_header(&r, "Retry-After", "900");
	assert_null(set_cookie(&r, "viva_session"));
	resp_free(&r);
	/* The email's case does not get around it. */
	login_post(h, "THROTTLE@A.test", a_throttle.pw, NULL, &r);
	assert_status(&r, 429);
	resp_free(&r);

	assert_true(sql_num("SELECT count(*) FROM events WHERE type = 'login_throttled'"
	    " AND lower(actor) = '%s'", a_throttle.email) >= 2);
	by = sql("SELECT detail->>'by' FROM events WHERE type = 'login_throttled'"
	    " ORDER BY id DESC LIMIT 1");
	assert_string_equal(by, "account");
	free(by);

	/* Other accounts, from the same address, are not locked out. */
	assert_int_equal(login_status(b_int.email, b_int.pw), 303);
	http_free(h);
}

/*
 * n sign-ins with password sent at once from this address, each from a
 * process of its own, to email (NULL: each to an account of its own,
 * sprayN@a.test): how many were refused (403) and how many throttled
 * (429); anything else fails the test.
 */
static void
login_burst(int n, const char *email, const char *password, int *refused,
    int *throttled)
{
	pid_t		 pids[32];
	struct http	*h;
	struct resp	 r;
	int		 i, wst;

	assert_true(n <= 32);
	*refused = *throttled = 0;
	for (i = 0; i < n; i++)
		if ((pids[i] = fork()) == 0) {
			h = http_new(&S);
			login_post(h, email != NULL ? email :
			    fmt("spray%d@a.test", i), password, NULL, &r);
			_exit(r.status == 403 ? 0 : r.status == 429 ? 1 : 2);
		}
	for (i = 0; i < n; i++) {
		assert_int_equal(waitpid(pids[i], &wst, 0), pids[i]);
		assert_true(WIFEXITED(wst) && WEXITSTATUS(wst) < 2);
		if (WEXITSTATUS(wst) == 0)
			(*refused)++;
		else
			(*throttled)++;
	}
}

/*
 * Wrong passwords sent at once take turns: the account's limit holds, where
 * each of them read the count of failures before any was written, and as
 * many as the pool had processes got past it.
 */
static void
test_wrong_passwords_sent_at_once_keep_to_the_limit(void **state)
{
	enum { N = 12 };
	int	refused, throttled;

	(void)state;
	login_burst(N, a_crowd.email, "wrong-password-y", &refused,
	    &throttled);
	assert_int_equal(refused, 5);
	assert_int_equal(throttled, N - 5);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type ="
	    " 'login_failed' AND actor = '%s'", a_crowd.email), 5);
	/* Given back to the address, for the tests after this one. */
	assert_int_equal(sql_num("WITH x AS (DELETE FROM events WHERE actor ="
	    " '%s' RETURNING 1) SELECT count(*) FROM x", a_crowd.email), N);
}

/*
 * Wrong passwords from one address sent at once, each to an account of its
 * own, take turns too: the address's limit holds, where each, in its own
 * account's turn alone, read the address's count before any failure was
 * written, and as many as the pool had processes got past it.
 */
static void
test_guesses_at_many_accounts_at_once_keep_to_the_address_limit(void **state)
{
	enum { N = 24 };
	const char	*failed = "SELECT count(*) FROM events WHERE type ="
			    " 'login_failed' AND ip = '127.0.0.1' AND created_at >"
			    " now() - interval '15 minutes'";
	long long	 room, checked, by_ip;
	int		 refused, throttled;

	(void)state;
	room = LOGIN_MAX_PER_IP - sql_num("%s", failed);
	assert_true(room > 0 && room < N);
	login_burst(N, NULL, "wrong-password-z", &refused, &throttled);
	checked = sql_num("%s", failed);
	by_ip = sql_num("SELECT count(*) FROM events WHERE type ="
	    " 'login_throttled' AND actor LIKE 'spray%%' AND detail->>'by' ="
	    " 'ip'");
	/* Given back to the address first, for the tests after this one. */
	assert_int_equal(sql_num("WITH x AS (DELETE FROM events WHERE actor"
	    " LIKE 'spray%%' RETURNING 1) SELECT count(*) FROM x"),
	    checked - (LOGIN_MAX_PER_IP - room) + by_ip);
	assert_int_equal(checked, LOGIN_MAX_PER_IP);
	assert_int_equal(refused, room);
	assert_int_equal(throttled, N - room);
	assert_int_equal(by_ip, N - room);
}

/*
 * Five wrong passwords from elsewhere do not lock the owner out of an
 * address they signed in from before; an account never signed into from
 * this address is locked as before.  (The failures are written as from
 * another address, so that this one's own limit is not spent.)
 */
static void
test_others_failures_do_not_lock_out_a_known_address(void **state)
{
	const char	*fail = "INSERT INTO events (actor, type, ip)"
			    " SELECT '%s', 'login_failed', '198.51.100.7'"
			    " FROM generate_series(1, 5) RETURNING 1";
	char		*q;

	(void)state;
	assert_int_equal(login_status(a_known.email, a_known.pw), 303);
	q = fmt("WITH x AS (%s) SELECT count(*) FROM x", fail);
	assert_int_equal(sql_num(q, a_known.email), 5);
	assert_int_equal(sql_num(q, a_stranger.email), 5);
	free(q);
	assert_int_equal(login_status(a_known.email, a_known.pw), 303);
	assert_int_equal(login_status(a_stranger.email, a_stranger.pw), 429);
}

/* --- 5. CSRF -------------------------------------------------------------- */

static void
test_forms_without_the_csrf_token_are_refused(void **state)
{
	struct http	*h = signin(a_admin.email, a_admin.pw), *anon, *b;
	struct resp	 r;
	long long	 users = sql_num("SELECT count(*) FROM users");
	const char	*form = "email=csrf%40a.test&name=Mallory&role=admin";
	char		*body, *other;

	(void)state;
	post(h, "/admin/users", form, &r);
	assert_status(&r, 403);
	assert_has(&r, "expired or did not come from this site");
	resp_free(&r);

	body = fmt("csrf=%s&%s", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", form);
	post(h, "/admin/users", body, &r);
	assert_status(&r, 403);
	assert_has(&r, "expired or did not come from this site");
	resp_free(&r);
	free(body);

	/* Another session's token is no good either. */
	b = signin(b_admin.email, b_admin.pw);
	other = csrf_of(b);
	post_csrf(h, "/admin/users", other, form, &r);
	assert_status(&r, 403);
	assert_has(&r, "expired or did not come from this site");
	resp_free(&r);
	free(other);
	http_free(b);

	/* The sign-in form: the right password, but no token. */
	anon = http_new(&S);
	get(anon, "/login", &r);
	resp_free(&r);
	body = fmt("email=%s&password=%s", "admin%40a.test", a_admin.pw);
	post(anon, "/login", body, &r);
	assert_status(&r, 403);
	assert_has(&r, "expired or did not come from this site");
	assert_null(set_cookie(&r, "viva_session"));
	resp_free(&r);
	free(body);
	/* A token that is not the cookie's. */
	body = fmt("csrf=%s&email=%s&password=%s",
	    "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "admin%40a.test",
	    a_admin.pw);
	post(anon, "/login", body, &r);
	assert_status(&r, 403);
	assert_has(&r, "expired or did not come from this site");
	resp_free(&r);
	free(body);
	http_free(anon);

	assert_int_equal(sql_num("SELECT count(*) FROM users"), users);
	assert_int_equal(sql_num("SELECT count(*) FROM users"
	    " WHERE email = 'csrf@a.test'"), 0);
	http_free(h);
}

/* --- 6. orgs are walled off ----------------------------------------------- */

static void
test_admins_see_and_change_only_their_own_org(void **state)
{
	struct http		*a = signin(a_admin.email, a_admin.pw);
	struct http		*b = signin(b_admin.email, b_admin.pw);
	struct resp		 r;
	struct json_object	*o, *list, *u;
	char			*csrf = csrf_of(a), *before, *after, *path, *tok, *btok;
	long long		 bid, btid;
	size_t			 i, n;

	(void)state;
	bid = sql_num("SELECT id FROM users WHERE email = '%s'", b_int.email);
	before = sql("SELECT password_hash, disabled_at IS NULL FROM users"
	    " WHERE id = %lld", bid);

	path = fmt("/admin/users/%lld/disable", bid);
	post_csrf(a, path, csrf, "", &r);
	assert_status(&r, 404);
	assert_lacks(&r, b_int.email);
	resp_free(&r);
	free(path);
	path = fmt("/admin/users/%lld/reset", bid);
	post_csrf(a, path, csrf, "", &r);
	assert_status(&r, 404);
	assert_lacks(&r, b_int.email);
	assert_lacks(&r, "class=\"secret\"");
	resp_free(&r);
	free(path);
	path = fmt("/admin/users/%lld/enable", bid);
	post_csrf(a, path, csrf, "", &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(path);

	after = sql("SELECT password_hash, disabled_at IS NULL FROM users"
	    " WHERE id = %lld", bid);
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(login_status(b_int.email, b_int.pw), 303);

	get(a, "/admin/users", &r);
	assert_status(&r, 200);
	assert_has(&r, a_admin.email);
	assert_has(&r, a_int.email);
	assert_lacks(&r, "@b.test");
	resp_free(&r);
	get(b, "/admin/users", &r);
	assert_status(&r, 200);
	assert_has(&r, b_int.email);
	assert_lacks(&r, "@a.test");
	resp_free(&r);

	/* The API: an A token lists A's users only. */
	tok = token_create(a, "scoping test");
	api_get("/api/v1/users", tok, &r);
	assert_status(&r, 200);
	assert_header_has(&r, "Content-Type", "application/json");
	o = json_of(&r);
	assert_true(json_object_object_get_ex(o, "users", &list));
	n = json_object_array_length(list);
	assert_int_equal(n, sql_num("SELECT count(*) FROM users u JOIN orgs o"
	    " ON o.id = u.org_id WHERE o.name = 'Org A'"));
	for (i = 0; i < n; i++) {
		const char *em;

		u = json_object_array_get_idx(list, i);
		em = json_str(u, "email");
		assert_non_null(em);
		assert_non_null(strstr(em, "@a.test"));
	}
	json_object_put(o);
	assert_lacks(&r, "@b.test");
	resp_free(&r);

	/* B's token cannot be revoked from A. */
	btok = token_create(b, "b's token");
	btid = sql_num("SELECT id FROM api_tokens WHERE name = 'b''s token'");
	path = fmt("/admin/tokens/%lld/revoke", btid);
	post_csrf(a, path, csrf, "", &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(path);
	api_get("/api/v1/me", btok, &r);
	assert_status(&r, 200);
	resp_free(&r);
	get(a, "/admin/tokens", &r);
	assert_lacks(&r, "b&#39;s token");
	resp_free(&r);

	free(btok);
	free(tok);
	free(csrf);
	http_free(a);
	http_free(b);
}

/* --- 7. errors ------------------------------------------------------------ */

static void
test_unknown_pages_and_methods_get_error_answers(void **state)
{
	struct http		*h = http_new(&S);
	struct resp		 r;
	struct json_object	*o;
	const char		*m;

	(void)state;
	get(h, "/nope", &r);
	assert_status(&r, 404);
	assert_header_has(&r, "Content-Type", "text/html");
	assert_has(&r, "<!doctype html>");
	assert_has(&r, "Page not found");
	assert_has(&r, "There is no page at this address.");
	/* The icon pages name is served; the one browsers guess is not a 404. */
	assert_has(&r, "<link rel=\"icon\" href=\"/static/favicon.svg\"");
	resp_free(&r);
	get(h, "/static/favicon.svg", &r);
	assert_status(&r, 200);
	assert_has(&r, "<svg");
	resp_free(&r);
	get(h, "/favicon.ico", &r);
	assert_status(&r, 204);
	resp_free(&r);

	get(h, "/api/v1/nope", &r);
	assert_status(&r, 404);
	assert_header_has(&r, "Content-Type", "application/json");
	o = json_of(&r);
	assert_string_equal(json_str(o, "error.code"), "not_found");
	m = json_str(o, "error.message");
	assert_non_null(m);
	assert_true(strlen(m) > 0);
	json_object_put(o);
	resp_free(&r);

	if (http_req(h, "DELETE", "/login", NULL, NULL, 0, NULL, &r) != 0)
		fail_msg("no response");
	assert_status(&r, 405);
	assert_header(&r, "Allow", "GET, HEAD, POST");
	assert_has(&r, "Method not allowed");
	resp_free(&r);

	/* No form token, yet the answer is about the method, not about CSRF. */
	post(h, "/healthz", "", &r);
	assert_status(&r, 405);
	assert_header(&r, "Allow", "GET, HEAD");
	assert_lacks(&r, "did not come from this site");
	resp_free(&r);

	post(h, "/api/v1/me", "", &r);
	assert_status(&r, 405);
	assert_header(&r, "Allow", "GET, HEAD");
	o = json_of(&r);
	assert_string_equal(json_str(o, "error.code"), "method_not_allowed");
	json_object_put(o);
	resp_free(&r);
	http_free(h);
}

/* --- 8. health and metrics ------------------------------------------------ */

static void
test_healthz_and_metrics_report_the_service(void **state)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	double		 before, after, inf, count;
	int		 i;
	const char	*series =
	    "viva_http_requests_total{route=\"GET /login\",status=\"200\"}";

	(void)state;
	get(h, "/healthz", &r);
	assert_status(&r, 200);
	assert_string_equal(r.body, "ok\n");
	assert_header_has(&r, "Content-Type", "text/plain");
	resp_free(&r);

	get(h, "/metrics", &r);
	assert_status(&r, 200);
	before = metric_in(r.body, series);
	resp_free(&r);
	for (i = 0; i < 5; i++) {
		struct http *b = http_new(&S);

		get(b, "/login", &r);
		assert_status(&r, 200);
		resp_free(&r);
		http_free(b);
	}
	get(h, "/metrics", &r);
	assert_status(&r, 200);
	assert_header_has(&r, "Content-Type", "text/plain");
	after = metric_in(r.body, series);
	assert_true(after >= 5);
	assert_true(after >= (before < 0 ? 0 : before) + 5);
	assert_has(&r, "# TYPE viva_http_request_duration_seconds histogram");
	inf = metric_in(r.body, "viva_http_request_duration_seconds_bucket{le=\"+Inf\"}");
	count = metric_in(r.body, "viva_http_request_duration_seconds_count");
	assert_true(inf >= after);
	assert_true(count == inf);
	assert_true(metric_in(r.body, "viva_http_request_duration_seconds_sum") > 0);
	assert_true(metric_in(r.body,
	    "viva_http_request_duration_seconds_bucket{le=\"0.005\"}") >= 0);
	assert_true(metric_in(r.body, "viva_db_reconnects_total") >= 0);
	assert_true(metric_in(r.body, "viva_fcgi_worker_restarts_total") >= 0);
	assert_true(metric_in(r.body, "viva_http_requests_total"
	    "{route=\"GET /healthz\",status=\"200\"}") >= 1);
	resp_free(&r);
	http_free(h);
}

/* --- 9. API tokens -------------------------------------------------------- */

/*
 * A token expires after the days chosen (90 unless said), and then fails
 * as a revoked one does; the list says when and that it has.  "Never" is
 * a choice, not the default.
 */
static void
test_api_token_expires_after_its_days(void **state)
{
	struct http	*h = signin(a_admin.email, a_admin.pw);
	struct resp	 r;
	char		*csrf = csrf_of(h), *tok, *hash;

	(void)state;
	get(h, "/admin/tokens", &r);
	assert_has(&r, "<option value=\"90\" selected>90 days</option>");
	assert_has(&r, "<option value=\"0\">never (until revoked)</option>");
	resp_free(&r);
	post_csrf(h, "/admin/tokens", csrf, "name=Month+bot&expires_days=30",
	    &r);
	assert_status(&r, 200);
	tok = secret_of(&r);
	resp_free(&r);
	hash = token_hash(tok);
	assert_int_equal(sql_num("SELECT count(*) FROM api_tokens WHERE"
	    " token_hash = '%s' AND expires_at BETWEEN now() + interval"
	    " '29 days' AND now() + interval '31 days'", hash), 1);
	api_get("/api/v1/me", tok, &r);
	assert_status(&r, 200);
	resp_free(&r);
	free(sql("UPDATE api_tokens SET expires_at = now() - interval"
	    " '1 minute' WHERE token_hash = '%s'", hash));
	api_get("/api/v1/me", tok, &r);
	assert_status(&r, 401);
	assert_has(&r, "has expired");
	resp_free(&r);
	get(h, "/admin/tokens", &r);
	assert_has(&r, "<span class=\"badge badge-muted\">expired</span>");
	resp_free(&r);
	/* Never, when chosen; a choice not offered is refused beside it. */
	post_csrf(h, "/admin/tokens", csrf, "name=Forever+bot&expires_days=0",
	    &r);
	assert_status(&r, 200);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM api_tokens WHERE"
	    " name = 'Forever bot' AND expires_at IS NULL"), 1);
	post_csrf(h, "/admin/tokens", csrf, "name=Odd+bot&expires_days=7", &r);
	assert_status(&r, 400);
	assert_has(&r, "id=\"expires_days-error\"");
	assert_has(&r, "value=\"Odd bot\"");
	resp_free(&r);
	free(hash);
	free(tok);
	free(csrf);
	http_free(h);
}

static void
test_api_token_is_shown_once_works_and_can_be_revoked(void **state)
{
	struct http		*h = signin(a_admin.email, a_admin.pw), *iv;
	struct resp		 r;
	struct json_object	*o;
	char			*csrf = csrf_of(h), *tok, *hash, *prefix, *path;
	long long		 id;

	(void)state;
	get(h, "/admin/tokens", &r);
	assert_status(&r, 200);
	assert_has(&r, "Create a token");
	resp_free(&r);

	post_csrf(h, "/admin/tokens", csrf, "name=CI+bot", &r);
	assert_status(&r, 200);
	assert_header(&r, "Cache-Control", "no-store");
	assert_has(&r, "shown only once");
	tok = secret_of(&r);
	assert_non_null(tok);
	assert_true(strncmp(tok, "viva_", 5) == 0);
	assert_true(strlen(tok) > 40);
	resp_free(&r);

	/* Shown once: the list afterwards has the prefix, never the token. */
	get(h, "/admin/tokens", &r);
	assert_status(&r, 200);
	assert_has(&r, "CI bot");
	assert_lacks(&r, tok);
	prefix = strndup(tok, 10);
	assert_has(&r, prefix);
	resp_free(&r);

	api_get("/api/v1/me", tok, &r);
	assert_status(&r, 200);
	assert_header_has(&r, "Content-Type", "application/json");
	o = json_of(&r);
	assert_string_equal(json_str(o, "user.email"), a_admin.email);
	assert_string_equal(json_str(o, "user.role"), "admin");
	assert_string_equal(json_str(o, "org.name"), "Org A");
	json_object_put(o);
	resp_free(&r);

	/* Stored as a hash with a recognisable prefix; the token itself nowhere. */
	hash = token_hash(tok);
	assert_int_equal(sql_num("SELECT count(*) FROM api_tokens"
	    " WHERE token_hash = '%s'", tok), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM api_tokens"
	    " WHERE token_hash = '%s' AND prefix = '%s'", hash, prefix), 1);
	/* Not in any row of any table, as the random part or whole. */
	assert_int_equal(sql_num("SELECT"
	    " (SELECT count(*) FROM api_tokens t WHERE t::text LIKE '%%%s%%')"
	    " + (SELECT count(*) FROM events e WHERE e::text LIKE '%%%s%%')"
	    " + (SELECT count(*) FROM web_sessions s WHERE s::text LIKE '%%%s%%')"
	    " + (SELECT count(*) FROM users u WHERE u::text LIKE '%%%s%%')"
	    " + (SELECT count(*) FROM orgs o WHERE o::text LIKE '%%%s%%')",
	    tok + 5, tok + 5, tok + 5, tok + 5, tok + 5), 0);
	/* Its use is recorded. */
	assert_int_equal(sql_num("SELECT count(*) FROM api_tokens"
	    " WHERE token_hash = '%s' AND last_used_at IS NOT NULL", hash), 1);

	id = sql_num("SELECT id FROM api_tokens WHERE token_hash = '%s'", hash);
	path = fmt("/admin/tokens/%lld/revoke", id);
	post_csrf(h, path, csrf, "", &r);
	assert_location(&r, "/admin/tokens?done=revoked");
	resp_free(&r);
	get(h, "/admin/tokens?done=revoked", &r);
	assert_status(&r, 200);
	assert_has(&r, "The token was revoked");
	assert_has(&r, ">revoked</span>");
	resp_free(&r);

	api_get("/api/v1/me", tok, &r);
	assert_status(&r, 401);
	assert_header_has(&r, "WWW-Authenticate", "Bearer");
	o = json_of(&r);
	assert_string_equal(json_str(o, "error.code"), "unauthorized");
	json_object_put(o);
	resp_free(&r);

	api_get("/api/v1/me", NULL, &r);
	assert_status(&r, 401);
	assert_header_has(&r, "WWW-Authenticate", "Bearer");
	assert_header_has(&r, "Content-Type", "application/json");
	o = json_of(&r);
	assert_string_equal(json_str(o, "error.code"), "unauthorized");
	json_object_put(o);
	resp_free(&r);

	/* A made-up token of the right shape. */
	api_get("/api/v1/me", "viva_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &r);
	assert_status(&r, 401);
	resp_free(&r);

	/* Interviewers do not manage tokens. */
	iv = signin(a_int.email, a_int.pw);
	get(iv, "/admin/tokens", &r);
	assert_status(&r, 403);
	assert_has(&r, "This page is for the organisation");
	resp_free(&r);
	{
		char *ic = csrf_of(iv);
		long long n = sql_num("SELECT count(*) FROM api_tokens");

		post_csrf(iv, "/admin/tokens", ic, "name=sneaky", &r);
		assert_status(&r, 403);
		resp_free(&r);
		assert_int_equal(sql_num("SELECT count(*) FROM api_tokens"), n);
		free(ic);
	}
	http_free(iv);

	free(path);
	free(prefix);
	free(hash);
	free(tok);
	free(csrf);
	http_free(h);
}

/* --- 10. managing users --------------------------------------------------- */

/* flow.c's, linked into every integration test. */
char	*form_id_of(const struct resp *r);
int	 count_in(const struct resp *r, const char *s);

/*
 * The add-user and create-token forms sent twice (a double click, a resent
 * page) act once; the second answer, which the browser shows in place of
 * the first's secret, lands on the list saying what to do without it.  A
 * form sent back to correct keeps its id; the page after a success has a
 * new one, for the next user or token.
 */
static void
test_adding_a_user_or_token_twice_acts_once(void **state)
{
	struct http	*h = signin(a_admin.email, a_admin.pw);
	struct resp	 r;
	char		*csrf = csrf_of(h), *fid, *body;

	(void)state;
	get(h, "/admin/users", &r);
	fid = form_id_of(&r);
	resp_free(&r);
	body = fmt("form_id=%s&email=not-an-email&name=Twice&role=interviewer",
	    fid);
	post_csrf(h, "/admin/users", csrf, body, &r);
	assert_status(&r, 400);
	assert_int_equal(count_in(&r, fid), 1);
	resp_free(&r);
	free(body);
	body = fmt("form_id=%s&email=twice%%40a.test&name=Twice"
	    "&role=interviewer", fid);
	post_csrf(h, "/admin/users", csrf, body, &r);
	assert_status(&r, 200);
	assert_has(&r, "Added <strong>twice@a.test</strong>. Their password is below.");
	assert_int_equal(count_in(&r, fid), 0);
	resp_free(&r);
	post_csrf(h, "/admin/users", csrf, body, &r);
	assert_location(&r, "/admin/users?done=added-twice");
	resp_free(&r);
	get(h, "/admin/users?done=added-twice", &r);
	assert_has(&r, "The form was sent twice; the user was added once.");
	assert_has(&r, "use Reset password beside them");
	assert_int_equal(count_in(&r, "twice@a.test"), 1);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM users"
	    " WHERE email = 'twice@a.test'"), 1);
	free(body);
	free(fid);

	get(h, "/admin/tokens", &r);
	fid = form_id_of(&r);
	resp_free(&r);
	body = fmt("form_id=%s&name=Twice+bot", fid);
	post_csrf(h, "/admin/tokens", csrf, body, &r);
	assert_status(&r, 200);
	assert_has(&r, "shown only once");
	assert_int_equal(count_in(&r, fid), 0);
	resp_free(&r);
	post_csrf(h, "/admin/tokens", csrf, body, &r);
	assert_location(&r, "/admin/tokens?done=created-twice");
	resp_free(&r);
	get(h, "/admin/tokens?done=created-twice", &r);
	assert_has(&r, "The form was sent twice; the token was created once.");
	assert_has(&r, "revoke it and create a new one");
	assert_int_equal(count_in(&r, "<td data-label=\"Name\">Twice bot</td>"), 1);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM api_tokens"
	    " WHERE name = 'Twice bot'"), 1);
	free(body);
	free(fid);
	free(csrf);
	http_free(h);
}

static void
test_admin_adds_disables_enables_and_resets_a_user(void **state)
{
	struct http	*h = signin(a_admin.email, a_admin.pw), *nu;
	struct resp	 r;
	char		*csrf = csrf_of(h), *pw, *pw2, *path, *tok;
	long long	 id, me;

	(void)state;
	post_csrf(h, "/admin/users", csrf,
	    "email=new%40a.test&name=New+Person&role=interviewer", &r);
	assert_status(&r, 200);
	assert_header(&r, "Cache-Control", "no-store");
	assert_has(&r, "Added <strong>new@a.test</strong>. Their password is below.");
	assert_has(&r, "New Person");
	pw = secret_of(&r);
	assert_non_null(pw);
	assert_true(strlen(pw) >= 16);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM users WHERE email = 'new@a.test'"
	    " AND role = 'interviewer' AND disabled_at IS NULL"), 1);

	nu = signin("new@a.test", pw);
	get(nu, "/admin", &r);
	assert_status(&r, 200);
	assert_has(&r, "Welcome, New Person");
	resp_free(&r);

	/* A bad email: the form comes back marked, with what was typed. */
	post_csrf(h, "/admin/users", csrf,
	    "email=not-an-email&name=Kept+Name&role=admin", &r);
	assert_status(&r, 400);
	assert_marked(&r, "email", "Enter an email address like name@example.com.");
	assert_unmarked(&r, "name");
	assert_has(&r, "value=\"Kept Name\"");
	assert_has(&r, "value=\"not-an-email\"");
	assert_has(&r, "<option value=\"admin\" selected>");
	assert_has(&r, "Check the marked fields.");
	resp_free(&r);

	/* The same email again, also in other letter case. */
	post_csrf(h, "/admin/users", csrf,
	    "email=new%40a.test&name=Twin&role=interviewer", &r);
	assert_status(&r, 400);
	assert_marked(&r, "email", "already exists");
	assert_has(&r, "value=\"Twin\"");
	resp_free(&r);
	post_csrf(h, "/admin/users", csrf,
	    "email=NEW%40A.test&name=Twin&role=interviewer", &r);
	assert_status(&r, 400);
	assert_marked(&r, "email", "already exists");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM users"
	    " WHERE lower(email) = 'new@a.test'"), 1);

	/* Disable: signed out at once, and cannot sign in. */
	id = sql_num("SELECT id FROM users WHERE email = 'new@a.test'");
	path = fmt("/admin/users/%lld/disable", id);
	post_csrf(h, path, csrf, "", &r);
	assert_location(&r, "/admin/users?done=disabled");
	resp_free(&r);
	free(path);
	get(h, "/admin/users?done=disabled", &r);
	assert_status(&r, 200);
	assert_has(&r, "The user was disabled and signed out everywhere.");
	assert_has(&r, "badge-danger\">disabled</span>");
	resp_free(&r);
	get(nu, "/admin", &r);
	assert_location(&r, "/login?next=/admin");
	resp_free(&r);
	assert_int_equal(login_status("new@a.test", pw), 403);

	/* Enable. */
	path = fmt("/admin/users/%lld/enable", id);
	post_csrf(h, path, csrf, "", &r);
	assert_location(&r, "/admin/users?done=enabled");
	resp_free(&r);
	free(path);
	http_free(nu);
	nu = signin("new@a.test", pw);

	/*
	 * Reset: a new password, shown once; the old one, its sessions and
	 * its API tokens are gone (a reset may be taking the account back).
	 */
	free(sql("UPDATE users SET role = 'admin' WHERE id = %lld", id));
	tok = token_create(nu, "before the reset");
	api_get("/api/v1/users", tok, &r);
	assert_status(&r, 200);
	resp_free(&r);
	path = fmt("/admin/users/%lld/reset", id);
	post_csrf(h, path, csrf, "", &r);
	assert_status(&r, 200);
	assert_header(&r, "Cache-Control", "no-store");
	assert_has(&r, "The new password for <strong>new@a.test</strong> is below.");
	assert_has(&r, "Their sessions were ended and their 1 API token was"
	    " revoked.");
	pw2 = secret_of(&r);
	assert_non_null(pw2);
	assert_string_not_equal(pw, pw2);
	resp_free(&r);
	free(path);
	get(nu, "/admin", &r);
	assert_location(&r, "/login?next=/admin");
	resp_free(&r);
	http_free(nu);
	assert_int_equal(login_status("new@a.test", pw), 403);
	assert_int_equal(login_status("new@a.test", pw2), 303);
	api_get("/api/v1/users", tok, &r);
	assert_status(&r, 401);
	resp_free(&r);
	free(tok);

	/* An admin cannot lock themselves out. */
	me = sql_num("SELECT id FROM users WHERE email = '%s'", a_admin.email);
	path = fmt("/admin/users/%lld/disable", me);
	post_csrf(h, path, csrf, "", &r);
	assert_status(&r, 400);
	assert_has(&r, "You cannot disable your own account.");
	resp_free(&r);
	free(path);
	assert_int_equal(sql_num("SELECT count(*) FROM users WHERE id = %lld"
	    " AND disabled_at IS NULL", me), 1);

	free(pw2);
	free(pw);
	free(csrf);
	http_free(h);
}

/* --- 11. one's own password ----------------------------------------------- */

static void
test_user_changes_own_password(void **state)
{
	struct http	*h = signin(a_pw.email, a_pw.pw), *other;
	struct resp	 r;
	char		*csrf, *cur = http_escape(a_pw.pw), *form;
	const char	*newpw = "correct horse battery";

	(void)state;
	other = signin(a_pw.email, a_pw.pw);
	get(h, "/account/password", &r);
	assert_status(&r, 200);
	assert_has(&r, "Change your password");
	csrf = resp_csrf(&r);
	assert_non_null(csrf);
	resp_free(&r);

	post_csrf(h, "/account/password", csrf, "current_password=wrong-one-here"
	    "&new_password=correct+horse+battery"
	    "&confirm_password=correct+horse+battery", &r);
	assert_status(&r, 400);
	assert_marked(&r, "current_password", "This is not your current password.");
	assert_unmarked(&r, "new_password");
	assert_lacks(&r, "correct horse battery");	/* passwords are never echoed */
	resp_free(&r);

	form = fmt("current_password=%s&new_password=correct+horse+battery"
	    "&confirm_password=correct+horse+batterz", cur);
	post_csrf(h, "/account/password", csrf, form, &r);
	assert_status(&r, 400);
	assert_marked(&r, "confirm_password", "The two new passwords differ.");
	assert_unmarked(&r, "current_password");
	resp_free(&r);
	free(form);

	form = fmt("current_password=%s&new_password=short"
	    "&confirm_password=short", cur);
	post_csrf(h, "/account/password", csrf, form, &r);
	assert_status(&r, 400);
	assert_marked(&r, "new_password", "10");
	resp_free(&r);
	free(form);

	/* None of that changed anything. */
	assert_int_equal(login_status(a_pw.email, a_pw.pw), 303);

	form = fmt("current_password=%s&new_password=correct+horse+battery"
	    "&confirm_password=correct+horse+battery", cur);
	post_csrf(h, "/account/password", csrf, form, &r);
	assert_location(&r, "/account/password?done=1");
	resp_free(&r);
	free(form);
	/* Only the wrong current password is a failed sign-in. */
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE actor = '%s'"
	    " AND type = 'login_failed'", a_pw.email), 1);

	/* This browser stays signed in; the other one is signed out. */
	get(h, "/account/password?done=1", &r);
	assert_status(&r, 200);
	assert_has(&r, "Your password was changed.");
	resp_free(&r);
	get(h, "/admin", &r);
	assert_status(&r, 200);
	resp_free(&r);
	get(other, "/admin", &r);
	assert_location(&r, "/login?next=/admin");
	resp_free(&r);

	assert_int_equal(login_status(a_pw.email, a_pw.pw), 403);
	assert_int_equal(login_status(a_pw.email, newpw), 303);

	http_free(other);
	free(cur);
	free(csrf);
	http_free(h);
}

static void
test_guessing_the_current_password_is_throttled(void **state)
{
	struct http	*h = signin(a_guess.email, a_guess.pw);
	struct resp	 r;
	char		*csrf, *cur = http_escape(a_guess.pw), *form;
	int		 i;

	(void)state;
	get(h, "/account/password", &r);
	csrf = resp_csrf(&r);
	assert_non_null(csrf);
	resp_free(&r);
	for (i = 0; i < 5; i++) {
		post_csrf(h, "/account/password", csrf, "current_password="
		    "guess-number-x&new_password=correct+horse+battery"
		    "&confirm_password=correct+horse+battery", &r);
		assert_status(&r, 400);
		assert_marked(&r, "current_password",
		    "This is not your current password.");
		resp_free(&r);
	}
	/* A session taken over finds no more than sign-in would. */
	form = fmt("current_password=%s&new_password=correct+horse+battery"
	    "&confirm_password=correct+horse+battery", cur);
	post_csrf(h, "/account/password", csrf, form, &r);
	assert_status(&r, 429);
	assert_marked(&r, "current_password", "Wait 15 minutes");
	assert_header(&r, "Retry-After", "900");
	resp_free(&r);
	free(form);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " type = 'password_changed' AND actor = '%s'", a_guess.email), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " type = 'login_failed' AND actor = '%s'", a_guess.email), 5);
	/* The guesses count against sign-in too. */
	assert_int_equal(login_status(a_guess.email, a_guess.pw), 429);
	free(cur);
	free(csrf);
	http_free(h);
}

/* --- 12. escaping --------------------------------------------------------- */

static void
test_user_supplied_text_is_escaped(void **state)
{
	struct http	*h = signin(a_admin.email, a_admin.pw), *anon;
	struct resp	 r;
	char		*csrf = csrf_of(h);

	(void)state;
	post_csrf(h, "/admin/users", csrf, "email=esc%40a.test"
	    "&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&role=interviewer", &r);
	assert_status(&r, 200);
	assert_has(&r, "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_lacks(&r, "<script>alert");
	resp_free(&r);

	get(h, "/admin/users", &r);
	assert_status(&r, 200);
	assert_has(&r, "esc@a.test");
	assert_has(&r, "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_lacks(&r, "<script>alert");
	resp_free(&r);

	/* Into an attribute, on the sign-in form shown again. */
	anon = http_new(&S);
	{
		struct resp f;
		char *c, *body;

		get(anon, "/login", &f);
		c = resp_csrf(&f);
		assert_non_null(c);
		resp_free(&f);
		body = fmt("csrf=%s&email=%%22%%3E%%3Cscript%%3Ealert(2)"
		    "%%3C%%2Fscript%%3E&password=x", c);
		post(anon, "/login", body, &r);
		assert_status(&r, 400);
		assert_has(&r, "value=\"&quot;&gt;&lt;script&gt;alert(2)");
		assert_lacks(&r, "<script>alert");
		resp_free(&r);
		free(body);
		free(c);
	}
	http_free(anon);
	free(csrf);
	http_free(h);
}

/* --- 13. bad input -------------------------------------------------------- */

static char *
counts(void)
{
	return sql("SELECT (SELECT count(*) FROM users),"
	    " (SELECT count(*) FROM orgs), (SELECT count(*) FROM web_sessions),"
	    " (SELECT count(*) FROM api_tokens), (SELECT count(*) FROM events),"
	    " (SELECT max(password_changed_at)::text FROM users)");
}

static void
test_bad_input_is_refused_and_changes_nothing(void **state)
{
	struct http	*h = signin(a_admin.email, a_admin.pw), *anon;
	struct resp	 r;
	char		*csrf = csrf_of(h), *before, *after, *big, *body;
	char		*longname, *hdr;
	const char	*hdrs[3];
	size_t		 n, off;

	(void)state;
	before = counts();

	/* Over 2 MiB: refused before the app reads it (nginx, or the app). */
	n = 2 * 1024 * 1024 + 4096;
	big = malloc(n + 1);
	assert_non_null(big);
	off = (size_t)snprintf(big, n, "csrf=%s&email=big%%40a.test"
	    "&role=interviewer&name=", csrf);
	memset(big + off, 'a', n - off);
	big[n] = '\0';
	(void)http_req(h, "POST", "/admin/users", "application/x-www-form-urlencoded",
	    big, n, NULL, &r);	/* nginx may close while the body is still going */
	assert_status(&r, 413);
	/* An ordinary form's words, not the import's (cgi_test has each). */
	assert_has(&r, "The request body is larger than this server accepts.");
	resp_free(&r);
	/* 1.5 MiB passes nginx; the app's field limit (512 KiB) answers. */
	n = 1536 * 1024;
	big[n] = '\0';
	if (http_req(h, "POST", "/admin/users", "application/x-www-form-urlencoded",
	    big, n, NULL, &r) != 0)
		fail_msg("no response");
	assert_status(&r, 413);
	assert_header_has(&r, "Content-Type", "text/html");
	assert_has(&r, "too long");
	resp_free(&r);
	free(big);

	/* Not UTF-8. */
	body = fmt("csrf=%s&email=utf%%40a.test&name=%%FF%%FE&role=interviewer", csrf);
	post(h, "/admin/users", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "not valid UTF-8");
	resp_free(&r);
	free(body);
	/* A NUL byte. */
	body = fmt("csrf=%s&email=nul%%40a.test&name=a%%00b&role=interviewer", csrf);
	post(h, "/admin/users", body, &r);
	assert_status(&r, 400);
	resp_free(&r);
	free(body);

	/* Multipart whose boundary is not the one in the body, and one with none. */
#define PART(name)	"--real\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\n"
	body = fmt(PART("csrf") "%s\r\n" PART("email") "mp@a.test\r\n"
	    PART("role") "interviewer\r\n--real--\r\n", csrf);
#undef PART
	if (http_req(h, "POST", "/admin/users", "multipart/form-data; boundary=fake",
	    body, strlen(body), NULL, &r) != 0)
		fail_msg("no response");
	assert_status(&r, 400);
	assert_has(&r, "boundary");
	resp_free(&r);
	if (http_req(h, "POST", "/admin/users", "multipart/form-data",
	    body, strlen(body), NULL, &r) != 0)
		fail_msg("no response");
	assert_status(&r, 400);
	resp_free(&r);
	if (http_req(h, "POST", "/admin/users", "multipart/form-data; boundary=\"real",
	    body, strlen(body), NULL, &r) != 0)
		fail_msg("no response");
	assert_status(&r, 400);
	resp_free(&r);
	free(body);

	/* A forged session cookie is no session at all. */
	anon = http_new(&S);
	hdrs[0] = "Cookie: viva_session=forged-forged-forged-forged-forged-forged-f";
	hdrs[1] = NULL;
	if (http_req(anon, "GET", "/admin", NULL, NULL, 0, hdrs, &r) != 0)
		fail_msg("no response");
	assert_location(&r, "/login?next=/admin");
	resp_free(&r);
	if (http_req(anon, "GET", "/", NULL, NULL, 0, hdrs, &r) != 0)
		fail_msg("no response");
	assert_location(&r, "/login");
	resp_free(&r);
	body = fmt("csrf=%s&email=forged%%40a.test&role=admin", csrf);
	if (http_req(anon, "POST", "/admin/users", "application/x-www-form-urlencoded",
	    body, strlen(body), hdrs, &r) != 0)
		fail_msg("no response");
	assert_status(&r, 401);
	assert_has(&r, "Sign in");
	resp_free(&r);
	free(body);
	/* Junk and a long value in the cookie header. */
	longname = malloc(5001);
	memset(longname, 'Z', 5000);
	longname[5000] = '\0';
	hdr = fmt("Cookie: viva_session=%%FF%%00; =; ;;viva_session=%s", longname);
	hdrs[0] = hdr;
	if (http_req(anon, "GET", "/admin", NULL, NULL, 0, hdrs, &r) != 0)
		fail_msg("no response");
	assert_location(&r, "/login?next=/admin");
	resp_free(&r);
	free(hdr);
	free(longname);
	http_free(anon);

	/* A name over 200 characters. */
	longname = malloc(202);
	memset(longname, 'n', 201);
	longname[201] = '\0';
	body = fmt("csrf=%s&email=long%%40a.test&name=%s&role=interviewer",
	    csrf, longname);
	post(h, "/admin/users", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "name", "Enter at most 200 characters.");
	assert_unmarked(&r, "email");
	assert_has(&r, "value=\"long@a.test\"");
	resp_free(&r);
	free(body);
	free(longname);

	after = counts();
	assert_string_equal(before, after);
	assert_int_equal(sql_num("SELECT count(*) FROM users WHERE email IN"
	    " ('big@a.test', 'utf@a.test', 'nul@a.test', 'mp@a.test',"
	    " 'forged@a.test', 'long@a.test')"), 0);
	free(before);
	free(after);
	free(csrf);
	http_free(h);
}

/* --- 14. PostgreSQL restarts ---------------------------------------------- */

static void
test_database_restart_is_survived(void **state)
{
	struct http	*h = signin(a_admin.email, a_admin.pw);
	struct resp	 r;
	int		 i, kids[4];

	(void)state;
	get(h, "/admin", &r);
	assert_status(&r, 200);
	resp_free(&r);

	assert_int_equal(stack_sh(&S, "as_pg \"$PGBIN/pg_ctl\" -D \"$(pg_dir)/data\""
	    " -m fast -w restart >/dev/null"), 0);

	/* Enough requests that every pool process meets its dead connection. */
	for (i = 0; i < 8; i++) {
		get(h, "/admin", &r);
		assert_status(&r, 200);
		assert_has(&r, "Welcome");
		resp_free(&r);
		get(h, "/healthz", &r);
		assert_status(&r, 200);
		assert_string_equal(r.body, "ok\n");
		resp_free(&r);
	}
	assert_int_equal(login_status(a_int.email, a_int.pw), 303);

	get(h, "/metrics", &r);
	assert_status(&r, 200);
	assert_true(metric_in(r.body, "viva_db_reconnects_total") >= 1);
	assert_lacks(&r, "status=\"500\"");
	assert_lacks(&r, "status=\"503\"");
	resp_free(&r);
	assert_int_equal(stack_fcgi_children(&S, kids, 4), 2);
	http_free(h);
}

/*
 * A statement stuck behind a lock (a long migration, a stray session) is
 * cut off at db_statement_timeout_ms: the page says to try again instead
 * of hanging, and the next request, once the lock is gone, works.
 */
static void
test_a_held_lock_gives_try_again_not_a_hang(void **state)
{
	struct http	*h = signin(a_admin.email, a_admin.pw);
	struct resp	 r;

	(void)state;
	assert_int_equal(stack_hold_lock(&S, "web_sessions"), 0);
	get(h, "/admin", &r);
	assert_status(&r, 503);
	assert_has(&r, "Try again in a moment.");
	resp_free(&r);
	cut_off++;
	stack_release_lock(&S, "web_sessions");
	get(h, "/admin", &r);
	assert_status(&r, 200);
	assert_has(&r, "Welcome");
	resp_free(&r);
	http_free(h);
}

static const char *
db_setting(struct arena *ar, struct db *db, const char *name)
{
	const char	*p[] = { name };
	struct db_res	*r;

	assert_int_equal(db_query(ar, db, SQL("SELECT current_setting($1)"),
	    p, 1, &r), ST_OK);
	return db_get(r, 0, 0);
}

/*
 * A connection's session settings (generic plans from the first run, no
 * JIT compiling, no parallel workers, the statement time limit) hold from
 * its start, and again on the connection made anew after the server
 * dropped the first one.
 */
static void
test_db_session_settings_hold_after_a_reconnect(void **state)
{
	struct arena	*ar = arena_new();
	char		*url = stack_out(&S, "echo \"host=$(pg_dir)/socket"
			    " dbname=viva user=viva\"");
	struct db	*db;
	int		 round;

	(void)state;
	assert_int_equal(db_open(url, &db), ST_OK);
	db_statement_timeout(db, 4321);
	for (round = 0; round < 2; round++) {
		assert_string_equal(db_setting(ar, db, "plan_cache_mode"),
		    "force_generic_plan");
		assert_string_equal(db_setting(ar, db, "jit"), "off");
		assert_string_equal(db_setting(ar, db,
		    "max_parallel_workers_per_gather"), "0");
		assert_string_equal(db_setting(ar, db, "statement_timeout"),
		    "4321ms");
		free(sql("SELECT pg_terminate_backend(pid) FROM"
		    " pg_stat_activity WHERE query LIKE '%%current_setting%%'"
		    " AND pid <> pg_backend_pid()"));
	}
	assert_int_equal(db_reconnects(db), 1);
	db_close(db);
	free(url);
	arena_free(ar);
}

static long long
probe_rows(struct arena *ar, struct db *db)
{
	struct db_res	*r;

	assert_int_equal(db_query(ar, db, SQL("SELECT count(*) FROM"
	    " pipe_probe"), NULL, 0, &r), ST_OK);
	return db_int(r, 0, 0);
}

static enum status
probe_insert(struct db *db, const char *id)
{
	const char	*p[] = { id };

	return db_exec_deferred(db, SQL("INSERT INTO pipe_probe VALUES"
	    " ($1::int)"), p, 1);
}

/*
 * A transaction's BEGIN and its deferred statements reach the server with
 * the next statement or the COMMIT: in order (a query sees the rows a
 * deferred insert made), all or nothing (a rollback keeps none; a deferred
 * statement that fails is the next call's failure, and the COMMIT after it
 * keeps nothing), and the connection is ready for the next transaction.
 */
static void
test_db_deferred_statements_go_with_the_next_one(void **state)
{
	struct arena	*ar = arena_new();
	char		*url = stack_out(&S, "echo \"host=$(pg_dir)/socket"
			    " dbname=viva user=viva\"");
	char		 id[8];
	struct db	*db;

	(void)state;
	free(sql("CREATE TABLE pipe_probe (id int PRIMARY KEY)"));
	assert_int_equal(db_open(url, &db), ST_OK);
	assert_int_equal(probe_insert(db, "1"), ST_INTERNAL);	/* no transaction */
	assert_int_equal(db_begin(db), ST_OK);
	assert_int_equal(probe_insert(db, "1"), ST_OK);
	assert_int_equal(probe_insert(db, "2"), ST_OK);
	assert_int_equal(probe_rows(ar, db), 2);	/* sent first */
	assert_int_equal(probe_insert(db, "3"), ST_OK);
	assert_int_equal(db_commit(db), ST_OK);
	assert_int_equal(probe_rows(ar, db), 3);

	assert_int_equal(db_begin(db), ST_OK);
	assert_int_equal(probe_insert(db, "4"), ST_OK);
	db_rollback(db);
	assert_int_equal(probe_rows(ar, db), 3);

	assert_int_equal(db_begin(db), ST_OK);
	assert_int_equal(probe_insert(db, "5"), ST_OK);
	assert_int_equal(probe_insert(db, "1"), ST_OK);	/* a duplicate */
	assert_int_equal(db_commit(db), ST_CONFLICT);
	assert_int_equal(probe_rows(ar, db), 3);	/* not 5 either */

	assert_int_equal(db_begin(db), ST_OK);
	assert_int_equal(probe_insert(db, "2"), ST_OK);	/* a duplicate */
	{
		struct db_res	*r;

		assert_int_equal(db_query(ar, db, SQL("SELECT 1"), NULL, 0,
		    &r), ST_CONFLICT);
	}
	db_rollback(db);

	/* A BEGIN alone sends nothing; a link lost before it is remade. */
	assert_int_equal(db_begin(db), ST_OK);
	assert_int_equal(db_commit(db), ST_OK);
	assert_int_equal(probe_rows(ar, db), 3);	/* its last query, to find it */
	free(sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
	    " WHERE query LIKE '%%pipe_probe%%' AND pid <> pg_backend_pid()"));
	assert_int_equal(db_begin(db), ST_OK);
	snprintf(id, sizeof(id), "%d", 6);
	assert_int_equal(probe_insert(db, id), ST_OK);
	assert_int_equal(probe_rows(ar, db), 4);
	assert_int_equal(db_commit(db), ST_OK);
	assert_int_equal(db_reconnects(db), 1);
	assert_int_equal(probe_rows(ar, db), 4);
	db_close(db);
	free(sql("DROP TABLE pipe_probe"));
	free(url);
	arena_free(ar);
}

/*
 * The stack's pool has one process taking every request and one in reserve
 * (stack.c: VIVA_ACTIVE_WORKERS=1).  While the first is stuck on a request
 * behind a lock, the reserve takes the others: the sign-in page, which
 * needs no lock, comes at once, not when the lock goes.
 */
static void
test_a_request_stuck_on_a_lock_does_not_hold_up_other_pages(void **state)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	long long	 t0, ms;

	(void)state;
	assert_int_equal(stack_hold_lock(&S, "candidate_sessions"), 0);
	assert_int_equal(stack_sh(&S, "(curl -s -o /dev/null -H \"Cookie:"
	    " viva_candidate=nobody-has-this-link-0123456789abcdef\""
	    " http://127.0.0.1:%d/c &)", S.port), 0);
	usleep(300 * 1000);	/* the candidate page waits on the lock */
	t0 = ms_now();
	get(h, "/login", &r);
	ms = ms_now() - t0;
	assert_status(&r, 200);
	resp_free(&r);
	stack_release_lock(&S, "candidate_sessions");
	printf("sign-in page beside a stuck request: %lld ms\n", ms);
	assert_true(ms < 1000);
	http_free(h);
}

/* A counter of /metrics, read now. */
static double
metric_now(const char *series)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	double		 v;

	get(h, "/metrics", &r);
	assert_status(&r, 200);
	v = metric_in(r.body, series);
	resp_free(&r);
	http_free(h);
	assert_true(v >= 0);
	return v;
}

/*
 * nginx keeps its connections to the pool open (fastcgi_keep_conn): forty
 * requests one after another go over those it has, not forty new ones.
 */
static void
test_requests_reuse_kept_connections(void **state)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	double		 before, opened;
	int		 i;

	(void)state;
	before = metric_now("viva_fcgi_connections_accepted_total");
	for (i = 0; i < 40; i++) {
		get(h, "/login", &r);
		assert_status(&r, 200);
		resp_free(&r);
	}
	opened = metric_now("viva_fcgi_connections_accepted_total") - before;
	printf("40 requests opened %.0f connections\n", opened);
	assert_true(opened <= 2);
	http_free(h);
}

/*
 * A request stuck in the database holds its process, and nginx may send the
 * next requests to the connections that process keeps idle, which it does
 * not read while stuck.  The reserve sees it stuck and nudges it to hand
 * them to another process (pool_nudge_stuck, conns.c): none waits for it.
 */
static void
test_requests_do_not_wait_behind_a_stuck_process(void **state)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	long long	 t0, ms, worst = 0;
	double		 handed;
	int		 i;

	(void)state;
	/* Sixteen at once: both active processes keep connections. */
	assert_int_equal(stack_sh(&S, "for i in $(seq 16); do curl -s -o"
	    " /dev/null http://127.0.0.1:%d/login & done; wait", S.port), 0);
	usleep(200 * 1000);
	handed = metric_now("viva_fcgi_connections_handed_over_total");
	assert_int_equal(stack_hold_lock(&S, "candidate_sessions"), 0);
	assert_int_equal(stack_sh(&S, "(curl -s -o /dev/null -H \"Cookie:"
	    " viva_candidate=nobody-has-this-link-0123456789abcdef\""
	    " http://127.0.0.1:%d/c &)", S.port), 0);
	usleep(300 * 1000);
	assert_true(metric_now("viva_fcgi_connections_handed_over_total") >
	    handed);
	for (i = 0; i < 20; i++) {
		t0 = ms_now();
		get(h, "/login", &r);
		ms = ms_now() - t0;
		assert_status(&r, 200);
		resp_free(&r);
		worst = ms > worst ? ms : worst;
	}
	stack_release_lock(&S, "candidate_sessions");
	printf("slowest of 20 pages beside a stuck process: %lld ms\n", worst);
	assert_true(worst < 1000);
	http_free(h);
}

/*
 * Sends GET /healthz as nginx frames it to a pool on 127.0.0.1:port; returns
 * how many bytes of answer came before the connection ended (0: refused).
 */
static long
fcgi_tcp_healthz(int port)
{
	FCGI_BeginRequestBody	 begin;
	struct sockaddr_in	 sa;
	struct timeval		 tv = { 5, 0 };
	char			 req[1024], params[512], buf[4096];
	size_t			 n = 0, pn = 0;
	long			 got = 0;
	ssize_t			 k;
	int			 fd;

	memset(&begin, 0, sizeof(begin));
	begin.roleB0 = FCGI_RESPONDER;
	fcgi_pair(params, &pn, "REQUEST_METHOD", "GET");
	fcgi_pair(params, &pn, "DOCUMENT_URI", "/healthz");
	fcgi_pair(params, &pn, "REMOTE_ADDR", "127.0.0.1");
	fcgi_record(req, &n, FCGI_BEGIN_REQUEST, &begin, sizeof(begin));
	fcgi_record(req, &n, FCGI_PARAMS, params, pn);
	fcgi_record(req, &n, FCGI_PARAMS, NULL, 0);
	fcgi_record(req, &n, FCGI_STDIN, NULL, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	if (write(fd, req, n) == (ssize_t)n)
		while ((k = read(fd, buf, sizeof(buf))) > 0)
			got += k;
	close(fd);
	return got;
}

/* Starts a second pool on 127.0.0.1:port letting in addrs; returns its pid. */
static int
tcp_pool(int port, const char *addrs)
{
	int	i;

	assert_int_equal(stack_sh(&S, "FCGI_WEB_SERVER_ADDRS=\"%s\" setsid"
	    " \"$FCGI\" --config \"$CONF\" --listen --socket 127.0.0.1:%d"
	    " --workers 1 --pidfile \"$VAR/run/tcp.pid\" </dev/null"
	    " >>\"$VAR/log/viva-fcgi-tcp.log\" 2>&1 &", addrs, port), 0);
	for (i = 0; i < 100 && stack_sh(&S, "port_busy %d", port) != 0; i++)
		usleep(50 * 1000);
	assert_true(i < 100);
	return (int)stack_num(&S, "cat \"$VAR/run/tcp.pid\"");
}

static void
stop_tcp_pool(int pid, int port)
{
	int	i;

	assert_int_equal(kill(pid, SIGTERM), 0);
	for (i = 0; i < 100 && stack_sh(&S, "port_busy %d", port) == 0; i++)
		usleep(50 * 1000);
}

/*
 * Over TCP (docs/OPERATIONS.md, "Scaling out") a pool lets in only the web
 * servers FCGI_WEB_SERVER_ADDRS names: libfcgi checked them as it accepted,
 * and conns.c accepts now.
 */
static void
test_a_tcp_pool_lets_in_only_its_web_servers(void **state)
{
	int	port = stack_free_port(), pid;

	(void)state;
	pid = tcp_pool(port, "10.9.9.9");
	assert_int_equal(fcgi_tcp_healthz(port), 0);
	stop_tcp_pool(pid, port);
	assert_true(stack_log_count(&S, "viva-fcgi-tcp.log",
	    "refused a FastCGI connection from 127.0.0.1") >= 1);
	pid = tcp_pool(port, "10.9.9.9, 127.0.0.1");
	assert_true(fcgi_tcp_healthz(port) > 0);
	stop_tcp_pool(pid, port);
}

/* Context switches a process made of its own accord so far. */
static long
voluntary_switches(int pid)
{
	return (long)stack_num(&S, "sed -n \"s/^voluntary_ctxt_switches:"
	    "[[:space:]]*//p\" /proc/%d/status", pid);
}

/*
 * With nothing to do, the pool sleeps: the active process in accept, the
 * reserve on pool.c's bell, where it used to wake every 10 ms to look at
 * the active one (150 times in these 1.5 s).
 */
static void
test_an_idle_pool_sleeps(void **state)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	long		 before[8], woke;
	int		 kids[8], n, i;

	(void)state;
	get(h, "/login", &r);	/* a request, then quiet */
	assert_status(&r, 200);
	resp_free(&r);
	http_free(h);
	usleep(100 * 1000);
	n = stack_fcgi_children(&S, kids, 8);
	assert_true(n >= 2);
	for (i = 0; i < n; i++)
		before[i] = voluntary_switches(kids[i]);
	usleep(1500 * 1000);
	for (i = 0; i < n; i++) {
		woke = voluntary_switches(kids[i]) - before[i];
		printf("pool process %d woke %ld times in 1.5 s\n", kids[i],
		    woke);
		assert_true(woke < 10);
	}
}

/* Every pool process runs under its deny-list (sandbox_no_intrusion). */
static void
test_pool_processes_run_under_their_seccomp_filter(void **state)
{
	int	 kids[8], n, i;
	char	*out;

	(void)state;
	n = stack_fcgi_children(&S, kids, 8);
	assert_true(n >= 2);
	for (i = 0; i < n; i++) {
		out = stack_out(&S, "grep -c \"^Seccomp:.2\" /proc/%d/status",
		    kids[i]);
		assert_int_equal(atoi(out), 1);
		free(out);
	}
}

/* --- 15. a pool process dies ---------------------------------------------- */

static int
has_pid(const int *pids, int n, int pid)
{
	int	i;

	for (i = 0; i < n; i++)
		if (pids[i] == pid)
			return 1;
	return 0;
}

static void
test_killed_pool_process_is_replaced(void **state)
{
	struct http	*h = signin(a_admin.email, a_admin.pw);
	struct resp	 r;
	struct timespec	 pause = { 0, 100 * 1000 * 1000 };
	int		 old[4], now[4], n = 0, i, tries;

	(void)state;
	assert_int_equal(stack_fcgi_children(&S, old, 4), 2);
	assert_int_equal(kill(old[0], SIGKILL), 0);
	kills++;
	for (tries = 0; tries < 30; tries++) {
		nanosleep(&pause, NULL);
		n = stack_fcgi_children(&S, now, 4);
		if (n == 2 && !has_pid(now, n, old[0]))
			break;
	}
	assert_int_equal(n, 2);
	assert_false(has_pid(now, n, old[0]));
	assert_true(has_pid(now, n, old[1]));
	assert_true(now[0] != old[1] || now[1] != old[1]);

	for (i = 0; i < 6; i++) {
		get(h, "/admin", &r);
		assert_status(&r, 200);
		resp_free(&r);
		get(h, "/healthz", &r);
		assert_status(&r, 200);
		resp_free(&r);
	}
	get(h, "/metrics", &r);
	assert_status(&r, 200);
	assert_true(metric_in(r.body, "viva_fcgi_worker_restarts_total") >= 1);
	resp_free(&r);
	http_free(h);
}

/* --- 16. where / and /login send people ----------------------------------- */

static void
test_start_pages_redirect_by_who_is_signed_in(void **state)
{
	struct http	*anon = http_new(&S), *iv, *ad;
	struct resp	 r;

	(void)state;
	get(anon, "/", &r);
	assert_location(&r, "/login");
	resp_free(&r);
	get(anon, "/admin/users", &r);
	assert_location(&r, "/login?next=/admin/users");
	resp_free(&r);
	/* After sign-in, back to where they were going; never off the site. */
	login_post(anon, a_admin.email, a_admin.pw, "/admin/users", &r);
	assert_location(&r, "/admin/users");
	resp_free(&r);
	http_free(anon);
	anon = http_new(&S);
	login_post(anon, a_admin.email, a_admin.pw, "//evil.example/", &r);
	assert_location(&r, "/admin");
	resp_free(&r);
	http_free(anon);
	/* Browsers drop a tab from a URL: "/\t/evil" would be "//evil". */
	anon = http_new(&S);
	login_post(anon, a_admin.email, a_admin.pw, "/\t/evil.example/", &r);
	assert_location(&r, "/admin");
	resp_free(&r);
	http_free(anon);

	iv = signin(a_int.email, a_int.pw);
	get(iv, "/", &r);
	assert_location(&r, "/admin");
	resp_free(&r);
	get(iv, "/login", &r);
	assert_location(&r, "/admin");
	resp_free(&r);
	get(iv, "/admin", &r);
	assert_status(&r, 200);
	assert_has(&r, "Welcome");
	assert_has(&r, "href=\"/admin\"");
	assert_has(&r, "href=\"/account/password\"");
	assert_lacks(&r, "href=\"/admin/users\"");
	assert_lacks(&r, "href=\"/admin/tokens\"");
	/* Who signed in from where is the admin's business, not theirs. */
	assert_lacks(&r, "Signed in");
	resp_free(&r);
	get(iv, "/admin/users", &r);
	assert_status(&r, 403);
	assert_has(&r, "This page is for the organisation");
	assert_lacks(&r, a_admin.email);
	resp_free(&r);
	http_free(iv);

	/* The admin's navigation does have the link the interviewer lacks. */
	ad = signin(a_admin.email, a_admin.pw);
	get(ad, "/admin", &r);
	assert_status(&r, 200);
	assert_has(&r, "href=\"/admin/users\"");
	assert_has(&r, "Signed in");
	resp_free(&r);
	http_free(ad);
}

/* --- after everything: nothing failed on the server's side ---------------- */

static long
log_count(const char *pattern)
{
	return stack_log_count(&S, "viva-fcgi.log", pattern);
}

static void
test_no_request_failed_on_the_server_side(void **state)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	char		*tail;

	(void)state;
	get(h, "/metrics", &r);
	assert_status(&r, 200);
	/* 4xx were asked for; a 5xx never was, but for the held lock's 503s. */
	assert_lacks(&r, "status=\"500\"");
	assert_true(metric_in(r.body, "viva_http_requests_total{route=\"GET /admin\","
	    "status=\"503\"}") == (cut_off > 0 ? cut_off : -1));
	assert_lacks(&r, "status=\"other\"");
	resp_free(&r);
	http_free(h);
	/*
	 * nginx read every answer as FastCGI: a connection it keeps was left
	 * clean by the request before (a body the app did not read, drained).
	 */
	if (stack_log_count(&S, "nginx-error.log", "upstream") != 0) {
		tail = stack_out(&S, "grep upstream \"$VAR/log/nginx-error.log\""
		    " | head -n 20");
		print_error("nginx-error.log:\n%s\n", tail);
		free(tail);
		fail_msg("nginx met an error from the pool");
	}
	/* Request lines carry "status":NNN; a dead pool process, "killed by signal". */
	if (log_count("status.:5") != cut_off || log_count("Sanitizer") != 0 ||
	    log_count("runtime error") != 0 ||
	    log_count("killed by signal") != kills) {
		tail = stack_out(&S, "grep -e status.:5 -e Sanitizer -e \"runtime error\""
		    " -e \"killed by\" -A3 \"$VAR/log/viva-fcgi.log\" | head -n 60");
		print_error("viva-fcgi.log:\n%s\n", tail);
		free(tail);
		fail_msg("the server log shows a 5xx, a sanitizer report or a crash");
	}
}

/* `viva user add` without --org: only where one org can be meant. */
static void
test_user_add_without_an_org_is_refused_among_several(void **state)
{
	char	*out;

	(void)state;
	out = stack_out(&S, "\"$VIVA\" --config \"$CONF\" user add --email"
	    " stray@a.test --role interviewer 2>&1; echo rc=$?");
	if (strstr(out, "several organisations; name one with --org") == NULL ||
	    strstr(out, "rc=1") == NULL)
		fail_msg("%s", out);
	free(out);
	assert_int_equal(sql_num("SELECT count(*) FROM users WHERE email ="
	    " 'stray@a.test'"), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM orgs WHERE name ="
	    " 'Default'"), 0);
	/* Named, a new org is made, and said so. */
	out = stack_out(&S, "\"$VIVA\" --config \"$CONF\" user add --org"
	    " \"Org New\" --email new@n.test 2>&1; echo rc=$?");
	if (strstr(out, "made the organisation \"Org New\"") == NULL ||
	    strstr(out, "org:      Org New") == NULL || strstr(out, "rc=0") == NULL)
		fail_msg("%s", out);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signin_page_has_security_headers_and_csrf_cookie),
		cmocka_unit_test(test_an_idle_pool_sleeps),
		cmocka_unit_test(test_login_starts_a_session_and_logout_ends_it),
		cmocka_unit_test(test_wrong_password_is_refused_and_recorded),
		cmocka_unit_test(test_repeated_failures_throttle_the_account),
		cmocka_unit_test(test_wrong_passwords_sent_at_once_keep_to_the_limit),
		cmocka_unit_test(test_guesses_at_many_accounts_at_once_keep_to_the_address_limit),
		cmocka_unit_test(test_others_failures_do_not_lock_out_a_known_address),
		cmocka_unit_test(test_forms_without_the_csrf_token_are_refused),
		cmocka_unit_test(test_admins_see_and_change_only_their_own_org),
		cmocka_unit_test(test_unknown_pages_and_methods_get_error_answers),
		cmocka_unit_test(test_healthz_and_metrics_report_the_service),
		cmocka_unit_test(test_api_token_is_shown_once_works_and_can_be_revoked),
		cmocka_unit_test(test_api_token_expires_after_its_days),
		cmocka_unit_test(test_adding_a_user_or_token_twice_acts_once),
		cmocka_unit_test(test_admin_adds_disables_enables_and_resets_a_user),
		cmocka_unit_test(test_user_changes_own_password),
		cmocka_unit_test(test_guessing_the_current_password_is_throttled),
		cmocka_unit_test(test_user_supplied_text_is_escaped),
		cmocka_unit_test(test_bad_input_is_refused_and_changes_nothing),
		cmocka_unit_test(test_database_restart_is_survived),
		cmocka_unit_test(test_a_held_lock_gives_try_again_not_a_hang),
		cmocka_unit_test(test_db_session_settings_hold_after_a_reconnect),
		cmocka_unit_test(test_db_deferred_statements_go_with_the_next_one),
		cmocka_unit_test(test_a_request_stuck_on_a_lock_does_not_hold_up_other_pages),
		cmocka_unit_test(test_requests_reuse_kept_connections),
		cmocka_unit_test(test_requests_do_not_wait_behind_a_stuck_process),
		cmocka_unit_test(test_a_tcp_pool_lets_in_only_its_web_servers),
		cmocka_unit_test(test_pool_processes_run_under_their_seccomp_filter),
		cmocka_unit_test(test_killed_pool_process_is_replaced),
		cmocka_unit_test(test_start_pages_redirect_by_who_is_signed_in),
		cmocka_unit_test(test_user_add_without_an_org_is_refused_among_several),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
