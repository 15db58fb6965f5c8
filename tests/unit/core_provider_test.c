/* core_provider_test.c: chat completions against tests/fakeai, faults included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <json-c/json.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/provider.h"
#include "lib/arena.h"
#include "lib/clock.h"
#include "lib/http.h"
#include "lib/status.h"

static pid_t	 fake_pid = -1;
static char	 fake_base[128];	/* http://127.0.0.1:PORT */
static char	 fake_v1[160];
static char	 tmpdir[] = "/tmp/viva-provider-test.XXXXXX";

struct fix {
	struct arena	*a;
	struct provider	 p;
	struct buf	 deltas;	/* every delta, '|' after each */
	int		 ndeltas;
};

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t
sink(char *p, size_t size, size_t n, void *arg)
{
	buf_put(arg, p, size * n);
	return size * n;
}

/* A plain request to the fake's control endpoints; returns the body. */
static const char *
fake_call(struct arena *a, const char *path, const char *post)
{
	CURL		*c = curl_easy_init();
	struct buf	 b;
	char		 url[256];
	long		 code = 0;

	assert_non_null(c);
	buf_init(&b, a);
	snprintf(url, sizeof(url), "%s%s", fake_base, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	if (post != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, post);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(c);
	if (code != 200)
		print_message("fake %s: %ld %s\n", path, code, b.p);
	assert_int_equal(code, 200);
	return b.p;
}

static void
script(struct fix *f, const char *steps)
{
	fake_call(f->a, "/_fake/script", steps);
}

/* The fake's request log, parsed; the caller puts it. */
static struct json_object *
requests(struct fix *f)
{
	struct json_object	*o;

	o = json_tokener_parse(fake_call(f->a, "/_fake/requests", NULL));
	assert_non_null(o);
	assert_true(json_object_is_type(o, json_type_array));
	return o;
}

static size_t
nrequests(struct fix *f)
{
	struct json_object	*o = requests(f);
	size_t			 n = json_object_array_length(o);

	json_object_put(o);
	return n;
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
	if ((fake_pid = fork()) == -1)
		return -1;
	if (fake_pid == 0) {
		execlp("node", "node", "tests/fakeai/server.mjs", "--port", "0",
		    "--portfile", portfile, "--pidfile", pidfile, "--quiet",
		    (char *)NULL);
		_exit(127);
	}
	/* The port file is written last, atomically: once there, it serves. */
	for (i = 0; i < 200; i++) {
		if ((fp = fopen(portfile, "r")) != NULL) {
			if (fgets(port, sizeof(port), fp) == NULL)
				port[0] = '\0';
			fclose(fp);
			if (port[0] != '\0')
				break;
		}
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
	char	 path[160];

	(void)state;
	if (fake_pid > 0) {
		kill(fake_pid, SIGTERM);
		waitpid(fake_pid, NULL, 0);
	}
	snprintf(path, sizeof(path), "%s/port", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/pid", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	curl_global_cleanup();
	return 0;
}

/* A fresh fake and a provider with limits small enough for a unit test. */
static int
setup(void **state)
{
	struct fix	*f = calloc(1, sizeof(*f));

	f->a = arena_new();
	buf_init(&f->deltas, f->a);
	fake_call(f->a, "/_fake/reset", "");
	provider_init(&f->p, fake_v1, "sk-test");
	f->p.timeout_ms = 3000;
	f->p.connect_timeout_ms = 1000;
	f->p.max_attempts = 3;
	f->p.backoff_base_ms = 20;
	f->p.backoff_cap_ms = 80;
	f->p.retry_after_max_ms = 2000;
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

static void
on_delta(void *arg, const char *text, size_t len)
{
	struct fix	*f = arg;

	assert_true(len > 0);
	buf_put(&f->deltas, text, len);
	buf_putc(&f->deltas, '|');
	f->ndeltas++;
}

static const struct chat_msg	msgs[] = {
	{ "system", "You are an interviewer." },
	{ "user", "Tell me about \"yourself\"\n" },
};

static enum status
chat(struct fix *f, int stream, struct chat_res *res)
{
	struct chat_req	 req = {
		.model = "gpt-4o-mini", .msgs = msgs, .n = NITEMS(msgs),
		.max_completion_tokens = 256, .stream = stream,
		.on_delta = on_delta, .arg = f,
	};

	return provider_chat(f->a, &f->p, &req, res);
}

static void
test_plain_reply_has_text_and_usage(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	script(f, "[{\"reply\":\"Hello there, candidate.\","
	    "\"usage\":{\"prompt_tokens\":82,\"completion_tokens\":17}}]");
	assert_int_equal(chat(f, 0, &res), ST_OK);
	assert_string_equal(res.text, "Hello there, candidate.");
	assert_int_equal(res.prompt_tokens, 82);
	assert_int_equal(res.completion_tokens, 17);
	assert_string_equal(res.finish_reason, "stop");
	assert_null(res.error_code);
	assert_int_equal(res.attempts, 1);
	assert_int_equal(f->ndeltas, 0);
}

static void
test_stream_assembles_deltas_in_order_with_usage(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res, plain;
	const char	*step = "[{\"reply\":\"One two three four five.\","
	    "\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":6},"
	    "\"chunk_delay_ms\":5}]";

	script(f, step);
	assert_int_equal(chat(f, 0, &plain), ST_OK);
	script(f, step);
	assert_int_equal(chat(f, 1, &res), ST_OK);
	assert_string_equal(res.text, plain.text);
	assert_string_equal(res.text, "One two three four five.");
	assert_string_equal(f->deltas.p, "One| two| three| four| five.|");
	assert_int_equal(f->ndeltas, 5);
	assert_int_equal(res.prompt_tokens, 40);
	assert_int_equal(res.completion_tokens, 6);
	assert_string_equal(res.finish_reason, "stop");
}

static void
test_request_body_has_model_messages_and_include_usage(void **state)
{
	struct fix		*f = *state;
	struct chat_res		 res;
	struct json_object	*log, *r, *b, *v, *m;
	size_t			 i;

	assert_int_equal(chat(f, 1, &res), ST_OK);
	assert_string_equal(res.text, "Echo: Tell me about \"yourself\"\n");
	log = requests(f);
	assert_int_equal(json_object_array_length(log), 1);
	r = json_object_array_get_idx(log, 0);
	assert_true(json_object_object_get_ex(r, "headers", &v));
	assert_true(json_object_object_get_ex(v, "authorization", &v));
	assert_string_equal(json_object_get_string(v), "Bearer sk-test");
	assert_true(json_object_object_get_ex(r, "body", &b));
	assert_true(json_object_object_get_ex(b, "model", &v));
	assert_string_equal(json_object_get_string(v), "gpt-4o-mini");
	assert_true(json_object_object_get_ex(b, "max_completion_tokens", &v));
	assert_int_equal(json_object_get_int(v), 256);
	assert_true(json_object_object_get_ex(b, "stream", &v));
	assert_true(json_object_get_boolean(v));
	assert_true(json_object_object_get_ex(b, "stream_options", &v));
	assert_true(json_object_object_get_ex(v, "include_usage", &v));
	assert_true(json_object_get_boolean(v));
	assert_true(json_object_object_get_ex(b, "messages", &v));
	assert_int_equal(json_object_array_length(v), NITEMS(msgs));
	for (i = 0; i < NITEMS(msgs); i++) {
		m = json_object_array_get_idx(v, i);
		assert_string_equal(json_object_get_string(
		    json_object_object_get(m, "role")), msgs[i].role);
		assert_string_equal(json_object_get_string(
		    json_object_object_get(m, "content")), msgs[i].content);
	}
	json_object_put(log);
}

static void
test_429_waits_retry_after_then_succeeds(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;
	int64_t		 t0 = now_ms();

	script(f, "[{\"fault\":\"429\",\"retry_after\":1},{\"reply\":\"ok\"}]");
	assert_int_equal(chat(f, 0, &res), ST_OK);
	assert_true(now_ms() - t0 >= 1000);
	assert_true(res.latency_ms >= 1000);
	assert_string_equal(res.text, "ok");
	assert_int_equal(res.attempts, 2);
	assert_int_equal(nrequests(f), 2);
}

static void
test_429_over_the_cap_is_not_waited_for(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	script(f, "[{\"fault\":\"429\",\"retry_after\":30},{\"reply\":\"ok\"}]");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "rate_limited");
	assert_true(res.latency_ms < 1000);
	assert_int_equal(nrequests(f), 1);
}

static void
test_429_out_of_quota_is_not_retried(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	script(f, "[{\"fault\":\"429\",\"error\":{\"type\":\"insufficient_quota\","
	    "\"code\":\"insufficient_quota\"}},{\"reply\":\"ok\"}]");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "quota");
	assert_int_equal(nrequests(f), 1);
}

static void
test_500_twice_then_success(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	script(f, "[{\"fault\":\"500\"},{\"fault\":\"503\"},{\"reply\":\"ok\"}]");
	assert_int_equal(chat(f, 1, &res), ST_OK);
	assert_string_equal(res.text, "ok");
	assert_int_equal(res.attempts, 3);
}

static void
test_500_always_fails_after_bounded_attempts(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	script(f, "[{\"fault\":\"500\"},{\"fault\":\"502\"},{\"fault\":\"504\"},"
	    "{\"reply\":\"too late\"}]");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "server_error");
	assert_string_equal(res.text, "");
	assert_int_equal(res.prompt_tokens + res.completion_tokens, 0);
	assert_int_equal(res.attempts, 3);
	assert_int_equal(nrequests(f), 3);
}

static void
test_timeout_fails_within_the_deadline(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	f->p.timeout_ms = 300;
	f->p.deadline_ms = 500;
	script(f, "[{\"fault\":\"timeout\"},{\"fault\":\"timeout\"},"
	    "{\"fault\":\"timeout\"}]");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "timeout");
	assert_true(res.latency_ms >= 300);
	assert_true(res.latency_ms < 750);
	assert_int_equal(res.attempts, 2);
}

/*
 * A request's calls share its time (until_ms, nginx's limit less a
 * margin): the first call's attempts stop at it, and a call that comes
 * after it has passed tries nothing and says timeout.
 */
static void
test_a_requests_calls_end_inside_its_time(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;
	size_t		 before;

	f->p.timeout_ms = 1500;
	f->p.until_ms = clock_ms() + 1300;
	script(f, "[{\"fault\":\"timeout\"},{\"fault\":\"timeout\"},"
	    "{\"fault\":\"timeout\"}]");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "timeout");
	assert_true(res.latency_ms < 1450);	/* the attempt was cut to the time left */
	assert_int_equal(res.attempts, 1);
	before = nrequests(f);
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "timeout");
	assert_int_equal(res.attempts, 0);
	assert_true(res.latency_ms < 50);
	assert_int_equal(nrequests(f), before);	/* nothing was sent */
	f->p.until_ms = 0;
}

static void
test_stalled_stream_times_out(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	f->p.timeout_ms = 400;
	script(f, "[{\"fault\":\"stall\",\"reply\":\"a b c d e f g h\"}]");
	assert_int_equal(chat(f, 1, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "timeout");
	assert_true(f->ndeltas > 0);
	assert_int_equal(res.attempts, 1);	/* deltas went out */
	assert_true(res.latency_ms < 1000);
}

static void
test_malformed_is_bad_response(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	script(f, "[{\"fault\":\"malformed\"},{\"fault\":\"malformed\"}]");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "bad_response");
	assert_int_equal(res.attempts, 1);
	assert_int_equal(chat(f, 1, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "bad_response");
	assert_int_equal(res.attempts, 1);
}

static void
test_cut_stream_is_cut_stream_and_not_repeated(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	script(f, "[{\"fault\":\"cut\",\"reply\":\"a b c d e f g h\"},"
	    "{\"reply\":\"a b c d e f g h\"}]");
	assert_int_equal(chat(f, 1, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "cut_stream");
	assert_int_equal(res.attempts, 1);
	assert_true(f->ndeltas > 0 && f->ndeltas < 8);
	assert_int_equal(nrequests(f), 1);
}

static void
test_cut_plain_reply_is_retried(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	script(f, "[{\"fault\":\"cut\"},{\"reply\":\"whole\"}]");
	assert_int_equal(chat(f, 0, &res), ST_OK);
	assert_string_equal(res.text, "whole");
	assert_int_equal(res.attempts, 2);
}

static void
test_empty_choices_is_bad_response(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	script(f, "[{\"fault\":\"empty\"},{\"fault\":\"empty\"}]");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "bad_response");
	assert_int_equal(chat(f, 1, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "bad_response");
	assert_int_equal(nrequests(f), 2);
}

static void
test_in_band_stream_error_fails(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	script(f, "[{\"fault\":\"stream_error\",\"reply\":\"a b c d e f\"}]");
	assert_int_equal(chat(f, 1, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "server_error");
	assert_int_equal(res.attempts, 1);
}

static void
test_400_is_not_retried(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	script(f, "[{\"fault\":\"400\"},{\"reply\":\"ok\"}]");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "bad_request");
	assert_int_equal(res.attempts, 1);
	assert_int_equal(nrequests(f), 1);
	assert_non_null(strstr(res.error_message, "HTTP 400"));
}

static void
test_connection_refused_is_retried_then_fails(void **state)
{
	struct fix		*f = *state;
	struct chat_res		 res;
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 s;

	/* A port that was just free and is closed again. */
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true((s = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(s, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&sin, &len), 0);
	close(s);
	f->p.base_url = arena_printf(f->a, "http://127.0.0.1:%d/v1",
	    ntohs(sin.sin_port));
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "connect");
	assert_int_equal(res.attempts, 3);
}

static void
test_breaker_opens_after_n_failures_and_fails_fast(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;

	f->p.max_attempts = 1;
	f->p.breaker_threshold = 2;
	f->p.breaker_open_ms = 400;
	script(f, "[{\"fault\":\"500\"},{\"fault\":\"500\"},{\"fault\":\"500\"},"
	    "{\"reply\":\"back\"}]");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "server_error");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "server_error");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "circuit_open");
	assert_int_equal(res.attempts, 0);
	assert_true(res.latency_ms < 50);
	assert_int_equal(nrequests(f), 2);
	/* After the pause one trial goes through; failing, it reopens. */
	usleep(450 * 1000);
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "server_error");
	assert_int_equal(chat(f, 0, &res), ST_UNAVAILABLE);
	assert_string_equal(res.error_code, "circuit_open");
	usleep(450 * 1000);
	assert_int_equal(chat(f, 0, &res), ST_OK);
	assert_string_equal(res.text, "back");
	assert_int_equal(f->p.failures, 0);
	assert_int_equal(nrequests(f), 4);
}

static void
test_bad_request_is_invalid(void **state)
{
	struct fix	*f = *state;
	struct chat_res	 res;
	struct chat_req	 req = { .model = "m", .msgs = msgs, .n = 0 };

	assert_int_equal(provider_chat(f->a, &f->p, &req, &res), ST_INVALID);
	req.n = 1;
	req.model = "";
	assert_int_equal(provider_chat(f->a, &f->p, &req, &res), ST_INVALID);
	assert_int_equal(nrequests(f), 0);
}

static void
test_retry_after_parses_seconds_and_dates(void **state)
{
	time_t	 now = 1700000000;
	char	 date[64];
	time_t	 later = now + 7;

	(void)state;
	assert_int_equal(http_retry_after("1", 1, now), 1000);
	assert_int_equal(http_retry_after(" 2 ", 3, now), 2000);
	assert_int_equal(http_retry_after("1.5", 3, now), 1500);
	assert_int_equal(http_retry_after("0", 1, now), 0);
	assert_int_equal(http_retry_after("-1", 2, now), -1);
	assert_int_equal(http_retry_after("soon", 4, now), -1);
	assert_int_equal(http_retry_after("", 0, now), -1);
	assert_int_equal(http_retry_after("99999999", 8, now), 86400000L);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT",
	    gmtime(&later));
	assert_int_equal(http_retry_after(date, strlen(date), now), 7000);
	later = now - 100;
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT",
	    gmtime(&later));
	assert_int_equal(http_retry_after(date, strlen(date), now), 0);
}

int
main(void)
{
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest	tests[] = {
		T(test_plain_reply_has_text_and_usage),
		T(test_stream_assembles_deltas_in_order_with_usage),
		T(test_request_body_has_model_messages_and_include_usage),
		T(test_429_waits_retry_after_then_succeeds),
		T(test_429_over_the_cap_is_not_waited_for),
		T(test_429_out_of_quota_is_not_retried),
		T(test_500_twice_then_success),
		T(test_500_always_fails_after_bounded_attempts),
		T(test_timeout_fails_within_the_deadline),
		T(test_a_requests_calls_end_inside_its_time),
		T(test_stalled_stream_times_out),
		T(test_malformed_is_bad_response),
		T(test_cut_stream_is_cut_stream_and_not_repeated),
		T(test_cut_plain_reply_is_retried),
		T(test_empty_choices_is_bad_response),
		T(test_in_band_stream_error_fails),
		T(test_400_is_not_retried),
		T(test_connection_refused_is_retried_then_fails),
		T(test_breaker_opens_after_n_failures_and_fails_fast),
		T(test_bad_request_is_invalid),
		cmocka_unit_test(test_retry_after_parses_seconds_and_dates),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
