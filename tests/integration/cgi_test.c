/* cgi_test.c: viva.fcgi started without a FastCGI socket answers one request as plain CGI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stack.h"

static struct stack	st;

static int
setup(void **state)
{
	(void)state;
	return stack_start(&st);
}

static int
teardown(void **state)
{
	(void)state;
	stack_stop(&st);
	return 0;
}

/* Runs viva.fcgi once from a shell (stdin not a socket) with a CGI environment. */
static char *
cgi(const char *env, const char *body)
{
	return stack_out(&st, "printf %%s \"%s\" | env -i PATH=\"$PATH\""
	    " VIVA_CONFIG=\"$CONF\" REMOTE_ADDR=127.0.0.1 %s \"$FCGI\" 2>/dev/null",
	    body, env);
}

static void
test_cgi_get_healthz_prints_a_whole_response(void **state)
{
	char	*out = cgi("REQUEST_METHOD=GET DOCUMENT_URI=/healthz", "");

	(void)state;
	assert_true(strncmp(out, "Status: 200 OK\r\n", 16) == 0);
	assert_non_null(strstr(out, "X-Request-Id: "));
	assert_non_null(strstr(out, "Content-Security-Policy: "));
	assert_non_null(strstr(out, "\r\n\r\nok"));
	free(out);
}

static void
test_cgi_unknown_path_is_a_404_page(void **state)
{
	char	*out = cgi("REQUEST_METHOD=GET DOCUMENT_URI=/nope", "");

	(void)state;
	assert_true(strncmp(out, "Status: 404 Not Found\r\n", 23) == 0);
	assert_non_null(strstr(out, "There is no page at this address."));
	free(out);
}

static void
test_cgi_post_reads_the_body_and_checks_csrf(void **state)
{
	char	*out = cgi("REQUEST_METHOD=POST DOCUMENT_URI=/login"
	    " CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=30",
	    "email=a%40b.co&password=secret");

	(void)state;
	assert_true(strncmp(out, "Status: 403 Forbidden\r\n", 23) == 0);
	assert_non_null(strstr(out, "did not come from this site"));
	free(out);
}

static void
test_cgi_under_tls_sends_hsts_and_secure_cookies(void **state)
{
	char	*out = cgi("REQUEST_METHOD=GET DOCUMENT_URI=/login HTTPS=on", "");

	(void)state;
	assert_true(strncmp(out, "Status: 200 OK\r\n", 16) == 0);
	assert_non_null(strstr(out, "Strict-Transport-Security: max-age="));
	assert_non_null(strstr(out, "; HttpOnly; SameSite=Lax; Secure"));
	free(out);
	out = cgi("REQUEST_METHOD=GET DOCUMENT_URI=/login", "");
	assert_null(strstr(out, "Strict-Transport-Security"));
	assert_null(strstr(out, "; Secure"));
	free(out);
}

/*
 * Limits each of its own, so that a route read with another's limit is
 * seen: max_body 1 MiB (the import's "1.0 MB"), a voice answer 2 MiB, a
 * one-way answer 3 MiB, each upload with 64 KiB for its other fields.
 */
#define LIMITS	" VIVA_MAX_BODY=1048576 VIVA_AUDIO_MAX_BYTES=2097152" \
		" VIVA_ONEWAY_MAX_BYTES=3145728"
#define MAX_BODY	1048576L
#define VOICE_BODY	(2097152L + 65536)
#define ONEWAY_BODY	(3145728L + 65536)

/* A request whose Content-Length is given and whose body never comes. */
struct announced {
	const char	*method;
	const char	*path;
	long		 length;
	const char	*extra;		/* more environment, or "" */
	int		 status;
	const char	*text;		/* the reply has it */
};

/*
 * Each route reads its body by its own limit: over it, an ordinary form
 * is refused with a 413, an import with what to do, and an upload is left
 * unread for its page to say so (here, without a candidate's cookie, "Link
 * not valid"), as is one nginx could not store; at the limit the body is
 * read, and ends early.  Another method on an upload's path is refused
 * for the method (405), not for the length; an unknown path's body has
 * the default limit.  No byte is sent: the Content-Length alone decides.
 */
static void
test_each_route_reads_its_body_by_its_own_limit(void **state)
{
	static const struct announced	 cases[] = {
		{ "POST", "/admin/users", MAX_BODY + 1, "", 413,
		    "The request body is larger than this server accepts." },
		{ "POST", "/admin/users", MAX_BODY, "", 400,
		    "The request body ended early." },
		{ "POST", "/nope", MAX_BODY + 1, "", 413,
		    "The request body is larger than this server accepts." },
		{ "POST", "/nope", MAX_BODY, "", 400,
		    "The request body ended early." },
		{ "POST", "/admin/questions/import", MAX_BODY + 1, "", 413,
		    "The file is larger than the 1.0 MB an import takes, so"
		    " nothing was imported. Split the bank into several files"
		    " and import each." },
		{ "POST", "/admin/questions/import", MAX_BODY, "", 400,
		    "The request body ended early." },
		{ "PUT", "/admin/questions/import", MAX_BODY + 1, "", 413,
		    "The file is larger than the 1.0 MB an import takes" },
		{ "POST", "/c/answer/voice", VOICE_BODY + 1, "", 404,
		    "Link not valid" },
		{ "POST", "/c/answer/voice", VOICE_BODY, "", 400,
		    "The request body ended early." },
		{ "POST", "/c/answer/voice", 10, " VIVA_UPLOAD_FAILED=1",
		    404,
		    "Link not valid" },
		{ "POST", "/admin/users", 10, " VIVA_UPLOAD_FAILED=1", 400,
		    "The request body ended early." },
		{ "POST", "/c/oneway/answer", ONEWAY_BODY + 1, "", 404,
		    "Link not valid" },
		{ "POST", "/c/oneway/answer", ONEWAY_BODY, "", 400,
		    "The request body ended early." },
		{ "PUT", "/c/oneway/answer", ONEWAY_BODY + 1, "", 405,
		    "This address does not accept PUT; it takes POST." },
		{ "POST", "/api/v1/interviews", MAX_BODY + 1, "", 413,
		    "\"code\":\"too_large\"" },
	};
	const struct announced	*c;
	char			*env, *out, *said;
	size_t			 i;
	int			 status;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = &cases[i];
		assert_true(asprintf(&env, "REQUEST_METHOD=%s DOCUMENT_URI=%s"
		    " \"CONTENT_TYPE=multipart/form-data; boundary=b\""
		    " CONTENT_LENGTH=%ld%s" LIMITS, c->method, c->path,
		    c->length, c->extra) > 0);
		out = cgi(env, "");
		status = 0;
		(void)sscanf(out, "Status: %d", &status);
		if (status != c->status || strstr(out, c->text) == NULL) {
			if ((said = strstr(out, "<h1")) == NULL &&
			    (said = strstr(out, "\r\n\r\n")) == NULL)
				said = out;
			fail_msg("%s %s, Content-Length %ld%s: want %d \"%s\","
			    " got %d: %.300s", c->method, c->path, c->length,
			    c->extra, c->status, c->text, status, said);
		}
		free(out);
		free(env);
	}
}

/* The device cookie the last sign-in set, if it set one. */
static char	set_device[128];

/*
 * The status of a sign-in to email with password, sent from address ip
 * with device cookie device (NULL: none).
 */
static int
sign_in_as(const char *ip, const char *email, const char *password,
    const char *device)
{
	static const char	 csrf[] = "0123456789abcdef0123456789abcdef";
	char			*e = http_escape(email), *p = http_escape(password);
	char			*body, *env, *out, *c;
	int			 status = 0;

	assert_true(asprintf(&body, "csrf=%s&email=%s&password=%s", csrf, e,
	    p) > 0);
	assert_true(asprintf(&env, "REQUEST_METHOD=POST DOCUMENT_URI=/login"
	    " CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=%zu"
	    " \"HTTP_COOKIE=viva_csrf=%s%s%s\" REMOTE_ADDR=%s", strlen(body), csrf,
	    device != NULL ? "; viva_device=" : "", device != NULL ? device : "",
	    ip) > 0);
	out = cgi(env, body);
	assert_int_equal(sscanf(out, "Status: %d", &status), 1);
	set_device[0] = '\0';
	if ((c = strstr(out, "Set-Cookie: viva_device=")) != NULL)
		assert_int_equal(sscanf(c, "Set-Cookie: viva_device=%127[^;]",
		    set_device), 1);
	free(out);
	free(env);
	free(body);
	free(p);
	free(e);
	return status;
}

static int
sign_in_from(const char *ip, const char *email, const char *password)
{
	return sign_in_as(ip, email, password, NULL);
}

/*
 * An IPv6 address counts by its /64 in the sign-in limits: guesses spread
 * over a block's addresses are one address's, and the owner's address
 * changing inside their block stays known.  IPv4 is unchanged (web_test).
 */
static void
test_sign_in_limits_count_an_ipv6_address_by_its_block(void **state)
{
	char	*pw = stack_user_add(&st, "Org Six", "six@example.com", "admin");
	char	*n;

	(void)state;
	assert_non_null(pw);
	/* 20 failures spread over 20 addresses of one /64, on other emails. */
	free(stack_sql(&st, "INSERT INTO events (actor, type, ip)"
	    " SELECT 'spray' || g || '@example.com', 'login_failed',"
	    " '2001:db8:1:2::' || to_hex(g) FROM generate_series(1, 20) g"));
	assert_int_equal(sign_in_from("2001:db8:1:2:ffff::9",
	    "six@example.com", pw), 429);
	assert_int_equal(sign_in_from("2001:db8:1:3::1", "six@example.com",
	    pw), 303);
	/* IPv4 mapped into IPv6 is not one block for every IPv4 client. */
	free(stack_sql(&st, "INSERT INTO events (actor, type, ip)"
	    " SELECT 'spray@example.com', 'login_failed', '::ffff:198.51.100.'"
	    " || g FROM generate_series(1, 20) g"));
	assert_int_equal(sign_in_from("::ffff:198.51.100.200",
	    "six@example.com", pw), 303);
	/* Five failures on the account from elsewhere: the owner's block
	 * (signed in from just now) still gets in, from another address. */
	free(stack_sql(&st, "INSERT INTO events (actor, type, ip)"
	    " SELECT 'six@example.com', 'login_failed', '2001:db8:9::' || g"
	    " FROM generate_series(1, 5) g"));
	assert_int_equal(sign_in_from("2001:db8:1:3:abcd::2",
	    "six@example.com", pw), 303);
	assert_int_equal(sign_in_from("2001:db8:7::1", "six@example.com",
	    pw), 429);
	n = stack_sql(&st, "SELECT count(*) FROM events WHERE type = 'login'"
	    " AND actor = 'six@example.com'");
	assert_int_equal(atoi(n), 3);
	free(n);
	free(pw);
}

/*
 * A browser that signed in to an account before is known to it wherever
 * it goes (its device cookie): five wrong passwords from elsewhere do not
 * lock it out on a new network, while they do lock out a stranger.  Its
 * own wrong passwords count as before.
 */
static void
test_a_known_browser_is_not_locked_out_from_a_new_address(void **state)
{
	char	*pw = stack_user_add(&st, "Org Dev", "dev@example.com", "admin");
	char	 device[sizeof(set_device)];
	int	 i;

	(void)state;
	assert_non_null(pw);
	assert_int_equal(sign_in_from("192.0.2.10", "dev@example.com", pw), 303);
	assert_true(strlen(set_device) >= 32);
	memcpy(device, set_device, sizeof(device));
	free(stack_sql(&st, "INSERT INTO events (actor, type, ip)"
	    " SELECT 'dev@example.com', 'login_failed', '198.51.100.' || g"
	    " FROM generate_series(1, 5) g"));
	assert_int_equal(sign_in_as("203.0.113.5", "dev@example.com", pw,
	    device), 303);
	assert_string_equal(set_device, device);	/* the same, renewed */
	assert_int_equal(sign_in_from("203.0.113.6", "dev@example.com", pw),
	    429);
	assert_int_equal(sign_in_as("203.0.113.7", "dev@example.com", pw,
	    "forged-forged-forged-forged-forged-forged"), 429);
	/* Its own wrong passwords, from yet another address, still count. */
	for (i = 0; i < 5; i++)
		assert_int_equal(sign_in_as("203.0.113.8", "dev@example.com",
		    "wrong", device), 403);
	assert_int_equal(sign_in_as("203.0.113.9", "dev@example.com", pw,
	    device), 429);
	free(pw);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cgi_get_healthz_prints_a_whole_response),
		cmocka_unit_test(test_cgi_unknown_path_is_a_404_page),
		cmocka_unit_test(test_cgi_post_reads_the_body_and_checks_csrf),
		cmocka_unit_test(test_cgi_under_tls_sends_hsts_and_secure_cookies),
		cmocka_unit_test(test_each_route_reads_its_body_by_its_own_limit),
		cmocka_unit_test(test_sign_in_limits_count_an_ipv6_address_by_its_block),
		cmocka_unit_test(test_a_known_browser_is_not_locked_out_from_a_new_address),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
