/*
 * audio_test.c: voice answers and spoken questions in the adaptive
 * interview, on a real stack (nginx writing uploads to disk, viva.fcgi,
 * PostgreSQL) with tests/fakeai as the provider: a recording becomes the
 * answer through its transcript, once however often it is sent; a corrupt
 * file, a wrong type, a file too large or too long, and a transcriber that
 * fails each get a clear message and leave no file and no answer; a
 * question is synthesised once; with no provider, espeak-ng reads the
 * question and the page says voice answers need one.  With a provider
 * and a ticket key, the page offers live voice (static/live.js;
 * tests/e2e/live.test.mjs drives it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fakeai.h"
#include "flow.h"
#include "lib/status.h"

#define MAX_BYTES	(256 * 1024)	/* VIVA_AUDIO_MAX_BYTES for this stack */
#define MAX_SECONDS	10
#define HEARD		"I would write a unit test for the boundary condition" \
	" first, because the empty list must return zero."

static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	b_int = { "Org B", "int@b.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int, &b_int };
static char		 fake[64];

struct blob {
	char	*p;
	size_t	 len;
};

/* A tone of ms milliseconds in format, as libsndfile writes it. */
static struct blob
tone(int format, int channels, int rate, int ms)
{
	char		 path[] = "/tmp/viva-audio-it.XXXXXX";
	long		 n = (long)rate * ms / 1000, i;
	float		*f = calloc((size_t)(n * channels), sizeof(float));
	SF_INFO		 info = { 0 };
	SNDFILE		*sf;
	struct blob	 b;
	int		 fd, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < channels; k++)
			f[i * channels + k] = 0.4f * sinf(2 * 3.14159f * 330 *
			    (float)i / (float)rate);
	assert_true((fd = mkstemp(path)) >= 0);
	info.samplerate = rate;
	info.channels = channels;
	info.format = format;
	assert_non_null(sf = sf_open_fd(fd, SFM_WRITE, &info, 1));
	assert_int_equal(sf_writef_float(sf, f, n), n);
	sf_close(sf);
	free(f);
	b.p = slurp(path, &b.len);
	unlink(path);
	return b;
}

/* POSTs a multipart voice answer: csrf, n and the file part "audio". */
static long
voice_post(struct http *h, const char *csrf, int n, const char *filename,
    const char *ctype, const void *p, size_t len, struct resp *r)
{
	const struct file_part	f = { csrf, n, "audio", filename, ctype, p, len,
				    NULL };

	return file_post(h, "/c/answer/voice", &f, r);
}

/* voice_post with the page's form_id, as the form (or voice.js) sends it. */
static long
voice_post_form(struct http *h, const char *csrf, const char *fid, int n,
    const struct blob *b, struct resp *r)
{
	const struct file_part	f = { csrf, n, "audio", "answer.ogg",
				    "audio/ogg", b->p, b->len, fid };

	return file_post(h, "/c/answer/voice", &f, r);
}

/* Files under the stack's storage folder (recordings, speech, temp), and nginx's upload temp. */
static long long
files_in(const char *sub)
{
	return stack_num(&S, "mkdir -p \"$VAR/storage/%s\"; find \"$VAR/storage/%s\""
	    " -type f | wc -l", sub, sub);
}

static long long
upload_temp_files(void)
{
	return stack_num(&S, "find \"$VAR/nginx/upload\" -type f 2>/dev/null | wc -l");
}

static void
fake_script(const char *queue, const char *steps)
{
	char	*path = fmt("/_fake/script?queue=%s", queue);

	free(fakeai_call(path, steps));
	free(path);
}

static int
group_setup(void **state)
{
	char	*url;

	(void)state;
	if (fakeai_start_as_provider("sk-audio-test") != 0 ||
	    snprintf(fake, sizeof(fake), "%s", fakeai_base()) < 0)
		return -1;
	setenv("VIVA_AI_MODELS", "gpt-4o-mini", 1);
	/* Only the transcriber has a price: the interview's cost is its alone. */
	setenv("VIVA_AI_PRICES", "gpt-4o-mini-transcribe:1.25:5.00", 1);
	/* And by the minute when it reports seconds: 1 s is 10,000 micro-USD. */
	setenv("VIVA_AI_MINUTE_PRICES", "gpt-4o-mini-transcribe:0.60", 1);
	setenv("VIVA_AI_TIMEOUT_MS", "3000", 1);
	url = fmt("%d", MAX_BYTES);
	setenv("VIVA_AUDIO_MAX_BYTES", url, 1);
	free(url);
	url = fmt("%d", MAX_SECONDS);
	setenv("VIVA_AUDIO_MAX_SECONDS", url, 1);
	free(url);
	if (flow_start(accounts, NITEMS(accounts)) != 0)
		return -1;
	return seed_test_bank("qa-test");
}

static int
group_teardown(void **state)
{
	(void)state;
	flow_stop(accounts, NITEMS(accounts));
	fakeai_stop();
	return 0;
}

/* A started voice interview with the provider's model; the candidate's client. */
static struct http *
voice_interview(const char *name, const char *model, struct created *c,
    char **csrf)
{
	struct http	*h = signin(&a_int), *cand;
	struct resp	 r;
	char		*extra = fmt("&role=qa-test&model=%s&min_questions=4"
			    "&max_questions=6&minutes=0&voice=1", model);

	create_adaptive(h, name, extra, c);
	free(extra);
	http_free(h);
	cand = open_invite(c, csrf);
	get(cand, "/c", &r);
	/*
	 * Live voice sends speech to the provider: only with an AI model.
	 * Without one no recording is taken, so none is promised or asked.
	 */
	if (strcmp(model, "builtin") != 0) {
		assert_has(&r, "and any recordings you send,");
		assert_has(&r, "the interviewer can listen to it");
		assert_has(&r, "talk with the AI interviewer in real time");
		assert_has(&r, "<li id=\"check-link\">To answer by voice, <a"
		    " href=\"/c/check\">check your microphone and speakers</a>"
		    " before you start.</li>");
	} else {
		assert_lacks(&r, "/c/check");
		assert_lacks(&r, "recordings you send");
		assert_lacks(&r, "answer by voice");
		assert_lacks(&r, "talk with the AI interviewer in real time");
		if (stack_sh(&S, "command -v espeak-ng >/dev/null") == 0)
			assert_has(&r, "<li>You may hear each question read"
			    " aloud.</li>");
	}
	resp_free(&r);
	post_ok(cand, "/c/start", *csrf, "", "/c");
	free(c->token);
	c->token = NULL;
	return cand;
}

/* The player seeks: the last 100 bytes, decrypted, with 206. */
static void
interviewer_seeks(struct http *h, const char *url, const struct blob *b)
{
	const char	*hdrs[] = { "Range: bytes=-100", NULL };
	struct resp	 r;
	char		*want = fmt("bytes %zu-%zu/%zu", b->len - 100,
			    b->len - 1, b->len), *v;

	assert_int_equal(http_req(h, "GET", url, NULL, NULL, 0, hdrs, &r), 0);
	assert_status(&r, 206);
	assert_string_equal(v = resp_header(&r, "Content-Range"), want);
	free(v);
	assert_string_equal(v = resp_header(&r, "Accept-Ranges"), "bytes");
	free(v);
	assert_int_equal(r.len, 100);
	assert_memory_equal(r.body, b->p + b->len - 100, 100);
	resp_free(&r);
	free(want);
}

/* The org's interviewer plays the voice answers; another org's cannot. */
static void
interviewer_hears(long long id, const struct blob *b)
{
	struct http	*h = signin(&a_int), *other = signin(&b_int);
	struct resp	 r;
	char		*path = fmt("/admin/interviews/%lld", id), *url, *ct;

	get(h, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "Voice answers");
	assert_has(&r, HEARD);
	url = fmt("%s/recordings/1", path);
	assert_has(&r, url);
	resp_free(&r);
	get(h, url, &r);
	assert_status(&r, 200);
	assert_string_equal(ct = resp_header(&r, "Content-Type"), "audio/ogg");
	assert_int_equal(r.len, b->len);
	assert_memory_equal(r.body, b->p, b->len);
	free(ct);
	assert_string_equal(ct = resp_header(&r, "Accept-Ranges"), "bytes");
	free(ct);
	resp_free(&r);
	interviewer_seeks(h, url, b);
	get(other, url, &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(url);
	url = fmt("%s/recordings/3", path);
	get(h, url, &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(url);
	free(path);
	http_free(h);
	http_free(other);
}

static void
test_a_recording_becomes_the_answer_through_its_transcript(void **state)
{
	struct blob	 ogg = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1, 48000, 2000);
	struct blob	 wav = tone(SF_FORMAT_WAV | SF_FORMAT_FLOAT, 2, 16000, 1500);
	struct created	 c;
	struct http	*cand;
	struct resp	 r;
	char		*csrf, *s, *path;

	(void)state;
	free(fakeai_call("/_fake/reset", ""));
	cand = voice_interview("Speaker", "gpt-4o-mini", &c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "action=\"/c/answer/voice\"");
	assert_has(&r, "enctype=\"multipart/form-data\"");
	assert_has(&r, "accept=\"audio/*\" capture");
	assert_has(&r, "src=\"/c/question/1/audio\"");
	assert_has(&r, "/static/voice.js");
	/* This server has a provider and a ticket key: live voice is offered. */
	assert_has(&r, "/static/live.js");
	assert_has(&r, "<div class=\"live\" id=\"live\" hidden");
	assert_has(&r, "data-ticket=\"/c/ticket\"");
	assert_has(&r, "<div id=\"turn-forms\">");
	assert_lacks(&r, "live-needs-provider");
	resp_free(&r);
	fake_script("transcriptions", "[{\"text\":\"  " HEARD "  \","
	    "\"usage\":{\"type\":\"tokens\",\"input_tokens\":1000,"
	    "\"output_tokens\":200}}]");
	assert_int_equal(voice_post(cand, csrf, 1, "answer.ogg",
	    "audio/ogg; codecs=opus", ogg.p, ogg.len, &r), 303);
	resp_free(&r);
	/* The transcript is the recorded answer, and the candidate sees it. */
	assert_string_equal(s = sql_str("SELECT answer FROM interview_questions"
	    " WHERE interview_id = %lld AND n = 1", c.id), HEARD);
	free(s);
	/* The transcription is a usage row, priced: 1000 × 1.25 + 200 × 5 micro-USD. */
	assert_int_equal(sql_num("SELECT cost_micros FROM usage WHERE"
	    " interview_id = %lld AND model = 'gpt-4o-mini-transcribe'", c.id),
	    2250);
	assert_int_equal(sql_num("SELECT cost_micros FROM interviews WHERE"
	    " id = %lld", c.id), 2250);
	get(cand, "/c", &r);
	assert_has(&r, "What we heard for question 1");
	assert_has(&r, HEARD);
	assert_has(&r, "name=\"n\" value=\"2\"");
	resp_free(&r);
	/* Kept as sent (Ogg), whole, where the row says. */
	s = sql_str("SELECT format || ' ' || bytes || ' ' || (duration_ms"
	    " BETWEEN 1900 AND 2100) FROM recordings WHERE interview_id = %lld"
	    " AND question_n = 1", c.id);
	path = fmt("ogg %zu true", ogg.len);
	assert_string_equal(s, path);
	free(s);
	free(path);
	path = sql_str("SELECT path FROM recordings WHERE interview_id = %lld"
	    " AND question_n = 1", c.id);
	assert_non_null(strstr(path, "org-"));
	assert_int_equal(stack_sh(&S, "test -s \"$VAR/storage/%s\"", path), 0);
	/* Sealed at rest with make run's recording_key; played back whole below. */
	assert_int_equal(stack_sh(&S, "head -c 8 \"$VAR/storage/%s\" | grep -q"
	    " VIVASEA2", path), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld AND encrypted", c.id), 1);
	free(path);
	/* The transcriber got a file it knows, with the configured model. */
	s = fakeai_call("/_fake/requests", NULL);
	assert_non_null(strstr(s, "\"filename\":\"answer.ogg\""));
	assert_non_null(strstr(s, "\"model\":\"gpt-4o-mini-transcribe\""));
	free(s);
	/* Sent again (a second tab, a double click): nothing paid for, nothing changed. */
	assert_int_equal(voice_post(cand, csrf, 1, "answer.ogg", "audio/ogg",
	    ogg.p, ogg.len, &r), 303);
	assert_non_null(s = resp_header(&r, "Location"));
	assert_string_equal(s, "/c?stale=1");
	free(s);
	resp_free(&r);
	assert_int_equal(fakeai_count("/v1/audio/transcriptions"), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", c.id), 1);
	/* A stereo float WAV is stored as 16-bit mono WAV. */
	fake_script("transcriptions", "[{\"text\":\"Second answer.\"}]");
	assert_int_equal(voice_post(cand, csrf, 2, "answer.wav", "audio/wav",
	    wav.p, wav.len, &r), 303);
	resp_free(&r);
	assert_string_equal(s = sql_str("SELECT format || ' ' || (bytes < %zu)"
	    " FROM recordings WHERE interview_id = %lld AND question_n = 2",
	    wav.len, c.id), "wav true");
	free(s);
	assert_int_equal(files_in("tmp"), 0);
	assert_int_equal(upload_temp_files(), 0);
	interviewer_hears(c.id, &ogg);
	free(ogg.p);
	free(wav.p);
	free(csrf);
	http_free(cand);
}

/* Each refusal: its status and words, no answer, no file, no transcription. */
static void
refused(struct http *cand, const char *csrf, long long iv, const char *name,
    const char *ctype, const void *p, size_t len, long code, const char *says)
{
	long long	 files = files_in(""), calls = fakeai_count(
			    "/v1/audio/transcriptions");
	struct resp	 r;

	assert_int_equal(voice_post(cand, csrf, 1, name, ctype, p, len, &r),
	    code);
	assert_has(&r, says);
	assert_has(&r, "id=\"answer-error\"");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld AND answer IS NOT NULL", iv), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings"
	    " WHERE interview_id = %lld", iv), 0);
	assert_int_equal(files_in(""), files);
	assert_int_equal(files_in("tmp"), 0);
	assert_int_equal(upload_temp_files(), 0);
	assert_int_equal(fakeai_count("/v1/audio/transcriptions"), calls);
}

static void
test_chromes_webm_answer_is_kept_as_sent_and_heard(void **state)
{
	struct blob	 webm;	/* chromium's own (scripts/gen-webm-fixtures.mjs) */
	struct created	 c;
	struct http	*cand;
	struct resp	 r;
	char		*csrf, *s, *want;

	(void)state;
	webm.p = slurp("tests/fixtures/webm/audio.webm", &webm.len);
	cand = voice_interview("Chrome", "gpt-4o-mini", &c, &csrf);
	fake_script("transcriptions", "[{\"text\":\"" HEARD "\"}]");
	assert_int_equal(voice_post(cand, csrf, 1, "answer.webm",
	    "audio/webm;codecs=opus", webm.p, webm.len, &r), 303);
	resp_free(&r);
	assert_string_equal(s = sql_str("SELECT answer FROM interview_questions"
	    " WHERE interview_id = %lld AND n = 1", c.id), HEARD);
	free(s);
	/* Kept whole as WebM, its length read from its blocks: 1.5 s. */
	s = sql_str("SELECT format || ' ' || bytes || ' ' || (duration_ms"
	    " BETWEEN 1100 AND 1700) FROM recordings WHERE interview_id = %lld"
	    " AND question_n = 1", c.id);
	want = fmt("webm %zu true", webm.len);
	assert_string_equal(s, want);
	free(want);
	free(s);
	/* The transcriber got it as sent, named for what it is. */
	assert_true(fakeai_count("\"filename\":\"answer.webm\"") >= 1);
	free(webm.p);
	free(csrf);
	http_free(cand);
}

/* Safari records MP4: chromium's own fragmented MP4 stands in for it here. */
static void
test_an_mp4_answer_is_kept_as_sent_and_heard(void **state)
{
	struct blob	 mp4;	/* scripts/gen-mp4-fixtures.mjs */
	struct created	 c;
	struct http	*cand;
	struct resp	 r;
	char		*csrf, *s, *want;

	(void)state;
	mp4.p = slurp("tests/fixtures/mp4/audio.mp4", &mp4.len);
	cand = voice_interview("Safari", "gpt-4o-mini", &c, &csrf);
	fake_script("transcriptions", "[{\"text\":\"" HEARD "\"}]");
	assert_int_equal(voice_post(cand, csrf, 1, "answer.mp4", "audio/mp4",
	    mp4.p, mp4.len, &r), 303);
	resp_free(&r);
	/* Kept whole, its length summed from its fragments' runs: 1.5 s. */
	s = sql_str("SELECT format || ' ' || bytes || ' ' || (duration_ms"
	    " BETWEEN 1100 AND 1700) FROM recordings WHERE interview_id = %lld"
	    " AND question_n = 1", c.id);
	want = fmt("mp4 %zu true", mp4.len);
	assert_string_equal(s, want);
	free(want);
	free(s);
	assert_true(fakeai_count("\"filename\":\"answer.mp4\"") >= 1);
	free(mp4.p);
	free(csrf);
	http_free(cand);
}

static void
test_corrupt_wrong_type_and_oversized_files_are_refused_in_words(void **state)
{
	static const char webm[] = "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01webm"
	    "\x42\xf7\x81\x01 a WebM header and nothing that follows";
	struct blob	 ogg = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1, 48000, 1000);
	struct blob	 big = tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1, 16000,
			    9000);
	struct blob	 longer = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1, 48000,
			    (MAX_SECONDS + 2) * 1000);
	struct blob	 long_wav = tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1,
			    8000, (MAX_SECONDS + 5) * 1000 + 400);
	struct created	 c;
	struct http	*cand;
	char		*csrf, *huge;

	(void)state;
	cand = voice_interview("Refused", "gpt-4o-mini", &c, &csrf);
	memset(ogg.p + 100, 'x', 400);	/* corrupt in the middle */
	refused(cand, csrf, c.id, "answer.ogg", "audio/ogg", ogg.p, ogg.len, 415,
	    "not a recording we can read");
	refused(cand, csrf, c.id, "notes.txt", "text/plain", "just words", 10,
	    415, "MP4 (AAC or Opus)");
	/* A WebM header with no recording after it. */
	refused(cand, csrf, c.id, "answer.webm", "audio/webm", webm,
	    sizeof(webm) - 1, 415, "WebM or Ogg (Opus or Vorbis), MP4 (AAC or Opus)");
	assert_true(big.len > MAX_BYTES);
	refused(cand, csrf, c.id, "answer.wav", "audio/wav", big.p, big.len, 413,
	    "The recording is too large");
	assert_true(longer.len < MAX_BYTES);
	/* Too long: both lengths said, the take's own beside the limit. */
	refused(cand, csrf, c.id, "long.ogg", "audio/ogg", longer.p, longer.len,
	    413, "The recording is 12 s long, longer than 10 seconds. Record a"
	    " shorter answer, or type it.");
	assert_true(long_wav.len < MAX_BYTES);
	refused(cand, csrf, c.id, "long.wav", "audio/wav", long_wav.p,
	    long_wav.len, 413, "The recording is 15 s long, longer than 10"
	    " seconds. Record a shorter answer, or type it.");
	refused(cand, csrf, c.id, "empty.ogg", "audio/ogg", "", 0, 400,
	    "No recording arrived");
	/* A camera's recording, sound and all: a voice answer keeps no video. */
	{
		struct blob	 video;

		video.p = slurp("tests/fixtures/webm/video.webm", &video.len);
		refused(cand, csrf, c.id, "answer.webm", "video/webm", video.p,
		    video.len, 415, "a voice answer is sound only");
		free(video.p);
		/* The microphone off: no sound, said so, not "unreadable". */
		video.p = slurp("tests/fixtures/webm/silent.webm", &video.len);
		refused(cand, csrf, c.id, "answer.webm", "video/webm", video.p,
		    video.len, 415, "The recording has no sound. Record it again"
		    " with your microphone on, or type your answer.");
		free(video.p);
	}
	/* Past nginx's own limit: its 413 becomes the same page. */
	huge = calloc(1, 18u << 20);
	refused(cand, csrf, c.id, "huge.wav", "audio/wav", huge, 18u << 20, 413,
	    "The recording is too large");
	free(huge);
	free(ogg.p);
	free(big.p);
	free(longer.p);
	free(long_wav.p);
	free(csrf);
	http_free(cand);
}

static void
test_a_transcriber_that_fails_records_and_charges_nothing(void **state)
{
	struct blob	 ogg = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1, 48000, 1000);
	struct created	 c;
	struct http	*cand;
	struct resp	 r;
	char		*csrf;
	long long	 used, files;

	(void)state;
	cand = voice_interview("Unheard", "gpt-4o-mini", &c, &csrf);
	used = sql_num("SELECT tokens_used FROM interviews WHERE id = %lld",
	    c.id);
	files = files_in("");
	fake_script("transcriptions", "[{\"fault\":500},{\"fault\":503},"
	    "{\"fault\":500}]");
	assert_int_equal(voice_post(cand, csrf, 1, "answer.ogg", "audio/ogg",
	    ogg.p, ogg.len, &r), 503);
	assert_has(&r, "The transcription service did not answer");
	assert_has(&r, "nothing was recorded or charged");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld AND answer IS NOT NULL", c.id), 0);
	assert_int_equal(sql_num("SELECT tokens_used FROM interviews WHERE"
	    " id = %lld", c.id), used);
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " interview_id = %lld AND model = 'gpt-4o-mini-transcribe'", c.id),
	    0);
	assert_int_equal(sql_num("SELECT cost_micros FROM interviews WHERE"
	    " id = %lld", c.id), 0);
	assert_int_equal(files_in(""), files);
	/* The next try is heard, priced by the minute: 30 s at $0.60/min. */
	fake_script("transcriptions", "[{\"text\":\"" HEARD "\",\"usage\":"
	    "{\"type\":\"duration\",\"seconds\":30}}]");
	assert_int_equal(voice_post(cand, csrf, 1, "answer.ogg", "audio/ogg",
	    ogg.p, ogg.len, &r), 303);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT cost_micros FROM usage WHERE"
	    " interview_id = %lld AND model = 'gpt-4o-mini-transcribe'", c.id),
	    300000);
	assert_int_equal(sql_num("SELECT cost_micros FROM interviews WHERE"
	    " id = %lld", c.id), 300000);
	free(ogg.p);
	free(csrf);
	http_free(cand);
}

/*
 * The upload sent twice (a double click, a resend while the first is being
 * transcribed): transcribed, judged and charged once, one recording kept;
 * the second lands on the next question too, saying the answer was
 * recorded already.
 */
static void
test_an_upload_sent_twice_is_transcribed_once(void **state)
{
	struct blob	 ogg = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1, 48000, 1000);
	struct created	 c;
	struct http	*cand;
	struct resp	 r;
	char		*csrf, *fid, *s;
	long long	 judged;
	pid_t		 pid;
	int		 wst, stale;
	enum { FIRST = 10, STALE = 11 };

	(void)state;
	cand = voice_interview("Twice", "gpt-4o-mini", &c, &csrf);
	get(cand, "/c", &r);
	fid = form_id_of(&r);
	/* The typed answer's form and the upload's: one answer, one id. */
	s = fmt("name=\"form_id\" value=\"%s\"", fid);
	assert_int_equal(count_in(&r, s), 2);
	free(s);
	resp_free(&r);
	free(fakeai_call("/_fake/reset", ""));
	fake_script("transcriptions", "[{\"delay_ms\":1000,\"text\":\""
	    HEARD "\",\"usage\":{\"type\":\"tokens\",\"input_tokens\":1000,"
	    "\"output_tokens\":200}}]");
	/*
	 * Which of the two claims the form first is the machine's choice
	 * (usually the one sent 300 ms earlier): one is transcribed and
	 * answered /c, the other waits and is answered /c?stale=1.
	 */
	if ((pid = fork()) == 0) {
		if (voice_post_form(http_twin(cand), csrf, fid, 1, &ogg,
		    &r) != 303 ||
		    (s = resp_header(&r, "Location")) == NULL)
			_exit(1);
		_exit(strcmp(s, "/c?stale=1") == 0 ? STALE : FIRST);
	}
	usleep(300 * 1000);	/* the first is being transcribed */
	assert_int_equal(voice_post_form(cand, csrf, fid, 1, &ogg, &r),
	    303);
	s = resp_header(&r, "Location");
	stale = strcmp(s, "/c?stale=1") == 0;
	assert_true(stale || strcmp(s, "/c") == 0);
	free(s);
	resp_free(&r);
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	assert_true(WIFEXITED(wst));
	assert_int_equal(WEXITSTATUS(wst), stale ? FIRST : STALE);
	get(cand, "/c?stale=1", &r);
	assert_has(&r, "That answer was recorded already; here is the next"
	    " question.");
	assert_has(&r, "What we heard for question 1");
	assert_has(&r, HEARD);
	assert_has(&r, "name=\"n\" value=\"2\"");
	resp_free(&r);
	/* One transcription paid for, one judging, one recording kept. */
	assert_int_equal(fakeai_count("/v1/audio/transcriptions"), 1);
	judged = fakeai_count("/v1/chat/completions");
	assert_true(judged >= 1 && judged <= 2);	/* one retry at most */
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " interview_id = %lld AND model = 'gpt-4o-mini-transcribe'", c.id),
	    1);
	assert_int_equal(sql_num("SELECT cost_micros FROM interviews WHERE"
	    " id = %lld", c.id), 2250);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", c.id), 1);
	free(fid);
	free(ogg.p);
	free(csrf);
	http_free(cand);
}

/* How many times the response has the header name (any case). */
static int
header_count(const struct resp *r, const char *name)
{
	const char	*p = r->headers;
	size_t		 len = strlen(name);
	int		 n = 0;

	while (p != NULL && *p != '\0') {
		if (strncasecmp(p, name, len) == 0 && p[len] == ':')
			n++;
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return n;
}

static void
test_a_question_is_synthesised_once(void **state)
{
	struct created	 c;
	struct http	*cand;
	struct resp	 r;
	char		*csrf, *ct;
	long long	 before;

	(void)state;
	cand = voice_interview("Listener", "gpt-4o-mini", &c, &csrf);
	before = fakeai_count("/v1/audio/speech");
	get(cand, "/c/question/1/audio", &r);
	assert_status(&r, 200);
	assert_string_equal(ct = resp_header(&r, "Content-Type"), "audio/mpeg");
	free(ct);
	/* The app's, once: nginx keeps it through X-Accel-Redirect. */
	assert_int_equal(header_count(&r, "Cache-Control"), 1);
	assert_true(r.len > 400);
	assert_int_equal((unsigned char)r.body[0], 0xff);
	resp_free(&r);
	get(cand, "/c/question/1/audio", &r);
	assert_status(&r, 200);
	resp_free(&r);
	assert_int_equal(fakeai_count("/v1/audio/speech"), before + 1);
	/* Not yet asked, or not a number: nothing. */
	get(cand, "/c/question/9/audio", &r);
	assert_status(&r, 404);
	resp_free(&r);
	/* Questions count from 1: no question 0, and the process lives on. */
	get(cand, "/c/question/0/audio", &r);
	assert_status(&r, 404);
	resp_free(&r);
	/* Only through the app: nginx keeps the folder internal. */
	get(cand, "/_storage/tts/", &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(csrf);
	http_free(cand);
}

static void
test_without_a_provider_espeak_reads_and_voice_answers_are_declined(void **state)
{
	struct blob	 ogg = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1, 48000, 500);
	struct created	 c;
	struct http	*cand;
	struct resp	 r;
	char		*csrf, *ct;
	long long	 calls = fakeai_count("/v1/audio/");

	(void)state;
	if (stack_sh(&S, "command -v espeak-ng >/dev/null") != 0)
		skip();
	cand = voice_interview("Offline", "builtin", &c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "src=\"/c/question/1/audio\"");
	/* The interview's evaluator is the builtin: one line says why. */
	assert_has(&r, "Answering by voice, recorded or live, needs an AI model,"
	    " and this interview uses the offline evaluator. Type your answer"
	    " in the box above.");
	assert_lacks(&r, "action=\"/c/answer/voice\"");
	resp_free(&r);
	get(cand, "/c/question/1/audio", &r);
	assert_status(&r, 200);
	assert_string_equal(ct = resp_header(&r, "Content-Type"), "audio/wav");
	free(ct);
	assert_true(r.len > 1000);
	assert_memory_equal(r.body, "RIFF", 4);
	resp_free(&r);
	assert_int_equal(voice_post(cand, csrf, 1, "answer.ogg", "audio/ogg",
	    ogg.p, ogg.len, &r), 409);
	assert_has(&r, "Voice answers are not available in this interview");
	resp_free(&r);
	assert_int_equal(fakeai_count("/v1/audio/"), calls);
	free(ogg.p);
	free(csrf);
	http_free(cand);
}

/*
 * The interviewer chose the offline evaluator: on a server with a provider,
 * live voice is neither offered nor given a ticket, so no word of the
 * candidate's goes to it.
 */
static void
test_live_voice_is_not_offered_with_the_offline_evaluator(void **state)
{
	struct created	 c;
	struct http	*cand;
	struct resp	 r;
	char		*csrf;

	(void)state;
	cand = voice_interview("Unrelayed", "builtin", &c, &csrf);
	get(cand, "/c", &r);
	assert_lacks(&r, "/static/live.js");
	assert_has(&r, "needs an AI model, and this interview uses the offline"
	    " evaluator");
	resp_free(&r);
	ticket_post(cand, csrf, &r);
	assert_status(&r, 409);
	assert_has(&r, "uses the offline evaluator");
	resp_free(&r);
	free(csrf);
	http_free(cand);
}

/* As flow.c's check, but the transcriber's failure is a 503 on purpose. */
static void
test_no_request_failed_but_the_scripted_one(void **state)
{
	char	*out;

	(void)state;
	out = stack_out(&S, "grep -e status.:5 -e Sanitizer -e \"runtime error\""
	    " -e \"checker died\" -e \"without its sandbox\""
	    " \"$VAR/log/viva-fcgi.log\" | grep -v -c"
	    " \"route.:.POST /c/answer/voice.,.status.:503\"");
	if (atoi(out) != 0) {
		free(out);
		out = stack_out(&S, "grep -e status.:5 -e Sanitizer -e"
		    " \"runtime error\" -e \"checker died\" -e \"without its"
		    " sandbox\" -A3 \"$VAR/log/viva-fcgi.log\" | head -n 60");
		fail_msg("viva-fcgi.log:\n%s", out);
	}
	free(out);
	/* Exactly the one scripted failure. */
	out = stack_out(&S, "grep -c status.:503 \"$VAR/log/viva-fcgi.log\"");
	assert_int_equal(atoi(out), 1);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_recording_becomes_the_answer_through_its_transcript),
		cmocka_unit_test(test_chromes_webm_answer_is_kept_as_sent_and_heard),
		cmocka_unit_test(test_an_mp4_answer_is_kept_as_sent_and_heard),
		cmocka_unit_test(test_corrupt_wrong_type_and_oversized_files_are_refused_in_words),
		cmocka_unit_test(test_a_transcriber_that_fails_records_and_charges_nothing),
		cmocka_unit_test(test_an_upload_sent_twice_is_transcribed_once),
		cmocka_unit_test(test_a_question_is_synthesised_once),
		cmocka_unit_test(test_without_a_provider_espeak_reads_and_voice_answers_are_declined),
		cmocka_unit_test(test_live_voice_is_not_offered_with_the_offline_evaluator),
		cmocka_unit_test(test_no_request_failed_but_the_scripted_one),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
