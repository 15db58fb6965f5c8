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

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_retention_changes_say_the_periods),
		cmocka_unit_test(test_plain_events_read_as_words),
		cmocka_unit_test(test_challenge_and_question_changes_read_as_words),
		cmocka_unit_test(test_details_fill_in_the_words),
		cmocka_unit_test(test_unknown_or_broken_events_show_everything),
	};
	int	rc;

	A = arena_new();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(A);
	return rc;
}
