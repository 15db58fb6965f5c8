/*
 * provider_test.c: the assistant over an OpenAI-compatible provider.  The
 * test starts tests/fakeai/server.mjs and its own stack pointed at it
 * (VIVA_AI_* in the environment); a candidate chats with gpt-4o-mini, is
 * charged what the provider reports, and each fault leaves the budget,
 * the conversation and the typed text as they were.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fakeai.h"
#include "flow.h"
#include "lib/crypto.h"
#include "lib/status.h"

#define API_KEY		"sk-test-not-to-be-logged"
#define FAILED_TEXT	"The AI service did not answer; your message was" \
			" not charged. Try again."

/* The test stack's pool (stack.c sets VIVA_WORKERS=2), and its cap here. */
#define POOL_BASE	2
#define POOL_MAX	8

static char		*pw;		/* the interviewer's password */
static long long	challenge_id;

/* The one interview the candidate takes, after test_form_*. */
static struct http	*cand;
static char		*cand_csrf;
static long long	iv_id;

/* --- helpers -------------------------------------------------------------- */

static long long
used(void)
{
	return sql_num("SELECT tokens_used FROM interviews WHERE id = %lld",
	    iv_id);
}

static long long
reserved(void)
{
	return sql_num("SELECT tokens_reserved FROM interviews WHERE id = %lld",
	    iv_id);
}

static long long
usage_rows(const char *state)
{
	return sql_num("SELECT count(*) FROM usage WHERE interview_id = %lld"
	    " AND state = '%s'", iv_id, state);
}

static long long
messages(void)
{
	return sql_num("SELECT count(*) FROM messages WHERE interview_id ="
	    " %lld", iv_id);
}

/* Sends a message as the candidate; returns the status (303 when sent). */
static long
send_msg(const char *text, struct resp *r)
{
	return message_post(cand, cand_csrf, text, r);
}

/* --- the fake provider ---------------------------------------------------- */

static struct json_object *
at(struct json_object *o, const char *key)
{
	struct json_object	*v = NULL;

	if (!json_object_object_get_ex(o, key, &v))
		fail_msg("no \"%s\" in %s", key, json_object_to_json_string(o));
	return v;
}

static const char *
msg_field(struct json_object *msgs, size_t i, const char *key)
{
	return json_object_get_string(at(json_object_array_get_idx(msgs, i),
	    key));
}

/* --- the stack ------------------------------------------------------------ */

static int
group_setup(void **state)
{
	char	*out, *url;

	(void)state;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (crypto_init() != ST_OK || fakeai_start() != 0) {
		fprintf(stderr, "fakeai did not start\n");
		return -1;
	}
	/* run.sh and viva.fcgi inherit these (config_load reads VIVA_*). */
	url = fmt("%s/v1", fakeai_base());
	setenv("VIVA_AI_BASE_URL", url, 1);
	free(url);
	setenv("VIVA_AI_API_KEY", API_KEY, 1);
	setenv("VIVA_AI_MODELS", "gpt-4o-mini,gpt-4", 1);
	setenv("VIVA_AI_TIMEOUT_MS", "3000", 1);
	/*
	 * The fault tests fail calls on purpose, and a pool process that met
	 * 5 of them in a row (the pool shares requests unevenly) would open
	 * its breaker and fail the next tests' calls for 30 s.  The breaker
	 * has its own test (unit core_provider_test).
	 */
	setenv("VIVA_AI_BREAKER_FAILURES", "0", 1);
	/* The least allowed: a conversation of 60 short messages passes it. */
	setenv("VIVA_AI_CONTEXT_TOKENS", "1000", 1);
	setenv("VIVA_AI_PRICES", "gpt-4o-mini:0.15:0.60,gpt-4o:2.50:10.00", 1);
	/* Zero cents: any interview that cost anything is flagged. */
	setenv("VIVA_COST_WARN_CENTS", "0", 1);
	url = fmt("%d", POOL_MAX);
	setenv("VIVA_MAX_WORKERS", url, 1);
	free(url);
	if (stack_start(&S) != 0)
		return -1;
	if ((pw = stack_user_add(&S, "Org A", "int@a.test",
	    "interviewer")) == NULL) {
		fprintf(stderr, "viva user add failed\n");
		return -1;
	}
	out = stack_sql(&S, "INSERT INTO challenges (org_id, title, body_md,"
	    " category, difficulty, time_limit_min, token_budget, hints) VALUES"
	    " (NULL, 'Find in sorted', 'Find **x** in a sorted array.',"
	    " 'algorithms', 'easy', 30, 20000, ARRAY['Think about binary"
	    " search.']) RETURNING id");
	challenge_id = atoll(out);
	if (challenge_id <= 0)
		fprintf(stderr, "no challenge: %s\n", out);
	free(out);
	return challenge_id > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	if (cand != NULL)
		http_free(cand);
	free(cand_csrf);
	free(pw);
	stack_stop(&S);
	fakeai_stop();
	curl_global_cleanup();
	return 0;
}

/* --- tests ---------------------------------------------------------------- */

static void
test_form_offers_the_configured_models(void **state)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	char		*csrf, *body, *loc, *p;

	(void)state;
	assert_int_equal(http_login(h, "int@a.test", pw), 0);
	get(h, "/admin/interviews/new", &r);
	assert_status(&r, 200);
	assert_has(&r, "<option value=\"builtin\"");
	/* With an AI service, a new form picks its first model, not none. */
	assert_has(&r, "<option value=\"gpt-4o-mini\" selected>");
	assert_has(&r, "<option value=\"gpt-4\">");
	/* A model is the assistant: no word on the offline one's hints. */
	assert_lacks(&r, "id=\"offline-hint\"");
	csrf = resp_csrf(&r);
	resp_free(&r);
	get(h, "/admin/adaptive/new", &r);
	assert_has(&r, "<option value=\"gpt-4o-mini\" selected>");
	resp_free(&r);

	/* A model that is not offered comes back with a message. */
	body = fmt("csrf=%s&candidate_name=Ann&candidate_email=ann%%40x.test"
	    "&challenge_id=%lld&title=&body_md=&minutes=30&token_budget=20000"
	    "&model=gpt-9&instructions=&expiry_days=7", csrf, challenge_id);
	post(h, "/admin/interviews", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "Choose one of the assistants offered.");
	assert_lacks(&r, "id=\"offline-hint\"");
	resp_free(&r);
	free(body);
	/* The offline one chosen, the form again: the hint beside it. */
	body = fmt("csrf=%s&candidate_name=&candidate_email=ann%%40x.test"
	    "&challenge_id=0&title=T&body_md=B&minutes=30&token_budget=20000"
	    "&model=builtin&instructions=&expiry_days=7", csrf);
	post(h, "/admin/interviews", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "id=\"offline-hint\">The offline assistant answers"
	    " only from the challenge's hints; a custom challenge has none");
	resp_free(&r);
	free(body);

	body = fmt("csrf=%s&candidate_name=Ann&candidate_email=ann%%40x.test"
	    "&challenge_id=%lld&title=&body_md=&minutes=30&token_budget=20000"
	    "&model=gpt-4o-mini&instructions=Be+brief&expiry_days=7", csrf,
	    challenge_id);
	post(h, "/admin/interviews", body, &r);
	assert_status(&r, 200);
	assert_non_null(p = strstr(r.body, "/i/"));
	p = strndup(p + 3, strcspn(p + 3, "<"));
	iv_id = sql_num("SELECT id FROM interviews ORDER BY id DESC LIMIT 1");
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND model = 'gpt-4o-mini'", iv_id), 1);
	resp_free(&r);
	free(body);
	free(csrf);
	http_free(h);

	/* The candidate opens the invite and starts. */
	cand = http_new(&S);
	body = fmt("/i/%s", p);
	get(cand, body, &r);
	assert_status(&r, 303);
	resp_free(&r);
	free(body);
	free(p);
	cand_csrf = csrf_of(cand, "/c");
	body = fmt("csrf=%s", cand_csrf);
	post(cand, "/c/start", body, &r);
	assert_status(&r, 303);
	loc = resp_header(&r, "Location");
	assert_string_equal(loc, "/c");
	free(loc);
	resp_free(&r);
	free(body);
}

/*
 * An interview of the first challenge on gpt-4o-mini, started by its
 * candidate (returned); *fid is the id of the send form on its page.
 */
static struct http *
started_with_send_form(struct http *iv, const char *name,
    struct created *cr, char **csrf, char **fid)
{
	char		*form;
	struct http	*c;
	struct resp	 r;

	form = fmt("candidate_name=%s&candidate_email=%s%%40x.test"
	    "&challenge_id=%lld&title=&body_md=&minutes=30&token_budget=20000"
	    "&model=gpt-4o-mini&instructions=&expiry_days=7", name, name,
	    challenge_id);
	create(iv, form, cr);
	free(form);
	c = start(cr, csrf);
	get(c, "/c", &r);
	*fid = form_id_of(&r);
	resp_free(&r);
	return c;
}

/*
 * A conversation longer than ai_context_tokens (1000 here): the request
 * carries the system prompt, the first exchange, a note of how many were
 * left out, the newest messages that fit and the new one; the prompt
 * counted and reserved stays within the limit.  The page keeps them all.
 */
static void
test_a_long_conversation_sends_its_start_and_its_latest_within_the_limit(
    void **state)
{
	struct account		 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http		*iv = signin(&acc), *c;
	struct json_object	*reqs, *msgs;
	struct created		 cr;
	char			*csrf, *fid, *note, *want;
	size_t			 n, i, left;
	struct resp		 r;

	(void)state;
	c = started_with_send_form(iv, "Chatty", &cr, &csrf, &fid);
	sql_do("INSERT INTO messages (interview_id, seq, role, content) SELECT"
	    " %lld, g, CASE WHEN g %% 2 = 1 THEN 'user' ELSE 'assistant' END,"
	    " 'Message ' || lpad(g::text, 2, '0') || ': ' || repeat('the quick"
	    " brown fox jumps over the lazy dog ', 5) FROM generate_series(1,"
	    " 60) g", cr.id);
	outside_write_settles();
	fakeai_script("[{\"reply\":\"Still with you\"}]");
	assert_int_equal(message_post(c, csrf, "And now the last step", &r),
	    303);
	resp_free(&r);
	reqs = fakeai_requests();
	assert_int_equal(json_object_array_length(reqs), 1);
	msgs = at(at(json_object_array_get_idx(reqs, 0), "body"), "messages");
	n = json_object_array_length(msgs);
	assert_true(n > 6 && n < 40);
	assert_string_equal(msg_field(msgs, 0, "role"), "system");
	assert_non_null(strstr(msg_field(msgs, 1, "content"), "Message 01:"));
	assert_non_null(strstr(msg_field(msgs, 2, "content"), "Message 02:"));
	assert_string_equal(msg_field(msgs, 3, "role"), "system");
	note = strdup(msg_field(msgs, 3, "content"));
	left = strtoul(note + 1, NULL, 10);
	want = fmt("(%zu earlier messages of this conversation are left out",
	    left);
	assert_non_null(strstr(note, want));
	/* The rest is the newest, in order, up to message 60, then the new one. */
	assert_int_equal(n, 1 + 2 + 1 + (60 - 2 - left) + 1);
	for (i = 4; i + 1 < n; i++) {
		free(want);
		want = fmt("Message %02zu:", 2 + left + (i - 4) + 1);
		assert_non_null(strstr(msg_field(msgs, i, "content"), want));
	}
	assert_string_equal(msg_field(msgs, n - 1, "content"),
	    "And now the last step");
	/* Counted within the limit: the hold is the prompt and the reply cap. */
	assert_true(sql_num("SELECT reserved FROM usage WHERE interview_id ="
	    " %lld", cr.id) <= 1000 + 400);
	get(c, "/c", &r);
	assert_has(&r, "Message 03:");
	assert_has(&r, "Still with you");
	resp_free(&r);
	json_object_put(reqs);
	free(want);
	free(note);
	free(csrf);
	free(fid);
	free(cr.token);
	http_free(c);
	http_free(iv);
}


/*
 * The send form sent twice without JavaScript (a double click: the second
 * while the first waits for the model; a resent page after): the model is
 * called once and charged once, the conversation has the one reply, and
 * the second answer comes once the reply is in.  A message sent back to
 * correct keeps the form's id.
 */
static void
test_a_send_form_sent_twice_calls_the_model_once(void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http		*iv = signin(&acc), *c;
	struct created		 cr;
	struct json_object	*reqs;
	char			*csrf, *fid, *again, *body;
	long long		 id;
	pid_t			 pid;
	int			 wst;
	struct resp		 r;

	(void)state;
	c = started_with_send_form(iv, "Twice", &cr, &csrf, &fid);
	id = cr.id;
	body = fmt("csrf=%s&form_id=%s&message=", csrf, fid);
	post(c, "/c/messages", body, &r);
	assert_status(&r, 400);
	again = form_id_of(&r);
	assert_string_equal(again, fid);
	free(again);
	resp_free(&r);
	free(body);

	fakeai_script("[{\"reply\":\"Answered once\",\"delay_ms\":1000,"
	    "\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":30}},"
	    "{\"reply\":\"Answered twice\",\"usage\":{\"prompt_tokens\":140,"
	    "\"completion_tokens\":30}}]");
	body = fmt("csrf=%s&form_id=%s&message=Twice+please", csrf, fid);
	if ((pid = fork()) == 0)
		_exit(http_post(http_twin(c), "/c/messages", body, &r) == 0 &&
		    r.status == 303 ? 0 : 1);
	usleep(300 * 1000);	/* the first waits for the model */
	post(c, "/c/messages", body, &r);
	assert_redirect(&r, "/c");
	resp_free(&r);
	/* It came once the first's reply was stored. */
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", id), 2);
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	assert_true(WIFEXITED(wst) && WEXITSTATUS(wst) == 0);
	/* The page sent again later. */
	post(c, "/c/messages", body, &r);
	assert_redirect(&r, "/c");
	resp_free(&r);

	get(c, "/c", &r);
	assert_int_equal(count_in(&r, "Answered once"), 1);
	assert_int_equal(count_in(&r, "Twice please"), 1);
	assert_lacks(&r, "Answered twice");
	again = form_id_of(&r);
	assert_string_not_equal(again, fid);	/* the next message's */
	free(again);
	resp_free(&r);
	reqs = fakeai_requests();
	assert_int_equal(json_object_array_length(reqs), 1);
	json_object_put(reqs);
	assert_int_equal(sql_num("SELECT tokens_used FROM interviews WHERE"
	    " id = %lld", id), 150);
	assert_int_equal(sql_num("SELECT tokens_reserved FROM interviews WHERE"
	    " id = %lld", id), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " interview_id = %lld", id), 1);
	free(body);
	free(fid);
	free(csrf);
	free(cr.token);
	http_free(c);
	http_free(iv);
}

/* An API token of a new admin of Org A, made on /admin/tokens. */
static char *
admin_token(void)
{
	struct account	 acc = { "Org A", "adm@a.test", "admin", NULL };
	char		*tok;

	assert_non_null(acc.pw = stack_user_add(&S, acc.org,
	    acc.email, acc.role));
	tok = api_token_of(&acc, "live");
	free(acc.pw);
	return tok;
}

/* GET path of the API with tok; the answer parsed (status 200). */
static struct json_object *
api_get(const char *tok, const char *path)
{
	struct http		*h = http_new(&S);
	struct json_object	*o;
	struct resp		 r;
	char			*auth = fmt("Authorization: Bearer %s", tok);
	const char		*hdrs[] = { auth, NULL };

	assert_int_equal(http_req(h, "GET", path, NULL, NULL, 0, hdrs, &r), 0);
	assert_status(&r, 200);
	assert_non_null(o = json_tokener_parse(r.body));
	resp_free(&r);
	free(auth);
	http_free(h);
	return o;
}

/*
 * Sends text in a child process (the page waits for the reply); its pid,
 * once the send holds its tokens (a reserved usage row more than before),
 * as a slow machine gets there: a fixed pause was sometimes too short.
 */
static long long
holds(void)
{
	return sql_num("SELECT count(*) FROM usage WHERE state = 'reserved'");
}

/* Waits (5 s at most) until the sends under way hold `want` tokens holds. */
static void
await_holds(long long want)
{
	int	i;

	for (i = 0; i < 250 && holds() < want; i++)
		usleep(20 * 1000);
	assert_true(i < 250);	/* reserved, and waiting for the model */
}

static pid_t
send_in_child(struct http *c, const char *csrf, const char *text)
{
	long long	 before = holds();
	struct resp	 r;
	pid_t		 pid;

	if ((pid = fork()) == 0)
		_exit(message_post(http_twin(c), csrf, text, &r) == 303 ? 0 : 1);
	assert_true(pid > 0);
	await_holds(before + 1);
	return pid;
}

/*
 * Sixteen GET /login at once (nginx then keeps connections enough for
 * both its workers); how many answered 200.
 */
static int
logins_at_once(void)
{
	char	*codes = stack_out(&S, "for i in $(seq 16); do curl -s -o"
	    " /dev/null -w \"%%{http_code}\\n\" http://127.0.0.1:%d/login &"
	    " done; wait", S.port);
	int	 n = str_count(codes, "200");

	free(codes);
	return n;
}

static void
child_exits(pid_t pid, int code)
{
	int	wst;

	assert_int_equal(waitpid(pid, &wst, 0), pid);
	assert_true(WIFEXITED(wst));
	assert_int_equal(WEXITSTATUS(wst), code);
}

/*
 * While a reply is being written, the interviewer's live page shows the
 * candidate's message and when it was sent (it said "No messages yet"):
 * kept on the hold, never twice, and never once the call failed.  The
 * message is then stored dated when it was sent, not when the reply was
 * settled (it said 14:24:34 for a question sent at 14:24:26).
 */
static void
test_a_message_being_answered_shows_on_the_interviewers_page(void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http		*iv = signin(&acc), *c;
	struct json_object	*o, *fl;
	struct created		 cr;
	char			*csrf, *fid, *path, *sent, *want, *api, *tok;
	struct resp		 r;
	pid_t			 pid;

	(void)state;
	c = started_with_send_form(iv, "Inflight", &cr, &csrf, &fid);
	path = fmt("/admin/interviews/%lld", cr.id);
	api = fmt("/api/v1/interviews/%lld/messages", cr.id);
	tok = admin_token();
	fakeai_script("[{\"reply\":\"Here is the slow answer\","
	    "\"delay_ms\":1000,\"gate\":true}]");
	pid = send_in_child(c, csrf, "What does <b>flaky</b> mean?");
	sent = sql_str("SELECT to_char(created_at AT TIME ZONE 'UTC',"
	    " 'HH24:MI:SS') FROM usage WHERE interview_id = %lld", cr.id);
	want = fmt("The candidate sent a message at %s UTC; the assistant is"
	    " replying…", sent);
	get(iv, path, &r);
	assert_status(&r, 200);
	assert_has(&r, want);
	assert_has(&r, "What does &lt;b&gt;flaky&lt;/b&gt; mean?");
	assert_lacks(&r, "No messages yet");
	resp_free(&r);
	o = api_get(tok, api);
	assert_int_equal(json_object_array_length(at(o, "messages")), 0);
	fl = json_object_array_get_idx(at(o, "in_flight"), 0);
	assert_non_null(fl);
	assert_string_equal(json_object_get_string(at(fl, "content")),
	    "What does <b>flaky</b> mean?");
	assert_string_equal(json_object_get_string(at(fl, "created_at")), sent);
	json_object_put(o);
	/* The candidate's page has it in its box, not in the conversation. */
	get(c, "/c", &r);
	assert_lacks(&r, "the assistant is replying");
	resp_free(&r);
	fakeai_gate_open();
	child_exits(pid, 0);

	get(iv, path, &r);
	assert_lacks(&r, "the assistant is replying");
	assert_int_equal(count_in(&r, "What does &lt;b&gt;flaky&lt;/b&gt;"
	    " mean?"), 1);
	assert_has(&r, "Here is the slow answer");
	resp_free(&r);
	/* Dated when it was sent: its hold's time, a second before the reply. */
	assert_int_equal(sql_num("SELECT count(*) FROM messages m, usage u"
	    " WHERE m.interview_id = %lld AND u.interview_id = m.interview_id"
	    " AND m.role = 'user' AND m.created_at = u.created_at", cr.id), 1);
	assert_true(sql_num("SELECT (extract(epoch FROM max(created_at) -"
	    " min(created_at)) * 1000)::bigint FROM messages"
	    " WHERE interview_id = %lld", cr.id) >= 1000);
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " question IS NOT NULL AND interview_id = %lld", cr.id), 0);
	o = api_get(tok, api);
	assert_int_equal(json_object_array_length(at(o, "in_flight")), 0);
	assert_string_equal(json_object_get_string(at(json_object_array_get_idx(
	    at(o, "messages"), 0), "created_at")), sent);
	json_object_put(o);

	/* A call that fails: shown while it runs, then gone, not a message. */
	sql_do("UPDATE usage SET created_at = created_at - interval '1 minute'"
	    " WHERE interview_id = %lld", cr.id);
	fakeai_script("[{\"fault\":\"timeout\"},{\"fault\":\"timeout\"},"
	    "{\"fault\":\"timeout\"}]");
	pid = send_in_child(c, csrf, "Will this one fail?");
	get(iv, path, &r);
	assert_has(&r, "Will this one fail?");
	assert_has(&r, "the assistant is replying");
	resp_free(&r);
	child_exits(pid, 1);
	fakeai_script(NULL);	/* drops the held timeout connections */
	get(iv, path, &r);
	assert_lacks(&r, "the assistant is replying");
	/* Only as the draft that a failed send keeps (not sent). */
	assert_has(&r, "Message to the assistant, not sent");
	assert_int_equal(count_in(&r, "Will this one fail?"), 1);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", cr.id), 2);
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " question IS NOT NULL AND interview_id = %lld", cr.id), 0);
	free(tok);
	free(api);
	free(want);
	free(sent);
	free(path);
	free(csrf);
	free(fid);
	free(cr.token);
	http_free(c);
	http_free(iv);
}

/*
 * The process that took a send died in the model's call (its hold of
 * tokens outlived its time, unsettled): the same form sent again sends the
 * message, rather than finding it claimed and losing it, and the dead
 * one's tokens go back.
 */
static void
test_a_send_resent_after_its_process_died_is_sent(void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http	*iv = signin(&acc), *c;
	struct created	 cr;
	char		*csrf, *fid, *body;
	long long	 id;
	struct resp	 r;

	(void)state;
	c = started_with_send_form(iv, "Crashed", &cr, &csrf, &fid);
	id = cr.id;
	/* What the dead process left: its claim, and a hold past its time. */
	sql_do("WITH u AS (INSERT INTO usage (interview_id, reserved, model,"
	    " hold_until) VALUES (%lld, 900, 'gpt-4o-mini', now() - interval"
	    " '1 minute') RETURNING id), i AS (UPDATE interviews SET"
	    " tokens_reserved = tokens_reserved + 900 WHERE id = %lld)"
	    " INSERT INTO form_uses (id, result) SELECT '%s', id::text FROM u",
	    id, id, fid);
	fakeai_script("[{\"reply\":\"Answered after all\",\"usage\":"
	    "{\"prompt_tokens\":120,\"completion_tokens\":30}}]");
	body = fmt("csrf=%s&form_id=%s&message=Lost+in+a+crash", csrf, fid);
	post(c, "/c/messages", body, &r);
	assert_redirect(&r, "/c");
	resp_free(&r);
	get(c, "/c", &r);
	assert_int_equal(count_in(&r, "Lost in a crash"), 1);
	assert_int_equal(count_in(&r, "Answered after all"), 1);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT tokens_used FROM interviews WHERE"
	    " id = %lld", id), 150);
	assert_int_equal(sql_num("SELECT tokens_reserved FROM interviews WHERE"
	    " id = %lld", id), 0);
	free(body);
	free(fid);
	free(csrf);
	free(cr.token);
	http_free(c);
	http_free(iv);
}

/*
 * An interview given the offline assistant on a server with a provider:
 * the candidate is told the assistant uses no AI service, not that none
 * is configured, which is false here.
 */
static void
test_the_offline_assistant_does_not_say_no_service_is_configured(void **state)
{
	struct http	*h = http_new(&S), *c;
	struct created	 iv;
	struct resp	 r;
	char		*csrf, *form;

	(void)state;
	assert_int_equal(http_login(h, "int@a.test", pw), 0);
	form = fmt("candidate_name=Off&candidate_email=off%%40x.test"
	    "&challenge_id=%lld&title=&body_md=&minutes=30&token_budget=20000"
	    "&model=builtin&instructions=&expiry_days=7", challenge_id);
	create(h, form, &iv);
	free(form);
	c = open_invite(&iv, &csrf);
	get(c, "/c", &r);
	assert_has(&r, "You may ask viva's offline assistant for help");
	assert_has(&r, "It is not an AI model: it can only offer the"
	    " challenge's hints.");
	assert_lacks(&r, "is configured");
	resp_free(&r);
	post_ok(c, "/c/start", csrf, "", "/c");
	assert_int_equal(message_post(c, csrf, "binary search?", &r), 303);
	resp_free(&r);
	get(c, "/c", &r);
	assert_has(&r, "<p>I am viva's offline assistant: I use no AI service,"
	    " so I can only offer the challenge's hints.</p>");
	assert_lacks(&r, "is configured");
	resp_free(&r);
	free(csrf);
	free(iv.token);
	http_free(c);
	http_free(h);
}

static void
test_reply_is_charged_as_the_provider_reports(void **state)
{
	struct json_object	*reqs, *b, *msgs;
	struct resp		 r;
	char			*s;

	(void)state;
	assert_true(iv_id > 0);
	fakeai_script("[{\"reply\":\"Scripted reply one\",\"usage\":"
	    "{\"prompt_tokens\":200,\"completion_tokens\":50}}]");
	assert_int_equal(send_msg("hello one", &r), 303);
	resp_free(&r);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, "Scripted reply one");
	assert_lacks(&r, "offline assistant");
	resp_free(&r);

	assert_int_equal(used(), 250);
	assert_int_equal(reserved(), 0);
	assert_int_equal(usage_rows("settled"), 1);
	assert_int_equal(sql_num("SELECT prompt_tokens * 1000 +"
	    " completion_tokens FROM usage WHERE interview_id = %lld",
	    iv_id), 200050);
	/* 200 x 0.15 + 50 x 0.60 USD per million tokens = 60 micro-USD. */
	assert_int_equal(sql_num("SELECT cost_micros FROM usage WHERE"
	    " interview_id = %lld", iv_id), 60);
	assert_int_equal(sql_num("SELECT cost_micros FROM interviews WHERE"
	    " id = %lld", iv_id), 60);
	/* The reservation held the counted prompt and the whole reply cap. */
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " interview_id = %lld AND reserved > 400 AND reserved < 1000",
	    iv_id), 1);
	s = sql_str("SELECT tokens_in || ' ' || tokens_out || ' ' ||"
	    " (latency_ms >= 0) || ' ' || (meta->>'model') FROM messages"
	    " WHERE interview_id = %lld AND role = 'assistant'", iv_id);
	assert_string_equal(s, "200 50 true gpt-4o-mini");
	free(s);

	reqs = fakeai_requests();
	assert_int_equal(json_object_array_length(reqs), 1);
	b = at(json_object_array_get_idx(reqs, 0), "body");
	assert_string_equal(json_object_get_string(at(b, "model")),
	    "gpt-4o-mini");
	assert_int_equal(json_object_get_int(at(b, "max_completion_tokens")),
	    400);
	msgs = at(b, "messages");
	assert_int_equal(json_object_array_length(msgs), 2);
	assert_string_equal(msg_field(msgs, 0, "role"), "system");
	assert_non_null(strstr(msg_field(msgs, 0, "content"),
	    "Find **x** in a sorted array."));
	assert_non_null(strstr(msg_field(msgs, 0, "content"), "Be brief"));
	assert_string_equal(msg_field(msgs, 1, "role"), "user");
	assert_string_equal(msg_field(msgs, 1, "content"), "hello one");
	assert_string_equal(json_object_get_string(at(at(
	    json_object_array_get_idx(reqs, 0), "headers"), "authorization")),
	    "Bearer " API_KEY);
	json_object_put(reqs);

	/* Over the cost warning line: the dashboard says so beside the name. */
	{
		struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
		struct http	*h = signin(&acc);
		struct resp	 d;

		get(h, "/admin/interviews?refresh=0", &d);
		assert_has(&d, "<span class=\"badge badge-warn\" title=\"Above the"
		    " cost warning line (cost_warn_cents)\">cost ");
		/* A cost under a hundredth of a cent is not shown as none. */
		assert_lacks(&d, ">cost $0.0000<");
		resp_free(&d);
		http_free(h);
	}
}

/* viva_fcgi_extra_workers_started_total from /metrics. */
static int
extras_started(void)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	double		 n;

	get(h, "/metrics", &r);
	n = metric_in(r.body, "viva_fcgi_extra_workers_started_total");
	assert_true(n >= 0);
	resp_free(&r);
	http_free(h);
	return (int)n;
}

/* A number after "key": in a log line, or -1 when the key is not there. */
static double
log_number(const char *line, const char *key)
{
	char		*k = fmt("\"%s\":", key);
	const char	*p = strstr(line, k);
	double		 v = -1;

	if (p != NULL)
		v = strtod(p + strlen(k), NULL);
	free(k);
	return v;
}

/*
 * A message's request log line says how much of its time was the
 * provider's (provider_ms) and the database's (db_ms), so that viva's own
 * share can be told apart; a page that calls no provider does not carry
 * provider_ms.  While the reserve is
 * free, the wait forks no extra process (pool.c).
 */
static void
test_the_log_line_gives_the_providers_share(void **state)
{
	struct resp	 r;
	char		*line;
	double		 ms, provider_ms;
	int		 extras;

	(void)state;
	extras = extras_started();
	fakeai_script("[{\"reply\":\"Slowly\",\"delay_ms\":300}]");
	assert_int_equal(send_msg("a slow one", &r), 303);
	resp_free(&r);
	/* One wait is the reserve's to cover: no process forked for it. */
	assert_int_equal(extras_started(), extras);
	line = stack_out(&S, "grep \"POST /c/messages\""
	    " \"$VAR/log/viva-fcgi.log\" | tail -n 1");
	ms = log_number(line, "ms");
	provider_ms = log_number(line, "provider_ms");
	printf("send: %.1f ms, of which the provider's %.1f ms\n", ms,
	    provider_ms);
	assert_true(provider_ms >= 300);
	assert_true(provider_ms < ms);
	/* The database's share too: the send reads, reserves and settles. */
	assert_true(log_number(line, "db_statements") >= 3);
	assert_true(log_number(line, "db_ms") > 0);
	assert_true(log_number(line, "db_ms") + provider_ms < ms);
	free(line);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	resp_free(&r);
	line = stack_out(&S, "grep \"GET /c\\\"\" \"$VAR/log/viva-fcgi.log\""
	    " | tail -n 1");
	assert_true(log_number(line, "ms") >= 0);
	assert_true(log_number(line, "provider_ms") < 0);
	free(line);
}

/* The request log's db_statements of the last GET /c. */
static double
page_statements(void)
{
	char	*line;
	double	 n;

	line = stack_out(&S, "grep \"GET /c\\\"\" \"$VAR/log/viva-fcgi.log\""
	    " | tail -n 1");
	n = log_number(line, "db_statements");
	free(line);
	return n;
}

/*
 * The candidate's own message being answered, on their page opened
 * meanwhile (another device, a second tab, a reload): the message as
 * typed (escaped), "The assistant is answering…" and a status frame for
 * the page without script, until the reply is stored; then neither.  A
 * page with nothing in flight has no refresh, and reads no more for it (the
 * row's tokens_reserved says whether to ask): its statements are those
 * of the page after the reply.  The state tells the page's script.
 */
static void
test_a_message_being_answered_shows_on_the_candidates_other_page(
    void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http	*iv = signin(&acc), *c, *other;
	struct created	 cr;
	char		*csrf, *fid;
	struct resp	 r;
	double		 plain, busy, after;
	pid_t		 pid;

	(void)state;
	c = started_with_send_form(iv, "Elsewhere", &cr, &csrf, &fid);
	other = http_twin(c);
	outside_write_settles();	/* no copy of the row: it is read */
	get(other, "/c", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "http-equiv=\"refresh\"");
	assert_lacks(&r, "The assistant is answering");
	assert_has(&r, "No messages yet");
	resp_free(&r);
	plain = page_statements();
	printf("GET /c with nothing in flight: %.0f statements\n", plain);

	/* At the fake's gate until the checks are done (within 3 s). */
	fakeai_script("[{\"reply\":\"The slow reply\",\"gate\":true}]");
	pid = send_in_child(c, csrf, "Is <i>this</i> & that \"on\"?");
	get(other, "/c", &r);
	assert_status(&r, 200);
	/* Not the page reloading (it lost what was typed): its frame. */
	assert_lacks(&r, "http-equiv=\"refresh\"");
	assert_has(&r, "<noscript><iframe class=\"status-frame\"");
	assert_has(&r, "The assistant is answering…");
	assert_has(&r, "Is &lt;i&gt;this&lt;/i&gt; &amp; that &quot;on&quot;?");
	assert_lacks(&r, "<i>this</i>");
	assert_lacks(&r, "No messages yet");
	/* Worded for the candidate, not the interviewer's line. */
	assert_lacks(&r, "the assistant is replying");
	resp_free(&r);
	busy = page_statements();
	get(other, "/api/v1/candidate/state", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "\"tokens_reserved\":0");
	assert_has(&r, "\"tokens_reserved\":");
	resp_free(&r);
	fakeai_gate_open();
	child_exits(pid, 0);

	get(other, "/c", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "http-equiv=\"refresh\"");
	assert_lacks(&r, "The assistant is answering");
	assert_has(&r, "The slow reply");
	assert_int_equal(count_in(&r, "Is &lt;i&gt;this&lt;/i&gt;"), 1);
	resp_free(&r);
	get(other, "/api/v1/candidate/state", &r);
	assert_has(&r, "\"tokens_reserved\":0");
	resp_free(&r);
	/*
	 * Past the copy of the row, with the conversation in the cache of the
	 * process serving the page: twice, since the reserve on duty during
	 * the call may have served the page before and handed its connection
	 * to the active process as it rested (the cache is each process's).
	 */
	outside_write_settles();
	get(other, "/c", &r);
	resp_free(&r);
	outside_write_settles();
	get(other, "/c", &r);
	resp_free(&r);
	after = page_statements();
	printf("GET /c: %.0f statements after the reply (the conversation"
	    " cached), %.0f while a reply is written\n", after, busy);
	assert_true(plain > 0);
	assert_true(after == plain);
	/* Its list, and the conversation not taken from the cache. */
	assert_true(busy > plain);
	free(csrf);
	free(fid);
	free(cr.token);
	http_free(other);
	http_free(c);
	http_free(iv);
}

/* The request log's db_statements of the last GET path. */
static double
statements_of(const char *path)
{
	char	*line;
	double	 n;

	line = stack_out(&S, "grep \"GET %s\\\"\" \"$VAR/log/viva-fcgi.log\""
	    " | tail -n 1", path);
	n = log_number(line, "db_statements");
	free(line);
	return n;
}

/*
 * While a message is being answered, the candidate's page without script
 * does not reload (each reload threw away what was being typed in its
 * boxes): it frames GET /c/answering, which alone refreshes itself, in one
 * statement, until the reply is stored, and then links to it on the
 * whole page (target _top).  Only that route may be framed, and only by
 * viva's own pages.  It knows a reply from a call that failed by the
 * replies the page had; it refuses a browser without a candidate session.
 */
static void
test_a_message_being_answered_reloads_only_its_status_frame(void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http	*iv = signin(&acc), *c, *other, *nobody = http_new(&S);
	struct created	 cr;
	char		*csrf, *fid, *h;
	struct resp	 r;
	pid_t		 pid;

	(void)state;
	get(nobody, "/c/answering?replies=0", &r);
	assert_status(&r, 404);
	assert_has(&r, "Link not valid");
	resp_free(&r);
	c = started_with_send_form(iv, "Framed", &cr, &csrf, &fid);
	other = http_twin(c);
	outside_write_settles();	/* no copy of the row: it is read */
	get(other, "/c", &r);
	assert_lacks(&r, "status-frame");
	resp_free(&r);

	fakeai_script("[{\"reply\":\"The framed reply\",\"gate\":true}]");
	pid = send_in_child(c, csrf, "Still <there>?");
	get(other, "/c", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "http-equiv=\"refresh\"");
	assert_has(&r, "<noscript><iframe class=\"status-frame\""
	    " src=\"/c/answering?replies=0\" title=\"Whether the assistant"
	    " has replied to your message\"></iframe></noscript>");
	/* The page itself is framed by nobody. */
	h = resp_header(&r, "X-Frame-Options");
	assert_string_equal(h, "DENY");
	free(h);
	resp_free(&r);
	get(other, "/c?all=1", &r);
	assert_has(&r, "src=\"/c/answering?replies=0&amp;all=1\"");
	resp_free(&r);
	get(other, "/c/answering?replies=0", &r);
	assert_status(&r, 200);
	assert_has(&r, "<meta http-equiv=\"refresh\" content=\"3\">");
	assert_has(&r, "role=\"status\" id=\"answering\">The assistant is"
	    " answering your message…");
	assert_lacks(&r, "target=\"_top\"");
	assert_lacks(&r, "Still");	/* a status, not the conversation */
	h = resp_header(&r, "X-Frame-Options");
	assert_string_equal(h, "SAMEORIGIN");
	free(h);
	h = resp_header(&r, "Content-Security-Policy");
	assert_non_null(strstr(h, "frame-ancestors 'self'"));
	assert_null(strstr(h, "'none'; frame"));
	free(h);
	h = resp_header(&r, "Cache-Control");
	assert_string_equal(h, "no-store");
	free(h);
	resp_free(&r);
	assert_true(statements_of("/c/answering") == 1);
	get(nobody, "/c/answering?replies=0", &r);
	assert_status(&r, 404);
	resp_free(&r);
	fakeai_gate_open();
	child_exits(pid, 0);

	/* Stored: no refresh, the link to it on the whole page. */
	get(other, "/c/answering?replies=0", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "http-equiv=\"refresh\"");
	assert_has(&r, "The assistant has replied. <a href=\"/c/latest\""
	    " target=\"_top\">Show the reply</a> (this reloads the page: Save"
	    " draft first keeps what you are writing).");
	resp_free(&r);
	/* Through a redirect: /c#latest from /c would only scroll. */
	get(other, "/c/latest", &r);
	assert_status(&r, 303);
	h = resp_header(&r, "Location");
	assert_string_equal(h, "/c#latest");
	free(h);
	resp_free(&r);
	get(other, "/c/latest?all=1", &r);
	h = resp_header(&r, "Location");
	assert_string_equal(h, "/c?all=1#latest");
	free(h);
	resp_free(&r);
	assert_true(statements_of("/c/answering") == 1);
	get(other, "/c", &r);
	assert_lacks(&r, "status-frame");
	assert_has(&r, "from-assistant\" id=\"latest\"");
	assert_int_equal(count_in(&r, "id=\"latest\""), 1);
	assert_has(&r, "The framed reply");
	resp_free(&r);
	/* No new reply since the page had one: that call failed. */
	get(other, "/c/answering?replies=1&all=1", &r);
	assert_lacks(&r, "http-equiv=\"refresh\"");
	assert_has(&r, "The assistant did not answer that message, so it was"
	    " not charged. <a href=\"/c/latest?all=1\" target=\"_top\">");
	resp_free(&r);
	get(other, "/c/answering", &r);
	assert_has(&r, "No message is being answered now.");
	resp_free(&r);
	free(csrf);
	free(fid);
	free(cr.token);
	http_free(nobody);
	http_free(other);
	http_free(c);
	http_free(iv);
}

/* POSTs body (JSON) to the candidate's send as the page's script does. */
static long
json_send(struct http *c, const char *csrf, const char *body)
{
	char		*tok = fmt("X-CSRF-Token: %s", csrf);
	const char	*hdrs[] = { "Accept: application/json", tok, NULL };
	struct resp	 r;
	long		 status;

	if (http_req(c, "POST", "/api/v1/candidate/messages",
	    "application/json", body, strlen(body), hdrs, &r) != 0)
		fail_msg("POST /api/v1/candidate/messages: no response");
	status = r.status;
	resp_free(&r);
	free(tok);
	return status;
}

/*
 * The script's send without a reload keeps the final answer being written
 * on the server, as the form's send does: the page opened on another
 * device finds it in its box.  Refused, the message is kept too; a send
 * without the member (an API client) leaves the draft as it was.
 */
static void
test_a_send_without_reload_keeps_the_final_draft_for_another_device(
    void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http	*iv = signin(&acc), *c, *other;
	struct created	 cr;
	char		*csrf, *fid, *d;
	struct resp	 r;

	(void)state;
	c = started_with_send_form(iv, "Jsdraft", &cr, &csrf, &fid);
	fakeai_script("[{\"reply\":\"Noted\"},{\"reply\":\"Again\"}]");
	assert_int_equal(json_send(c, csrf, "{\"text\":\"A quick question\","
	    "\"answer\":\"My <final> draft\"}"), 200);
	other = http_twin(c);
	get(other, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, ">My &lt;final&gt; draft</textarea>");
	assert_has(&r, "Noted");
	resp_free(&r);
	d = sql_str("SELECT message || '|' || answer FROM interview_drafts"
	    " WHERE interview_id = %lld", cr.id);
	assert_string_equal(d, "|My <final> draft");
	free(d);

	/* An API client's send, without the member: the draft stays. */
	assert_int_equal(json_send(c, csrf, "{\"text\":\"Another\"}"), 200);
	d = sql_str("SELECT message || '|' || answer FROM interview_drafts"
	    " WHERE interview_id = %lld", cr.id);
	assert_string_equal(d, "|My <final> draft");
	free(d);

	/* Refused (locked): the message is kept with the answer. */
	sql_do("UPDATE interviews SET chat_locked = true WHERE id = %lld",
	    cr.id);
	assert_int_equal(json_send(c, csrf, "{\"text\":\"Locked out\","
	    "\"answer\":\"Second draft\"}"), 409);
	d = sql_str("SELECT message || '|' || answer FROM interview_drafts"
	    " WHERE interview_id = %lld", cr.id);
	assert_string_equal(d, "Locked out|Second draft");
	free(d);
	outside_write_settles();
	get(other, "/c", &r);
	assert_has(&r, ">Second draft</textarea>");
	assert_has(&r, ">Locked out</textarea>");
	resp_free(&r);
	free(csrf);
	free(fid);
	free(cr.token);
	http_free(other);
	http_free(c);
	http_free(iv);
}

/*
 * A pool process keeps its connection to the provider between messages
 * (lib/http.c): with a real provider that is a TCP and TLS handshake saved
 * on every message.  Which process takes a message is the pool's choice
 * (the reserve accepts while the active one waits on the provider), so
 * one message more than there are processes, each on a new connection
 * without the reuse, must share one.
 */
static void
test_messages_reuse_the_connection_to_the_provider(void **state)
{
	struct json_object	*reqs;
	struct resp		 r;
	int			 kids[POOL_MAX], i, j, n, conn[POOL_MAX + 1];
	int			 shared = 0;

	(void)state;
	n = stack_fcgi_children(&S, kids, POOL_MAX) + 1;
	assert_in_range(n, 2, POOL_MAX + 1);
	fakeai_script(NULL);
	for (i = 0; i < n; i++) {
		/* Earlier messages a minute old: the rate limit has its own test. */
		sql_do("UPDATE usage SET created_at = created_at -"
		    " interval '1 minute' WHERE interview_id = %lld", iv_id);
		assert_int_equal(send_msg("once more", &r), 303);
		resp_free(&r);
	}
	reqs = fakeai_requests();
	assert_int_equal(json_object_array_length(reqs), n);
	for (i = 0; i < n; i++) {
		conn[i] = json_object_get_int(at(json_object_array_get_idx(reqs,
		    (size_t)i), "connection"));
		assert_true(conn[i] > 0);
		for (j = 0; j < i; j++)
			shared |= conn[j] == conn[i];
	}
	assert_true(shared);
	json_object_put(reqs);
}

static void
test_429_is_retried_once_and_charged_once(void **state)
{
	struct json_object	*reqs, *msgs;
	struct resp		 r;
	long long		 u = used(), settled = usage_rows("settled");
	size_t			 i;

	(void)state;
	fakeai_script("[{\"fault\":\"429\",\"retry_after\":1},"
	    "{\"reply\":\"After the wait\",\"usage\":"
	    "{\"prompt_tokens\":300,\"completion_tokens\":20}}]");
	assert_int_equal(send_msg("second question", &r), 303);
	resp_free(&r);
	get(cand, "/c", &r);
	assert_has(&r, "After the wait");
	resp_free(&r);
	assert_int_equal(used(), u + 320);
	assert_int_equal(reserved(), 0);
	assert_int_equal(usage_rows("settled"), settled + 1);
	assert_int_equal(usage_rows("released"), 0);

	/* Both attempts carried the whole conversation. */
	reqs = fakeai_requests();
	assert_int_equal(json_object_array_length(reqs), 2);
	for (i = 0; i < 2; i++) {
		msgs = at(at(json_object_array_get_idx(reqs, i), "body"),
		    "messages");
		assert_int_equal(json_object_array_length(msgs), 4);
		assert_string_equal(msg_field(msgs, 0, "role"), "system");
		assert_string_equal(msg_field(msgs, 1, "content"),
		    "hello one");
		assert_string_equal(msg_field(msgs, 2, "role"), "assistant");
		assert_string_equal(msg_field(msgs, 2, "content"),
		    "Scripted reply one");
		assert_string_equal(msg_field(msgs, 3, "content"),
		    "second question");
	}
	json_object_put(reqs);
}

static void
test_over_reported_usage_is_charged_with_a_warning(void **state)
{
	struct resp	 r;
	long long	 u = used();
	char		*out;

	(void)state;
	fakeai_script("[{\"reply\":\"Long one\",\"usage\":"
	    "{\"prompt_tokens\":5000,\"completion_tokens\":900}}]");
	assert_int_equal(send_msg("third", &r), 303);
	resp_free(&r);
	assert_int_equal(used(), u + 5900);
	assert_int_equal(reserved(), 0);
	out = stack_out(&S, "grep -c \"over the\" \"$VAR/log/viva-fcgi.log\"");
	assert_true(atoi(out) >= 1);
	free(out);
}

struct fault {
	const char	*name;
	const char	*script;
	const char	*error;		/* usage.error */
};

static const struct fault faults[] = {
	{ "500", "[{\"fault\":\"500\"},{\"fault\":\"500\"},{\"fault\":\"500\"}]",
	    "server_error" },
	{ "timeout", "[{\"fault\":\"timeout\"},{\"fault\":\"timeout\"},"
	    "{\"fault\":\"timeout\"}]", "timeout" },
	{ "malformed", "[{\"fault\":\"malformed\"},{\"fault\":\"malformed\"},"
	    "{\"fault\":\"malformed\"}]", "bad_response" },
	{ "empty", "[{\"fault\":\"empty\"},{\"fault\":\"empty\"},"
	    "{\"fault\":\"empty\"}]", "bad_response" },
};

static void
test_each_fault_charges_nothing_and_keeps_the_text(void **state)
{
	struct resp	 r;
	long long	 u, res, rel, n;
	char		*text, *boxed, *err;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(faults); i++) {
		u = used();
		res = reserved();
		rel = usage_rows("released");
		n = messages();
		fakeai_script(faults[i].script);
		text = fmt("please help, fault %s", faults[i].name);
		boxed = fmt("%s</textarea>", text);
		assert_int_equal(send_msg(text, &r), 503);
		assert_has(&r, FAILED_TEXT);
		assert_has(&r, boxed);
		resp_free(&r);
		assert_int_equal(used(), u);
		assert_int_equal(reserved(), res);
		assert_int_equal(reserved(), 0);
		assert_int_equal(messages(), n);
		assert_int_equal(usage_rows("released"), rel + 1);
		assert_int_equal(usage_rows("reserved"), 0);
		err = sql_str("SELECT error FROM usage WHERE interview_id ="
		    " %lld AND state = 'released' ORDER BY id DESC LIMIT 1",
		    iv_id);
		if (strcmp(err, faults[i].error) != 0)
			fail_msg("fault %s: usage.error \"%s\", wanted \"%s\"",
			    faults[i].name, err, faults[i].error);
		free(err);
		free(boxed);
		free(text);
	}
	fakeai_script(NULL);	/* drops the held timeout connections */
}

/* POSTs text to the candidate's JSON send, asking for the reply as a stream. */
static void
send_streamed(const char *text, struct resp *r)
{
	char		*body = fmt("{\"text\":\"%s\"}", text);
	char		*tok = fmt("X-CSRF-Token: %s", cand_csrf);
	const char	*hdrs[] = { "Accept: text/event-stream, application/json",
			    tok, NULL };

	if (http_req(cand, "POST", "/api/v1/candidate/messages",
	    "application/json", body, strlen(body), hdrs, r) != 0)
		fail_msg("POST /api/v1/candidate/messages: no response");
	free(tok);
	free(body);
}

static int
count_of(const char *hay, const char *needle)
{
	int	n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

static void
test_a_streamed_reply_arrives_in_pieces_through_nginx(void **state)
{
	struct resp	 r;
	long long	 n = messages();
	char		*ct;

	(void)state;
	/* Six words 150 ms apart: about 1 s, within the test's 3 s timeout. */
	fakeai_script("[{\"reply\":\"One **two** three four five six\","
	    "\"chunk_delay_ms\":150}]");
	send_streamed("stream it please", &r);
	assert_status(&r, 200);
	ct = resp_header(&r, "Content-Type");
	assert_non_null(ct);
	assert_non_null(strstr(ct, "text/event-stream"));
	free(ct);
	if (count_of(r.body, "event: delta\n") < 5 ||
	    count_of(r.body, "event: done\n") != 1 ||
	    count_of(r.body, "event: error\n") != 0)
		fail_msg("wanted 5+ deltas and done:\n%s", r.body);
	/* done comes last and carries the stored reply, rendered. */
	if (!(strstr(r.body, "event: done") > strstr(r.body, "six")))
		fail_msg("done is not last:\n%s", r.body);
	assert_has(&r, "<p>One <strong>two</strong> three four five six</p>");
	assert_has(&r, "\"tokens_left\"");
	/* The first piece reached the client long before the last. */
	if (!(r.first_body_s >= 0 && r.first_body_s < r.total_s - 0.5))
		fail_msg("first byte after %.2f s of %.2f s: buffered",
		    r.first_body_s, r.total_s);
	resp_free(&r);
	assert_int_equal(messages(), n + 2);
	assert_int_equal(reserved(), 0);
}

static void
test_a_stream_cut_midway_ends_in_an_error_event_and_charges_nothing(void **state)
{
	struct resp	 r;
	long long	 u = used(), n = messages();

	(void)state;
	fakeai_script("[{\"reply\":\"a reply that will not finish at all\","
	    "\"fault\":\"cut\"}]");
	send_streamed("cut me off", &r);
	assert_status(&r, 200);
	assert_true(count_of(r.body, "event: delta\n") >= 1);
	assert_int_equal(count_of(r.body, "event: done\n"), 0);
	assert_int_equal(count_of(r.body, "event: error\n"), 1);
	assert_has(&r, FAILED_TEXT);
	resp_free(&r);
	assert_int_equal(used(), u);
	assert_int_equal(reserved(), 0);
	assert_int_equal(messages(), n);
	fakeai_script(NULL);
}

/*
 * The JSON send that the provider does not answer: 503 with the words the
 * form and the stream give (nothing charged, try again), and Retry-After;
 * the error's message was the generic "temporarily unavailable".
 */
static void
test_a_json_send_the_provider_does_not_answer_says_nothing_was_charged(void **state)
{
	struct json_object	*o, *m;
	struct resp		 r;
	long long		 u = used(), n = messages();
	char			*tok = fmt("X-CSRF-Token: %s", cand_csrf);
	const char		*hdrs[] = { tok, NULL };
	const char		*body = "{\"text\":\"are you there\"}";
	char			*ra;

	(void)state;
	fakeai_script(faults[0].script);
	if (http_req(cand, "POST", "/api/v1/candidate/messages",
	    "application/json", body, strlen(body), hdrs, &r) != 0)
		fail_msg("POST /api/v1/candidate/messages: no response");
	assert_status(&r, 503);
	ra = resp_header(&r, "Retry-After");
	assert_non_null(ra);
	assert_string_equal(ra, "5");
	free(ra);
	assert_non_null(o = json_tokener_parse(r.body));
	assert_true(json_object_object_get_ex(o, "error", &m));
	assert_true(json_object_object_get_ex(m, "message", &m));
	assert_string_equal(json_object_get_string(m), FAILED_TEXT);
	json_object_put(o);
	resp_free(&r);
	assert_int_equal(used(), u);
	assert_int_equal(reserved(), 0);
	assert_int_equal(messages(), n);
	fakeai_script(NULL);
	free(tok);
}

#define EVAL_OK(quality, acc) "{\"tool_calls\":[{\"name\":" \
	"\"evaluate_candidate_answer\",\"arguments\":{\"answer_quality\":" \
	"\"" quality "\",\"technical_accuracy\":" acc ",\"explanation_clarity\":" \
	"0.8,\"identified_skills\":[\"testing\"],\"skill_boundaries_detected\":[]," \
	"\"star\":{\"situation\":false,\"task\":false,\"action\":false," \
	"\"result\":false},\"reasons\":\"Names the failing test first.\"}}]}"
#define EVAL_BROKEN "{\"tool_calls\":[{\"name\":\"evaluate_candidate_answer\"," \
	"\"arguments\":\"{not json\"}]}"
#define EVAL_BAD_FIELD "{\"tool_calls\":[{\"name\":\"evaluate_candidate_answer\"," \
	"\"arguments\":{\"answer_quality\":\"superb\"}}]}"

static char *
evaluation_of(long long id, int n, const char *key)
{
	return sql_str("SELECT evaluation->>'%s' FROM interview_questions"
	    " WHERE interview_id = %lld AND n = %d", key, id, n);
}

static void
test_adaptive_answers_are_judged_by_the_model_with_one_retry(void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http	*h = signin(&acc), *c;
	struct json_object *reqs, *b;
	struct created	 iv;
	char		*csrf, *s;

	(void)state;
	assert_int_equal(seed_test_bank("pt-role"), 0);
	create_adaptive(h, "Judged", "&role=pt-role&model=gpt-4o-mini"
	    "&min_questions=3&max_questions=3&minutes=0", &iv);
	c = start(&iv, &csrf);
	/* A well-formed call: the model's verdict is stored, its tokens charged. */
	fakeai_script("[" EVAL_OK("excellent", "0.9") "]");
	answer_ok(c, csrf, 1, "I write a failing unit test first.");
	assert_string_equal(s = evaluation_of(iv.id, 1, "scorer"), "model");
	free(s);
	assert_string_equal(s = evaluation_of(iv.id, 1, "quality"), "excellent");
	free(s);
	assert_true(sql_num("SELECT tokens_used FROM interviews WHERE id = %lld",
	    iv.id) > 0);
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE interview_id"
	    " = %lld AND state = 'settled'", iv.id), 1);
	reqs = fakeai_requests();
	assert_int_equal(json_object_array_length(reqs), 1);
	b = at(json_object_array_get_idx(reqs, 0), "body");
	assert_string_equal(json_object_get_string(at(at(json_object_array_get_idx(
	    at(b, "tools"), 0), "function"), "name")), "evaluate_candidate_answer");
	assert_string_equal(json_object_get_string(at(at(at(b, "tool_choice"),
	    "function"), "name")), "evaluate_candidate_answer");
	json_object_put(reqs);
	/* Malformed once, then right: the second call counts. */
	fakeai_script("[" EVAL_BROKEN "," EVAL_OK("good", "0.7") "]");
	answer_ok(c, csrf, 2, "A boundary condition such as empty input.");
	assert_string_equal(s = evaluation_of(iv.id, 2, "scorer"), "model");
	free(s);
	reqs = fakeai_requests();
	assert_int_equal(json_object_array_length(reqs), 2);
	json_object_put(reqs);
	/* Malformed twice: the builtin scorer decides, and says why. */
	fakeai_script("[" EVAL_BROKEN "," EVAL_BAD_FIELD "]");
	answer_ok(c, csrf, 3, "I would write a unit test.");
	assert_string_equal(s = evaluation_of(iv.id, 3, "scorer"), "builtin");
	free(s);
	s = evaluation_of(iv.id, 3, "fallback");
	assert_non_null(strstr(s, "malformed twice: answer_quality"));
	free(s);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND status = 'completed'", iv.id), 1);
	fakeai_script(NULL);
	free(csrf);
	free(iv.token);
	http_free(c);
	http_free(h);
}

/*
 * An adaptive answer's form sent twice (a double click while the model
 * judges the first): judged once, charged once; the second answer comes
 * once the first is recorded and says so.
 */
static void
test_an_answer_sent_twice_is_judged_once(void **state)
{
	struct account		 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http		*h = signin(&acc), *c;
	struct json_object	*reqs;
	struct created		 iv;
	char			*csrf, *fid, *body, *script, *loc;
	pid_t			 pid;
	int			 wst, stale;
	struct resp		 r;
	enum { JUDGED = 10, STALE = 11 };

	(void)state;
	create_adaptive(h, "Twice", "&role=pt-role&model=gpt-4o-mini"
	    "&min_questions=2&max_questions=2&minutes=0", &iv);
	c = start(&iv, &csrf);
	get(c, "/c", &r);
	fid = form_id_of(&r);
	resp_free(&r);
	script = fmt("[{\"delay_ms\":1000,%s,%s]",
	    EVAL_OK("excellent", "0.9") + 1, EVAL_OK("poor", "0.1"));
	fakeai_script(script);
	free(script);
	body = fmt("csrf=%s&form_id=%s&n=1&answer=Test+first", csrf, fid);
	/*
	 * Which of the two claims the form first is the machine's choice
	 * (usually the one sent 300 ms earlier): one is judged and answered
	 * /c, the other waits and is answered /c?stale=1.
	 */
	if ((pid = fork()) == 0)
		_exit(http_post(http_twin(c), "/c/answer", body, &r) != 0 ||
		    r.status != 303 ? 1 : (loc = resp_header(&r, "Location"))
		    != NULL && strcmp(loc, "/c?stale=1") == 0 ? STALE : JUDGED);
	usleep(300 * 1000);	/* the first is being judged */
	post(c, "/c/answer", body, &r);
	assert_status(&r, 303);
	loc = resp_header(&r, "Location");
	stale = strcmp(loc, "/c?stale=1") == 0;
	assert_true(stale || strcmp(loc, "/c") == 0);
	free(loc);
	resp_free(&r);
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	assert_true(WIFEXITED(wst));
	assert_int_equal(WEXITSTATUS(wst), stale ? JUDGED : STALE);
	get(c, "/c?stale=1", &r);
	assert_has(&r, "That answer was recorded already");
	resp_free(&r);
	reqs = fakeai_requests();
	assert_int_equal(json_object_array_length(reqs), 1);
	json_object_put(reqs);
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " interview_id = %lld", iv.id), 1);
	assert_string_equal(script = evaluation_of(iv.id, 1, "quality"),
	    "excellent");
	free(script);
	fakeai_script(NULL);
	free(body);
	free(fid);
	free(csrf);
	free(iv.token);
	http_free(c);
	http_free(h);
}

static void
test_the_key_is_never_logged(void **state)
{
	char	*out;

	(void)state;
	out = stack_out(&S, "grep -rc \"%s\" \"$VAR/log\" | grep -v :0$"
	    " | wc -l", API_KEY);
	assert_string_equal(out, "0");
	free(out);
	out = stack_out(&S, "grep -c -e Sanitizer -e \"runtime error\""
	    " \"$VAR/log/viva-fcgi.log\"");
	assert_string_equal(out, "0");
	free(out);
}

/*
 * Candidates waiting on slow replies do not stall anyone else: while more
 * requests wait on the provider than the pool has processes, the pool adds
 * processes, and lets them go once the replies are in.
 */
static void
test_slow_replies_do_not_stall_other_pages(void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http	*iv = signin(&acc), *c[POOL_BASE + 2], *h = http_new(&S);
	struct created	 cr[POOL_BASE + 2];
	char		*csrf[POOL_BASE + 2], *form, *steps;
	int		 kids[64], nslow = POOL_BASE + 2, i, wst;
	pid_t		 pids[POOL_BASE + 2];
	struct resp	 r;

	(void)state;
	steps = strdup("[");
	for (i = 0; i < nslow; i++) {
		form = fmt("%s%s{\"reply\":\"Slow %d\",\"gate\":true}", steps,
		    i ? "," : "", i);
		free(steps);
		steps = form;
	}
	form = fmt("%s]", steps);
	fakeai_script(form);
	free(form);
	free(steps);
	for (i = 0; i < nslow; i++) {
		form = fmt("candidate_name=Slow+%d&candidate_email=s%d%%40x.test"
		    "&challenge_id=%lld&title=&body_md=&minutes=30&token_budget=20000"
		    "&model=gpt-4o-mini&instructions=&expiry_days=7", i, i, challenge_id);
		create(iv, form, &cr[i]);
		free(form);
		c[i] = start(&cr[i], &csrf[i]);
	}
	for (i = 0; i < nslow; i++)
		if ((pids[i] = fork()) == 0) {
			form = fmt("csrf=%s&message=Why+is+it+slow", csrf[i]);
			_exit(http_post(c[i], "/c/messages", form, &r) == 0 &&
			    r.status == 303 ? 0 : 1);
		}
	fakeai_gate_await(nslow);	/* every send waits on the provider */
	assert_int_equal(http_get(h, "/login", &r), 0);
	assert_status(&r, 200);
	/*
	 * Not behind the replies: answered while they wait at the gate (a
	 * page that waited for a process would wait until the calls' timeout,
	 * and the sends would fail).
	 */
	assert_int_equal(sql_num("SELECT count(*) FROM messages m JOIN"
	    " interviews i ON i.id = m.interview_id WHERE i.candidate_name"
	    " LIKE 'Slow %%' AND m.role = 'assistant'"), 0);
	resp_free(&r);
	fakeai_gate_open();
	for (i = 0; i < nslow; i++) {
		assert_int_equal(waitpid(pids[i], &wst, 0), pids[i]);
		assert_true(WIFEXITED(wst) && WEXITSTATUS(wst) == 0);
	}
	assert_true(extras_started() >= 2);
	/* The extras retire after their next request. */
	for (i = 0; i < 200 && stack_fcgi_children(&S, kids, 64) > POOL_BASE; i++) {
		get(h, "/login", &r);
		resp_free(&r);
		usleep(20 * 1000);
	}
	assert_int_equal(stack_fcgi_children(&S, kids, 64), POOL_BASE);
	for (i = 0; i < nslow; i++) {
		http_free(c[i]);
		free(csrf[i]);
		free(cr[i].token);
	}
	http_free(h);
	http_free(iv);
}

/* What `viva jobs run` printed about reservations. */
static char *
jobs_reservations(void)
{
	return stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\""
	    " jobs run | grep '^reservations:'");
}

/*
 * nginx keeps its connections to the pool and sends a request down any
 * idle one.  The one active process (the other a resting reserve) about
 * to wait on a slow reply had no process taking requests to give its
 * connections to, kept them while it waited, and every page sent down one
 * of them waited for the reply.  Now the reserve, on duty while it waits,
 * has them nudged over: sixteen pages at once all answer before the reply
 * is stored.
 */
static void
test_pages_on_connections_of_a_waiting_process_do_not_wait(void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http	*iv = signin(&acc), *c;
	struct created	 cr;
	char		*csrf, *fid;
	pid_t		 pid;
	int		 answered;

	(void)state;
	c = started_with_send_form(iv, "Keptwaiting", &cr, &csrf, &fid);
	usleep(300 * 1000);	/* the reserve rests: nobody but it is stuck */
	/* Connections enough for both nginx workers, kept by the active one. */
	assert_int_equal(logins_at_once(), 16);
	fakeai_script("[{\"reply\":\"Worth the wait\",\"gate\":true}]");
	pid = send_in_child(c, csrf, "Are you there?");
	answered = logins_at_once();
	/* Answered while the reply waits at the gate. */
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", cr.id), 0);
	assert_int_equal(answered, 16);
	fakeai_gate_open();
	child_exits(pid, 0);
	fakeai_script(NULL);
	free(csrf);
	free(fid);
	free(cr.token);
	http_free(c);
	http_free(iv);
}

/* Restarts viva.fcgi with `active` of its two processes active (2: no reserve). */
static void
pool_restart(int active)
{
	assert_int_equal(stack_sh(&S, "p=$(cat \"$VAR/run/viva-fcgi.pid\");"
	    " kill $p; while kill -0 $p 2>/dev/null; do sleep 0.05; done;"
	    " VIVA_ACTIVE_WORKERS=%d bash scripts/run.sh --no-admin >/dev/null",
	    active), 0);
}

/*
 * The same without a reserve (both processes active): the two of them
 * waiting on slow replies at once, the second began its wait when no
 * process took requests (the first waiting, the extra forked for it not
 * yet up) and kept its connections; the extra, between its requests,
 * has them handed over.  A reserve alone nudged, and pages waited.
 */
static void
test_pages_beside_two_waiting_processes_without_a_reserve_do_not_wait(
    void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http	*iv = signin(&acc), *c[2];
	struct created	 cr[2];
	char		*csrf[2], *fid[2];
	long long	 before;
	struct resp	 r;
	pid_t		 pid[2];
	int		 i, answered;

	(void)state;
	c[0] = started_with_send_form(iv, "Norese", &cr[0], &csrf[0], &fid[0]);
	c[1] = started_with_send_form(iv, "Noresf", &cr[1], &csrf[1], &fid[1]);
	pool_restart(2);
	assert_int_equal(logins_at_once(), 16);
	fakeai_script("[{\"reply\":\"One\",\"gate\":true},"
	    "{\"reply\":\"Two\",\"gate\":true}]");
	before = holds();
	for (i = 0; i < 2; i++)
		if ((pid[i] = fork()) == 0)
			_exit(message_post(http_twin(c[i]), csrf[i], "Still there?",
			    &r) == 303 ? 0 : 1);
	await_holds(before + 2);
	answered = logins_at_once();
	/* Answered while both replies wait at the gate. */
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id IN (%lld, %lld)", cr[0].id, cr[1].id), 0);
	assert_int_equal(answered, 16);
	fakeai_gate_open();
	for (i = 0; i < 2; i++) {
		child_exits(pid[i], 0);
		free(csrf[i]);
		free(fid[i]);
		free(cr[i].token);
		http_free(c[i]);
	}
	fakeai_script(NULL);
	pool_restart(1);
	http_free(iv);
}

/*
 * Repeats of a slow send (Send pressed again and again while the model
 * writes) wait for its one reply without stalling anyone else: the pool
 * counts them as waiting on another server, as it counts the first.
 */
static void
test_repeats_of_a_slow_send_do_not_stall_other_pages(void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http	*iv = signin(&acc), *c, *h = http_new(&S);
	struct created	 cr;
	char		*csrf, *fid, *body;
	pid_t		 pids[POOL_BASE + 2];
	int		 i, wst;
	struct resp	 r;

	(void)state;
	c = started_with_send_form(iv, "Repeated", &cr, &csrf, &fid);
	fakeai_script("[{\"reply\":\"Slow once\",\"gate\":true,"
	    "\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":30}}]");
	body = fmt("csrf=%s&form_id=%s&message=Again+and+again", csrf, fid);
	for (i = 0; i < POOL_BASE + 2; i++) {
		if ((pids[i] = fork()) == 0)
			_exit(http_post(http_twin(c), "/c/messages", body, &r)
			    == 0 && r.status == 303 ? 0 : 1);
		usleep(50 * 1000);	/* the first claims the form */
	}
	fakeai_gate_await(1);	/* the first waits on the model */
	usleep(300 * 1000);	/* the rest on it */
	assert_int_equal(http_get(h, "/login", &r), 0);
	assert_status(&r, 200);
	/* Not behind the reply: answered while it waits at the gate. */
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", cr.id), 0);
	resp_free(&r);
	fakeai_gate_open();
	for (i = 0; i < POOL_BASE + 2; i++) {
		assert_int_equal(waitpid(pids[i], &wst, 0), pids[i]);
		assert_true(WIFEXITED(wst) && WEXITSTATUS(wst) == 0);
	}
	get(c, "/c", &r);
	assert_int_equal(count_in(&r, "Slow once"), 1);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " interview_id = %lld", cr.id), 1);
	free(body);
	free(fid);
	free(csrf);
	free(cr.token);
	http_free(c);
	http_free(h);
	http_free(iv);
}

/*
 * A pool process killed while the provider answers (a restart, the OOM
 * killer) never settles its reservation.  Its hold lasts the longest call the
 * provider may take and a minute; then the tokens come back, at `viva jobs
 * run` or at the interview's next send, and the row says "abandoned".
 */
static void
test_tokens_held_by_a_killed_process_come_back(void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http	*iv = signin(&acc), *c;
	struct created	 cr;
	char		*csrf, *form, *out;
	int		 kids[64], n, i, round, wst;
	pid_t		 pid;
	struct resp	 r;

	(void)state;
	form = fmt("candidate_name=Killed&candidate_email=k%%40x.test"
	    "&challenge_id=%lld&title=&body_md=&minutes=30&token_budget=20000"
	    "&model=gpt-4o-mini&instructions=&expiry_days=7", challenge_id);
	create(iv, form, &cr);
	free(form);
	c = start(&cr, &csrf);
	form = fmt("csrf=%s&message=Hello+then+silence", csrf);
	for (round = 0; round < 2; round++) {
		fakeai_script("[{\"reply\":\"Never heard\",\"gate\":true}]");
		if ((pid = fork()) == 0)
			_exit(http_post(c, "/c/messages", form, &r) == 0 ?
			    r.status / 100 : 0);
		sql_wait("SELECT count(*) = 1 FROM usage WHERE interview_id = %lld"
		    " AND state = 'reserved'", cr.id);
		n = stack_fcgi_children(&S, kids, 64);
		for (i = 0; i < n; i++)
			kill(kids[i], SIGKILL);
		assert_int_equal(waitpid(pid, &wst, 0), pid);
		assert_int_equal(WEXITSTATUS(wst), 5);	/* nginx: 502 */
		assert_true(sql_num("SELECT tokens_reserved FROM interviews"
		    " WHERE id = %lld", cr.id) > 0);
		/* 2 × VIVA_AI_TIMEOUT_MS (the call's deadline) and a minute. */
		assert_int_equal(sql_num("SELECT (extract(epoch FROM hold_until -"
		    " created_at) * 1000)::bigint FROM usage WHERE interview_id = %lld AND"
		    " state = 'reserved'", cr.id), 2 * 3000 + 60000);
		/* Until then the call may still be running: nothing is freed. */
		out = jobs_reservations();
		assert_string_equal(out, "reservations: released 0 abandoned by"
		    " calls that never ended");
		free(out);
		sql_do("UPDATE usage SET hold_until = now() - interval '1 s'"
		    " WHERE interview_id = %lld AND state = 'reserved'", cr.id);
		if (round == 0) {
			out = jobs_reservations();
			assert_string_equal(out, "reservations: released 1"
			    " abandoned by calls that never ended");
			free(out);
		} else {
			/* The next send frees them, and is charged as usual. */
			fakeai_script("[{\"reply\":\"Back again\",\"usage\":"
			    "{\"prompt_tokens\":40,\"completion_tokens\":2}}]");
			post(c, "/c/messages", form, &r);
			assert_status(&r, 303);
			resp_free(&r);
			assert_int_equal(sql_num("SELECT tokens_used FROM"
			    " interviews WHERE id = %lld", cr.id), 42);
		}
		assert_int_equal(sql_num("SELECT tokens_reserved FROM interviews"
		    " WHERE id = %lld", cr.id), 0);
		assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
		    " interview_id = %lld AND state = 'released' AND error ="
		    " 'abandoned'", cr.id), round + 1);
	}
	fakeai_script(NULL);
	free(form);
	free(csrf);
	free(cr.token);
	http_free(c);
	http_free(iv);
}

/*
 * The provider is busy for longer than a call waits (429, Retry-After
 * 120): the candidate is told when to send again, in words and in
 * Retry-After, where the page said the AI service did not answer; the
 * text stays and nothing is charged, on the page and through the API.
 */
static void
test_a_busy_provider_says_when_to_send_again(void **state)
{
	struct resp	 r;
	char		*ra;
	long long	 u = used(), n = messages();

	(void)state;
	fakeai_script("[{\"fault\":\"429\",\"retry_after\":120}]");
	assert_int_equal(send_msg("please help while it is busy", &r), 503);
	assert_has(&r, "The AI service is busy; your message was not charged."
	    " Try again in 2 minutes.");
	assert_lacks(&r, "did not answer");
	assert_has(&r, ">please help while it is busy</textarea>");
	assert_string_equal(ra = resp_header(&r, "Retry-After"), "120");
	free(ra);
	resp_free(&r);
	fakeai_script("[{\"fault\":\"429\",\"retry_after\":45}]");
	send_streamed("please help, streamed while busy", &r);
	assert_has(&r, "Try again in 45 seconds.");
	resp_free(&r);
	assert_int_equal(used(), u);
	assert_int_equal(messages(), n);
	fakeai_script(NULL);
}

/* PostgreSQL stopped (0) or started again (1), waiting until it has. */
static void
database(int up)
{
	assert_int_equal(stack_sh(&S, up ? "as_pg \"$PGBIN/pg_ctl\" -D"
	    " \"$(pg_dir)/data\" -l \"$(pg_dir)/postgres.log\" -w start"
	    " >/dev/null" : "as_pg \"$PGBIN/pg_ctl\" -D \"$(pg_dir)/data\""
	    " -m fast -w stop >/dev/null"), 0);
}

/*
 * PostgreSQL goes away while the model answers: the reply cannot be
 * saved, and the page says so, where it said the AI service did not
 * answer; the text stays in the box, nothing is charged, and with
 * PostgreSQL back the same message goes through.
 */
static void
test_a_reply_the_database_could_not_save_is_not_blamed_on_the_ai(void **state)
{
	struct account	 acc = { "Org A", "int@a.test", "interviewer", pw };
	struct http	*iv = signin(&acc), *c;
	struct created	 cr;
	char		*csrf, *form;
	int		 wst;
	pid_t		 pid;
	struct resp	 r;

	(void)state;
	form = fmt("candidate_name=Unsaved&candidate_email=u%%40x.test"
	    "&challenge_id=%lld&title=&body_md=&minutes=30&token_budget=20000"
	    "&model=gpt-4o-mini&instructions=&expiry_days=7", challenge_id);
	create(iv, form, &cr);
	free(form);
	c = start(&cr, &csrf);
	form = fmt("csrf=%s&message=Kept+while+the+database+is+away", csrf);
	fakeai_script("[{\"reply\":\"Heard, not kept\",\"gate\":true}]");
	if ((pid = fork()) == 0)
		_exit(http_post(c, "/c/messages", form, &r) != 0 ? 1 :
		    r.status != 503 ? 2 : strstr(r.body, "could not be saved"
		    " just now, so it was not charged") == NULL ? 3 :
		    strstr(r.body, "did not answer") != NULL ? 4 :
		    strstr(r.body, ">Kept while the database is away<") == NULL ?
		    5 : 0);
	sql_wait("SELECT count(*) = 1 FROM usage WHERE interview_id = %lld"
	    " AND state = 'reserved'", cr.id);
	database(0);
	fakeai_gate_open();	/* the reply comes with the database away */
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	database(1);
	assert_int_equal(WEXITSTATUS(wst), 0);
	assert_int_equal(sql_num("SELECT tokens_used FROM interviews WHERE id ="
	    " %lld", cr.id), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", cr.id), 0);
	fakeai_script("[{\"reply\":\"Kept this time\",\"usage\":"
	    "{\"prompt_tokens\":40,\"completion_tokens\":3}}]");
	post(c, "/c/messages", form, &r);
	assert_status(&r, 303);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT tokens_used FROM interviews WHERE id ="
	    " %lld", cr.id), 43);
	fakeai_script(NULL);
	free(form);
	free(csrf);
	free(cr.token);
	http_free(c);
	http_free(iv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_offers_the_configured_models),
		cmocka_unit_test(test_reply_is_charged_as_the_provider_reports),
		cmocka_unit_test(test_a_long_conversation_sends_its_start_and_its_latest_within_the_limit),
		cmocka_unit_test(test_a_send_form_sent_twice_calls_the_model_once),
		cmocka_unit_test(test_a_send_resent_after_its_process_died_is_sent),
		cmocka_unit_test(test_a_message_being_answered_shows_on_the_interviewers_page),
		cmocka_unit_test(test_the_offline_assistant_does_not_say_no_service_is_configured),
		cmocka_unit_test(test_429_is_retried_once_and_charged_once),
		cmocka_unit_test(test_over_reported_usage_is_charged_with_a_warning),
		cmocka_unit_test(test_each_fault_charges_nothing_and_keeps_the_text),
		cmocka_unit_test(test_a_streamed_reply_arrives_in_pieces_through_nginx),
		cmocka_unit_test(test_a_stream_cut_midway_ends_in_an_error_event_and_charges_nothing),
		cmocka_unit_test(test_a_json_send_the_provider_does_not_answer_says_nothing_was_charged),
		cmocka_unit_test(test_adaptive_answers_are_judged_by_the_model_with_one_retry),
		cmocka_unit_test(test_an_answer_sent_twice_is_judged_once),
		cmocka_unit_test(test_slow_replies_do_not_stall_other_pages),
		cmocka_unit_test(test_repeats_of_a_slow_send_do_not_stall_other_pages),
		cmocka_unit_test(test_pages_on_connections_of_a_waiting_process_do_not_wait),
		cmocka_unit_test(test_tokens_held_by_a_killed_process_come_back),
		cmocka_unit_test(test_a_reply_the_database_could_not_save_is_not_blamed_on_the_ai),
		cmocka_unit_test(test_a_busy_provider_says_when_to_send_again),
		cmocka_unit_test(test_the_log_line_gives_the_providers_share),
		cmocka_unit_test(test_a_message_being_answered_shows_on_the_candidates_other_page),
		cmocka_unit_test(test_a_message_being_answered_reloads_only_its_status_frame),
		cmocka_unit_test(test_a_send_without_reload_keeps_the_final_draft_for_another_device),
		cmocka_unit_test(test_the_key_is_never_logged),
		cmocka_unit_test(test_messages_reuse_the_connection_to_the_provider),
		/* Last: it restarts the pool without, then with, its reserve. */
		cmocka_unit_test(test_pages_beside_two_waiting_processes_without_a_reserve_do_not_wait),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
