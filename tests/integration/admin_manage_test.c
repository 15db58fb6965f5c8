/*
 * admin_manage_test.c: what an admin manages beyond running interviews:
 * deleting an interview (a candidate's erasure request, a duplicate) with
 * everything it holds, files included, on the page and through the API;
 * only an admin of the interview's org can, and only with the form's token;
 * the org's recent activity says whom and which (users, tokens, the API);
 * a user's name and role, and the org's name, are changed by its admins;
 * an org's own roles are renamed and their skill areas edited.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"

static struct account	a_adm = { "Org A", "adm@a.test", "admin", NULL };
static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	b_adm = { "Org B", "adm@b.test", "admin", NULL };
static struct account *const accounts[] = { &a_adm, &a_int, &b_adm };
#define NACCOUNTS	(sizeof(accounts) / sizeof(accounts[0]))

static int
group_setup(void **state)
{
	(void)state;
	return flow_start(accounts, NACCOUNTS);
}

/* assert_has and assert_lacks of a formatted text, which they free. */
#define assert_has_f(r, s)	expect_f(__FILE__, __LINE__, (r), (s), 1)
#define assert_lacks_f(r, s)	expect_f(__FILE__, __LINE__, (r), (s), 0)

static void
expect_f(const char *file, int line, const struct resp *r, char *s, int want)
{
	expect_body(file, line, r, s, want);
	free(s);
}

/* post and get with a formatted body or path, which they free. */
static void
post_f(struct http *h, char *path, char *body, struct resp *r)
{
	post(h, path, body, r);
	free(path);
	free(body);
}

static void
get_f(struct http *h, char *path, struct resp *r)
{
	get(h, path, r);
	free(path);
}

/* A recorded answer's file under the stack's storage_dir, and its row. */
static char *
recording_at(long long iv)
{
	long long	 org = sql_num("SELECT org_id FROM interviews WHERE id = %lld", iv);
	char		*path = fmt("org-%lld/audio/%lld-1-test.ogg", org, iv);

	assert_int_equal(stack_sh(&S, "mkdir -p \"$VAR/storage/org-%lld/audio\" &&"
	    " echo OggS > \"$VAR/storage/%s\"", org, path), 0);
	sql_do("INSERT INTO recordings (org_id, interview_id, question_n, path, format,"
	    " bytes, duration_ms, checksum, transcript) VALUES (%lld, %lld, 1, '%s',"
	    " 'ogg', 5, 1000, 'x', 'my spoken secret')", org, iv, path);
	return path;
}

static int
stored(const char *path)
{
	return stack_sh(&S, "test -f \"$VAR/storage/%s\"", path) == 0;
}

static long long
rows_of(long long id)
{
	return sql_num("SELECT (SELECT count(*) FROM interviews WHERE id = %lld)"
	    " + (SELECT count(*) FROM messages WHERE interview_id = %lld)"
	    " + (SELECT count(*) FROM recordings WHERE interview_id = %lld)"
	    " + (SELECT count(*) FROM events WHERE interview_id = %lld)"
	    " + (SELECT count(*) FROM candidate_sessions WHERE interview_id = %lld)",
	    id, id, id, id, id);
}

static void
api_call_json(const char *method, const char *path, const char *token,
    const char *json, struct resp *r)
{
	struct http	*h = http_new(&S);
	char		*auth = fmt("Authorization: Bearer %s", token);
	const char	*hdrs[] = { auth, NULL };

	if (http_req(h, method, path, json ? "application/json" : NULL, json,
	    json ? strlen(json) : 0, hdrs, r) != 0)
		fail_msg("%s %s: no response", method, path);
	free(auth);
	http_free(h);
}

static void
api_call(const char *method, const char *path, const char *token,
    struct resp *r)
{
	api_call_json(method, path, token, NULL, r);
}

/*
 * An admin deletes an interview from its page, behind a confirm step that
 * says what goes: its rows go (conversation, recordings, timeline), its
 * recording's file too, the candidate's link stops working, and the org's
 * timeline keeps who deleted which interview, without the candidate.  An
 * interviewer is not offered it and is refused; another org's admin gets a
 * 404; a post without the form's token changes nothing.
 */
static void
test_an_admin_deletes_an_interview_and_all_it_holds(void **state)
{
	struct http	*adm = signin(&a_adm), *itv = signin(&a_int);
	struct http	*b = signin(&b_adm), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *ccsrf, *path, *detail;

	(void)state;
	create_custom(itv, "Erin Erasure", 50000, &c);
	cand = start(&c, &ccsrf);
	assert_int_equal(message_post(cand, ccsrf, "How do I add numbers?", &r),
	    303);
	resp_free(&r);
	path = recording_at(c.id);
	/* A chunked upload the candidate left half way. */
	sql_do("INSERT INTO oneway_uploads (id, org_id, interview_id, n,"
	    " total_chunks, total_bytes, ctype) SELECT"
	    " '0123456789abcdef0123456789abcdef', org_id, id, 1, 2, 10,"
	    " 'audio/webm' FROM interviews WHERE id = %lld", c.id);
	assert_int_equal(stack_sh(&S, "mkdir -p \"$VAR/storage/tmp/up-0123456789"
	    "abcdef0123456789abcdef\" && echo x > \"$VAR/storage/tmp/up-0123456789"
	    "abcdef0123456789abcdef/000000\""), 0);
	assert_true(rows_of(c.id) > 3);

	/* An interviewer: no button, no question, and a refusal. */
	get_f(itv, fmt("/admin/interviews/%lld", c.id), &r);
	assert_lacks(&r, "Delete interview");
	resp_free(&r);
	get_f(itv, fmt("/admin/interviews/%lld?confirm=delete", c.id), &r);
	assert_lacks(&r, "Yes, delete the interview");
	resp_free(&r);
	csrf = csrf_of(itv, "/admin/interviews");
	post_f(itv, fmt("/admin/interviews/%lld/delete", c.id),
	    fmt("csrf=%s", csrf), &r);
	assert_status(&r, 403);
	resp_free(&r);
	free(csrf);

	/* Another org's admin: not theirs to see. */
	csrf = csrf_of(b, "/admin/interviews");
	post_f(b, fmt("/admin/interviews/%lld/delete", c.id),
	    fmt("csrf=%s", csrf), &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(csrf);

	/* The admin: the button, then the question that says what goes. */
	get_f(adm, fmt("/admin/interviews/%lld", c.id), &r);
	assert_has(&r, "?confirm=delete\">Delete interview…</a>");
	resp_free(&r);
	get_f(adm, fmt("/admin/interviews/%lld?confirm=delete", c.id), &r);
	assert_has(&r, "This deletes the interview, its conversation, answers,"
	    " recordings and their files");
	assert_has(&r, "cannot be undone");
	assert_has_f(&r, fmt("action=\"/admin/interviews/%lld/delete\"", c.id));
	assert_has(&r, "Yes, delete the interview");
	resp_free(&r);

	/* Without the form's token: refused, nothing gone. */
	post_f(adm, fmt("/admin/interviews/%lld/delete", c.id), fmt("csrf=x"),
	    &r);
	assert_status(&r, 403);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld",
	    c.id), 1);
	assert_true(stored(path));

	csrf = csrf_of(adm, "/admin/interviews");
	post_f(adm, fmt("/admin/interviews/%lld/delete", c.id),
	    fmt("csrf=%s", csrf), &r);
	assert_redirect(&r, "/admin/interviews?done=deleted");
	resp_free(&r);
	get(adm, "/admin/interviews?done=deleted", &r);
	assert_has(&r, "The interview was deleted");
	assert_lacks(&r, "Erin Erasure");
	resp_free(&r);
	assert_int_equal(rows_of(c.id), 0);
	assert_false(stored(path));
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_uploads WHERE"
	    " interview_id = %lld", c.id), 0);
	assert_false(stored("tmp/up-0123456789abcdef0123456789abcdef"));
	assert_int_equal(stack_sh(&S, "test -d \"$VAR/storage/tmp/up-0123456789"
	    "abcdef0123456789abcdef\""), 1);
	get_f(adm, fmt("/admin/interviews/%lld", c.id), &r);
	assert_status(&r, 404);
	resp_free(&r);
	get(cand, "/c", &r);
	assert_lacks(&r, "How do I add numbers?");
	resp_free(&r);

	/* The org's record: which interview and who, not the candidate. */
	detail = sql_str("SELECT actor || ' ' || detail::text FROM events WHERE"
	    " type = 'interview_deleted' AND org_id = (SELECT id FROM orgs"
	    " WHERE name = 'Org A') AND (detail->>'interview')::bigint = %lld",
	    c.id);
	assert_non_null(strstr(detail, "adm@a.test"));
	assert_null(strstr(detail, "Erin"));
	assert_null(strstr(detail, "c@x.test"));
	get(adm, "/admin", &r);
	assert_has_f(&r, fmt("Interview %lld deleted (assisted), with its answers"
	    " and 1 recording", c.id));
	resp_free(&r);

	free(detail);
	free(csrf);
	free(ccsrf);
	free(path);
	free(c.token);
	http_free(cand);
	http_free(adm);
	http_free(itv);
	http_free(b);
}

/*
 * DELETE /api/v1/interviews/:id with an admin's token deletes it; an
 * interviewer's token is refused (403), another org's admin gets a 404, and
 * a second delete finds nothing.
 */
static void
test_an_admins_token_deletes_an_interview(void **state)
{
	struct http	*itv = signin(&a_int);
	char		*ta = api_token_of(&a_adm, "Erasures");
	char		*tb = api_token_of(&b_adm, "Other");
	char		*ti, *p;
	struct created	 c;
	struct resp	 r;

	(void)state;
	/* An interviewer's token: made while an admin, as a demoted admin's. */
	sql_do("UPDATE users SET role = 'admin' WHERE email = 'int@a.test'");
	ti = api_token_of(&a_int, "Mine");
	sql_do("UPDATE users SET role = 'interviewer' WHERE email = 'int@a.test'");
	create_custom(itv, "Api Erasure", 50000, &c);
	p = fmt("/api/v1/interviews/%lld", c.id);
	api_call("DELETE", p, ti, &r);
	assert_status(&r, 403);
	assert_has(&r, "for the organisation's admins");
	resp_free(&r);
	api_call("DELETE", p, tb, &r);
	assert_status(&r, 404);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld",
	    c.id), 1);
	/*
	 * A recording's file that cannot be removed (a folder in its place):
	 * the delete stands and the log says which file is left.
	 */
	assert_int_equal(stack_sh(&S, "mkdir -p \"$VAR/storage/org-1/audio/"
	    "stuck-%lld.ogg\" && touch \"$VAR/storage/org-1/audio/stuck-%lld.ogg"
	    "/x\"", c.id, c.id), 0);
	sql_do("INSERT INTO recordings (org_id, interview_id, question_n, path,"
	    " format, bytes, duration_ms, checksum) SELECT org_id, id, 1,"
	    " 'org-1/audio/stuck-%lld.ogg', 'ogg', 5, 1000, 'x' FROM interviews"
	    " WHERE id = %lld", c.id, c.id);
	api_call("DELETE", p, ta, &r);
	assert_status(&r, 200);
	assert_has_f(&r, fmt("{\"deleted\":{\"id\":%lld}}", c.id));
	resp_free(&r);
	assert_true(stack_log_count(&S, "viva-fcgi.log", "deleted, but its"
	    " recording .*stuck-.*could not be removed") >= 1);
	assert_int_equal(rows_of(c.id), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " type = 'interview_deleted' AND actor = 'adm@a.test' AND"
	    " (detail->>'interview')::bigint = %lld", c.id), 1);
	api_call("DELETE", p, ta, &r);
	assert_status(&r, 404);
	assert_has(&r, "There is no interview with that id");
	resp_free(&r);
	free(p);
	free(ta);
	free(ti);
	free(tb);
	free(c.token);
	http_free(itv);
}

/*
 * Disable, reset password and revoke cannot be taken back without work: the
 * lists link to a page that says what happens and asks; only its button
 * acts, and a look at the page changes nothing.  Another org's gets 404.
 */
static void
test_lasting_actions_ask_first(void **state)
{
	struct http	*adm = signin(&a_adm), *b = signin(&b_adm);
	struct resp	 r;
	char		*csrf = csrf_of(adm, "/admin/users"), *tok;
	long long	 uid, tid, n;

	(void)state;
	post_f(adm, fmt("/admin/users"), fmt("csrf=%s&email=dee%%40a.test"
	    "&name=Dee&role=interviewer", csrf), &r);
	resp_free(&r);
	uid = sql_num("SELECT id FROM users WHERE email = 'dee@a.test'");
	tok = api_token_of(&a_adm, "Nightly sync");
	tid = sql_num("SELECT id FROM api_tokens WHERE name = 'Nightly sync'");
	n = sql_num("SELECT count(*) FROM events");
	get(adm, "/admin/users", &r);
	assert_has_f(&r, fmt("href=\"/admin/users/%lld/disable\">Disable</a>",
	    uid));
	assert_has_f(&r, fmt("href=\"/admin/users/%lld/reset\">Reset"
	    " password</a>", uid));
	assert_lacks_f(&r, fmt("action=\"/admin/users/%lld/disable\"", uid));
	resp_free(&r);
	get_f(adm, fmt("/admin/users/%lld/disable", uid), &r);
	assert_status(&r, 200);
	assert_has(&r, "<h1 class=\"page-title\">Disable dee@a.test?</h1>");
	assert_has(&r, "They are signed out at once");
	assert_has_f(&r, fmt("action=\"/admin/users/%lld/disable\"", uid));
	assert_has(&r, ">Disable the account</button>");
	assert_has(&r, "<a class=\"btn\" href=\"/admin/users\">Cancel</a>");
	resp_free(&r);
	get_f(adm, fmt("/admin/users/%lld/reset", uid), &r);
	assert_has(&r, "Reset the password of dee@a.test?");
	assert_has(&r, "The next page shows the new password once");
	resp_free(&r);
	get(adm, "/admin/tokens", &r);
	assert_has_f(&r, fmt("href=\"/admin/tokens/%lld/revoke\">Revoke</a>",
	    tid));
	resp_free(&r);
	get_f(adm, fmt("/admin/tokens/%lld/revoke", tid), &r);
	assert_has(&r, "Revoke the API token \u201cNightly sync\u201d?");
	assert_has(&r, "are refused from now on");
	resp_free(&r);
	/* Looking acted on nothing. */
	assert_int_equal(sql_num("SELECT count(*) FROM events"), n);
	assert_int_equal(sql_num("SELECT count(*) FROM users WHERE id = %lld"
	    " AND disabled_at IS NULL", uid), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM api_tokens WHERE"
	    " id = %lld AND revoked_at IS NULL", tid), 1);
	get_f(b, fmt("/admin/users/%lld/disable", uid), &r);
	assert_status(&r, 404);
	resp_free(&r);
	get_f(b, fmt("/admin/tokens/%lld/revoke", tid), &r);
	assert_status(&r, 404);
	resp_free(&r);
	/* The page's button acts; asked again, the list says it is done. */
	post_f(adm, fmt("/admin/tokens/%lld/revoke", tid), fmt("csrf=%s", csrf),
	    &r);
	assert_status(&r, 303);
	resp_free(&r);
	get_f(adm, fmt("/admin/tokens/%lld/revoke", tid), &r);
	assert_redirect(&r, "/admin/tokens");
	resp_free(&r);
	free(tok);
	free(csrf);
	http_free(b);
	http_free(adm);
}

/*
 * The admin home's Recent activity says whom an account event was about
 * and which token, and marks an interview made through the API with its
 * token's name; another org's admin cannot act on the user (404), and a
 * post without the form's token records nothing.
 */
static void
test_the_activity_says_whom_and_which(void **state)
{
	struct http	*adm = signin(&a_adm), *b = signin(&b_adm);
	struct resp	 r;
	char		*csrf = csrf_of(adm, "/admin/users"), *bcsrf, *tok;
	long long	 uid, tid, n;

	(void)state;
	post_f(adm, fmt("/admin/users"), fmt("csrf=%s&email=bo%%40a.test"
	    "&name=Bo&role=interviewer", csrf), &r);
	assert_status(&r, 200);
	resp_free(&r);
	uid = sql_num("SELECT id FROM users WHERE email = 'bo@a.test'");
	n = sql_num("SELECT count(*) FROM events");
	post_f(adm, fmt("/admin/users/%lld/disable", uid), fmt("csrf=x"), &r);
	assert_status(&r, 403);
	resp_free(&r);
	bcsrf = csrf_of(b, "/admin/users");
	post_f(b, fmt("/admin/users/%lld/disable", uid), fmt("csrf=%s", bcsrf),
	    &r);
	assert_status(&r, 404);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM events"), n);
	post_f(adm, fmt("/admin/users/%lld/disable", uid), fmt("csrf=%s", csrf),
	    &r);
	assert_status(&r, 303);
	resp_free(&r);
	post_f(adm, fmt("/admin/users/%lld/reset", uid), fmt("csrf=%s", csrf),
	    &r);
	assert_status(&r, 200);
	resp_free(&r);

	tok = api_token_of(&a_adm, "Tina");
	api_call_json("POST", "/api/v1/interviews", tok, "{\"candidate_name\":"
	    "\"Api Made\",\"candidate_email\":\"am@x.test\",\"challenge_title\":"
	    "\"Sum\",\"challenge_markdown\":\"Add.\",\"model\":\"builtin\"}",
	    &r);
	assert_status(&r, 201);
	resp_free(&r);
	tid = sql_num("SELECT id FROM api_tokens WHERE name = 'Tina'");
	post_f(adm, fmt("/admin/tokens/%lld/revoke", tid), fmt("csrf=%s", csrf),
	    &r);
	assert_status(&r, 303);
	resp_free(&r);

	get(adm, "/admin", &r);
	assert_has(&r, "User added: bo@a.test (interviewer)");
	assert_has(&r, "User disabled: bo@a.test");
	assert_has(&r, "Password reset: bo@a.test");
	assert_has(&r, "API token created: \u201cTina\u201d");
	assert_has(&r, "API token revoked: \u201cTina\u201d");
	assert_has(&r, "Interview created through the API (token \u201cTina\u201d)"
	    " · <a href=\"/admin/interviews/");
	assert_has(&r, ">Api Made</a>");
	resp_free(&r);
	/* Another org reads none of it. */
	get(b, "/admin", &r);
	assert_lacks(&r, "bo@a.test");
	assert_lacks(&r, "Tina");
	resp_free(&r);
	free(tok);
	free(bcsrf);
	free(csrf);
	http_free(adm);
	http_free(b);
}

/*
 * An admin changes a user's name and role on the user's edit page: a name
 * too long comes back marked beside the field with what was typed; an
 * org's last active admin cannot make themselves an interviewer (said
 * beside the role), though one of two can, and is sent home; another org's
 * admin gets a 404, an interviewer a 403, a post without the form's token
 * changes nothing.
 */
static void
test_an_admin_edits_a_users_name_and_role(void **state)
{
	struct http	*adm = signin(&a_adm), *b = signin(&b_adm);
	struct http	*itv = signin(&a_int);
	struct resp	 r;
	char		*csrf = csrf_of(adm, "/admin/users"), *bcsrf, *icsrf, *longname;
	long long	 cy, bid;

	(void)state;
	post_f(adm, fmt("/admin/users"), fmt("csrf=%s&email=cy%%40a.test"
	    "&name=Cy&role=interviewer", csrf), &r);
	assert_status(&r, 200);
	resp_free(&r);
	cy = sql_num("SELECT id FROM users WHERE email = 'cy@a.test'");
	get(adm, "/admin/users", &r);
	assert_has_f(&r, fmt("href=\"/admin/users/%lld/edit\">Edit</a>", cy));
	resp_free(&r);
	get_f(adm, fmt("/admin/users/%lld/edit", cy), &r);
	assert_status(&r, 200);
	assert_has(&r, "cy@a.test");
	assert_has(&r, "value=\"Cy\"");
	resp_free(&r);

	longname = calloc(1, 202);
	memset(longname, 'n', 201);
	post_f(adm, fmt("/admin/users/%lld", cy), fmt("csrf=%s&name=%s"
	    "&role=admin", csrf, longname), &r);
	assert_status(&r, 400);
	assert_marked(&r, "name");
	assert_unmarked(&r, "role");
	assert_has_f(&r, fmt("value=\"%s\"", longname));
	assert_has(&r, "<option value=\"admin\" selected>");
	resp_free(&r);

	/* Without the form's token, from another org, as an interviewer. */
	post_f(adm, fmt("/admin/users/%lld", cy), fmt("csrf=x&name=X&role=admin"),
	    &r);
	assert_status(&r, 403);
	resp_free(&r);
	bcsrf = csrf_of(b, "/admin/users");
	post_f(b, fmt("/admin/users/%lld", cy), fmt("csrf=%s&name=X&role=admin",
	    bcsrf), &r);
	assert_status(&r, 404);
	resp_free(&r);
	get_f(b, fmt("/admin/users/%lld/edit", cy), &r);
	assert_status(&r, 404);
	resp_free(&r);
	icsrf = csrf_of(itv, "/admin/interviews");
	post_f(itv, fmt("/admin/users/%lld", cy), fmt("csrf=%s&name=X&role=admin",
	    icsrf), &r);
	assert_status(&r, 403);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM users WHERE id = %lld"
	    " AND name = 'Cy' AND role = 'interviewer'", cy), 1);

	post_f(adm, fmt("/admin/users/%lld", cy), fmt("csrf=%s&name=Cy+Young"
	    "&role=admin", csrf), &r);
	assert_redirect(&r, "/admin/users?done=changed");
	resp_free(&r);
	get(adm, "/admin/users?done=changed", &r);
	assert_has(&r, "The user&#39;s name and role were saved.");
	assert_has(&r, "<td data-label=\"Name\">Cy Young</td>");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM users WHERE id = %lld"
	    " AND role = 'admin'", cy), 1);
	get(adm, "/admin", &r);
	assert_has(&r, "User changed: cy@a.test (admin)");
	resp_free(&r);

	/* Org B's only admin cannot step down; the form says why. */
	bid = sql_num("SELECT id FROM users WHERE email = 'adm@b.test'");
	post_f(b, fmt("/admin/users/%lld", bid), fmt("csrf=%s&name=B"
	    "&role=interviewer", bcsrf), &r);
	assert_status(&r, 400);
	assert_marked(&r, "role");
	assert_has(&r, "You are the organisation&#39;s last active admin");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM users WHERE id = %lld"
	    " AND role = 'admin'", bid), 1);
	/* A disabled admin does not count. */
	sql_do("INSERT INTO users (org_id, email, role, password_hash,"
	    " disabled_at) SELECT org_id, 'off@b.test', 'admin', password_hash,"
	    " now() FROM users WHERE id = %lld", bid);
	post_f(b, fmt("/admin/users/%lld", bid), fmt("csrf=%s&name=B"
	    "&role=interviewer", bcsrf), &r);
	assert_status(&r, 400);
	resp_free(&r);
	/* With another active admin, they can, and go home. */
	sql_do("UPDATE users SET disabled_at = NULL WHERE email = 'off@b.test'");
	post_f(b, fmt("/admin/users/%lld", bid), fmt("csrf=%s&name=B"
	    "&role=interviewer", bcsrf), &r);
	assert_redirect(&r, "/admin");
	resp_free(&r);
	get(b, "/admin/users", &r);
	assert_status(&r, 403);
	resp_free(&r);
	sql_do("UPDATE users SET role = 'admin' WHERE id = %lld", bid);
	sql_do("DELETE FROM users WHERE email = 'off@b.test'");

	free(longname);
	free(icsrf);
	free(bcsrf);
	free(csrf);
	http_free(adm);
	http_free(b);
	http_free(itv);
}

/*
 * An admin renames the organisation on Settings: every page's footer says
 * the new name, as the field's hint tells; an empty name comes back marked; an interviewer is refused,
 * another org's rename leaves this one alone, and a post without the form's
 * token changes nothing.
 */
static void
test_an_admin_renames_the_organisation(void **state)
{
	struct http	*adm = signin(&a_adm), *b = signin(&b_adm);
	struct http	*itv = signin(&a_int);
	struct resp	 r;
	char		*csrf = csrf_of(adm, "/admin/settings"), *bcsrf, *icsrf;

	(void)state;
	get(adm, "/admin/settings", &r);
	assert_has(&r, "id=\"org_name\" name=\"org_name\" type=\"text\""
	    " maxlength=\"200\" value=\"Org A\"");
	/* Where it shows: the pages' footer, not their top (the header). */
	assert_has(&r, "Shown at the foot of every page your users see and, as"
	    " \u201cInterview with \u2026\u201d, of your candidates\u2019"
	    " pages, and in the invitation emails they write from viva.");
	assert_lacks(&r, "at the top of every page");
	resp_free(&r);
	post_f(adm, fmt("/admin/settings/org"), fmt("csrf=%s&org_name=+", csrf),
	    &r);
	assert_status(&r, 400);
	assert_marked(&r, "org_name");
	assert_unmarked(&r, "transcript_days");
	resp_free(&r);
	post_f(adm, fmt("/admin/settings/org"), fmt("csrf=x&org_name=Nope"), &r);
	assert_status(&r, 403);
	resp_free(&r);
	icsrf = csrf_of(itv, "/admin/interviews");
	post_f(itv, fmt("/admin/settings/org"), fmt("csrf=%s&org_name=Nope",
	    icsrf), &r);
	assert_status(&r, 403);
	resp_free(&r);
	bcsrf = csrf_of(b, "/admin/settings");
	post_f(b, fmt("/admin/settings/org"), fmt("csrf=%s&org_name=Org+Bee",
	    bcsrf), &r);
	assert_redirect(&r, "/admin/settings?saved=name");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM orgs WHERE name = 'Org A'"),
	    1);

	post_f(adm, fmt("/admin/settings/org"), fmt("csrf=%s&org_name=Acme"
	    "+%%26+Co", csrf), &r);
	assert_redirect(&r, "/admin/settings?saved=name");
	resp_free(&r);
	get(adm, "/admin/settings?saved=name", &r);
	assert_has(&r, "The organisation was renamed.");
	assert_has(&r, "<footer class=\"site\">\n  <span>Acme &amp; Co</span>");
	resp_free(&r);
	get(itv, "/admin/interviews", &r);
	assert_has(&r, "<span>Acme &amp; Co</span>");
	resp_free(&r);
	get(adm, "/admin", &r);
	assert_has(&r, "Organisation renamed from \u201cOrg A\u201d to"
	    " \u201cAcme &amp; Co\u201d");
	resp_free(&r);
	sql_do("UPDATE orgs SET name = 'Org A' WHERE name = 'Acme & Co'");
	sql_do("UPDATE orgs SET name = 'Org B' WHERE name = 'Org Bee'");
	free(icsrf);
	free(bcsrf);
	free(csrf);
	http_free(adm);
	http_free(b);
	http_free(itv);
}

/*
 * An org's own role is renamed and its skill areas changed on its edit
 * page (the slug stays); bad values come back marked beside their fields
 * with what was typed; a shipped role has no Edit and is refused as
 * read-only; another org's role is a 404, a post without the form's token
 * a 403.
 */
static void
test_an_orgs_own_role_is_renamed_and_its_skill_areas_edited(void **state)
{
	struct http	*h = signin(&a_int), *b = signin(&b_adm);
	struct resp	 r;
	char		*csrf = csrf_of(h, "/admin/roles"), *bcsrf;
	long long	 id, py;

	(void)state;
	post_f(h, fmt("/admin/roles"), fmt("csrf=%s&slug=qt-ops&name=Ops"
	    "&skill_areas=linux,+networking", csrf), &r);
	assert_redirect(&r, "/admin/roles?done=created");
	resp_free(&r);
	id = sql_num("SELECT id FROM roles WHERE slug = 'qt-ops'");
	py = sql_num("SELECT id FROM roles WHERE slug = 'python' AND org_id IS NULL");
	get(h, "/admin/roles", &r);
	assert_has_f(&r, fmt("href=\"/admin/roles/%lld/edit\">Edit</a>", id));
	assert_lacks_f(&r, fmt("href=\"/admin/roles/%lld/edit\"", py));
	assert_has(&r, "read-only");
	resp_free(&r);

	/* A shipped role: read-only, said so. */
	get_f(h, fmt("/admin/roles/%lld/edit", py), &r);
	assert_status(&r, 403);
	assert_has(&r, "Roles shipped with viva are read-only");
	resp_free(&r);
	post_f(h, fmt("/admin/roles/%lld", py), fmt("csrf=%s&name=Snake"
	    "&skill_areas=x", csrf), &r);
	assert_status(&r, 403);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM roles WHERE name = 'Snake'"),
	    0);

	get_f(h, fmt("/admin/roles/%lld/edit", id), &r);
	assert_status(&r, 200);
	assert_has(&r, "value=\"Ops\"");
	assert_has(&r, "value=\"linux, networking\"");
	assert_has(&r, "<code>qt-ops</code>");
	resp_free(&r);
	post_f(h, fmt("/admin/roles/%lld", id), fmt("csrf=%s&name="
	    "&skill_areas=ops,+ops", csrf), &r);
	assert_status(&r, 400);
	assert_marked(&r, "name");
	assert_marked(&r, "skill_areas");
	assert_has(&r, "&quot;ops&quot; is there twice.");
	assert_has(&r, "value=\"ops, ops\"");
	resp_free(&r);

	bcsrf = csrf_of(b, "/admin/roles");
	get_f(b, fmt("/admin/roles/%lld/edit", id), &r);
	assert_status(&r, 404);
	resp_free(&r);
	post_f(b, fmt("/admin/roles/%lld", id), fmt("csrf=%s&name=Theirs"
	    "&skill_areas=x", bcsrf), &r);
	assert_status(&r, 404);
	resp_free(&r);
	post_f(h, fmt("/admin/roles/%lld", id), fmt("csrf=x&name=Nope"
	    "&skill_areas=x"), &r);
	assert_status(&r, 403);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM roles WHERE id = %lld"
	    " AND name = 'Ops'", id), 1);

	post_f(h, fmt("/admin/roles/%lld", id), fmt("csrf=%s&name=Operations"
	    "&skill_areas=linux,+networking,+on-call", csrf), &r);
	assert_redirect(&r, "/admin/roles?done=changed");
	resp_free(&r);
	get(h, "/admin/roles?done=changed", &r);
	assert_has(&r, "The role was saved");
	assert_has(&r, ">Operations</a>");
	assert_has(&r, "<td data-label=\"Key skill areas\">linux, networking, on-call</td>");
	assert_has(&r, "<code>qt-ops</code>");
	resp_free(&r);
	get(h, "/admin", &r);
	assert_has(&r, "Role changed: \u201cOperations\u201d");
	resp_free(&r);
	free(bcsrf);
	free(csrf);
	http_free(h);
	http_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_admin_deletes_an_interview_and_all_it_holds),
		cmocka_unit_test(test_an_admins_token_deletes_an_interview),
		cmocka_unit_test(test_lasting_actions_ask_first),
		cmocka_unit_test(test_the_activity_says_whom_and_which),
		cmocka_unit_test(test_an_admin_edits_a_users_name_and_role),
		cmocka_unit_test(test_an_admin_renames_the_organisation),
		cmocka_unit_test(test_an_orgs_own_role_is_renamed_and_its_skill_areas_edited),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
