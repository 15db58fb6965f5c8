/*
 * core_assistant_test.c: the offline assistant's choice of hint.  The one
 * nearest the question among those not given yet, else the next not given;
 * asked again about the same thing, it gives another hint, not the same
 * one twice; all given, the nearest again, said to be a repeat.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/assistant.h"

static const char *const hints[] = {
	"Sorting the meetings by start time makes every overlap adjacent.",
	"Keep one current meeting and extend its end.",
	"Meetings that touch merge too: test that case.",
};

/* A reply as the conversation holds it, from what the assistant said. */
static struct chat_msg
said(const char *content)
{
	struct chat_msg	m = { "assistant", content };

	return m;
}

static void
test_the_hint_nearest_the_question_comes_first(void **state)
{
	struct arena	*a = arena_new();
	const char	*r;

	(void)state;
	r = assistant_builtin_reply(a, hints, 3, NULL, 0,
	    "Do meetings that touch count?");
	assert_non_null(strstr(r, "Hint 3 of 3: Meetings that touch"));
	r = assistant_builtin_reply(a, hints, 3, NULL, 0, "What now?");
	assert_non_null(strstr(r, "Hint 1 of 3: Sorting"));
	arena_free(a);
}

static void
test_the_same_question_again_gets_another_hint(void **state)
{
	struct arena	*a = arena_new();
	struct chat_msg	 conv[3];
	const char	*r;

	(void)state;
	conv[0].role = "user";
	conv[0].content = "Should I sort the meetings?";
	r = assistant_builtin_reply(a, hints, 3, conv, 1,
	    "Should I sort the meetings?");
	assert_non_null(strstr(r, "Hint 1 of 3: Sorting"));
	conv[1] = said(r);
	conv[2].role = "user";
	conv[2].content = "Should I sort the meetings?";
	r = assistant_builtin_reply(a, hints, 3, conv, 3,
	    "Should I sort the meetings?");
	/* Not hint 1 again: of the rest, the one that shares "meetings". */
	assert_null(strstr(r, "Hint 1 of 3"));
	assert_non_null(strstr(r, "Hint 3 of 3: Meetings that touch"));
	arena_free(a);
}

static void
test_all_given_the_nearest_again_said_so(void **state)
{
	struct arena	*a = arena_new();
	struct chat_msg	 conv[3];
	const char	*r;

	(void)state;
	conv[0] = said("I am viva's offline assistant.\n\nHint 1 of 3: x");
	conv[1] = said("I am viva's offline assistant.\n\nHint 3 of 3: y");
	conv[2] = said("I am viva's offline assistant.\n\nHint 2 of 3: z");
	r = assistant_builtin_reply(a, hints, 3, conv, 3,
	    "meetings that touch?");
	assert_non_null(strstr(r, "I have given all 3 of this challenge's"
	    " hints; this one again:\n\nHint 3 of 3: Meetings that touch"));
	/* A number out of range, or no "Hint", marks nothing. */
	conv[0] = said("x\n\nHint 9 of 3: no such hint");
	conv[1] = said("Hint 1 of 3: not after a blank line");
	r = assistant_builtin_reply(a, hints, 3, conv, 2, "What now?");
	assert_non_null(strstr(r, "Hint 1 of 3: Sorting"));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_the_hint_nearest_the_question_comes_first),
		cmocka_unit_test(test_the_same_question_again_gets_another_hint),
		cmocka_unit_test(test_all_given_the_nearest_again_said_so),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
