/* cgi_test.c: viva.fcgi started without a FastCGI socket answers one request as plain CGI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cgi_get_healthz_prints_a_whole_response),
		cmocka_unit_test(test_cgi_unknown_path_is_a_404_page),
		cmocka_unit_test(test_cgi_post_reads_the_body_and_checks_csrf),
		cmocka_unit_test(test_cgi_under_tls_sends_hsts_and_secure_cookies),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
