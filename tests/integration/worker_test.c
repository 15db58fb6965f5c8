/*
 * worker_test.c: viva-worker end to end: a browser (a raw WebSocket client)
 * through nginx at /rt/, the worker, and the fake realtime provider; the
 * tickets viva.fcgi mints; what lands in PostgreSQL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fakeai.h"
#include "flow.h"
#include "lib/arena.h"
#include "lib/crypto.h"
#include "lib/db.h"
#include "lib/status.h"
#include "lib/ticket.h"
#include "ws.h"

static struct account	a_int = { "Org W", "int@w.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int };

static struct created	voice, plain;
static struct http	*cand, *cand_plain;
static char		*csrf, *csrf_plain;
/* Two more voice interviews whose ids differ in parity: two database threads. */
static struct created	slow, steady;
static struct http	*cand_slow, *cand_steady;
static char		*csrf_slow, *csrf_steady;

#define GOOD_ARGS "{\"answer_quality\":\"excellent\",\"technical_accuracy\":0.95," \
	"\"explanation_clarity\":0.9,\"identified_skills\":[\"testing\"]," \
	"\"skill_boundaries_detected\":[],\"star\":{\"situation\":false," \
	"\"task\":false,\"action\":false,\"result\":false},\"reasons\":\"clear\"}"

/* GET, or POST body, to the fake provider's controls; its answer (malloc'd). */
static char *
fake(const char *method, const char *path, const char *body)
{
	return fakeai_call(path, strcmp(method, "GET") == 0 ? NULL :
	    body != NULL ? body : "");
}

static void
fake_do(const char *actions)
{
	free(fake("POST", "/_fake/realtime", actions));
}

/* Waits until the fake's log of client events holds s. */
static int
fake_saw(const char *s, int timeout_ms)
{
	char	*out;
	int	 i, ok = 0;

	for (i = 0; i < timeout_ms / 100 && !ok; i++) {
		out = fake("GET", "/_fake/realtime", NULL);
		ok = strstr(out, s) != NULL;
		free(out);
		if (!ok)
			usleep(100000);
	}
	return ok;
}

static int
group_setup(void **state)
{
	struct resp	 r;

	(void)state;
	if (fakeai_start_as_provider("worker-test-key") != 0)
		return -1;
	setenv("VIVA_WORKER_PING_SECS", "1", 1);
	setenv("VIVA_WORKER_STALL_SECS", "5", 1);
	if (flow_start(accounts, NITEMS(accounts)) != 0 ||
	    seed_test_bank("qa-test") != 0)
		return -1;
	struct http *h = signin(&a_int);
	create_adaptive(h, "Voicey", "&role=qa-test&model=gpt-4o-mini&min_questions=3"
	    "&max_questions=6&minutes=0&voice=1", &voice);
	create_adaptive(h, "Typist", "&role=qa-test&model=gpt-4o-mini&min_questions=3"
	    "&max_questions=6&minutes=0", &plain);
	create_adaptive(h, "Slowpoke", "&role=qa-test&model=gpt-4o-mini"
	    "&min_questions=3&max_questions=6&minutes=0&voice=1", &slow);
	do
		create_adaptive(h, "Steady", "&role=qa-test&model=gpt-4o-mini"
		    "&min_questions=3&max_questions=6&minutes=0&voice=1", &steady);
	while (steady.id % 2 == slow.id % 2);
	http_free(h);
	cand_slow = start(&slow, &csrf_slow);
	get(cand_slow, "/c", &r);
	resp_free(&r);
	cand_steady = start(&steady, &csrf_steady);
	get(cand_steady, "/c", &r);
	resp_free(&r);
	cand = start(&voice, &csrf);
	get(cand, "/c", &r);
	resp_free(&r);
	cand_plain = start(&plain, &csrf_plain);
	get(cand_plain, "/c", &r);
	resp_free(&r);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	http_free(cand);
	http_free(cand_plain);
	http_free(cand_slow);
	http_free(cand_steady);
	free(csrf);
	free(csrf_plain);
	free(csrf_slow);
	free(csrf_steady);
	flow_stop(accounts, NITEMS(accounts));
	fakeai_stop();
	return 0;
}

/* A connected session through nginx for h's interview, the provider answered. */
static void
connect_as(struct ws *w, struct http *h, const char *token)
{
	char	*url = ticket_url(h, token), *ev = NULL;

	if (ws_open(w, S.port, url) == 0)
		ev = ws_wait(w, "\"connected\"", 5000);
	free(url);
	if (ev == NULL)	/* the worker's own account of why */
		stack_sh(&S, "tail -n 40 \"$VAR/log/viva-worker.log\" >&2");
	assert_non_null(ev);
	free(ev);
}

static void
connect_live(struct ws *w)
{
	connect_as(w, cand, csrf);
}

static void
test_ticket_only_for_a_running_interview_that_offers_voice(void **state)
{
	struct resp	 r;
	char		*p;

	(void)state;
	ticket_post(cand_plain, csrf_plain, &r);
	assert_status(&r, 404);
	assert_has(&r, "not offered by voice");
	resp_free(&r);
	ticket_post(cand, "wrong-token", &r);
	assert_status(&r, 403);
	resp_free(&r);
	ticket_post(cand, csrf, &r);
	assert_status(&r, 200);
	p = fmt("/rt/interviews/%lld?ticket=", voice.id);
	assert_has(&r, p);
	free(p);
	resp_free(&r);
}

/* Mints with the stack's own key, as viva.fcgi would. */
static char *
mint(long long iv, long long expires)
{
	unsigned char	 key[TICKET_KEY_LEN];
	struct arena	*a = arena_new();
	char		*hex = stack_out(&S, "cat \"$VAR/ticket.key\""), *t;

	assert_int_equal(ticket_key_parse(hex, key), ST_OK);
	t = fmt("/rt/interviews/%lld?ticket=%s", voice.id,
	    ticket_mint(a, key, iv, expires));
	arena_free(a);
	free(hex);
	return t;
}

static void
refused(const char *path, const char *code)
{
	struct ws	 w;
	char		*ev;

	assert_int_equal(ws_open(&w, S.port, path), 0);
	ev = ws_wait(&w, code, 5000);
	assert_non_null(ev);
	free(ev);
	free(ws_wait(&w, NULL, 3000));
	assert_true(w.closed);
	assert_int_equal(w.close_code, 4401);
	ws_close(&w);
}

static void
test_forged_expired_and_wrong_interview_tickets_are_refused(void **state)
{
	char	*p;

	(void)state;
	refused(p = fmt("/rt/interviews/%lld?ticket=AAAAforged", voice.id),
	    "ticket_invalid");
	free(p);
	refused(p = mint(voice.id, (long long)time(NULL) - 1), "ticket_expired");
	free(p);
	refused(p = mint(plain.id, (long long)time(NULL) + 60), "ticket_invalid");
	free(p);
	refused(p = fmt("/rt/interviews/%lld", voice.id), "ticket_invalid");
	free(p);
}

/*
 * A ticket opens one connection (docs/API.md: "a reconnect needs a new
 * one"): the same URL again, within its 60 s, is refused, so a ticket
 * copied from a log or a proxy cannot open a second session.
 */
static void
test_a_ticket_opens_one_connection_only(void **state)
{
	struct ws	 w;
	char		*url = ticket_url(cand, csrf), *ev;

	(void)state;
	assert_int_equal(ws_open(&w, S.port, url), 0);
	free(ev = ws_wait(&w, "\"connected\"", 5000));
	assert_non_null(ev);
	ws_close(&w);
	refused(url, "ticket_invalid");
	free(url);
	connect_live(&w);	/* a new ticket still opens one */
	ws_close(&w);
}

/* Last: the worker logged no sanitizer report, through all of the above and a restart. */
/* Set up, the worker narrows itself: a seccomp filter on every thread. */
static void
test_the_worker_runs_under_its_seccomp_filter(void **state)
{
	char	*out;

	(void)state;
	out = stack_out(&S, "grep -c \"^Seccomp:.2\" /proc/%d/status;"
	    " ls /proc/%d/task | wc -l; grep -l \"^Seccomp:.2\""
	    " /proc/%d/task/*/status | wc -l", stack_worker_pid(&S),
	    stack_worker_pid(&S), stack_worker_pid(&S));
	/* The main thread, and as many filtered threads as there are threads. */
	assert_int_equal(atoi(out), 1);
	assert_non_null(strchr(out, '\n'));
	assert_int_equal(atoi(strchr(out, '\n') + 1),
	    atoi(strrchr(out, '\n') + 1));
	assert_true(atoi(strchr(out, '\n') + 1) >= 2);	/* with the db threads */
	free(out);
}

static void
test_worker_log_has_no_sanitizer_report(void **state)
{
	char	*out;

	(void)state;
	/* Nor a call its seccomp list refused: every path above is foreseen. */
	out = stack_out(&S, "grep -c -e Sanitizer -e \"runtime error\""
	    " -e \"refused system call\" \"$VAR/log/viva-worker.log\"");
	if (atoi(out) != 0) {
		free(out);
		out = stack_out(&S, "grep -e Sanitizer -e \"runtime error\""
		    " -e \"refused system call\" -A12"
		    " \"$VAR/log/viva-worker.log\" | head -n 60");
		fail_msg("viva-worker.log:\n%s", out);
	}
	free(out);
}

static void
test_audio_relays_both_ways_through_nginx(void **state)
{
	unsigned char	 pcm[960];
	struct ws	 w;
	char		*ev;
	int		 i;

	(void)state;
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_live(&w);
	assert_true(fake_saw("Current question (1): Q ", 3000));
	assert_true(fake_saw("evaluate_candidate_answer", 100));
	assert_true(fake_saw("server_vad", 100));
	memset(pcm, 3, sizeof(pcm));
	for (i = 0; i < 10; i++)
		assert_int_equal(ws_send(&w, 2, pcm, sizeof(pcm)), 0);
	assert_true(fake_saw("\"appends\":10", 3000));
	fake_do("[{\"do\":\"speak\",\"ms\":500,\"text\":\"Tell me about tests.\"}]");
	ev = ws_wait(&w, "\"transcript.ai\"", 5000);
	assert_non_null(ev);
	assert_non_null(strstr(ev, "Tell me about tests."));
	free(ev);
	assert_int_equal(w.bin_bytes, 24000);	/* 500 ms of PCM16 at 24 kHz */
	usleep(300000);
	assert_true(sql_num("SELECT count(*) FROM messages WHERE interview_id = %lld"
	    " AND role = 'assistant' AND content = 'Tell me about tests.'",
	    voice.id) == 1);
	assert_true(sql_num("SELECT tokens_used FROM interviews WHERE id = %lld",
	    voice.id) >= 150);
	ws_close(&w);
}

/*
 * A call of a function the worker does not have evaluates nothing: the
 * model hears so, and the page is not told to move to the next question
 * (question.next means "the answer was evaluated", docs/API.md).
 */
/*
 * "connected" is a state the page shows once per connection (docs/API.md:
 * "the AI service is ready"), not an echo of each provider event that
 * reports the session's settings.
 */
static void
test_connected_is_said_once_per_connection(void **state)
{
	struct ws	 w;

	(void)state;
	connect_live(&w);	/* read up to the first "connected" */
	assert_null(ws_wait(&w, "\"connected\"", 1500));
	assert_true(fake_saw("session.update", 100));
	ws_close(&w);
}

static void
test_an_unknown_function_call_does_not_move_the_page_on(void **state)
{
	struct ws	 w;
	char		*ev;
	long long	 asked;

	(void)state;
	asked = sql_num("SELECT (adaptive_state->>'asked')::int FROM"
	    " interviews WHERE id = %lld", voice.id);
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_live(&w);
	fake_do("[{\"do\":\"call\",\"name\":\"skip_question\","
	    "\"arguments\":{}}]");
	assert_true(fake_saw("function_call_output", 3000));
	ev = ws_wait(&w, "\"question.next\"", 1500);
	assert_null(ev);
	assert_int_equal(sql_num("SELECT (adaptive_state->>'asked')::int FROM"
	    " interviews WHERE id = %lld", voice.id), asked);
	ws_close(&w);
}

static void
test_function_call_moves_the_adaptive_state_in_postgresql(void **state)
{
	struct ws	 w;
	char		*ev;

	(void)state;
	assert_int_equal(sql_num("SELECT (adaptive_state->>'asked')::int FROM"
	    " interviews WHERE id = %lld", voice.id), 0);
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_live(&w);
	fake_do("[{\"do\":\"transcribe\",\"text\":\"I write a failing unit test"
	    " first and check the boundary condition.\"},{\"do\":\"call\","
	    "\"name\":\"evaluate_candidate_answer\",\"arguments\":" GOOD_ARGS "}]");
	ev = ws_wait(&w, "\"question.next\"", 5000);
	assert_non_null(ev);
	free(ev);
	assert_int_equal(sql_num("SELECT (adaptive_state->>'asked')::int FROM"
	    " interviews WHERE id = %lld", voice.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions WHERE"
	    " interview_id = %lld AND n = 1 AND answer LIKE 'I write a failing%%'"
	    " AND evaluation->>'scorer' = 'model'", voice.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld AND role = 'user'", voice.id), 1);
	/* Counted as it was stored (sql/028), as the chat's messages are. */
	assert_int_equal(sql_num("SELECT chat_user_messages FROM interviews"
	    " WHERE id = %lld", voice.id), 1);
	assert_int_equal(sql_num("SELECT chat_messages - (SELECT count(*)"
	    " FROM messages WHERE interview_id = %lld) FROM interviews"
	    " WHERE id = %lld", voice.id, voice.id), 0);
	assert_true(fake_saw("function_call_output", 3000));
	assert_true(fake_saw("Current question (2)", 100) ||
	    fake_saw("next_question", 100));
	ws_close(&w);
}

/*
 * The candidate's answer so far lives in PostgreSQL too (their transcripts):
 * a session that drops mid-answer and comes back with a new ticket records
 * the whole answer, not only what was said after the reconnect.
 */
static void
test_an_answer_begun_before_a_reconnect_is_recorded_whole(void **state)
{
	struct ws	 w;
	long long	 n;
	char		*ev, *answer;

	(void)state;
	n = sql_num("SELECT min(n) FROM interview_questions WHERE"
	    " interview_id = %lld AND answer IS NULL", voice.id);
	assert_true(n > 0);
	connect_live(&w);
	fake_do("[{\"do\":\"transcribe\",\"text\":\"I start with the"
	    " boundary values,\"}]");
	sql_wait("SELECT count(*) = 1 FROM messages WHERE interview_id = %lld"
	    " AND content = 'I start with the boundary values,'", voice.id);
	fake_do("[{\"do\":\"drop\"}]");
	free(ev = ws_wait(&w, "\"provider_closed\"", 5000));
	assert_non_null(ev);
	ws_close(&w);
	connect_live(&w);
	/* The AI hears that the candidate was answering, and lets them go on. */
	assert_true(fake_saw("what they had said so far:", 3000));
	assert_true(fake_saw("I start with the boundary values,", 100));
	fake_do("[{\"do\":\"transcribe\",\"text\":\"then the error"
	    " paths.\"},{\"do\":\"call\",\"name\":"
	    "\"evaluate_candidate_answer\",\"arguments\":" GOOD_ARGS "}]");
	free(ev = ws_wait(&w, "\"question.next\"", 5000));
	assert_non_null(ev);
	ws_close(&w);
	answer = sql_str("SELECT answer FROM interview_questions WHERE"
	    " interview_id = %lld AND n = %lld", voice.id, n);
	assert_string_equal(answer, "I start with the boundary values, then"
	    " the error paths.");
	free(answer);
}

/*
 * A noise the provider's turn detection took for speech comes back as an
 * empty transcript: no empty "You:" caption, no empty line in the stored
 * conversation.
 */
static void
test_an_empty_transcript_is_neither_shown_nor_stored(void **state)
{
	struct ws	 w;
	long long	 before;
	char		*ev;

	(void)state;
	before = sql_num("SELECT count(*) FROM messages WHERE interview_id ="
	    " %lld", voice.id);
	connect_live(&w);
	fake_do("[{\"do\":\"transcribe\",\"text\":\" \"},"
	    "{\"do\":\"transcribe\",\"text\":\"Yes.\"}]");
	ev = ws_wait(&w, "\"transcript.you\"", 5000);
	assert_non_null(ev);
	assert_non_null(strstr(ev, "Yes."));
	free(ev);
	sql_wait("SELECT count(*) > 0 FROM messages WHERE interview_id = %lld"
	    " AND content = 'Yes.'", voice.id);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", voice.id), before + 1);
	ws_close(&w);
}

/*
 * The provider transcribes the candidate's turn on the side: the model may
 * call evaluate_candidate_answer before the transcript of the turn it
 * judges has come.  The evaluation waits for it (a few seconds at most),
 * so the answer recorded is what the candidate said, not "".
 */
static void
test_an_evaluation_waits_for_the_transcript_of_the_last_turn(void **state)
{
	struct ws	 w;
	long long	 n;
	char		*ev, *answer;

	(void)state;
	n = sql_num("SELECT min(n) FROM interview_questions WHERE"
	    " interview_id = %lld AND answer IS NULL", voice.id);
	connect_live(&w);
	fake_do("[{\"do\":\"committed\",\"item\":\"item_turn\"},"
	    "{\"do\":\"call\",\"name\":\"evaluate_candidate_answer\","
	    "\"arguments\":" GOOD_ARGS "}]");
	usleep(500000);
	fake_do("[{\"do\":\"transcribe\",\"item\":\"item_turn\","
	    "\"text\":\"Mocks only at the boundaries.\"}]");
	free(ev = ws_wait(&w, "\"question.next\"", 5000));
	assert_non_null(ev);
	ws_close(&w);
	answer = sql_str("SELECT answer FROM interview_questions WHERE"
	    " interview_id = %lld AND n = %lld", voice.id, n);
	/* After whatever earlier tests left said to this question. */
	assert_non_null(strstr(answer, "Mocks only at the boundaries."));
	free(answer);
	/* A transcript that never comes holds the evaluation 3 s, no more. */
	connect_live(&w);
	fake_do("[{\"do\":\"committed\",\"item\":\"item_lost\"},"
	    "{\"do\":\"call\",\"name\":\"evaluate_candidate_answer\","
	    "\"arguments\":" GOOD_ARGS "}]");
	assert_null(ws_wait(&w, "\"question.next\"", 1500));
	free(ev = ws_wait(&w, "\"question.next\"", 5000));
	assert_non_null(ev);
	ws_close(&w);
}

static void
test_barge_in_sends_cancel_and_truncate(void **state)
{
	struct ws	 w;
	char		*ev;

	(void)state;
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_live(&w);
	fake_do("[{\"do\":\"speak\",\"ms\":4000,\"text\":\"A long question.\"}]");
	free(ws_wait(&w, "\"transcript.ai\"", 5000));
	assert_true(w.bin_bytes > 0);
	usleep(200000);
	fake_do("[{\"do\":\"speech_started\"}]");
	ev = ws_wait(&w, "\"playback.flush\"", 5000);
	assert_non_null(ev);
	free(ev);
	/* Then it is the candidate's turn, said after the flush, not lost in it. */
	ev = ws_wait(&w, "\"listening\"", 3000);
	assert_non_null(ev);
	free(ev);
	assert_true(fake_saw("\"response.cancel\"", 3000));
	assert_true(fake_saw("\"conversation.item.truncate\"", 100));
	assert_true(fake_saw("\"audio_end_ms\":", 100));
	assert_false(fake_saw("\"audio_end_ms\":4000", 100));
	ws_close(&w);
}

/*
 * The provider generates faster than real time, so audio of the reply the
 * candidate interrupted is still on its way when the cancel goes out: it
 * must not be played after the flush (the AI would resume for a moment
 * over the candidate).  The next reply plays.
 */
static void
test_audio_of_an_interrupted_reply_arriving_late_is_dropped(void **state)
{
	struct ws	 w;
	size_t		 before;
	char		*ev;

	(void)state;
	connect_live(&w);
	fake_do("[{\"do\":\"speak\",\"ms\":4000,\"item\":\"item_cut\","
	    "\"text\":\"A long question.\"}]");
	free(ws_wait(&w, "A long question.", 5000));
	usleep(200000);
	fake_do("[{\"do\":\"speech_started\"}]");
	free(ev = ws_wait(&w, "\"listening\"", 3000));
	assert_non_null(ev);
	before = w.bin_bytes;
	fake_do("[{\"do\":\"speak\",\"ms\":500,\"item\":\"item_cut\","
	    "\"text\":\"Late.\"},{\"do\":\"speak\",\"ms\":300,"
	    "\"item\":\"item_next\",\"text\":\"Next.\"}]");
	free(ev = ws_wait(&w, "Next.", 5000));
	assert_non_null(ev);
	assert_int_equal(w.bin_bytes - before, 300 * 48);	/* the next reply's only */
	ws_close(&w);
}

static void
test_bad_input_from_either_side_is_absorbed_with_an_event(void **state)
{
	unsigned char	 odd[7] = { 0 };
	struct ws	 w;
	char		*ev;

	(void)state;
	connect_live(&w);
	assert_int_equal(ws_send(&w, 2, odd, sizeof(odd)), 0);
	free(ev = ws_wait(&w, "\"bad_frame\"", 3000));
	assert_non_null(ev);
	ws_text(&w, "not json");
	free(ev = ws_wait(&w, "\"bad_json\"", 3000));
	assert_non_null(ev);
	fake_do("[{\"do\":\"garbage\"},{\"do\":\"unknown\"}]");
	free(ev = ws_wait(&w, "\"provider_bad_event\"", 3000));
	assert_non_null(ev);
	ws_text(&w, "{\"type\":\"ping\"}");
	free(ev = ws_wait(&w, "\"pong\"", 3000));
	assert_non_null(ev);	/* still alive */
	ws_close(&w);
}

/* 10 s of audio sent at once: past the 2 s burst it is dropped, with a warning. */
static void
test_audio_faster_than_real_time_is_dropped_with_a_warning(void **state)
{
	static unsigned char	 second[48000];
	struct ws		 w;
	char			*ev, *out;
	int			 i;

	(void)state;
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_live(&w);
	for (i = 0; i < 10; i++)
		assert_int_equal(ws_send(&w, 2, second, sizeof(second)), 0);
	free(ev = ws_wait(&w, "\"too_fast\"", 5000));
	assert_non_null(ev);
	usleep(500000);
	out = fake("GET", "/_fake/realtime", NULL);
	assert_null(strstr(out, "\"appends\":10,"));
	assert_non_null(strstr(out, "\"appends\":"));
	free(out);
	ws_close(&w);
}

static void
test_keepalive_pings_both_sides(void **state)
{
	struct ws	w;

	(void)state;
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_live(&w);
	free(ws_wait(&w, NULL, 3500));
	assert_true(w.pings >= 1);
	assert_false(w.closed);
	assert_true(fake_saw("\"_ping\"", 2000));
	ws_close(&w);
}

static void
test_provider_drop_gives_the_browser_a_clear_event(void **state)
{
	struct ws	 w;
	char		*ev;

	(void)state;
	connect_live(&w);
	fake_do("[{\"do\":\"drop\"}]");
	ev = ws_wait(&w, "\"provider_closed\"", 5000);
	assert_non_null(ev);
	free(ev);
	free(ws_wait(&w, NULL, 3000));
	assert_true(w.closed);
	ws_close(&w);
}

/*
 * While the worker waits for a slow provider, the candidate's microphone
 * already sends: its queue fills and the browser is no longer read, but it
 * is the worker that waits, not the browser that stopped reading.  The
 * session is not closed as stalled (the tests' stall limit is 5 s).
 */
static void
test_a_slow_provider_handshake_is_not_a_stalled_browser(void **state)
{
	static unsigned char	 frame[960];
	struct ws		 w;
	char			*url, *ev;
	int			 i;
	long long		 t0;

	(void)state;
	free(fake("POST", "/_fake/realtime/refuse", "{\"hold_ms\":7000}"));
	url = ticket_url(cand, csrf);
	assert_int_equal(ws_open(&w, S.port, url), 0);
	free(url);
	for (i = 0; i < 50; i++)	/* 1 s of sound, within the burst */
		assert_int_equal(ws_send(&w, 2, frame, sizeof(frame)), 0);
	t0 = ms_now();
	ev = ws_wait(&w, "\"connected\"", 12000);
	print_message("connected after %lld ms\n", ms_now() - t0);
	assert_non_null(ev);
	free(ev);
	/* Then it is relayed, and the session lives past the stall limit. */
	free(ws_wait(&w, NULL, 6000));
	assert_false(w.closed);
	ws_close(&w);
}

/*
 * The interviewer pauses the interview, or it ends, while the candidate is
 * talking: within CHECK_SECS (10 s) the session ends and the page hears
 * why (paused: interview_unavailable, close 4401, so it reloads to the
 * paused page; over: interview.complete, so it shows the end).
 */
static void
test_a_paused_or_ended_interview_ends_its_voice_session(void **state)
{
	struct ws	 w;
	char		*ev;

	(void)state;
	connect_live(&w);
	sql_do("UPDATE interviews SET status = 'paused', paused_at = now()"
	    " WHERE id = %lld", voice.id);
	ev = ws_wait(&w, "\"interview_unavailable\"", 15000);
	sql_do("UPDATE interviews SET status = 'active', paused_at = NULL"
	    " WHERE id = %lld", voice.id);
	assert_non_null(ev);
	assert_non_null(strstr(ev, "paused"));
	free(ev);
	free(ws_wait(&w, NULL, 3000));
	assert_true(w.closed);
	assert_int_equal(w.close_code, 4401);
	ws_close(&w);

	connect_live(&w);
	sql_do("UPDATE interviews SET status = 'completed', ended_at = now()"
	    " WHERE id = %lld", voice.id);
	ev = ws_wait(&w, "\"interview.complete\"", 15000);
	sql_do("UPDATE interviews SET status = 'active', ended_at = NULL"
	    " WHERE id = %lld", voice.id);
	assert_non_null(ev);
	free(ev);
	free(ws_wait(&w, NULL, 3000));
	assert_true(w.closed);
	assert_int_equal(w.close_code, 1000);
	ws_close(&w);
}

/*
 * When the AI ends the interview (end_interview) it says goodbye after: the
 * periodic check that closes sessions of ended interviews must not cut
 * that goodbye off; the page leaves once it has played.
 */
static void
test_the_goodbye_after_the_ai_ends_the_interview_is_not_cut_off(void **state)
{
	struct created	 bye;
	struct http	*h = signin(&a_int), *c;
	struct resp	 r;
	struct ws	 w;
	char		*tok, *url, *ev;
	size_t		 before;

	(void)state;
	create_adaptive(h, "Byebye", "&role=qa-test&model=gpt-4o-mini"
	    "&min_questions=3&max_questions=6&minutes=0&voice=1", &bye);
	http_free(h);
	c = start(&bye, &tok);
	get(c, "/c", &r);
	resp_free(&r);
	url = ticket_url(c, tok);
	assert_int_equal(ws_open(&w, S.port, url), 0);
	free(url);
	free(ev = ws_wait(&w, "\"connected\"", 5000));
	assert_non_null(ev);
	fake_do("[{\"do\":\"call\",\"name\":\"end_interview\","
	    "\"arguments\":{\"reason\":\"done\"}}]");
	free(ev = ws_wait(&w, "\"interview.complete\"", 5000));
	assert_non_null(ev);
	/* A check of the interview's state passes meanwhile (CHECK_SECS). */
	free(ws_wait(&w, NULL, 11000));
	assert_false(w.closed);
	before = w.bin_bytes;
	fake_do("[{\"do\":\"speak\",\"ms\":300,\"text\":\"Goodbye.\"}]");
	free(ev = ws_wait(&w, "Goodbye.", 5000));
	assert_non_null(ev);
	assert_int_equal(w.bin_bytes - before, 300 * 48);
	ws_close(&w);
	free(tok);
	free(bye.token);
	http_free(c);
}

/* An interview deleted under a live session (by hand: an operator) ends it. */
static void
test_a_deleted_interview_ends_its_voice_session(void **state)
{
	struct created	 gone;
	struct http	*h = signin(&a_int), *c;
	struct resp	 r;
	struct ws	 w;
	char		*tok, *url, *ev;

	(void)state;
	create_adaptive(h, "Gone", "&role=qa-test&model=gpt-4o-mini"
	    "&min_questions=3&max_questions=6&minutes=0&voice=1", &gone);
	http_free(h);
	c = start(&gone, &tok);
	get(c, "/c", &r);
	resp_free(&r);
	url = ticket_url(c, tok);
	assert_int_equal(ws_open(&w, S.port, url), 0);
	free(url);
	free(ev = ws_wait(&w, "\"connected\"", 5000));
	assert_non_null(ev);
	sql_do("DELETE FROM interviews WHERE id = %lld", gone.id);
	ev = ws_wait(&w, "\"interview_unavailable\"", 15000);
	assert_non_null(ev);
	assert_non_null(strstr(ev, "no longer exists"));
	free(ev);
	free(ws_wait(&w, NULL, 3000));
	assert_true(w.closed);
	assert_int_equal(w.close_code, 4401);
	ws_close(&w);
	free(tok);
	free(gone.token);
	http_free(c);
}

/* One value from the worker's /metrics (the line naming it), or -1. */
static double
metric(const char *name)
{
	char	*out = stack_out(&S, "curl -s http://127.0.0.1:%d/metrics",
		    stack_worker_port(&S));
	double	 v = metric_in(out, name);

	free(out);
	return v;
}

/*
 * A provider that refuses the handshake (a wrong key, say) was never
 * reached: the browser hears provider_unavailable and close 4401, as
 * docs/API.md says, not that a service it never reached "disconnected".
 */
static void
test_a_provider_that_refuses_the_handshake_is_unavailable(void **state)
{
	struct ws	 w;
	char		*url, *ev;
	double		 drops = metric("viva_worker_provider_drops_total");
	double		 unreachable =
			    metric("viva_worker_provider_unreachable_total");

	(void)state;
	free(fake("POST", "/_fake/realtime/refuse", "{\"n\":1}"));
	url = ticket_url(cand, csrf);
	assert_int_equal(ws_open(&w, S.port, url), 0);
	free(url);
	ev = ws_wait(&w, "\"error\"", 5000);
	assert_non_null(ev);
	assert_non_null(strstr(ev, "\"provider_unavailable\""));
	assert_non_null(strstr(ev, "not reachable"));
	free(ev);
	free(ws_wait(&w, NULL, 3000));
	assert_true(w.closed);
	assert_int_equal(w.close_code, 4401);
	ws_close(&w);
	assert_true(metric("viva_worker_provider_drops_total") == drops);
	assert_true(metric("viva_worker_provider_unreachable_total") ==
	    unreachable + 1);
	connect_live(&w);	/* the next handshake goes through */
	ws_close(&w);
}

/* The worker's resident memory in KiB. */
static long long
worker_rss_kb(void)
{
	char		 path[64], line[256];
	long long	 kb = 0;
	FILE		*f;

	snprintf(path, sizeof(path), "/proc/%d/status", stack_worker_pid(&S));
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = atoll(line + 6);
	fclose(f);
	return kb;
}

/* Sends one 20 ms frame and waits for the echo provider's copy: ms, or -1. */
static long long
echo_ms(struct ws *w)
{
	unsigned char	 pcm[960];
	long long	 t0 = ms_now();

	memset(pcm, 5, sizeof(pcm));
	if (ws_send(w, 2, pcm, sizeof(pcm)) != 0 ||
	    ws_wait_bytes(w, w->bin_bytes + sizeof(pcm), 5000) != 0)
		return -1;
	return ms_now() - t0;
}

/* Another connection takes interview id's row, as a long transaction would. */
static struct db *
lock_row(long long id)
{
	struct arena	*ar = arena_new();
	char		*url = stack_out(&S, "echo \"host=$(pg_dir)/socket"
			    " dbname=viva user=viva\"");
	const char	*p[] = { db_i64(ar, id) };
	struct db	*db;

	assert_int_equal(db_open(url, &db), ST_OK);
	assert_int_equal(db_begin(db), ST_OK);
	assert_int_equal(db_exec(ar, db, SQL("SELECT 1 FROM interviews WHERE"
	    " id = $1 FOR UPDATE"), p, 1, NULL), ST_OK);
	arena_free(ar);
	free(url);
	return db;
}

static void
unlock_row(struct db *db)
{
	assert_int_equal(db_commit(db), ST_OK);
	db_close(db);
}

/*
 * Sessions for the slow and the steady interview, both echoing, the slow
 * one's row locked by another connection (unlock_row frees it).
 */
static struct db *
slow_and_steady(struct ws *a, struct ws *b)
{
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_as(a, cand_slow, csrf_slow);
	connect_as(b, cand_steady, csrf_steady);
	fake_do("[{\"do\":\"echo\",\"on\":true}]");
	return lock_row(slow.id);
}

/* A lock held elsewhere on one interview's row must not stop anyone's audio. */
static void
test_a_slow_database_for_one_session_does_not_stall_the_others(void **state)
{
	struct ws	 a, b;
	struct db	*db;
	char		*ev, *order;
	long long	 ms, worst = 0;
	int		 i;

	(void)state;
	db = slow_and_steady(&a, &b);
	fake_do("[{\"do\":\"transcribe\",\"text\":\"First a unit test.\"},"
	    "{\"do\":\"transcribe\",\"text\":\"Then the boundary condition.\"},"
	    "{\"do\":\"call\",\"name\":\"evaluate_candidate_answer\","
	    "\"arguments\":" GOOD_ARGS "}]");
	/* The steady interview's database thread is not the one waiting. */
	ms = ms_now();
	ev = ws_wait(&b, "\"question.next\"", 5000);
	assert_non_null(ev);
	free(ev);
	print_message("the other interview's evaluation came back in %lld ms\n",
	    ms_now() - ms);
	/* Audio goes on both ways for both sessions while the row stays locked. */
	for (i = 0; i < 40; i++) {
		assert_true((ms = echo_ms(&a)) >= 0);
		worst = ms > worst ? ms : worst;
		assert_true((ms = echo_ms(&b)) >= 0);
		worst = ms > worst ? ms : worst;
		usleep(20000);
	}
	print_message("worst echo round trip while locked: %lld ms\n", worst);
	assert_true(worst < 500);
	/* The slow session's jobs wait, in order; nothing of them is lost. */
	assert_true(metric("viva_worker_db_jobs_in_flight") >= 1);
	assert_true(metric("viva_worker_db_jobs_queued") >= 1);
	assert_non_null(strstr(a.seen, "\"transcript.you\""));
	assert_null(strstr(a.seen, "\"question.next\""));
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", slow.id), 0);
	unlock_row(db);
	ev = ws_wait(&a, "\"question.next\"", 5000);
	assert_non_null(ev);
	free(ev);
	order = sql_str("SELECT string_agg(content, '|' ORDER BY seq) FROM"
	    " messages WHERE interview_id = %lld AND role = 'user'", slow.id);
	assert_string_equal(order, "First a unit test.|Then the boundary"
	    " condition.");
	free(order);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld AND n = 1 AND answer = 'First a unit"
	    " test. Then the boundary condition.'", slow.id), 1);
	assert_true(fake_saw("function_call_output", 3000));
	assert_true(metric("viva_worker_db_seconds_count") >= 6);
	fake_do("[{\"do\":\"echo\",\"on\":false}]");
	ws_close(&a);
	ws_close(&b);
}

/* Polls a metric until it equals want (up to timeout_ms); its last value. */
static double
metric_until(const char *name, double want, int timeout_ms)
{
	double	v;
	int	i;

	for (i = 0; (v = metric(name)) != want && i < timeout_ms / 100; i++)
		usleep(100000);
	return v;
}

/* The browser leaves while its job waits: the session outlives it, then goes. */
/*
 * A browser that floods control messages and reads nothing must not grow
 * the worker's memory with its answers: warnings come at most once a
 * second and pongs only while its queue has room, so what waits for it
 * stays bounded (before the stall check closes it).
 */
static void
test_a_browser_flooding_control_messages_gets_bounded_answers(void **state)
{
	struct ws	 w;
	double		 q;
	int		 i;

	(void)state;
	connect_live(&w);
	for (i = 0; i < 100000; i++) {
		assert_int_equal(ws_text(&w, "not json"), 0);
		assert_int_equal(ws_text(&w, "{\"type\":\"ping\"}"), 0);
	}
	usleep(1000000);
	q = metric("viva_worker_queued_bytes");
	print_message("queued for a browser that reads nothing: %.0f bytes\n",
	    q);
	assert_true(q >= 0 && q < 64 * 1024);
	ws_close(&w);
}

static void
test_a_session_closed_during_its_database_job_is_freed_after_it(void **state)
{
	struct ws	 a;
	struct db	*db;

	(void)state;
	assert_true(metric_until("viva_worker_sessions", 0, 3000) == 0);
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_as(&a, cand_slow, csrf_slow);
	db = lock_row(slow.id);
	fake_do("[{\"do\":\"transcribe\",\"text\":\"Gone before it was"
	    " kept.\"}]");
	assert_true(metric_until("viva_worker_db_jobs_in_flight", 1, 3000) == 1);
	ws_close(&a);
	/* Both sockets are gone; the job still holds the session. */
	usleep(500000);
	assert_true(metric("viva_worker_sessions") == 1);
	unlock_row(db);
	assert_true(metric_until("viva_worker_sessions", 0, 3000) == 0);
	assert_true(metric("viva_worker_db_jobs_in_flight") == 0);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld AND content = 'Gone before it was kept.'",
	    slow.id), 1);
}

/* 10 minutes of the AI's voice toward a browser that reads none of it. */
static void
test_a_browser_that_stops_reading_is_closed_and_others_go_on(void **state)
{
	struct ws	 a, b;
	long long	 rss0, rss, ms, worst = 0, t0;
	double		 in0, in, last = -1;
	char		*ev;
	int		 i;

	(void)state;
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_as(&a, cand_steady, csrf_steady);
	rss0 = worker_rss_kb();
	assert_true(rss0 > 0);
	in0 = metric("viva_worker_bytes_total{dir=\"provider_in\"}");
	t0 = ms_now();
	fake_do("[{\"do\":\"speak\",\"ms\":600000,\"text\":\"A long reply.\"}]");
	/*
	 * Once the sockets on the way to a are full, the worker reads no more.
	 * a sends unsolicited pongs (RFC 6455 5.5.3) meanwhile: a tab that
	 * stops reading may still write, and the idle hang-up (12 s with the
	 * tests' 1 s pings) must not close it before the stall does.
	 */
	for (i = 0, in = 0; i < 40 && in != last; i++) {
		last = in;
		assert_int_equal(ws_send(&a, 10, "", 0), 0);
		usleep(200000);
		in = metric("viva_worker_bytes_total{dir=\"provider_in\"}");
	}
	assert_true(in == last);
	assert_true(metric("viva_worker_stalled_total") < 1);
	in -= in0;
	connect_as(&b, cand_slow, csrf_slow);
	fake_do("[{\"do\":\"echo\",\"on\":true}]");
	/* Until the worker gives up on a: b is served, a's queue stays bounded. */
	for (i = 0; i < 300 && metric("viva_worker_stalled_total") < 1; i++) {
		assert_int_equal(ws_send(&a, 10, "", 0), 0);
		assert_true((ms = echo_ms(&b)) >= 0);
		worst = ms > worst ? ms : worst;
		assert_true(metric("viva_worker_queued_bytes") < 64 * 1024);
		usleep(20000);
	}
	assert_true(metric("viva_worker_stalled_total") >= 1);
	rss = worker_rss_kb() - rss0;
	print_message("worst echo round trip beside it: %lld ms; worker RSS"
	    " +%lld KiB; provider bytes read before it stopped: %.0f; closed"
	    " after %lld ms\n", worst, rss, in, ms_now() - t0);
	assert_true(worst < 500);
	/*
	 * The provider sent 38 MB of events; the worker read what the sockets
	 * on the way to a could hold (a few MB), then stopped reading.
	 */
	assert_true(in < 30e6);
#ifndef __SANITIZE_ADDRESS__	/* its quarantine keeps freed memory resident */
	assert_true(rss < 32 * 1024);
#endif
	/* a, reading at last, finds why after what was on the way. */
	ev = ws_wait(&a, "\"stalled\"", 20000);
	assert_non_null(ev);
	free(ev);
	free(ws_wait(&a, NULL, 3000));
	assert_true(a.closed);
	assert_int_equal(a.close_code, 1008);
	ws_text(&b, "{\"type\":\"ping\"}");
	ev = ws_wait(&b, "\"pong\"", 3000);
	assert_non_null(ev);	/* b still served */
	free(ev);
	fake_do("[{\"do\":\"echo\",\"on\":false}]");
	ws_close(&a);
	ws_close(&b);
}

/*
 * A tab that stops reading and never closes: once its session is closed as
 * stalled, its socket gets 10 s to take what is left and the close frame,
 * then goes, with the session.  It must not hold the worker for ever.
 */
static void
test_a_browser_that_never_reads_nor_closes_is_let_go(void **state)
{
	struct ws	a;
	double		stalled = metric("viva_worker_stalled_total");
	int		i;

	(void)state;
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_as(&a, cand_steady, csrf_steady);
	fake_do("[{\"do\":\"speak\",\"ms\":600000,\"text\":\"On and on.\"}]");
	/* Pongs keep it from the idle hang-up: only the stall ends it. */
	for (i = 0; i < 100 && metric("viva_worker_stalled_total") <= stalled;
	    i++) {
		assert_int_equal(ws_send(&a, 10, "", 0), 0);
		usleep(200000);
	}
	assert_true(metric("viva_worker_stalled_total") > stalled);
	for (i = 0; i < 150 && metric("viva_worker_sessions") > 0; i++) {
		assert_int_equal(ws_send(&a, 10, "", 0), 0);
		usleep(100000);
	}
	print_message("session gone %d ms after the stall\n", i * 100);
	assert_true(metric("viva_worker_sessions") == 0);
	ws_close(&a);
}

/*
 * A lock held past the worker's statement limit (5 s): the job is cut off
 * rather than hold its database thread, the browser hears so, as for an
 * outage, and the other session's audio goes on meanwhile.
 */
static void
test_a_lock_held_past_the_statement_limit_ends_the_job_clearly(void **state)
{
	struct ws	 a, b;
	struct db	*db;
	char		*ev;
	double		 cut = metric("viva_worker_db_unavailable_total");
	long long	 t0, waited;

	(void)state;
	db = slow_and_steady(&a, &b);
	t0 = ms_now();
	fake_do("[{\"do\":\"call\",\"name\":\"evaluate_candidate_answer\","
	    "\"arguments\":" GOOD_ARGS "}]");
	ev = ws_wait(&a, "\"database_unavailable\"", 9000);
	waited = ms_now() - t0;
	assert_true(echo_ms(&b) >= 0);
	unlock_row(db);
	assert_non_null(ev);
	free(ev);
	print_message("the job was cut off after %lld ms\n", waited);
	assert_in_range(waited, 4500, 8000);
	assert_true(metric("viva_worker_db_unavailable_total") >= cut + 1);
	fake_do("[{\"do\":\"echo\",\"on\":false}]");
	ws_close(&a);
	ws_close(&b);
}

/* PostgreSQL goes away mid-session: the browser hears so; the worker reconnects. */
static void
test_a_database_outage_ends_the_session_clearly_and_the_worker_reconnects(
    void **state)
{
	struct ws	 a, b;
	char		*ev;
	double		 reconnects = metric("viva_worker_db_reconnects_total");

	(void)state;
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_as(&a, cand_steady, csrf_steady);
	assert_int_equal(stack_sh(&S, "as_pg \"$PGBIN/pg_ctl\" -D"
	    " \"$(pg_dir)/data\" -m fast -w stop >/dev/null"), 0);
	fake_do("[{\"do\":\"transcribe\",\"text\":\"Words with nowhere to"
	    " go.\"}]");
	ev = ws_wait(&a, "\"database_unavailable\"", 5000);
	assert_int_equal(stack_sh(&S, "as_pg \"$PGBIN/pg_ctl\" -D"
	    " \"$(pg_dir)/data\" -l \"$(pg_dir)/postgres.log\" -w -t 60 start"
	    " >/dev/null"), 0);
	assert_non_null(ev);
	free(ev);
	free(ws_wait(&a, NULL, 3000));
	assert_true(a.closed);
	assert_int_equal(a.close_code, 1011);
	assert_true(metric("viva_worker_db_unavailable_total") >= 1);
	ws_close(&a);
	/* A new ticket, a new session: the database thread connects again. */
	connect_as(&b, cand_steady, csrf_steady);
	assert_true(metric("viva_worker_db_reconnects_total") > reconnects);
	ws_close(&b);
}

static void
test_worker_restart_and_the_client_resumes_with_a_new_ticket(void **state)
{
	struct ws	 w, w2;
	struct db	*db;
	char		*ev, *url, *want;
	int		 pid, i;

	(void)state;
	connect_live(&w);
	pid = stack_worker_pid(&S);
	assert_true(pid > 0);
	/* A transcript whose job waits on a lock when SIGTERM comes. */
	db = lock_row(voice.id);
	fake_do("[{\"do\":\"transcribe\",\"text\":\"Said just before the"
	    " restart.\"}]");
	for (i = 0; i < 50 && metric("viva_worker_db_jobs_in_flight") < 1; i++)
		usleep(100000);
	assert_true(metric("viva_worker_db_jobs_in_flight") >= 1);
	kill(pid, SIGTERM);
	ev = ws_wait(&w, "\"worker.draining\"", 5000);
	assert_non_null(ev);
	free(ev);
	ws_close(&w);
	/*
	 * A browser that comes meanwhile hears the same documented event and
	 * close 1012 (docs/API.md), not an error code of its own.
	 */
	url = ticket_url(cand, csrf);
	assert_int_equal(ws_open(&w, S.port, url), 0);
	free(url);
	ev = ws_wait(&w, "\"worker.draining\"", 3000);
	assert_non_null(ev);
	free(ev);
	free(ws_wait(&w, NULL, 2000));
	assert_true(w.closed);
	assert_int_equal(w.close_code, 1012);
	ws_close(&w);
	/* The drain waits for the job (up to 5 s): the transcript is kept. */
	usleep(500000);
	assert_int_equal(kill(pid, 0), 0);
	unlock_row(db);
	for (i = 0; i < 50 && kill(pid, 0) == 0; i++)
		usleep(100000);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld AND content = 'Said just before the"
	    " restart.'", voice.id), 1);
	assert_int_equal(stack_sh(&S, "bash scripts/run.sh --no-admin"), 0);
	assert_int_not_equal(stack_worker_pid(&S), pid);
	connect_live(&w2);
	/* The context comes back from the database: the question now open. */
	want = fmt("Current question (%lld)", sql_num("SELECT min(n) FROM"
	    " interview_questions WHERE interview_id = %lld AND answer IS NULL",
	    voice.id));
	assert_true(fake_saw(want, 3000));
	free(want);
	ws_close(&w2);
}

/*
 * Stops the worker and starts it again with env before run.sh ("" for the
 * test's own environment); waits until its loop answers.
 */
static void
restart_worker(const char *env)
{
	int	pid = stack_worker_pid(&S), i;

	assert_true(pid > 0);
	kill(pid, SIGTERM);
	for (i = 0; i < 100 && kill(pid, 0) == 0; i++)
		usleep(100000);
	assert_int_not_equal(kill(pid, 0), 0);
	assert_int_equal(stack_sh(&S, "%s bash scripts/run.sh --no-admin", env),
	    0);
	for (i = 0; i < 100 && metric("viva_worker_sessions") < 0; i++)
		usleep(100000);
}

/* The shim beside this test's binary (Makefile): a name server that takes its time. */
static char *
slow_dns_env(const char *name, int ms)
{
	char	exe[4096], *slash;
	ssize_t	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	assert_true(n > 0);
	exe[n] = '\0';
	assert_non_null(slash = strrchr(exe, '/'));
	*slash = '\0';
	return fmt("LD_PRELOAD=%s/slow_dns.so SLOW_DNS_MS=%d"
	    " ASAN_OPTIONS=\"$ASAN_OPTIONS:verify_asan_link_order=0\""
	    " VIVA_AI_BASE_URL=http://%s:%s/v1", exe, ms, name,
	    strrchr(fakeai_base(), ':') + 1);
}

/*
 * The provider's host name is looked up off the event loop: while a new
 * session's lookup takes 1.5 s, a session already talking goes on, and the
 * new one connects once its address comes.
 */
static void
test_a_slow_name_lookup_does_not_hold_up_other_sessions(void **state)
{
	struct ws	 a, b;
	char		*env = slow_dns_env("slow-dns.test", 1500), *url, *ev;
	long long	 ms, t0, worst = 0;

	(void)state;
	restart_worker(env);
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	url = ticket_url(cand_slow, csrf_slow);
	assert_int_equal(ws_open(&a, S.port, url), 0);
	free(url);
	ev = ws_wait(&a, "\"connected\"", 10000);
	assert_non_null(ev);
	free(ev);
	fake_do("[{\"do\":\"echo\",\"on\":true}]");
	assert_true(echo_ms(&a) >= 0);
	/* A second session starts its lookup; the first one's audio goes on. */
	url = ticket_url(cand_steady, csrf_steady);
	assert_int_equal(ws_open(&b, S.port, url), 0);
	free(url);
	for (t0 = ms_now(); ms_now() - t0 < 1800;) {
		assert_true((ms = echo_ms(&a)) >= 0);
		worst = ms > worst ? ms : worst;
		usleep(20000);
	}
	print_message("worst echo round trip during the lookup: %lld ms\n",
	    worst);
	assert_true(worst < 500);
	ev = ws_wait(&b, "\"connected\"", 10000);
	assert_non_null(ev);
	free(ev);
	fake_do("[{\"do\":\"echo\",\"on\":false}]");
	ws_close(&a);
	ws_close(&b);
	free(env);
	restart_worker("");
}

/*
 * PROTOCOLS.md 3.7: a cancel that found no response, or a response asked for
 * while one runs, is the provider saying "nothing to do here": the session
 * goes on, the page hears nothing, and audio still flows.
 */
static void
test_a_benign_provider_error_leaves_the_session_going(void **state)
{
	struct ws	 w;
	double		 fatal = metric("viva_worker_provider_errors_total");
	double		 ignored =
			    metric("viva_worker_provider_errors_ignored_total");

	(void)state;
	connect_live(&w);
	fake_do("[{\"do\":\"error\",\"code\":\"response_cancel_not_active\","
	    "\"message\":\"Cancellation failed: no active response found\"},"
	    "{\"do\":\"error\",\"code\":\"conversation_already_has_active_"
	    "response\",\"message\":\"Conversation already has an active"
	    " response in progress\"},{\"do\":\"echo\",\"on\":true}]");
	assert_true(echo_ms(&w) >= 0);		/* after both errors */
	assert_true(echo_ms(&w) >= 0);
	assert_false(w.closed);
	assert_null(strstr(w.seen, "\"error\""));
	assert_true(metric("viva_worker_provider_errors_ignored_total") ==
	    ignored + 2);
	assert_true(metric("viva_worker_provider_errors_total") == fatal);
	fake_do("[{\"do\":\"echo\",\"on\":false}]");
	ws_close(&w);
}

/*
 * Any other error (here a quota used up) means the AI will say nothing
 * more: the page hears provider_error with the provider's words, shortened,
 * without the API key a provider may quote, and the close, as when the
 * provider hangs up; what was said before stays stored, and the next
 * session works.
 */
static void
test_a_fatal_provider_error_ends_the_session_with_its_words(void **state)
{
	struct ws	 w;
	char		*ev, *act, *out, pad[301];
	double		 fatal = metric("viva_worker_provider_errors_total");

	(void)state;
	connect_live(&w);
	fake_do("[{\"do\":\"speak\",\"ms\":100,\"text\":\"Before the quota"
	    " ran out.\"}]");
	free(ev = ws_wait(&w, "\"transcript.ai\"", 5000));
	assert_non_null(ev);
	memset(pad, 'x', sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = '\0';
	act = fmt("[{\"do\":\"error\",\"error_type\":\"insufficient_quota\","
	    "\"code\":\"insufficient_quota\",\"message\":\"You exceeded your"
	    " current quota with key worker-test-key;\\ncheck your plan. %s\"}]",
	    pad);
	fake_do(act);
	free(act);
	ev = ws_wait(&w, "\"error\"", 5000);
	assert_non_null(ev);
	assert_non_null(strstr(ev, "\"provider_error\""));
	assert_non_null(strstr(ev, "The AI voice service stopped the"
	    " conversation: You exceeded your current quota with key [key];"
	    " check your plan. xxx"));
	assert_null(strstr(ev, "worker-test-key"));
	assert_non_null(strstr(ev, "x\xe2\x80\xa6\""));	/* cut short */
	assert_true(strlen(ev) < 400);
	free(ev);
	free(ws_wait(&w, NULL, 3000));
	assert_true(w.closed);
	assert_int_equal(w.close_code, 1011);
	ws_close(&w);
	assert_true(metric("viva_worker_provider_errors_total") == fatal + 1);
	/* The log names the code, and masks the key as the page does. */
	out = stack_out(&S, "grep -c -e worker-test-key"
	    " \"$VAR/log/viva-worker.log\"");
	assert_int_equal(atoi(out), 0);
	free(out);
	out = stack_out(&S, "grep -c -e \"provider error insufficient_quota\""
	    " \"$VAR/log/viva-worker.log\"");
	assert_true(atoi(out) >= 1);
	free(out);
	assert_true(sql_num("SELECT count(*) FROM messages WHERE interview_id ="
	    " %lld AND content = 'Before the quota ran out.'", voice.id) == 1);
	connect_live(&w);
	ws_close(&w);
}

/*
 * Two tabs (or a phone and a laptop) would be two AI voices on one
 * interview: a second connection for the same interview ends the first,
 * which hears why (its page must not reconnect), and goes on itself;
 * another interview's session is not touched.
 */
static void
test_a_second_connection_for_an_interview_ends_the_first(void **state)
{
	struct ws	 a, b, c;
	char		*ev;
	double		 replaced = metric("viva_worker_replaced_total");

	(void)state;
	free(fake("POST", "/_fake/realtime/reset", "[]"));
	connect_as(&c, cand_steady, csrf_steady);
	connect_live(&a);
	connect_live(&b);
	ev = ws_wait(&a, "\"error\"", 5000);
	assert_non_null(ev);
	assert_non_null(strstr(ev, "\"opened_elsewhere\""));
	assert_non_null(strstr(ev, "opened in another window or device"));
	free(ev);
	free(ws_wait(&a, NULL, 3000));
	assert_true(a.closed);
	assert_int_equal(a.close_code, 4409);
	ws_close(&a);
	fake_do("[{\"do\":\"echo\",\"on\":true}]");
	assert_true(echo_ms(&b) >= 0);
	assert_true(echo_ms(&c) >= 0);
	assert_false(b.closed);
	assert_false(c.closed);
	assert_null(strstr(b.seen, "\"error\""));
	assert_null(strstr(c.seen, "\"error\""));
	assert_true(metric("viva_worker_replaced_total") == replaced + 1);
	fake_do("[{\"do\":\"echo\",\"on\":false}]");
	ws_close(&b);
	ws_close(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticket_only_for_a_running_interview_that_offers_voice),
		cmocka_unit_test(test_forged_expired_and_wrong_interview_tickets_are_refused),
		cmocka_unit_test(test_a_ticket_opens_one_connection_only),
		cmocka_unit_test(test_audio_relays_both_ways_through_nginx),
		cmocka_unit_test(test_connected_is_said_once_per_connection),
		cmocka_unit_test(test_an_unknown_function_call_does_not_move_the_page_on),
		cmocka_unit_test(test_function_call_moves_the_adaptive_state_in_postgresql),
		cmocka_unit_test(test_an_answer_begun_before_a_reconnect_is_recorded_whole),
		cmocka_unit_test(test_an_empty_transcript_is_neither_shown_nor_stored),
		cmocka_unit_test(test_an_evaluation_waits_for_the_transcript_of_the_last_turn),
		cmocka_unit_test(test_barge_in_sends_cancel_and_truncate),
		cmocka_unit_test(test_audio_of_an_interrupted_reply_arriving_late_is_dropped),
		cmocka_unit_test(test_bad_input_from_either_side_is_absorbed_with_an_event),
		cmocka_unit_test(test_audio_faster_than_real_time_is_dropped_with_a_warning),
		cmocka_unit_test(test_keepalive_pings_both_sides),
		cmocka_unit_test(test_provider_drop_gives_the_browser_a_clear_event),
		cmocka_unit_test(test_a_benign_provider_error_leaves_the_session_going),
		cmocka_unit_test(test_a_fatal_provider_error_ends_the_session_with_its_words),
		cmocka_unit_test(test_a_second_connection_for_an_interview_ends_the_first),
		cmocka_unit_test(test_a_provider_that_refuses_the_handshake_is_unavailable),
		cmocka_unit_test(test_a_slow_provider_handshake_is_not_a_stalled_browser),
		cmocka_unit_test(test_a_paused_or_ended_interview_ends_its_voice_session),
		cmocka_unit_test(test_the_goodbye_after_the_ai_ends_the_interview_is_not_cut_off),
		cmocka_unit_test(test_a_deleted_interview_ends_its_voice_session),
		cmocka_unit_test(test_a_slow_database_for_one_session_does_not_stall_the_others),
		cmocka_unit_test(test_a_browser_flooding_control_messages_gets_bounded_answers),
		cmocka_unit_test(test_a_session_closed_during_its_database_job_is_freed_after_it),
		cmocka_unit_test(test_a_browser_that_stops_reading_is_closed_and_others_go_on),
		cmocka_unit_test(test_a_browser_that_never_reads_nor_closes_is_let_go),
		cmocka_unit_test(test_a_lock_held_past_the_statement_limit_ends_the_job_clearly),
		cmocka_unit_test(test_a_database_outage_ends_the_session_clearly_and_the_worker_reconnects),
		cmocka_unit_test(test_worker_restart_and_the_client_resumes_with_a_new_ticket),
		cmocka_unit_test(test_a_slow_name_lookup_does_not_hold_up_other_sessions),
		cmocka_unit_test(test_the_worker_runs_under_its_seccomp_filter),
		cmocka_unit_test(test_worker_log_has_no_sanitizer_report),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
