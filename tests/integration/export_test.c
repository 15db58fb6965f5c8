/*
 * export_test.c: what the exports (Markdown, JSON, CSV) say of an
 * interview on a real stack: whether it is practice, for every kind; a
 * one-way interview's preparation and answer times, the interview's and
 * each question's; the one-way CSV naming the interview on every row as
 * the adaptive one does; when an interview ended and was last active; and
 * an invite that expired unused, on the timeline once.
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

static int
group_setup(void **state)
{
	(void)state;
	unsetenv("VIVA_AI_BASE_URL");
	if (flow_start(accounts, NITEMS(accounts)) != 0)
		return -1;
	return seed_test_bank("qa-test");
}

static int
group_teardown(void **state)
{
	(void)state;
	flow_stop(accounts, NITEMS(accounts));
	return 0;
}

/* GET the interview's export.EXT into r (200 asserted). */
static void
export_get(struct http *h, long long id, const char *ext, struct resp *r)
{
	char	*url = fmt("/admin/interviews/%lld/export.%s", id, ext);

	get(h, url, r);
	assert_status(r, 200);
	free(url);
}

/* A one-way interview made by the form with extra after its fields. */
static void
create_oneway(struct http *h, const char *extra, struct created *c)
{
	char		*csrf = csrf_of(h, "/admin/oneway/new");
	char		*body = fmt("csrf=%s&candidate_name=Prep+Time"
			    "&candidate_email=p%%40x.test&media=audio"
			    "&answer_seconds=60&max_attempts=2"
			    "&expiry_days=7&action=create%s", csrf, extra);
	const char	*p;
	struct resp	 r;

	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 200);
	assert_has(&r, "shown only once");
	p = strstr(r.body, "/i/");
	assert_non_null(p);
	c->token = strndup(p + 3, strcspn(p + 3, "<"));
	c->id = sql_num("SELECT id FROM interviews ORDER BY id DESC LIMIT 1");
	resp_free(&r);
	free(body);
	free(csrf);
}

/* The interview object says practice or not, for every kind (API.md). */
static void
test_the_export_says_whether_it_is_practice(void **state)
{
	struct http	*h = signin(&a_int);
	struct created	 as, ad, ow;
	struct resp	 r;

	(void)state;
	create_custom(h, "Plain", 20000, &as);
	create_adaptive(h, "Practising", "&role=qa-test&model=builtin"
	    "&min_questions=2&max_questions=3&minutes=0&practice=1", &ad);
	create_oneway(h, "&prep_seconds=5&questions=Why%3F", &ow);
	export_get(h, as.id, "json", &r);
	assert_has(&r, "\"kind\":\"assisted\",\"practice\":false,");
	resp_free(&r);
	export_get(h, ad.id, "json", &r);
	assert_has(&r, "\"kind\":\"adaptive\",\"practice\":true,");
	/* The adaptive object keeps its own, as documented. */
	assert_has(&r, "\"max_questions\":3,\"practice\":true");
	resp_free(&r);
	export_get(h, ow.id, "json", &r);
	assert_has(&r, "\"kind\":\"oneway\",\"practice\":false,");
	resp_free(&r);
	free(as.token);
	free(ad.token);
	free(ow.token);
	http_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_export_says_whether_it_is_practice),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
