/* core_event_text_test.c: timelines say what happened in words, hiding nothing unknown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/event.h"
#include "lib/arena.h"

static struct arena	*A;

static void
says(const char *type, const char *detail, const char *want)
{
	assert_string_equal(event_text(A, type, detail), want);
}

/* What the settings were set to, not only that they changed. */
static void
test_retention_changes_say_the_periods(void **state)
{
	(void)state;
	says("retention_changed", "{\"transcript_days\":30,"
	    "\"recording_days\":1}", "Retention set: transcripts kept 30 days,"
	    " recordings kept 1 day");
	says("retention_changed", "{\"transcript_days\":0,"
	    "\"recording_days\":0}", "Retention set: transcripts kept for good,"
	    " recordings kept for good");
}

static void
test_plain_events_read_as_words(void **state)
{
	(void)state;
	says("interview_started", "{}", "The candidate started");
	says("interview_lock", NULL, "Chat locked");
	says("invite_expired", "{}", "The invite link expired unused");
	says("login_throttled", "{\"email\":\"a@b\"}",
	    "Sign-in refused: too many failed attempts");
}

/* The library's changes, as the home page's activity lists them. */
static void
test_challenge_and_question_changes_read_as_words(void **state)
{
	(void)state;
	says("challenge_updated", "{\"challenge_id\":9}", "Challenge changed");
	says("challenge_archived", "{\"challenge_id\":9}",
	    "Challenge archived");
	says("challenge_unarchived", "{\"challenge_id\":9}",
	    "Challenge restored");
	says("question_updated", "{\"question_id\":4}", "Question changed");
	says("question_archived", "{\"question_id\":4}", "Question archived");
	says("question_unarchived", "{\"question_id\":4}",
	    "Question restored");
	says("question_hidden", "{\"question_id\":4}",
	    "Shipped question hidden from the org's interviews");
	says("question_shown", "{\"question_id\":4}",
	    "Shipped question back in the org's interviews");
}

static void
test_details_fill_in_the_words(void **state)
{
	(void)state;
	says("interview_extend-time", "{\"amount\":600}",
	    "Gave 10 more minutes");
	says("interview_extend-time", "{\"amount\":60}",
	    "Gave 1 more minute");
	says("interview_extend-tokens", "{\"amount\":5000}",
	    "Gave 5,000 more tokens");
	says("interview_extend-tokens", "{\"amount\":1000000}",
	    "Gave 1,000,000 more tokens");
	says("interview_ended", "{\"by\":\"limits\"}",
	    "Ended: the time ran out");
	says("interview_ended", "{\"by\":\"candidate\"}",
	    "Ended: the candidate submitted a final answer");
	says("invite_reissued", "{\"days\":3,\"signed_out\":true}",
	    "New invite link, valid 3 days; browsers on the old link"
	    " signed out");
	says("invite_reissued", "{\"days\":7,\"signed_out\":false}",
	    "New invite link, valid 7 days");
	says("invite_reissued", "{\"days\":1,\"signed_out\":false}",
	    "New invite link, valid 1 day");
	says("answer_recorded", "{\"question\":2,\"attempt\":1,\"bytes\":2048}",
	    "Answer 2 recorded (take 1, 2 KB)");
	says("answer_rated", "{\"question\":3,\"rating\":4}",
	    "Answer 3 rated 4/5");
	/* A reviewer changing their own rating, or recommendation. */
	says("answer_rated", "{\"question\":3,\"rating\":4,\"was\":2}",
	    "Answer 3 rated 4/5 (was 2/5)");
	says("recommendation", "{\"recommendation\":\"no\"}",
	    "Recommendation: No");
	says("recommendation",
	    "{\"recommendation\":\"no\",\"was\":\"strong_yes\"}",
	    "Recommendation: No (was Strong yes)");
}

static void
test_unknown_or_broken_events_show_everything(void **state)
{
	(void)state;
	says("webhook_sent", "{\"url\":\"x\"}", "webhook_sent {\"url\":\"x\"}");
	says("webhook_sent", "{}", "webhook_sent");
	/* Not JSON, or not an object: the words that need no detail. */
	says("interview_extend-time", "[1]", "interview_extend-time [1]");
	says("interview_extend-time", "{", "interview_extend-time {");
}

/* Whom or which an account's or a token's event is about; older ones say less. */
static void
test_account_events_name_the_user_or_token(void **state)
{
	(void)state;
	says("user_disabled", "{\"user_id\":4,\"email\":\"bo@a.test\"}",
	    "User disabled: bo@a.test");
	says("user_enabled", "{\"user_id\":4,\"email\":\"bo@a.test\"}",
	    "User enabled: bo@a.test");
	says("user_added", "{\"user_id\":4,\"email\":\"bo@a.test\","
	    "\"role\":\"interviewer\"}", "User added: bo@a.test (interviewer)");
	says("password_reset", "{\"user_id\":4,\"email\":\"bo@a.test\"}",
	    "Password reset: bo@a.test");
	says("api_token_revoked", "{\"token_id\":2,\"name\":\"CI bot\"}",
	    "API token revoked: \u201cCI bot\u201d");
	says("api_token_created", "{\"token_id\":2,\"name\":\"CI bot\"}",
	    "API token created: \u201cCI bot\u201d");
	says("user_disabled", "{\"user_id\":4}", "User disabled");
	says("api_token_revoked", "{\"token_id\":2}", "API token revoked");
	says("user_added", NULL, "User added");
}

/* An interview made through the API says so, and with which token. */
static void
test_interviews_created_through_the_api_say_so(void **state)
{
	(void)state;
	says("interview_created", NULL, "Interview created");
	says("interview_created", "{\"kind\":\"oneway\"}",
	    "Interview created");
	says("interview_created", "{\"kind\":\"assisted\",\"via\":\"api\","
	    "\"token\":\"Tina\"}",
	    "Interview created through the API (token \u201cTina\u201d)");
	says("interview_created", "{\"via\":\"api\"}",
	    "Interview created through the API");
	says("interview_deleted", "{\"interview\":42,\"kind\":\"oneway\","
	    "\"recordings\":3}",
	    "Interview 42 deleted (oneway), with its answers and 3 recordings");
}

/* event_with escapes what people typed. */
static void
test_event_with_escapes_typed_text(void **state)
{
	(void)state;
	assert_string_equal(event_with(A, "{\"user_id\":4}", "email",
	    "q\"x\\y"), "{\"user_id\":4,\"email\":\"q\\\"x\\\\y\"}");
	assert_string_equal(event_with(A, NULL, "kind", "oneway"),
	    "{\"kind\":\"oneway\"}");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_retention_changes_say_the_periods),
		cmocka_unit_test(test_plain_events_read_as_words),
		cmocka_unit_test(test_challenge_and_question_changes_read_as_words),
		cmocka_unit_test(test_details_fill_in_the_words),
		cmocka_unit_test(test_account_events_name_the_user_or_token),
		cmocka_unit_test(test_interviews_created_through_the_api_say_so),
		cmocka_unit_test(test_event_with_escapes_typed_text),
		cmocka_unit_test(test_unknown_or_broken_events_show_everything),
	};
	int	rc;

	A = arena_new();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(A);
	return rc;
}
