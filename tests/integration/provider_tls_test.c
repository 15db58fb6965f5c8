/*
 * provider_tls_test.c: the provider reached over TLS, as every real one
 * is: the fake serves HTTPS and WSS with a certificate of this test's own
 * making, which the stack trusts through ai_ca_file.  A candidate's
 * message goes through viva.fcgi's libcurl, a voice session through
 * viva-worker's own TLS client (OpenSSL), the worker under its seccomp allow-list;
 * then the fake presents a certificate nobody vouches for, and one vouched
 * for but made out to another host, and both refuse each with a plain
 * message and no charge.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fakeai.h"
#include "flow.h"
#include "lib/status.h"
#include "ws.h"

#define FAILED_TEXT	"The AI service did not answer; your message was" \
			" not charged. Try again."

static struct account	a_int = { "Org T", "int@t.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int };

static char		certs[64];	/* the certificates and keys */
static struct created	chat, voice;
static struct http	*cand_chat, *cand_voice;
static char		*csrf_chat, *csrf_voice;

/* A self-signed certificate for san in certs/name.pem, its key name.key. */
static int
make_cert(const char *name, const char *san)
{
	char	*cmd = fmt("openssl req -x509 -newkey ec -pkeyopt"
	    " ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=viva-test"
	    " -addext subjectAltName=%s -keyout %s/%s.key"
	    " -out %s/%s.pem 2>/dev/null", san, certs, name, certs, name);
	int	 rc = system(cmd);

	free(cmd);
	return rc == 0 ? 0 : -1;
}

static int
group_setup(void **state)
{
	char	*cert, *key, *url;
	int	 rc;

	(void)state;
	snprintf(certs, sizeof(certs), "/tmp/viva-tls.XXXXXX");
	if (mkdtemp(certs) == NULL ||
	    make_cert("trusted", "IP:127.0.0.1") != 0 ||
	    make_cert("rogue", "IP:127.0.0.1") != 0 ||
	    make_cert("misnamed", "DNS:provider.example") != 0)
		return -1;
	/* The stack trusts the first and the last, not the rogue. */
	cert = fmt("cat '%s/trusted.pem' '%s/misnamed.pem' > '%s/ca.pem'",
	    certs, certs, certs);
	rc = system(cert);
	free(cert);
	if (rc != 0)
		return -1;
	cert = fmt("%s/trusted.pem", certs);
	key = fmt("%s/trusted.key", certs);
	rc = fakeai_start_tls(cert, key);
	free(key);
	if (rc != 0 || strncmp(fakeai_base(), "https://", 8) != 0)
		return -1;
	/* The stack's processes read these (config_load reads VIVA_*). */
	url = fmt("%s/v1", fakeai_base());
	setenv("VIVA_AI_BASE_URL", url, 1);
	free(url);
	setenv("VIVA_AI_API_KEY", "tls-test-key", 1);
	free(cert);
	cert = fmt("%s/ca.pem", certs);
	setenv("VIVA_AI_CA_FILE", cert, 1);
	free(cert);
	setenv("VIVA_AI_TIMEOUT_MS", "3000", 1);
	if (flow_start(accounts, NITEMS(accounts)) != 0 ||
	    seed_test_bank("qa-tls") != 0)
		return -1;
	struct http *h = signin(&a_int);
	create(h, "candidate_name=Tess&candidate_email=t%40x.test"
	    "&challenge_id=0&title=Sum&body_md=Add+two+numbers.&minutes=30"
	    "&token_budget=20000&model=gpt-4o-mini&instructions=&expiry_days=7",
	    &chat);
	create_adaptive(h, "Vox", "&role=qa-tls&model=gpt-4o-mini&min_questions=3"
	    "&max_questions=6&minutes=0&voice=1", &voice);
	http_free(h);
	cand_chat = start(&chat, &csrf_chat);
	cand_voice = start(&voice, &csrf_voice);
	return 0;
}

static int
group_teardown(void **state)
{
	char	*cmd = fmt("rm -rf '%s'", certs);

	(void)state;
	http_free(cand_chat);
	http_free(cand_voice);
	free(csrf_chat);
	free(csrf_voice);
	flow_stop(accounts, NITEMS(accounts));
	fakeai_stop();
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", certs);
	free(cmd);
	return 0;
}

/* The fake presents certs/name.pem from its next handshake on. */
static void
present(const char *name)
{
	char	*body = fmt("{\"cert\":\"%s/%s.pem\",\"key\":\"%s/%s.key\"}",
	    certs, name, certs, name);

	free(fakeai_call("/_fake/tls", body));
	free(body);
}

static long
send_msg(const char *text, struct resp *r)
{
	return message_post(cand_chat, csrf_chat, text, r);
}

static long long
used(void)
{
	return sql_num("SELECT tokens_used FROM interviews WHERE id = %lld",
	    chat.id);
}

static void
test_a_message_is_answered_over_https(void **state)
{
	struct resp	 r;

	(void)state;
	fakeai_script("[{\"reply\":\"Over TLS: add them.\",\"usage\":"
	    "{\"prompt_tokens\":40,\"completion_tokens\":6}}]");
	assert_int_equal(send_msg("How do I add two numbers?", &r), 303);
	resp_free(&r);
	get(cand_chat, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, "Over TLS: add them.");
	resp_free(&r);
	assert_int_equal(used(), 46);
}

/* A browser's session through nginx and the worker, to the fake over WSS. */
static void
test_a_voice_session_relays_over_wss(void **state)
{
	unsigned char	 pcm[960];
	struct ws	 w;
	char		*url = ticket_url(cand_voice, csrf_voice), *ev = NULL, *out;
	int		 i;

	(void)state;
	free(fakeai_call("/_fake/realtime/reset", "[]"));
	assert_int_equal(ws_open(&w, S.port, url), 0);
	free(url);
	ev = ws_wait(&w, "\"connected\"", 5000);
	if (ev == NULL)
		stack_sh(&S, "tail -n 20 \"$VAR/log/viva-worker.log\" >&2");
	assert_non_null(ev);
	free(ev);
	memset(pcm, 3, sizeof(pcm));
	for (i = 0; i < 5; i++)
		assert_int_equal(ws_send(&w, 2, pcm, sizeof(pcm)), 0);
	for (i = 0; i < 30; i++) {
		out = fakeai_call("/_fake/realtime", NULL);
		if (strstr(out, "\"appends\":5") != NULL)
			i = 100;
		free(out);
		if (i < 100)
			usleep(100000);
	}
	assert_int_equal(i, 101);
	free(fakeai_call("/_fake/realtime", "[{\"do\":\"speak\",\"ms\":200,"
	    "\"text\":\"Secure hello.\"}]"));
	ev = ws_wait(&w, "\"transcript.ai\"", 5000);
	assert_non_null(ev);
	assert_non_null(strstr(ev, "Secure hello."));
	free(ev);
	assert_int_equal(w.bin_bytes, 9600);	/* 200 ms of PCM16 at 24 kHz */
	ws_close(&w);
}

/*
 * With the certificate name presented, a message fails plainly, charges
 * nothing and keeps its text, and a voice session ends before reaching
 * the provider; each log says why (curl's words, and OpenSSL's in the
 * worker's own line).
 */
static void
refused_with(const char *name, const char *why, const char *worker_why)
{
	struct resp	 r;
	struct ws	 w;
	char		*url, *ev, *out, *text = fmt("Is this safe, %s?", name);
	long long	 u = used(), n = stack_log_count(&S, "viva-fcgi.log", why);
	long		 nw = stack_log_count(&S, "viva-worker.log", worker_why);

	present(name);
	fakeai_script("[{\"reply\":\"must not arrive\"}]");
	assert_int_equal(send_msg(text, &r), 503);
	assert_has(&r, FAILED_TEXT);
	url = fmt("%s</textarea>", text);
	assert_has(&r, url);
	free(url);
	resp_free(&r);
	assert_int_equal(used(), u);
	assert_true(stack_log_count(&S, "viva-fcgi.log", why) > n);
	out = fakeai_call("/_fake/requests", NULL);
	assert_string_equal(out, "[]");
	free(out);
	free(text);

	free(fakeai_call("/_fake/realtime/reset", "[]"));
	url = ticket_url(cand_voice, csrf_voice);
	assert_int_equal(ws_open(&w, S.port, url), 0);
	free(url);
	ev = ws_wait(&w, "\"provider_unavailable\"", 8000);
	assert_non_null(ev);
	free(ev);
	ws_close(&w);
	out = fakeai_call("/_fake/realtime", NULL);
	assert_null(strstr(out, "session.update"));
	free(out);
	assert_true(stack_log_count(&S, "viva-worker.log", worker_why) > nw);
}

static void
test_an_unvouched_certificate_is_refused_with_no_charge(void **state)
{
	(void)state;
	refused_with("rogue", "self-signed certificate",
	    "certificate refused: self-signed certificate");
	present("trusted");
}

static void
test_a_certificate_for_another_host_is_refused(void **state)
{
	(void)state;
	refused_with("misnamed", "subject name matches",
	    "certificate refused: IP address mismatch");
	present("trusted");
}

static void
test_no_call_was_refused_and_no_sanitizer_spoke(void **state)
{
	(void)state;
	assert_int_equal(stack_log_count(&S, "viva-worker.log",
	    "refused system call\\|Sanitizer\\|runtime error"), 0);
	assert_int_equal(stack_log_count(&S, "viva-fcgi.log",
	    "status.:500\\|Sanitizer\\|runtime error"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_message_is_answered_over_https),
		cmocka_unit_test(test_a_voice_session_relays_over_wss),
		cmocka_unit_test(test_an_unvouched_certificate_is_refused_with_no_charge),
		cmocka_unit_test(test_a_certificate_for_another_host_is_refused),
		cmocka_unit_test(test_no_call_was_refused_and_no_sanitizer_spoke),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
