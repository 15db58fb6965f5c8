/*
 * candidate_org_test.c: the candidate's pages say whose interview it is,
 * the organisation's name in their footer, escaped: the page before the
 * start and the interview's page, for every kind, and an assisted page
 * served again from its copy (snapshot.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "lib/status.h"

static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int };

/* Whose interview: as the name reads once escaped, and the payload itself. */
#define ORG_SQL		"<script>alert(1)</script> & Co"
#define ORG_HTML	"&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"
#define FOOTER		"<footer class=\"site\">\n  <span>Interview with " \
	ORG_HTML "</span> · <span>viva interview platform</span>"

static int
group_setup(void **state)
{
	(void)state;
	return flow_start_bank(accounts, NITEMS(accounts), "org-test");
}

/* The candidate's page at /c names the org, escaped. */
static void
expect_org(struct http *h)
{
	struct resp	 r;

	get(h, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, FOOTER);
	assert_lacks(&r, "<script>");
	resp_free(&r);
}

/*
 * Org A, renamed to a name with a script in it, sends one interview of
 * each kind: each candidate's page says whose it is, before the start
 * and after; the assisted page twice, the second from its copy.
 */
static void
test_every_candidate_page_names_the_organisation(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c[3];
	char		*csrf;
	int		 i;

	(void)state;
	create_custom(h, "Assisted", 20000, &c[0]);
	create_adaptive(h, "Adaptive", "&role=org-test&model=builtin"
	    "&min_questions=2&max_questions=3&minutes=0", &c[1]);
	create_form(h, "oneway", &c[2], "candidate_name=One+Way"
	    "&candidate_email=o%%40x.test&media=audio&answer_seconds=60"
	    "&max_attempts=2&expiry_days=7&action=create&prep_seconds=5"
	    "&questions=Why%%3F");
	sql_do("UPDATE orgs SET name = '" ORG_SQL "' WHERE name = 'Org A'");
	for (i = 0; i < 3; i++) {
		cand = open_invite(&c[i], &csrf);
		expect_org(cand);	/* the consent and instructions */
		post_ok(cand, "/c/start", csrf, "", "/c");
		expect_org(cand);	/* the interview */
		expect_org(cand);	/* again, perhaps from the copy */
		free(csrf);
		free(c[i].token);
		http_free(cand);
	}
	sql_do("UPDATE orgs SET name = 'Org A' WHERE name = '" ORG_SQL "'");
	http_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_every_candidate_page_names_the_organisation),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
