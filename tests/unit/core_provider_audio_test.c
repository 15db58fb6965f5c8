/* core_provider_audio_test.c: transcription and speech against tests/fakeai; speech_text. */
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
#include <sys/wait.h>
#include <unistd.h>

#include "core/provider_audio.h"
#include "core/speech.h"
#include "lib/arena.h"
#include "lib/status.h"

static pid_t	 fake_pid = -1;
static char	 fake_base[128];
static char	 fake_v1[160];
static char	 tmpdir[] = "/tmp/viva-audio-prov.XXXXXX";
static char	 wav[200];

static size_t
sink(char *p, size_t size, size_t n, void *arg)
{
	buf_put(arg, p, size * n);
	return size * n;
}

static const char *
fake_call(struct arena *a, const char *path, const char *post)
{
	CURL		*c = curl_easy_init();
	struct buf	 b;
	char		 url[256];

	buf_init(&b, a);
	snprintf(url, sizeof(url), "%s%s", fake_base, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	if (post != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, post);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_cleanup(c);
	buf_putc(&b, '\0');
	return b.p;
}

static int
group_setup(void **state)
{
	char	 portfile[160], pidfile[160], port[16] = "";
	FILE	*fp;
	int	 i;

	(void)state;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(portfile, sizeof(portfile), "%s/port", tmpdir);
	snprintf(pidfile, sizeof(pidfile), "%s/pid", tmpdir);
	snprintf(wav, sizeof(wav), "%s/answer.wav", tmpdir);
	if ((fp = fopen(wav, "wb")) == NULL)
		return -1;
	fputs("RIFF....WAVEfmt not really audio: the fake does not listen", fp);
	fclose(fp);
	if ((fake_pid = fork()) == -1)
		return -1;
	if (fake_pid == 0) {
		execlp("node", "node", "tests/fakeai/server.mjs", "--port", "0",
		    "--portfile", portfile, "--pidfile", pidfile, "--quiet",
		    (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 200 && port[0] == '\0'; i++) {
		if ((fp = fopen(portfile, "r")) != NULL) {
			if (fgets(port, sizeof(port), fp) == NULL)
				port[0] = '\0';
			fclose(fp);
		}
		if (port[0] == '\0')
			usleep(25000);
	}
	port[strcspn(port, "\r\n")] = '\0';
	if (port[0] == '\0')
		return -1;
	snprintf(fake_base, sizeof(fake_base), "http://127.0.0.1:%s", port);
	snprintf(fake_v1, sizeof(fake_v1), "%s/v1/", fake_base);
	return 0;
}

static int
group_teardown(void **state)
{
	char	 path[200];

	(void)state;
	if (fake_pid > 0) {
		kill(fake_pid, SIGTERM);
		waitpid(fake_pid, NULL, 0);
	}
	snprintf(path, sizeof(path), "rm -rf '%s'", tmpdir);
	if (system(path) != 0)
		return -1;
	curl_global_cleanup();
	return 0;
}

struct fix {
	struct arena	*a;
	struct provider	 p;
};

static int
setup(void **state)
{
	struct fix	*f = calloc(1, sizeof(*f));

	f->a = arena_new();
	fake_call(f->a, "/_fake/reset", "");
	provider_init(&f->p, fake_v1, "sk-test");
	f->p.timeout_ms = 3000;
	f->p.backoff_base_ms = 20;
	f->p.backoff_cap_ms = 80;
	f->p.breaker_threshold = 0;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix	*f = *state;

	arena_free(f->a);
	free(f);
	return 0;
}

static struct stt_req
stt(void)
{
	struct stt_req	 rq = { "gpt-4o-mini-transcribe", wav, "answer.wav",
			    "audio/wav", "en", NULL, 0 };

	return rq;
}

static void
test_transcribe_sends_the_file_as_multipart_and_returns_the_text(void **state)
{
	struct fix	*f = *state;
	struct stt_req	 rq = stt();
	struct stt_res	 rs;
	const char	*log;

	fake_call(f->a, "/_fake/script?queue=transcriptions",
	    "[{\"text\":\"Héllo, I said this.\"}]");
	assert_int_equal(provider_transcribe(f->a, &f->p, &rq, &rs), ST_OK);
	assert_string_equal(rs.text, "Héllo, I said this.");
	assert_int_equal(rs.attempts, 1);
	assert_true(rs.seconds >= 1);
	assert_int_equal(rs.input_tokens, 0);
	assert_null(rs.error_code);
	log = fake_call(f->a, "/_fake/requests", NULL);
	assert_non_null(strstr(log, "\"filename\":\"answer.wav\""));
	assert_non_null(strstr(log, "\"content_type\":\"audio/wav\""));
	assert_non_null(strstr(log, "\"language\":\"en\""));
	assert_non_null(strstr(log, "\"response_format\":\"json\""));
	assert_non_null(strstr(log, "Bearer sk-test"));
}

static void
test_transcribe_retries_server_errors_like_chat(void **state)
{
	struct fix	*f = *state;
	struct stt_req	 rq = stt();
	struct stt_res	 rs;

	fake_call(f->a, "/_fake/script?queue=transcriptions",
	    "[{\"fault\":500},{\"fault\":429,\"retry_after_ms\":10},"
	    "{\"text\":\"third time\"}]");
	assert_int_equal(provider_transcribe(f->a, &f->p, &rq, &rs), ST_OK);
	assert_string_equal(rs.text, "third time");
	assert_int_equal(rs.attempts, 3);
	/* Token usage, as gpt-4o-transcribe reports it. */
	fake_call(f->a, "/_fake/script?queue=transcriptions",
	    "[{\"text\":\"t\",\"usage\":{\"type\":\"tokens\","
	    "\"input_tokens\":14,\"output_tokens\":45,\"total_tokens\":59}}]");
	assert_int_equal(provider_transcribe(f->a, &f->p, &rq, &rs), ST_OK);
	assert_int_equal(rs.input_tokens, 14);
	assert_int_equal(rs.output_tokens, 45);
}

static void
test_transcribe_gives_up_and_says_why(void **state)
{
	struct fix	*f = *state;
	struct stt_req	 rq = stt();
	struct stt_res	 rs;

	fake_call(f->a, "/_fake/script?queue=transcriptions",
	    "[{\"fault\":503},{\"fault\":503},{\"fault\":503}]");
	assert_int_equal(provider_transcribe(f->a, &f->p, &rq, &rs),
	    ST_UNAVAILABLE);
	assert_string_equal(rs.error_code, "server_error");
	assert_string_equal(rs.text, "");
	assert_int_equal(rs.attempts, 3);
	/* A 400 (here: a format it does not take) is not retried. */
	rq.filename = "answer.xyz";
	assert_int_equal(provider_transcribe(f->a, &f->p, &rq, &rs),
	    ST_UNAVAILABLE);
	assert_string_equal(rs.error_code, "bad_request");
	assert_int_equal(rs.attempts, 1);
	/* A reply without text is a bad response. */
	rq.filename = "answer.wav";
	fake_call(f->a, "/_fake/script?queue=transcriptions",
	    "[{\"fault\":\"empty\"}]");
	assert_int_equal(provider_transcribe(f->a, &f->p, &rq, &rs),
	    ST_UNAVAILABLE);
	assert_string_equal(rs.error_code, "bad_response");
	rq.model = "";
	assert_int_equal(provider_transcribe(f->a, &f->p, &rq, &rs),
	    ST_INVALID);
}

static void
test_speech_returns_the_audio_bytes(void **state)
{
	struct fix	*f = *state;
	struct tts_req	 rq = { "gpt-4o-mini-tts", "alloy", "What is a unit test?",
			    "mp3" };
	struct tts_res	 rs;

	assert_int_equal(provider_speech(f->a, &f->p, &rq, &rs), ST_OK);
	assert_true(rs.audio.len > 400);
	assert_int_equal((unsigned char)rs.audio.p[0], 0xff);
	rq.format = "wav";
	assert_int_equal(provider_speech(f->a, &f->p, &rq, &rs), ST_OK);
	assert_memory_equal(rs.audio.p, "RIFF", 4);
	fake_call(f->a, "/_fake/script?queue=speech",
	    "[{\"fault\":500},{\"fault\":\"empty\"}]");
	assert_int_equal(provider_speech(f->a, &f->p, &rq, &rs),
	    ST_UNAVAILABLE);
	assert_string_equal(rs.error_code, "bad_response");
	assert_int_equal(rs.audio.len, 0);
	rq.voice = "nobody";
	assert_int_equal(provider_speech(f->a, &f->p, &rq, &rs),
	    ST_UNAVAILABLE);
	assert_string_equal(rs.error_code, "bad_request");
}

static void
test_speech_text_reads_markdown_as_words(void **state)
{
	static const struct {
		const char	*md;
		const char	*said;
	} cases[] = {
		{ "How do you test **this**?", "How do you test this?" },
		{ "Use `map` or a [loop](https://x.test/a).",
		    "Use map or a loop." },
		{ "# Title\n\n> quoted\n\n- one\n- two", "Title quoted - one - two" },
		{ "Look:\n```js\nlet x = 1;\n```\nWhy?",
		    "Look: (see the code on the screen) Why?" },
		{ "", "" },
	};
	struct arena	*a = arena_new();
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++)
		assert_string_equal(speech_text(a, cases[i].md), cases[i].said);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_transcribe_sends_the_file_as_multipart_and_returns_the_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transcribe_retries_server_errors_like_chat, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transcribe_gives_up_and_says_why, setup, teardown),
		cmocka_unit_test_setup_teardown(test_speech_returns_the_audio_bytes, setup, teardown),
		cmocka_unit_test(test_speech_text_reads_markdown_as_words),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
