/*
 * worker_handshake_test.c: the worker's WebSocket handshake text.  The
 * request nginx passes on is an upgrade whatever the case of its headers;
 * a plain GET is not; a request not yet whole waits; a malformed one is
 * refused.  The accept key is RFC 6455's own example, and the provider's
 * answer is accepted only with it and status 101.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "worker/handshake.h"

static int
parse(const char *text, struct hs_request *r, size_t *used)
{
	return hs_parse_request(text, strlen(text), used, r);
}

static void
test_nginx_upgrade_request(void **state)
{
	const char		*text = "GET /rt/interviews/12?ticket=AbC-_9 HTTP/1.1\r\n"
	    "Upgrade: websocket\r\nConnection: upgrade\r\nHost: 127.0.0.1\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
	    "Sec-WebSocket-Version: 13\r\n\r\n\x81\x80";
	struct hs_request	 r;
	size_t			 used;

	(void)state;
	assert_int_equal(parse(text, &r, &used), 1);
	assert_true(r.get && r.upgrade && r.version13);
	assert_string_equal(r.target, "/rt/interviews/12?ticket=AbC-_9");
	assert_string_equal(r.key, "dGhlIHNhbXBsZSBub25jZQ==");
	/* The frame that came with it is left for the WebSocket. */
	assert_int_equal(used, strlen(text) - 2);
}

static void
test_header_names_and_tokens_in_any_case(void **state)
{
	struct hs_request	r;
	size_t			used;

	(void)state;
	assert_int_equal(parse("GET / HTTP/1.1\r\nUPGRADE: WebSocket\r\n"
	    "connection: keep-alive, Upgrade\r\nsec-websocket-key:  k== \r\n"
	    "SEC-WEBSOCKET-VERSION: 13\r\n\r\n", &r, &used), 1);
	assert_true(r.upgrade && r.version13);
	assert_string_equal(r.key, "k==");
	/* "upgrades" is not the token "upgrade". */
	assert_int_equal(parse("GET / HTTP/1.1\r\nUpgrade: websocket\r\n"
	    "Connection: upgrades\r\nSec-WebSocket-Key: k\r\n\r\n", &r, &used), 1);
	assert_false(r.upgrade);
}

static void
test_plain_requests_and_old_versions_are_not_upgrades(void **state)
{
	struct hs_request	r;
	size_t			used;

	(void)state;
	assert_int_equal(parse("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", &r,
	    &used), 1);
	assert_true(r.get);
	assert_false(r.upgrade);
	assert_string_equal(r.target, "/metrics");
	assert_int_equal(parse("GET / HTTP/1.1\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\n\r\n", &r, &used), 1);
	assert_false(r.upgrade);	/* no key */
	assert_int_equal(parse("GET / HTTP/1.1\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\nSec-WebSocket-Key: k\r\n"
	    "Sec-WebSocket-Version: 8\r\n\r\n", &r, &used), 1);
	assert_true(r.upgrade);
	assert_false(r.version13);
	assert_int_equal(parse("POST / HTTP/1.1\r\n\r\n", &r, &used), 1);
	assert_false(r.get);
}

static void
test_partial_waits_and_malformed_is_refused(void **state)
{
	struct hs_request	r;
	size_t			used;
	static char		big[HS_MAX + 10];

	(void)state;
	assert_int_equal(parse("GET / HTTP/1.1\r\nHost: x\r\n", &r, &used), 0);
	assert_int_equal(parse("GET / HTTP/1.1\r\nno colon here\r\n\r\n", &r,
	    &used), -1);
	assert_int_equal(parse("GET /\r\n\r\n", &r, &used), -1);
	assert_int_equal(parse("GET / SPDY/3\r\n\r\n", &r, &used), -1);
	memset(big, 'a', sizeof(big) - 1);
	assert_int_equal(parse(big, &r, &used), -1);	/* never whole */
}

static void
test_accept_key_is_rfc_6455s_example(void **state)
{
	char	accept[HS_ACCEPT_LEN];

	(void)state;
	hs_accept_key("dGhlIHNhbXBsZSBub25jZQ==", accept);
	assert_string_equal(accept, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

static void
test_provider_answer_needs_101_and_the_accept(void **state)
{
	const char	*ok = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
	    "sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n{";
	const char	*wrong = "HTTP/1.1 101 Switching Protocols\r\n"
	    "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n";
	const char	*refused = "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n";
	const char	*want = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
	size_t		 used;
	int		 st;

	(void)state;
	assert_int_equal(hs_parse_response(ok, strlen(ok), &used, want, &st), 1);
	assert_int_equal(st, 101);
	assert_int_equal(used, strlen(ok) - 1);
	assert_int_equal(hs_parse_response(wrong, strlen(wrong), &used, want,
	    &st), -1);
	assert_int_equal(hs_parse_response(refused, strlen(refused), &used, want,
	    &st), -1);
	assert_int_equal(st, 401);
	assert_int_equal(hs_parse_response(ok, 20, &used, want, &st), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nginx_upgrade_request),
		cmocka_unit_test(test_header_names_and_tokens_in_any_case),
		cmocka_unit_test(test_plain_requests_and_old_versions_are_not_upgrades),
		cmocka_unit_test(test_partial_waits_and_malformed_is_refused),
		cmocka_unit_test(test_accept_key_is_rfc_6455s_example),
		cmocka_unit_test(test_provider_answer_needs_101_and_the_accept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
