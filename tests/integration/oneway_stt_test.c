/*
 * oneway_stt_test.c: one-way answers transcribed through the provider
 * (tests/fakeai): a video answer (WebM) goes to the transcriber as it was
 * sent, decrypted in memory, once the submit has been answered; only the
 * submitted take is transcribed; a transcriber that does not answer leaves
 * the take waiting for `viva jobs`, and one that never can ends 'failed'
 * with the reason, for the interviewer to try again; the question is read
 * aloud by the provider.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fakeai.h"
#include "flow.h"
#include "lib/status.h"

/* What chromium's MediaRecorder made (scripts/gen-webm-fixtures.mjs). */
#define FIXTURES	"tests/fixtures/webm"

static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int };

static int
group_setup(void **state)
{
	(void)state;
	if (fakeai_start_as_provider("sk-oneway-test") != 0)
		return -1;
	setenv("VIVA_AI_TIMEOUT_MS", "3000", 1);
	setenv("VIVA_AI_PRICES", "gpt-4o-mini-transcribe:1.25:5.00", 1);
	return flow_start(accounts, NITEMS(accounts));
}

static int
group_teardown(void **state)
{
	(void)state;
	flow_stop(accounts, NITEMS(accounts));
	fakeai_stop();
	return 0;
}

static long
media_post(struct http *h, const char *csrf, int n, const char *p, size_t len,
    struct resp *r)
{
	const struct file_part	f = { csrf, n, "media", "take.webm",
				    "video/webm", p, len, NULL };

	return file_post(h, "/c/oneway/answer", &f, r);
}

/* A one-way video interview of two questions, its candidate started. */
static struct http *
oneway_started(struct http *h, struct created *c, char **ccsrf)
{
	struct resp	 r;
	struct http	*cand;

	create_form(h, "oneway", c, "candidate_name=Vid&candidate_email="
	    "v%%40x.test&media=video&answer_seconds=90&prep_seconds=0"
	    "&max_attempts=3&expiry_days=7&action=create"
	    "&questions=First.%%0AThen.");
	cand = open_invite(c, ccsrf);
	/* With a transcriber, the consent says the answers are transcribed. */
	get(cand, "/c", &r);
	assert_has(&r, "your recordings are stored encrypted, transcribed and"
	    " watched by the interviewer.");	/* a video interview */
	resp_free(&r);
	post_ok(cand, "/c/start", *ccsrf, "", "/c");
	return cand;
}

/* As oneway_started, with a take of question 1 (audio.webm) made, not submitted. */
static struct http *
oneway_take_made(struct http *h, struct created *c, char **ccsrf)
{
	struct http	*cand;
	struct resp	 r;
	size_t		 n;
	char		*v = slurp(FIXTURES "/audio.webm", &n);

	free(fakeai_call("/_fake/reset", ""));
	cand = oneway_started(h, c, ccsrf);
	assert_int_equal(media_post(cand, *ccsrf, 1, v, n, &r), 303);
	resp_free(&r);
	free(v);
	return cand;
}

static char *
jobs_run(void)
{
	return stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\""
	    " jobs run");
}

static void
test_oneway_video_answers_are_transcribed_once_submitted(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *body, *s;
	size_t		 n1, n2;
	char		*v1 = slurp(FIXTURES "/video.webm", &n1);
	char		*v2 = slurp(FIXTURES "/audio.webm", &n2);

	(void)state;
	free(fakeai_call("/_fake/reset", ""));
	cand = oneway_started(h, &c, &csrf);
	get(cand, "/c/question/1/audio", &r);
	assert_status(&r, 200);
	resp_free(&r);
	assert_int_equal(fakeai_count("/v1/audio/speech"), 1);
	/* Two takes; only the second, submitted, is transcribed. */
	assert_int_equal(media_post(cand, csrf, 1, v1, n1, &r), 303);
	resp_free(&r);
	assert_int_equal(media_post(cand, csrf, 1, v2, n2, &r), 303);
	resp_free(&r);
	get(cand, "/c", &r);
	assert_has(&r, "<video controls preload=\"metadata\" src=\"/c/oneway/takes/1?attempt=1\"");
	assert_has(&r, "<video controls preload=\"metadata\" src=\"/c/oneway/takes/1?attempt=2\"");
	resp_free(&r);
	assert_int_equal(fakeai_count("/v1/audio/transcriptions"), 0);
	free(fakeai_call("/_fake/script?queue=transcriptions", "[{\"usage\":"
	    "{\"type\":\"tokens\",\"input_tokens\":1000,\"output_tokens\":200}}]"));
	post_ok(cand, "/c/oneway/submit", csrf, "n=1&attempt=2", "/c");
	sql_wait("SELECT transcript_state = 'done' FROM recordings WHERE"
	    " interview_id = %lld AND question_n = 1 AND attempt = 2", c.id);
	/* A usage row, priced: 1000 × 1.25 + 200 × 5 micro-USD, on the interview's cost. */
	assert_int_equal(sql_num("SELECT cost_micros FROM usage WHERE"
	    " interview_id = %lld AND model = 'gpt-4o-mini-transcribe'", c.id),
	    2250);
	assert_int_equal(sql_num("SELECT cost_micros FROM interviews WHERE"
	    " id = %lld", c.id), 2250);
	assert_int_equal(fakeai_count("/v1/audio/transcriptions"), 1);
	/* The transcriber got the WebM as sent (decrypted), named for what it is. */
	assert_true(fakeai_count("\"filename\":\"answer.webm\"") >= 1);
	s = fmt("\"bytes\":%zu", n2);
	assert_true(fakeai_count(s) >= 1);
	free(s);
	body = fmt("This is the fake transcript of %zu bytes of audio. webm"
	    " video/webm %s", n2, "true");
	assert_string_equal(s = sql_str("SELECT transcript || ' ' || format ||"
	    " ' ' || ctype || ' ' || (duration_ms BETWEEN 1100 AND 1700) FROM"
	    " recordings WHERE interview_id = %lld AND question_n = 1 AND"
	    " attempt = 2", c.id), body);	/* its length read from the blocks */
	free(body);
	free(s);
	/*
	 * The transcriber does not answer: the answer is still submitted and
	 * nothing is charged; the take waits for `viva jobs`.
	 */
	free(fakeai_call("/_fake/script?queue=transcriptions",
	    "[{\"fault\":500},{\"fault\":503},{\"fault\":500},{\"fault\":500}]"));
	assert_int_equal(media_post(cand, csrf, 2, v1, n1, &r), 303);
	resp_free(&r);
	post_ok(cand, "/c/oneway/submit", csrf, "n=2&attempt=1", "/c");
	sql_wait("SELECT transcript_state = 'pending' AND transcript_tries = 1"
	    " AND transcript IS NULL FROM recordings WHERE interview_id = %lld"
	    " AND question_n = 2", c.id);
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " interview_id = %lld", c.id), 1);
	get(cand, "/c", &r);
	assert_has(&r, "All your answers are submitted.");
	resp_free(&r);
	s = fmt("/admin/interviews/%lld", c.id);
	get(h, s, &r);
	free(s);
	assert_has(&r, "Being transcribed; <a href=");
	assert_has(&r, ">Transcribe now</button>");	/* waiting, not running */
	resp_free(&r);
	s = fmt("/admin/interviews/%lld/export.json", c.id);
	get(h, s, &r);
	free(s);
	assert_has(&r, "\"transcript\":\"(being transcribed)\","
	    "\"transcript_status\":\"transcribing\"");
	resp_free(&r);
	/* The provider is back: the timer's run transcribes and charges it. */
	free(fakeai_call("/_fake/reset", ""));
	s = jobs_run();
	assert_non_null(strstr(s, "transcripts: 1 transcribed, 0 failed,"
	    " 0 waiting"));
	free(s);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld AND question_n = 2 AND transcript_state ="
	    " 'done' AND transcript LIKE 'This is the fake transcript%%'",
	    c.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " interview_id = %lld", c.id), 2);
	s = fmt("/admin/interviews/%lld/answers/1", c.id);
	get(h, s, &r);
	assert_status(&r, 200);
	assert_int_equal(r.len, n2);
	assert_memory_equal(r.body, v2, n2);
	free(s);
	s = resp_header(&r, "Content-Type");
	assert_string_equal(s, "video/webm");
	free(s);
	resp_free(&r);
	free(v1);
	free(v2);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/* The submit is answered before the transcriber is: the candidate goes on. */
static void
test_the_candidate_does_not_wait_for_the_transcript(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *s;

	(void)state;
	cand = oneway_take_made(h, &c, &csrf);
	/* Transcribing until the submit and the page are checked. */
	free(fakeai_call("/_fake/script?queue=transcriptions",
	    "[{\"gate\":true}]"));
	post_ok(cand, "/c/oneway/submit", csrf, "n=1&attempt=1", "/c");
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld AND transcript_state IN ('pending',"
	    " 'running')", c.id), 1);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, "Question 2");
	resp_free(&r);
	fakeai_gate_open();
	sql_wait("SELECT transcript_state = 'done' FROM recordings WHERE"
	    " interview_id = %lld", c.id);
	s = fmt("/admin/interviews/%lld", c.id);
	get(h, s, &r);
	free(s);
	assert_has(&r, "This is the fake transcript of");
	assert_lacks(&r, "Being transcribed");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * After its last try a take is 'failed', with the reason; the interviewer
 * may try again.  `viva jobs` takes over a claim left by a dead process,
 * not one still being worked on.
 */
static void
test_a_failed_transcript_can_be_tried_again(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *acsrf, *page, *where, *s;

	(void)state;
	cand = oneway_take_made(h, &c, &csrf);
	/* Four tries spent before: this claim is the last. */
	sql_do("UPDATE recordings SET transcript_tries = 4 WHERE"
	    " interview_id = %lld", c.id);
	free(fakeai_call("/_fake/script?queue=transcriptions",
	    "[{\"fault\":500},{\"fault\":500},{\"fault\":500},{\"fault\":500}]"));
	post_ok(cand, "/c/oneway/submit", csrf, "n=1&attempt=1", "/c");
	sql_wait("SELECT transcript_state = 'failed' FROM recordings WHERE"
	    " interview_id = %lld", c.id);
	page = fmt("/admin/interviews/%lld", c.id);
	get(h, page, &r);
	assert_has(&r, "not transcribed: the transcription service did not"
	    " answer");
	s = fmt("action=\"/admin/interviews/%lld/answers/1/transcribe\"", c.id);
	assert_has(&r, s);
	free(s);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " interview_id = %lld", c.id), 0);
	free(fakeai_call("/_fake/reset", ""));
	acsrf = csrf_of(h, page);
	s = fmt("/admin/interviews/%lld/answers/1/transcribe", c.id);
	where = fmt("/admin/interviews/%lld?done=transcribe#answer-1", c.id);
	post_ok(h, s, acsrf, "", where);
	free(where);
	sql_wait("SELECT transcript_state = 'done' FROM recordings WHERE"
	    " interview_id = %lld", c.id);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type = 'transcript_retried'", c.id), 1);
	/* Done: nothing to try again. */
	free(acsrf);
	acsrf = csrf_of(h, page);
	where = fmt("csrf=%s", acsrf);
	post(h, s, where, &r);
	free(where);
	assert_status(&r, 409);
	resp_free(&r);
	free(s);
	/* A claim an hour old is a dead process's: the sweep takes it over. */
	sql_do("UPDATE recordings SET transcript_state = 'running', transcript"
	    " = NULL, transcript_claimed_at = now() - interval '1 hour' WHERE"
	    " interview_id = %lld", c.id);
	s = jobs_run();
	assert_non_null(strstr(s, "transcripts: 1 transcribed, 0 failed,"
	    " 0 waiting"));
	free(s);
	/* A fresh claim is another process at work: left alone. */
	sql_do("UPDATE recordings SET transcript_state = 'running', transcript"
	    " = NULL, transcript_claimed_at = now() WHERE interview_id = %lld",
	    c.id);
	s = jobs_run();
	assert_non_null(strstr(s, "transcripts: 0 transcribed, 0 failed,"
	    " 0 waiting"));
	free(s);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld AND transcript_state = 'running'", c.id), 1);
	/* Nor may the interviewer start a second run of it. */
	get(h, page, &r);
	assert_lacks(&r, ">Transcribe now</button>");
	assert_lacks(&r, ">Transcribe again</button>");
	resp_free(&r);
	where = fmt("csrf=%s", acsrf);
	post(h, s = fmt("/admin/interviews/%lld/answers/1/transcribe", c.id),
	    where, &r);
	assert_status(&r, 409);
	resp_free(&r);
	free(where);
	free(s);
	free(acsrf);
	free(page);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * An answer submitted while no provider was configured, as stored before
 * migration 018 ('done', the reason its transcript, so nothing could
 * transcribe it): once migrated, with a provider now, the review page
 * offers "Transcribe now", and that transcribes it.
 */
static void
test_an_answer_from_before_a_provider_is_transcribed_on_demand(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *acsrf, *page, *path, *where, *fix;
	size_t		 len;

	(void)state;
	cand = oneway_take_made(h, &c, &csrf);
	post_ok(cand, "/c/oneway/submit", csrf, "n=1&attempt=1", "/c");
	sql_wait("SELECT transcript_state = 'done' FROM recordings WHERE"
	    " interview_id = %lld", c.id);
	sql_do("UPDATE recordings SET transcript = 'not transcribed: no AI"
	    " provider configured' WHERE interview_id = %lld", c.id);
	fix = slurp("sql/018_transcript_unconfigured.sql", &len);
	sql_do("%s", fix);
	free(fix);
	page = fmt("/admin/interviews/%lld", c.id);
	get(h, page, &r);
	assert_has(&r, "not transcribed: no speech-to-text provider was"
	    " configured");
	assert_has(&r, ">Transcribe now</button>");	/* never tried */
	assert_lacks(&r, ">Transcribe again</button>");
	resp_free(&r);
	free(fakeai_call("/_fake/reset", ""));
	acsrf = csrf_of(h, page);
	path = fmt("/admin/interviews/%lld/answers/1/transcribe", c.id);
	where = fmt("/admin/interviews/%lld?done=transcribe#answer-1", c.id);
	post_ok(h, path, acsrf, "", where);
	sql_wait("SELECT transcript_state = 'done' FROM recordings WHERE"
	    " interview_id = %lld", c.id);
	get(h, page, &r);
	assert_has(&r, "This is the fake transcript of");
	assert_lacks(&r, ">Transcribe now</button>");
	resp_free(&r);
	assert_int_equal(fakeai_count("/v1/audio/transcriptions"), 1);
	free(where);
	free(path);
	free(acsrf);
	free(page);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oneway_video_answers_are_transcribed_once_submitted),
		cmocka_unit_test(test_the_candidate_does_not_wait_for_the_transcript),
		cmocka_unit_test(test_a_failed_transcript_can_be_tried_again),
		cmocka_unit_test(test_an_answer_from_before_a_provider_is_transcribed_on_demand),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
