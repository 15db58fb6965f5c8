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
#include <sys/wait.h>
#include <unistd.h>

#include "flow.h"
#include "lib/status.h"

static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int };

static int
group_setup(void **state)
{
	(void)state;
	unsetenv("VIVA_AI_BASE_URL");
	return flow_start_bank(accounts, NITEMS(accounts), "qa-test");
}

/* A one-way interview made by the form with extra after its fields. */
static void
create_oneway(struct http *h, const char *extra, struct created *c)
{
	create_form(h, "oneway", c, "candidate_name=Prep+Time&candidate_email="
	    "p%%40x.test&media=audio&answer_seconds=60&max_attempts=2"
	    "&expiry_days=7&action=create%s", extra);
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
	interview_page(h, as.id, "/export.json", &r);
	assert_has(&r, "\"kind\":\"assisted\",\"practice\":false,");
	resp_free(&r);
	interview_page(h, ad.id, "/export.json", &r);
	assert_has(&r, "\"kind\":\"adaptive\",\"practice\":true,");
	/* The adaptive object keeps its own, as documented. */
	assert_has(&r, "\"max_questions\":3,\"practice\":true");
	resp_free(&r);
	interview_page(h, ow.id, "/export.json", &r);
	assert_has(&r, "\"kind\":\"oneway\",\"practice\":false,");
	resp_free(&r);
	free(as.token);
	free(ad.token);
	free(ow.token);
	http_free(h);
}

/*
 * The interview's preparation time and each question's own ("[45]" gives
 * one 45 s to prepare), with the answer limit, in all three exports; the
 * CSV names the interview on every row, as the adaptive one does.
 */
static void
test_oneway_exports_give_preparation_times(void **state)
{
	struct http	*h = signin(&a_int);
	struct created	 c;
	struct resp	 r;
	char		*s;

	(void)state;
	create_oneway(h, "&prep_seconds=5&questions=%5B45%5D+Why+this+job%3F"
	    "%0D%0AWhat+next%3F", &c);
	interview_page(h, c.id, "/export.json", &r);
	assert_has(&r, "\"answer_seconds\":60,\"prep_seconds\":5,"
	    "\"max_attempts\":2,");
	assert_has(&r, "\"question\":\"Why this job?\",\"prep_seconds\":45,"
	    "\"answer_seconds\":60,");
	assert_has(&r, "\"question\":\"What next?\",\"prep_seconds\":5,"
	    "\"answer_seconds\":60,");
	resp_free(&r);
	interview_page(h, c.id, "/export.md", &r);
	assert_has(&r, "- Answers: audio, at most 60 s, 2 attempts each\n");
	assert_has(&r, "- Preparation: 5 s before each answer, unless a"
	    " question has its own\n");
	assert_has(&r, "### Question 1\n\n*45 s to prepare, at most 60 s to"
	    " answer.*\n");
	assert_has(&r, "### Question 2\n\n*5 s to prepare, at most 60 s to"
	    " answer.*\n");
	resp_free(&r);
	interview_page(h, c.id, "/export.csv", &r);
	assert_has(&r, ",recommendations,duration_seconds,interview_id,"
	    "candidate_name,prep_seconds,answer_seconds,"
	    "interview_prep_seconds\r\n");
	s = fmt(",%lld,Prep Time,45,60,5\r\n", c.id);
	assert_has(&r, s);
	free(s);
	s = fmt(",%lld,Prep Time,5,60,5\r\n", c.id);
	assert_has(&r, s);
	free(s);
	resp_free(&r);
	free(c.token);
	http_free(h);
}

/* The Markdown says when it ended and was last active, as the JSON does. */
static void
test_the_markdown_says_when_it_ended(void **state)
{
	struct http	*h = signin(&a_int);
	struct created	 as, ow;
	struct resp	 r;

	(void)state;
	create_custom(h, "Ended", 20000, &as);
	create_oneway(h, "&prep_seconds=5&questions=Why%3F", &ow);
	interview_page(h, as.id, "/export.md", &r);
	assert_lacks(&r, "- Ended:");
	resp_free(&r);
	sql_do("UPDATE interviews SET status = 'completed', end_reason ="
	    " 'interviewer', started_at = '2026-05-01 09:01:00+00',"
	    " last_activity_at = '2026-05-01 09:20:30+00',"
	    " ended_at = '2026-05-01 09:25:15+00' WHERE id IN (%lld, %lld)",
	    as.id, ow.id);
	interview_page(h, as.id, "/export.md", &r);
	assert_has(&r, "- Started: 2026-05-01T09:01Z\n"
	    "- Ended: 2026-05-01T09:25:15Z\n"
	    "- Last activity: 2026-05-01T09:20:30Z\n");
	resp_free(&r);
	interview_page(h, as.id, "/export.json", &r);
	assert_has(&r, "\"last_activity_at\":\"2026-05-01T09:20:30Z\","
	    "\"ended_at\":\"2026-05-01T09:25:15Z\"");
	resp_free(&r);
	interview_page(h, ow.id, "/export.md", &r);
	assert_has(&r, "- Ended: 2026-05-01T09:25:15Z\n"
	    "- Last activity: 2026-05-01T09:20:30Z\n");
	resp_free(&r);
	free(as.token);
	free(ow.token);
	http_free(h);
}

/*
 * An invite that ran out unused is on the timeline once, dated when it
 * expired, however often and wherever the expiry is noticed; a new link
 * follows it.
 */
static void
test_an_expired_invite_is_on_the_timeline_once(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*path, *at, *s, *csrf;
	pid_t		 kids[6];
	int		 i, ws;

	(void)state;
	create_custom(h, "Expiring", 20000, &c);
	sql_do("UPDATE interviews SET invite_expires_at = date_trunc('second',"
	    " now()) - interval '1 hour' WHERE id = %lld", c.id);
	at = sql_str("SELECT to_char(invite_expires_at AT TIME ZONE 'UTC',"
	    " 'YYYY-MM-DD HH24:MI:SS') FROM interviews WHERE id = %lld", c.id);
	path = fmt("/admin/interviews/%lld", c.id);
	for (i = 0; i < 3; i++) {
		get(h, path, &r);
		assert_status(&r, 200);
		resp_free(&r);
	}
	get(h, "/admin/interviews", &r);
	resp_free(&r);
	interview_page(h, c.id, "/export.json", &r);
	assert_has(&r, "\"status\":\"expired\"");
	s = fmt("{\"created_at\":\"%.10sT%sZ\",\"actor\":\"system\","
	    "\"type\":\"invite_expired\",\"detail\":{}}", at, at + 11);
	assert_has(&r, s);
	free(s);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type = 'invite_expired'", c.id), 1);
	get(h, path, &r);
	s = fmt("<span class=\"muted\">%s</span> · The invite link expired"
	    " unused · system", at);
	assert_has(&r, s);
	free(s);
	resp_free(&r);
	/* A new link: the timeline reads created, expired, reissued. */
	csrf = csrf_of(h, path);
	free(path);
	post(h, path = fmt("/admin/interviews/%lld/invite", c.id),
	    s = fmt("csrf=%s&expiry_days=3", csrf), &r);
	assert_true(r.status == 200 || r.status == 303);
	resp_free(&r);
	free(s);
	assert_int_equal(sql_num("SELECT count(*) FROM events e1, events e2,"
	    " events e3 WHERE e1.interview_id = %lld AND e2.interview_id ="
	    " e1.interview_id AND e3.interview_id = e1.interview_id AND"
	    " e1.type = 'interview_created' AND e2.type = 'invite_expired'"
	    " AND e3.type = 'invite_reissued' AND e1.id < e2.id AND"
	    " e2.id < e3.id", c.id), 1);
	/* Run out, seen by no one before the new link: both, in order. */
	free(c.token);
	create_custom(h, "Unseen", 20000, &c);
	sql_do("UPDATE interviews SET invite_expires_at = now() -"
	    " interval '1 minute' WHERE id = %lld", c.id);
	free(path);
	free(csrf);
	csrf = csrf_of(h, "/admin/interviews/new");
	post(h, path = fmt("/admin/interviews/%lld/invite", c.id),
	    s = fmt("csrf=%s&expiry_days=3", csrf), &r);
	assert_true(r.status == 200 || r.status == 303);
	resp_free(&r);
	free(s);
	assert_int_equal(sql_num("SELECT count(*) FROM events e2, events e3"
	    " WHERE e2.interview_id = %lld AND e3.interview_id ="
	    " e2.interview_id AND e2.type = 'invite_expired' AND e3.type ="
	    " 'invite_reissued' AND e2.id < e3.id", c.id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND status = 'created'", c.id), 1);
	/* The candidate on the dead link of another: noticed there, once. */
	free(c.token);
	create_custom(h, "Expiring2", 20000, &c);
	sql_do("UPDATE interviews SET invite_expires_at = now() -"
	    " interval '1 minute' WHERE id = %lld", c.id);
	free(path);
	path = fmt("/i/%s", c.token);
	/* Several browsers on the dead link at once, and the home page. */
	for (i = 0; i < 6; i++)
		if ((kids[i] = fork()) == 0) {
			cand = http_new(&S);
			_exit(http_req(cand, "GET", path, NULL, NULL, 0, NULL,
			    &r) == 0 && r.status == 404 ? 0 : 1);
		}
	get(h, "/admin", &r);
	resp_free(&r);
	for (i = 0; i < 6; i++) {
		assert_true(kids[i] > 0);
		assert_int_equal(waitpid(kids[i], &ws, 0), kids[i]);
		assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	}
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type = 'invite_expired'", c.id), 1);
	free(path);
	free(csrf);
	free(at);
	free(c.token);
	http_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_export_says_whether_it_is_practice),
		cmocka_unit_test(test_oneway_exports_give_preparation_times),
		cmocka_unit_test(test_the_markdown_says_when_it_ended),
		cmocka_unit_test(
		    test_an_expired_invite_is_on_the_timeline_once),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
