/*
 * admin_pages_test.c: what an interviewer or admin reads on the list, an
 * interview's page, the forms and the downloads, where a QA pass found the
 * words or the figures wrong: empty states, limits named on a form, exports
 * beside the pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"

static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	b_int = { "Org B", "int@b.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int, &b_int };
#define NACCOUNTS	(sizeof(accounts) / sizeof(accounts[0]))

static int
group_setup(void **state)
{
	(void)state;
	return flow_start(accounts, NACCOUNTS);
}

static int
group_teardown(void **state)
{
	(void)state;
	flow_stop(accounts, NACCOUNTS);
	return 0;
}

/*
 * The list's empty page says why it is empty: an org with no interview yet,
 * a filter that matches none, or a page past the end (an old link, a
 * bookmark), which said "No interviews match" though they did, on page 1.
 */
static void
test_an_empty_list_says_why_it_is_empty(void **state)
{
	struct http	*a = signin(&a_int), *b = signin(&b_int);
	struct created	 c;
	struct resp	 r;

	(void)state;
	get(b, "/admin/interviews", &r);
	assert_status(&r, 200);
	assert_has(&r, "No interviews yet");
	assert_lacks(&r, "No interviews match");
	resp_free(&r);

	create_custom(a, "Page Past End", 50000, &c);
	get(a, "/admin/interviews?q=nobody-has-this-name", &r);
	assert_has(&r, "No interviews match");
	resp_free(&r);

	get(a, "/admin/interviews?q=Past&page=7", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "No interviews match");
	assert_has(&r, "Page 7 is past the end of the list");
	/* Back to the first page, the filter kept. */
	assert_has(&r, "href=\"/admin/interviews?status=&amp;kind=&amp;"
	    "q=Past&amp;page=1\"");
	resp_free(&r);
	http_free(a);
	http_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_empty_list_says_why_it_is_empty),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
