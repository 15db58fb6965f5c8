/*
 * retention_test.c: an org's retention settings and `viva jobs run`.  Only an
 * admin sets them, a bad value comes back marked with the other kept; the job
 * deletes the transcripts of interviews that ended before the org's period
 * (messages, answers, final answer), keeps scores and the timeline, leaves
 * newer interviews and other orgs alone, says so on the report and in the
 * exports, records the deletion in the events, and a dry run deletes nothing;
 * recordings go after their own period, row and file, their transcripts with
 * the transcripts'; the ids of forms sent a day ago are forgotten.
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

static struct account	a_adm = { "Org A", "adm@a.test", "admin", NULL };
static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	b_adm = { "Org B", "adm@b.test", "admin", NULL };
static struct account *const accounts[] = { &a_adm, &a_int, &b_adm };
#define NACCOUNTS	(sizeof(accounts) / sizeof(accounts[0]))

static int
group_setup(void **state)
{
	(void)state;
	return flow_start(accounts, NACCOUNTS);
}

/* post and get with a formatted body or path, which they free. */
static void
post_f(struct http *h, const char *path, char *body, struct resp *r)
{
	post(h, path, body, r);
	free(body);
}

static void
get_f(struct http *h, char *path, struct resp *r)
{
	get(h, path, r);
	free(path);
}

/* An interview of h's org with one exchange and a final answer, ended days_ago. */
static long long
ended_interview(struct http *h, const char *name, int days_ago)
{
	struct created	 c;
	struct http	*cand;
	char		*csrf;
	struct resp	 r;

	create_custom(h, name, 50000, &c);
	cand = start(&c, &csrf);
	post_f(cand, "/c/messages", fmt("csrf=%s&message=My+secret+approach", csrf), &r);
	assert_status(&r, 303);
	resp_free(&r);
	post_f(cand, "/c/final", fmt("csrf=%s&answer=Final+words+of+%s", csrf, name), &r);
	assert_status(&r, 303);
	resp_free(&r);
	sql_do("UPDATE interviews SET ended_at = now() - interval '%d days' WHERE id = %lld",
	    days_ago, c.id);
	http_free(cand);
	free(csrf);
	free(c.token);
	return c.id;
}

static long long	 old_a, new_a, old_b;

static void
test_only_an_admin_sets_retention_and_bad_values_are_marked(void **state)
{
	struct http	*adm = signin(&a_adm), *in = signin(&a_int);
	char		*csrf = csrf_of(adm, "/admin/settings");
	struct resp	 r;

	(void)state;
	get(in, "/admin/settings", &r);
	assert_status(&r, 403);
	resp_free(&r);
	post_f(adm, "/admin/settings", fmt("csrf=%s&transcript_days=0&recording_days=30", csrf), &r);
	assert_status(&r, 400);
	assert_marked(&r, "transcript_days");
	assert_unmarked(&r, "recording_days");
	assert_has(&r, "value=\"30\"");	/* the good value kept */
	resp_free(&r);
	post_ok(adm, "/admin/settings", csrf, "transcript_days=30&recording_days=", "/admin/settings?saved=1");
	assert_int_equal(sql_num("SELECT retention_transcript_days FROM orgs WHERE name = 'Org A'"), 30);
	assert_int_equal(sql_num("SELECT count(*) FROM orgs WHERE name = 'Org A'"
	    " AND retention_recording_days IS NULL"), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type = 'retention_changed'"), 1);
	get(adm, "/admin/settings", &r);
	assert_has(&r, "value=\"30\"");
	/* When the deletion comes: the timer runs the job every 15 minutes. */
	assert_has(&r, "the scheduled job (viva jobs run, every 15 minutes as"
	    " installed) deletes them");
	resp_free(&r);
	http_free(in);
	http_free(adm);
	free(csrf);
}

static void
test_the_job_deletes_only_expired_transcripts(void **state)
{
	struct http	*a = signin(&a_adm), *b = signin(&b_adm);
	char		*out;
	struct resp	 r;

	(void)state;
	old_a = ended_interview(a, "Old", 31);
	new_a = ended_interview(a, "New", 29);
	old_b = ended_interview(b, "OtherOrg", 400);	/* org B keeps everything */
	/* Drafts the time ran out on go with the transcript. */
	sql_do("INSERT INTO interview_drafts (interview_id, answer) VALUES"
	    " (%lld, 'unsent'), (%lld, 'unsent')", old_a, new_a);
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\" jobs run --dry-run");
	assert_non_null(strstr(out, "would delete 1 transcripts"));
	free(out);
	assert_true(sql_num("SELECT count(*) FROM messages WHERE interview_id = %lld", old_a) > 0);
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\" jobs run");
	assert_non_null(strstr(out, "deleted 1 transcripts"));
	free(out);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE interview_id = %lld", old_a), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_drafts"
	    " WHERE interview_id = %lld", old_a), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_drafts"
	    " WHERE interview_id = %lld", new_a), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld AND final_answer = ''"
	    " AND transcript_purged_at IS NOT NULL AND tokens_used > 0", old_a), 1);
	assert_true(sql_num("SELECT count(*) FROM messages WHERE interview_id = %lld", new_a) > 0);
	assert_true(sql_num("SELECT count(*) FROM messages WHERE interview_id = %lld", old_b) > 0);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type = 'retention_deleted'"
	    " AND actor = 'viva jobs' AND (detail->>'interviews')::int = 1"), 1);
	/* A second run finds nothing more. */
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\" jobs run");
	assert_non_null(strstr(out, "deleted 0 transcripts"));
	free(out);
	get_f(a, fmt("/admin/interviews/%lld", old_a), &r);
	assert_status(&r, 200);
	assert_has(&r, "id=\"transcript-deleted\"");
	assert_lacks(&r, "My secret approach");
	assert_lacks(&r, "Final words of Old");
	resp_free(&r);
	get_f(a, fmt("/admin/interviews/%lld/export.json", old_a), &r);
	assert_has(&r, "\"transcript_deleted_on\":\"");
	resp_free(&r);
	get_f(a, fmt("/admin/interviews/%lld", new_a), &r);
	assert_lacks(&r, "id=\"transcript-deleted\"");
	assert_has(&r, "Final words of New");
	resp_free(&r);
	http_free(a);
	http_free(b);
}

/* A recorded answer's file under the stack's storage_dir, and its row. */
static char *
recording_at(long long iv, const char *transcript)
{
	long long	 org = sql_num("SELECT org_id FROM interviews WHERE id = %lld", iv);
	char		*path = fmt("org-%lld/audio/%lld-1-test.ogg", org, iv);

	assert_int_equal(stack_sh(&S, "mkdir -p \"$VAR/storage/org-%lld/audio\" &&"
	    " echo OggS > \"$VAR/storage/%s\"", org, path), 0);
	sql_do("INSERT INTO recordings (org_id, interview_id, question_n, path, format,"
	    " bytes, duration_ms, checksum, transcript) VALUES (%lld, %lld, 1, '%s',"
	    " 'ogg', 5, 1000, 'x', '%s')", org, iv, path, transcript);
	return path;
}

static int
stored(const char *path)
{
	return stack_sh(&S, "test -f \"$VAR/storage/%s\"", path) == 0;
}

static void
test_recordings_go_with_their_own_period_files_included(void **state)
{
	struct http	*a = signin(&a_adm);
	long long	 spoken, fresh, waiting;
	char		*p_spoken, *p_fresh, *p_waiting, *out;

	(void)state;
	spoken = ended_interview(a, "Spoken", 35);
	fresh = ended_interview(a, "Fresh", 10);
	p_spoken = recording_at(spoken, "my spoken secret");
	p_fresh = recording_at(fresh, "fresh words");
	/* One still waiting for its transcript: purged, it must not get one later. */
	waiting = ended_interview(a, "Waiting", 35);
	p_waiting = recording_at(waiting, "");
	sql_do("UPDATE recordings SET transcript = NULL, transcript_state = 'pending'"
	    " WHERE interview_id = %lld", waiting);
	sql_do("UPDATE orgs SET retention_recording_days = 60 WHERE name = 'Org A'");
	/* Transcripts (30 days) go first: the recording's transcript with them. */
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\" jobs run");
	assert_non_null(strstr(out, "deleted 2 transcripts"));
	assert_non_null(strstr(out, "; 0 recordings"));
	free(out);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE interview_id = %lld"
	    " AND transcript IS NULL", spoken), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE interview_id = %lld"
	    " AND transcript IS NULL AND transcript_state = 'done'", waiting), 1);
	assert_true(stored(p_spoken));
	/* Then the recording, once its own period is over. */
	sql_do("UPDATE orgs SET retention_recording_days = 30 WHERE name = 'Org A'");
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\" jobs run --dry-run");
	assert_non_null(strstr(out, "; 2 recordings"));
	free(out);
	assert_true(stored(p_spoken));
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\" jobs run");
	assert_non_null(strstr(out, "; 2 recordings"));
	free(out);
	assert_false(stored(p_spoken));
	assert_false(stored(p_waiting));
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE interview_id = %lld",
	    spoken), 0);
	assert_true(stored(p_fresh));
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE interview_id = %lld"
	    " AND transcript = 'fresh words'", fresh), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type = 'retention_deleted'"
	    " AND detail->>'what' = 'recordings' AND (detail->>'recordings')::int = 2"), 1);
	free(p_spoken);
	free(p_fresh);
	free(p_waiting);
	http_free(a);
}

/* Kept while a browser may still send the page again, then forgotten. */
static void
test_the_job_forgets_form_ids_a_day_old(void **state)
{
	char	*out;

	(void)state;
	sql_do("INSERT INTO form_uses (id, used_at) VALUES"
	    " ('retention-old-form-id', now() - interval '25 hours'),"
	    " ('retention-new-form-id', now() - interval '23 hours')");
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\" jobs run --dry-run");
	free(out);
	assert_int_equal(sql_num("SELECT count(*) FROM form_uses"
	    " WHERE id LIKE 'retention-%%'"), 2);
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\" jobs run");
	free(out);
	assert_int_equal(sql_num("SELECT count(*) FROM form_uses"
	    " WHERE id = 'retention-old-form-id'"), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM form_uses"
	    " WHERE id = 'retention-new-form-id'"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_an_admin_sets_retention_and_bad_values_are_marked),
		cmocka_unit_test(test_the_job_deletes_only_expired_transcripts),
		cmocka_unit_test(test_recordings_go_with_their_own_period_files_included),
		cmocka_unit_test(test_the_job_forgets_form_ids_a_day_old),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
