/* core_scorer_test.c: the builtin scorer: rubric shape, phrase matching, structure, STAR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/scorer.h"
#include "lib/arena.h"
#include "lib/status.h"

/* A question on closures, the rubric an author would write for it. */
static const char closures_rubric[] =
    "{\"points\":["
    "{\"text\":\"a closure keeps the variables of its enclosing scope\","
    "\"weight\":3,\"phrases\":[\"enclosing scope\",\"lexical scope\","
    "\"captures variables\",\"outer function\"]},"
    "{\"text\":\"the captured variables outlive the call\",\"weight\":2,"
    "\"phrases\":[\"after the outer function returns\",\"still has access\","
    "\"outlive\",\"stay alive\"]},"
    "{\"text\":\"used for private state or function factories\","
    "\"weight\":2,\"phrases\":[\"private state\",\"private variable\","
    "\"function factory\",\"encapsulation\"]},"
    "{\"text\":\"closures in loops share the variable\",\"weight\":1,"
    "\"phrases\":[\"loop variable\",\"let instead of var\"]}]}";

static const char strong_answer[] =
    "A closure is a function bundled with the lexical scope it was created "
    "in, so it captures variables from its outer function. Because the "
    "inner function keeps a reference to that scope, it still has access "
    "to those variables after the outer function returns. For example, a "
    "counter factory returns a function that increments a private variable "
    "that nothing else can reach, which means you get encapsulation "
    "without a class. One trap: closures created in a loop with var share "
    "one loop variable, so use let instead of var.";

static struct arena *
setup_arena(void)
{
	struct arena	*a = arena_new();

	assert_non_null(a);
	return a;
}

/* Parses a rubric that must be valid. */
static void
rubric_from(struct arena *a, const char *text, struct rubric *r)
{
	struct json_object	*j = json_tokener_parse(text);
	const char		*err = NULL;

	assert_non_null(j);
	if (scorer_rubric_parse(a, j, r, &err) != ST_OK)
		fail_msg("rubric refused: %s", err);
	json_object_put(j);
}

static void
score_with(struct arena *a, const char *rubric, const char *category,
    const char *answer, struct score *sc)
{
	struct rubric	 r;

	rubric_from(a, rubric, &r);
	scorer_score(a, &r, category, answer, sc);
}

/* Whether one phrase, alone in a rubric, is found in the answer. */
static int
phrase_matches(struct arena *a, const char *phrase, const char *answer)
{
	struct rubric	 r;
	struct score	 sc;
	const char	*ph[1] = { phrase };

	memset(&r, 0, sizeof(r));
	r.npoints = 1;
	r.points[0].text = "the point";
	r.points[0].weight = 1;
	r.points[0].phrases = ph;
	r.points[0].nphrases = 1;
	scorer_score(a, &r, "technical", answer, &sc);
	assert_true(sc.coverage == 0.0 || sc.coverage == 1.0);
	return sc.coverage == 1.0;
}

static void
test_rubric_parse_copies_a_valid_rubric(void **state)
{
	struct arena		*a = setup_arena();
	struct json_object	*j = json_tokener_parse(closures_rubric);
	struct rubric		 r;
	const char		*err = "unset";

	(void)state;
	assert_int_equal(scorer_rubric_parse(a, j, &r, &err), ST_OK);
	json_object_put(j);	/* the rubric must not point into it */
	assert_null(err);
	assert_int_equal(r.npoints, 4);
	assert_string_equal(r.points[0].text,
	    "a closure keeps the variables of its enclosing scope");
	assert_int_equal(r.points[0].weight, 3);
	assert_int_equal(r.points[0].nphrases, 4);
	assert_string_equal(r.points[0].phrases[3], "outer function");
	assert_int_equal(r.points[3].weight, 1);
	assert_int_equal(r.points[3].nphrases, 2);
	assert_string_equal(r.points[3].phrases[1], "let instead of var");
	arena_free(a);
}

static void
test_rubric_parse_accepts_no_points(void **state)
{
	struct arena	*a = setup_arena();
	struct rubric	 r;

	(void)state;
	rubric_from(a, "{\"points\":[]}", &r);
	assert_int_equal(r.npoints, 0);
	/* Keys it does not know are left for later versions. */
	rubric_from(a, "{\"points\":[{\"text\":\"t\",\"weight\":5,"
	    "\"phrases\":[\"p\"],\"note\":1}],\"version\":2}", &r);
	assert_int_equal(r.npoints, 1);
	assert_int_equal(r.points[0].weight, 5);
	arena_free(a);
}

struct bad {
	const char	*json;
	const char	*err;
};

#define OK_POINT "{\"text\":\"t\",\"weight\":1,\"phrases\":[\"p\"]}"

static void
test_rubric_parse_names_what_is_wrong(void **state)
{
	static const struct bad	 c[] = {
		{ "[]", "the rubric must be a JSON object" },
		{ "\"points\"", "the rubric must be a JSON object" },
		{ "{}", "the rubric needs a \"points\" list" },
		{ "{\"points\":{}}", "the rubric needs a \"points\" list" },
		{ "{\"points\":[1]}", "point 1: must be an object" },
		{ "{\"points\":[{\"weight\":1,\"phrases\":[\"p\"]}]}",
		    "point 1: text must be a non-empty string" },
		{ "{\"points\":[{\"text\":\"\",\"weight\":1,"
		    "\"phrases\":[\"p\"]}]}",
		    "point 1: text must be a non-empty string" },
		{ "{\"points\":[{\"text\":7,\"weight\":1,"
		    "\"phrases\":[\"p\"]}]}",
		    "point 1: text must be a non-empty string" },
		{ "{\"points\":[{\"text\":\" - \",\"weight\":1,"
		    "\"phrases\":[\"p\"]}]}",
		    "point 1: text needs a letter or a digit" },
		{ "{\"points\":[" OK_POINT "," OK_POINT ",{\"text\":\"t\","
		    "\"weight\":9,\"phrases\":[\"p\"]}]}",
		    "point 3: weight must be 1 to 5" },
		{ "{\"points\":[" OK_POINT ",{\"text\":\"t\",\"weight\":0,"
		    "\"phrases\":[\"p\"]}]}",
		    "point 2: weight must be 1 to 5" },
		{ "{\"points\":[{\"text\":\"t\",\"weight\":\"3\","
		    "\"phrases\":[\"p\"]}]}",
		    "point 1: weight must be 1 to 5" },
		{ "{\"points\":[{\"text\":\"t\",\"weight\":2.5,"
		    "\"phrases\":[\"p\"]}]}",
		    "point 1: weight must be 1 to 5" },
		{ "{\"points\":[{\"text\":\"t\",\"phrases\":[\"p\"]}]}",
		    "point 1: weight must be 1 to 5" },
		{ "{\"points\":[{\"text\":\"t\",\"weight\":1}]}",
		    "point 1: phrases must be a list of 1 to 12 strings" },
		{ "{\"points\":[{\"text\":\"t\",\"weight\":1,\"phrases\":[]}]}",
		    "point 1: phrases must be a list of 1 to 12 strings" },
		{ "{\"points\":[{\"text\":\"t\",\"weight\":1,"
		    "\"phrases\":\"p\"}]}",
		    "point 1: phrases must be a list of 1 to 12 strings" },
		{ "{\"points\":[{\"text\":\"t\",\"weight\":1,\"phrases\":"
		    "[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\","
		    "\"10\",\"11\",\"12\",\"13\"]}]}",
		    "point 1: phrases must be a list of 1 to 12 strings" },
		{ "{\"points\":[{\"text\":\"t\",\"weight\":1,"
		    "\"phrases\":[\"ok\",\"\"]}]}",
		    "point 1: phrase 2 must be a non-empty string" },
		{ "{\"points\":[{\"text\":\"t\",\"weight\":1,"
		    "\"phrases\":[3]}]}",
		    "point 1: phrase 1 must be a non-empty string" },
		{ "{\"points\":[{\"text\":\"t\",\"weight\":1,"
		    "\"phrases\":[\"ok\",\"?!\"]}]}",
		    "point 1: phrase 2 needs a letter or a digit" },
		{ "{\"points\":[{\"text\":\"t\",\"weight\":1,"
		    "\"phrases\":[\"a\\u0000b\"]}]}",
		    "point 1: phrase 1 must not contain a NUL byte" },
	};
	struct arena		*a = setup_arena();
	struct json_object	*j;
	struct rubric		 r;
	const char		*err;
	size_t			 i;

	(void)state;
	for (i = 0; i < NITEMS(c); i++) {
		print_message("rubric: %s\n", c[i].json);
		j = json_tokener_parse(c[i].json);
		assert_non_null(j);
		err = NULL;
		assert_int_equal(scorer_rubric_parse(a, j, &r, &err),
		    ST_INVALID);
		assert_non_null(err);
		assert_string_equal(err, c[i].err);
		assert_int_equal(r.npoints, 0);
		json_object_put(j);
	}
	err = NULL;
	assert_int_equal(scorer_rubric_parse(a, NULL, &r, &err), ST_INVALID);
	assert_string_equal(err, "the rubric must be a JSON object");
	arena_free(a);
}

/* Sizes at the limit pass, one byte or one item more does not. */
static void
test_rubric_parse_enforces_sizes(void **state)
{
	struct arena		*a = setup_arena();
	struct json_object	*j;
	struct buf		 b;
	struct rubric		 r;
	const char		*err;
	char			 text[502], phrase[102];
	int			 i, k;

	(void)state;
	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	memset(phrase, 'y', sizeof(phrase) - 1);
	phrase[sizeof(phrase) - 1] = '\0';

	text[500] = '\0';
	phrase[100] = '\0';
	rubric_from(a, arena_printf(a, "{\"points\":[{\"text\":\"%s\","
	    "\"weight\":2,\"phrases\":[\"%s\"]}]}", text, phrase), &r);
	assert_int_equal(strlen(r.points[0].text), 500);

	text[500] = 'x';
	j = json_tokener_parse(arena_printf(a, "{\"points\":[{\"text\":\"%s\","
	    "\"weight\":2,\"phrases\":[\"p\"]}]}", text));
	assert_int_equal(scorer_rubric_parse(a, j, &r, &err), ST_INVALID);
	assert_string_equal(err, "point 1: text must be at most 500 bytes");
	json_object_put(j);

	phrase[100] = 'y';
	j = json_tokener_parse(arena_printf(a, "{\"points\":[{\"text\":\"t\","
	    "\"weight\":2,\"phrases\":[\"p\",\"%s\"]}]}", phrase));
	assert_int_equal(scorer_rubric_parse(a, j, &r, &err), ST_INVALID);
	assert_string_equal(err, "point 1: phrase 2 must be at most 100 bytes");
	json_object_put(j);

	for (i = 16; i <= 17; i++) {
		buf_init(&b, a);
		buf_puts(&b, "{\"points\":[");
		for (k = 0; k < i; k++)
			buf_printf(&b, "%s" OK_POINT, k > 0 ? "," : "");
		buf_puts(&b, "]}");
		j = json_tokener_parse(b.p);
		err = NULL;
		if (i == 16) {
			assert_int_equal(scorer_rubric_parse(a, j, &r, &err),
			    ST_OK);
			assert_int_equal(r.npoints, 16);
		} else {
			assert_int_equal(scorer_rubric_parse(a, j, &r, &err),
			    ST_INVALID);
			assert_string_equal(err, "at most 16 points, not 17");
		}
		json_object_put(j);
	}
	arena_free(a);
}

struct match {
	const char	*phrase;
	const char	*answer;
	int		 found;
};

static void
run_matches(const struct match *c, size_t n)
{
	struct arena	*a = setup_arena();
	size_t		 i;

	for (i = 0; i < n; i++) {
		print_message("phrase \"%s\" in \"%s\"\n", c[i].phrase,
		    c[i].answer);
		assert_int_equal(phrase_matches(a, c[i].phrase, c[i].answer),
		    c[i].found);
	}
	arena_free(a);
}

static void
test_phrases_match_case_and_punctuation_blind(void **state)
{
	static const struct match	 c[] = {
		{ "big o", "The Big-O of this loop is linear.", 1 },
		{ "Big-O", "its big o notation", 1 },
		{ "event loop", "the EVENT   loop runs callbacks", 1 },
		{ "event loop", "event,\nloop", 1 },
		{ "o(1)", "lookups run in O(1) time", 1 },
		{ "O(n log n)", "merge sort is o n log n", 1 },
		{ "e.g.", "E.G. this", 1 },
		/* Bytes of UTF-8 are word bytes, kept as they are. */
		{ "na\xc3\xafve bayes", "a Na\xc3\xafve BAYES model", 1 },
		{ "caf\xc3\xa9", "CAF\xc3\x89", 0 },	/* ASCII case only */
		{ "caf\xc3\xa9", "caf\xc3\xa9s", 0 },	/* nor suffixes */
	};

	(void)state;
	run_matches(c, NITEMS(c));
}

/*
 * A phrase matches whole words in order.  Decided: separators split words,
 * letter case never does, so "use state" is not "useState" (one word,
 * "usestate"), while "use-state" is two words; a rubric lists the forms it
 * accepts.  "hook" matches "hooked-up": the hyphen separates and "hooked"
 * folds to "hook", as inflected forms are meant to match.
 */
static void
test_phrases_match_on_word_boundaries(void **state)
{
	static const struct match	 c[] = {
		{ "loop", "a loophole", 0 },
		{ "react", "reactive streams", 0 },
		{ "react", "preact", 0 },
		{ "event loop", "eventloop", 0 },
		{ "event loop", "event the loop", 0 },
		{ "hook", "we hooked-up the handler", 1 },
		{ "hook", "webhooks fire", 0 },
		{ "hook", "a hookah", 0 },
		{ "use state", "call useState first", 0 },
		{ "use state", "call use-state first", 1 },
		{ "usestate", "call useState() first", 1 },
		{ "usestate", "call use state first", 0 },
		{ "sql", "nosql stores", 0 },
		{ "sql", "SQL.", 1 },
		{ "sql", "sql", 1 },
	};

	(void)state;
	run_matches(c, NITEMS(c));
}

static void
test_phrases_match_plural_ing_and_ed_forms(void **state)
{
	static const struct match	 c[] = {
		{ "closure", "closures capture", 1 },
		{ "closures", "a closure captures", 1 },
		{ "memoize", "it memoized the result", 1 },
		{ "memoize", "memoizing helps", 1 },
		{ "memoizing", "memoize it", 1 },
		{ "memoize", "memoization", 0 },	/* -ation stays */
		{ "cache", "caches", 1 },
		{ "cache", "caching", 1 },
		{ "cached", "the cache", 1 },
		{ "query", "two queries", 1 },
		{ "query", "we queried it", 1 },
		{ "dependency", "dependencies", 1 },
		{ "map", "mapped over", 1 },
		{ "run", "running", 1 },
		{ "class", "classes", 1 },
		{ "process", "processes", 1 },
		{ "status", "statuses", 1 },
		{ "string", "strings", 1 },
		{ "string", "sting", 0 },
		{ "render props", "rendering prop", 1 },
		{ "use", "uses", 1 },
		{ "bind", "bindings", 1 },
	};

	(void)state;
	run_matches(c, NITEMS(c));
}

static void
test_coverage_is_weighted_and_names_the_missing_points(void **state)
{
	static const char	 rubric[] =
	    "{\"points\":["
	    "{\"text\":\"names the heap\",\"weight\":1,\"phrases\":[\"heap\"]},"
	    "{\"text\":\"explains the event loop\",\"weight\":3,"
	    "\"phrases\":[\"event loop\",\"task queue\"]},"
	    "{\"text\":\"mentions the call stack\",\"weight\":5,"
	    "\"phrases\":[\"call stack\",\"stack frame\"]}]}";
	struct arena	*a = setup_arena();
	struct score	 sc;

	(void)state;
	score_with(a, rubric, "technical", "Objects live on the heap, while "
	    "each function call pushes a stack frame onto the call stack and "
	    "pops it when the function returns, so recursion that goes too "
	    "deep overflows it.", &sc);
	assert_float_equal(sc.coverage, 6.0 / 9.0, 1e-6);
	/* Full marks at 80% of the weight: (6/9) / 0.8. */
	assert_float_equal(sc.eval.accuracy, (6.0 / 9.0) / 0.8, 1e-6);
	assert_int_equal(sc.nmissing, 1);
	assert_string_equal(sc.missing[0], "explains the event loop");
	assert_string_equal(sc.reasons, "Covered 2 of 3 expected points "
	    "(weight 6 of 9). Missing: explains the event loop.");
	/* The brief leaves the list to a page that shows it. */
	assert_string_equal(sc.brief, "Covered 2 of 3 expected points "
	    "(weight 6 of 9).");
	assert_false(sc.behavioral);

	score_with(a, rubric, "technical", "The event loop takes the next "
	    "task from the task queue once the call stack is empty, and "
	    "objects themselves stay on the heap meanwhile.", &sc);
	assert_float_equal(sc.coverage, 1.0, 1e-6);
	assert_float_equal(sc.eval.accuracy, 1.0, 1e-6);
	assert_int_equal(sc.nmissing, 0);
	assert_string_equal(sc.reasons, "Covered 3 of 3 expected points "
	    "(weight 9 of 9).");

	score_with(a, rubric, "technical", "The heap is where objects are "
	    "allocated by the runtime, and the garbage collector frees them "
	    "later when nothing refers to them anymore.", &sc);
	assert_float_equal(sc.coverage, 1.0 / 9.0, 1e-6);
	assert_int_equal(sc.nmissing, 2);
	assert_string_equal(sc.reasons, "Covered 1 of 3 expected points "
	    "(weight 1 of 9). Missing: explains the event loop; mentions the "
	    "call stack.");
	arena_free(a);
}

static void
test_strong_answer_is_good_or_excellent(void **state)
{
	struct arena	*a = setup_arena();
	struct score	 sc;

	(void)state;
	score_with(a, closures_rubric, "technical", strong_answer, &sc);
	print_message("accuracy %.2f clarity %.2f\n", sc.eval.accuracy,
	    sc.eval.clarity);
	assert_float_equal(sc.coverage, 1.0, 1e-6);
	assert_true(sc.eval.accuracy >= 0.99);
	assert_true(sc.eval.clarity >= 0.8);
	assert_true(sc.eval.quality >= Q_GOOD);
	/* 0.6 * 1 + 0.3 * 0.85 = 0.855: 0.8 and up is excellent. */
	assert_int_equal(sc.eval.quality, Q_EXCELLENT);
	assert_int_equal(sc.nmissing, 0);
	arena_free(a);
}

static void
test_off_topic_fluent_answer_is_poor_or_fair(void **state)
{
	struct arena	*a = setup_arena();
	struct score	 sc;

	(void)state;
	score_with(a, closures_rubric, "technical", "I really enjoy working "
	    "in teams, because good communication makes every project "
	    "smoother. For example, at my last company we held short daily "
	    "meetings. First we shared progress, then we raised blockers, and "
	    "finally we agreed on priorities. This means everyone knew what "
	    "to do next, and the product shipped on time.", &sc);
	print_message("accuracy %.2f clarity %.2f\n", sc.eval.accuracy,
	    sc.eval.clarity);
	assert_float_equal(sc.coverage, 0.0, 1e-6);
	assert_float_equal(sc.eval.accuracy, 0.0, 1e-6);
	assert_true(sc.eval.clarity >= 0.8);	/* it is well written */
	assert_true(sc.eval.quality <= Q_FAIR);
	assert_int_equal(sc.eval.quality, Q_POOR);	/* 0.3 * 1 */
	assert_int_equal(sc.nmissing, 4);
	arena_free(a);
}

/* The same phrases listed, or explained: the list loses clarity and quality. */
static void
test_keyword_list_scores_below_prose_with_same_points(void **state)
{
	struct arena	*a = setup_arena();
	struct score	 list, prose;

	(void)state;
	score_with(a, closures_rubric, "technical", "lexical scope, "
	    "outer function, still has access, private variable, "
	    "encapsulation, loop variable", &list);
	score_with(a, closures_rubric, "technical", strong_answer, &prose);
	print_message("list %.2f/%.2f, prose %.2f/%.2f\n",
	    list.eval.accuracy, list.eval.clarity, prose.eval.accuracy,
	    prose.eval.clarity);
	assert_float_equal(list.coverage, 1.0, 1e-6);
	assert_float_equal(prose.coverage, 1.0, 1e-6);
	assert_true(list.eval.clarity < prose.eval.clarity / 2);
	/* 12 words, one sentence, no cues; halved as phrases are most of it. */
	assert_float_equal(list.eval.clarity,
	    (0.3 * 0.5 * 12 / 15 + 0.25 * 0.4) / 2, 1e-6);
	assert_true(list.eval.accuracy < prose.eval.accuracy);	/* short */
	assert_true(list.eval.quality < prose.eval.quality);
	/* 0.6 * 0.8 + 0.3 * 0.11 = 0.513: fair from 0.4 to 0.6. */
	assert_int_equal(list.eval.quality, Q_FAIR);
	assert_non_null(strstr(list.reasons, "Reads as a list of key terms"));
	assert_non_null(strstr(list.reasons, "too short"));
	assert_null(strstr(prose.reasons, "Reads as a list"));
	arena_free(a);
}

/* Each structure signal raises clarity on its own. */
static void
test_clarity_rises_with_each_structure_signal(void **state)
{
	static const char *const	 answers[] = {
		/* Plain sentences: length and sentences only. */
		"Indexes speed up reads on large tables in most databases. "
		"They cost extra work on every write to the table. They also "
		"take disk space that grows with the table over time.",
		/* The same with a reason. */
		"Indexes speed up reads on large tables in most databases. "
		"They cost extra work on every write because each index is "
		"updated. They also take disk space that grows over time.",
		/* And an example. */
		"Indexes speed up reads on large tables in most databases, "
		"for example a lookup by email. They cost extra work on every "
		"write because each index is updated. They also take space.",
		/* And steps. */
		"First, indexes speed up reads on large tables, for example a "
		"lookup by email. Then they cost extra work on every write "
		"because each index is updated. Finally they take space.",
	};
	struct arena	*a = setup_arena();
	struct score	 sc;
	double		 last = 0;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(answers); i++) {
		score_with(a, "{\"points\":[]}", "technical", answers[i], &sc);
		print_message("answer %zu: clarity %.2f\n", i, sc.eval.clarity);
		assert_true(sc.eval.clarity > last + 0.1);
		last = sc.eval.clarity;
	}
	/* 31 words in 3 sentences, an example, a reason and steps. */
	assert_float_equal(last, 0.3 * (0.5 + 0.5 * 16 / 25.0) + 0.25 + 0.45,
	    1e-6);
	arena_free(a);
}

/* List items earn the steps share, code the example share: 0.15 each. */
static void
test_clarity_counts_list_items_and_code(void **state)
{
	static const char *const	 pairs[][2] = {
		{ "Indexes have trade-offs worth knowing in practice.\n"
		    "They speed up reads on large tables.\n"
		    "They slow down every write a little.\n"
		    "They take disk space over time.",
		  "Indexes have trade-offs worth knowing in practice.\n"
		    "- They speed up reads on large tables.\n"
		    "- They slow down every write a little.\n"
		    "  * They take disk space over time." },
		{ "Indexes have trade-offs worth knowing in practice.\n"
		    "1 They speed up reads on large tables.\n"
		    "2 They slow down every write a little.",
		  "Indexes have trade-offs worth knowing in practice.\n"
		    "1. They speed up reads on large tables.\n"
		    "  2) They slow down every write a little." },
		{ "Wrap the fetch in a memo so the list only renders when "
		    "its items change. The parent passes the same callback "
		    "each time. Nothing else is needed here.",
		  "Wrap the fetch in a memo() so the list only renders when "
		    "its items change. The parent passes the same callback "
		    "each time. Nothing else is needed here." },
	};
	struct arena	*a = setup_arena();
	struct score	 plain, marked;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(pairs); i++) {
		score_with(a, "{\"points\":[]}", "technical", pairs[i][0],
		    &plain);
		score_with(a, "{\"points\":[]}", "technical", pairs[i][1],
		    &marked);
		assert_float_equal(marked.eval.clarity - plain.eval.clarity,
		    0.15, 1e-6);
	}
	arena_free(a);
}

static void
test_no_rubric_points_scores_on_structure_and_says_so(void **state)
{
	struct arena	*a = setup_arena();
	struct score	 sc;

	(void)state;
	score_with(a, "{\"points\":[]}", "technical", strong_answer, &sc);
	assert_float_equal(sc.coverage, 0.0, 1e-6);
	assert_float_equal(sc.eval.accuracy, sc.eval.clarity, 1e-6);
	assert_true(sc.eval.accuracy > 0.8);
	assert_int_equal(sc.nmissing, 0);
	assert_string_equal(sc.reasons, "No rubric points to check against, "
	    "so accuracy is estimated from the answer's structure alone.");
	arena_free(a);
}

/*
 * A tester's junk answer to a follow-up with no rubric: a heading, a list,
 * a code block and 19,800 "x".  From its structure alone it scored 40%;
 * filler is not words, so it scores near zero and the reasons say why.
 */
static void
test_filler_scores_near_zero_and_says_so(void **state)
{
	struct arena	*a = setup_arena();
	struct score	 sc;
	char		*junk;
	size_t		 at;
	static const char head[] = "# My answer\n\n- first point\n- second"
	    " point\n\n```\nint x = f();\n```\n\n";

	(void)state;
	junk = arena_alloc(a, sizeof(head) + 19800);
	memcpy(junk, head, sizeof(head) - 1);
	at = sizeof(head) - 1;
	memset(junk + at, 'x', 19800);
	junk[at + 19800] = '\0';
	scorer_score(a, NULL, "technical", junk, &sc);
	assert_true(0.6 * sc.eval.accuracy + 0.3 * sc.eval.clarity < 0.05);
	assert_int_equal(sc.eval.quality, Q_POOR);
	assert_non_null(strstr(sc.reasons, "filler"));
	/* One character repeated, nothing else: no words to score. */
	scorer_score(a, NULL, "technical", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    &sc);
	assert_true(sc.eval.accuracy < 0.05 && sc.eval.clarity < 0.05);
	/* Real prose is not filler. */
	scorer_score(a, NULL, "technical", strong_answer, &sc);
	assert_null(strstr(sc.reasons, "filler"));
	assert_true(sc.eval.accuracy > 0.8);
	arena_free(a);
}

/*
 * The same buzzword paragraph pasted for every question scored as fresh
 * each time (a tester: 96%, "excellent").  Repeated, identical or with a
 * word changed, its points are not credited again, and the reasons say
 * which answer it repeats; a different answer is untouched.
 */
static void
test_a_repeated_answer_is_not_credited_again(void **state)
{
	struct arena		*a = setup_arena();
	struct rubric		 r;
	struct score		 fresh, same, near, other;
	struct scorer_earlier	 before[] = { { 1, "I am not sure." },
				    { 2, strong_answer } };
	struct scorer_ctx	 ctx = { 0, 0, before, NITEMS(before) };
	char			*edited;

	(void)state;
	rubric_from(a, closures_rubric, &r);
	scorer_score(a, &r, "technical", strong_answer, &fresh);
	scorer_score_in(a, &r, "technical", strong_answer, &ctx, &same);
	assert_int_equal(same.repeats_n, 2);
	assert_true(same.eval.accuracy < 0.05);
	assert_true(same.eval.accuracy < fresh.eval.accuracy);
	assert_non_null(strstr(same.reasons, "It repeats the answer to"
	    " question 2 (100% of its wording is the same), so its points are"
	    " not credited again."));
	/* A word changed is still the same answer. */
	edited = arena_strdup(a, strong_answer);
	memcpy(strstr(edited, "counter"), "tallier", 7);
	scorer_score_in(a, &r, "technical", edited, &ctx, &near);
	assert_int_equal(near.repeats_n, 2);
	assert_true(near.eval.accuracy < 0.3);
	/* Another answer: scored as without ctx. */
	scorer_score_in(a, &r, "technical", "A closure keeps its enclosing"
	    " scope, because the inner function holds a reference to it, so"
	    " the variables stay alive after the outer function returns.",
	    &ctx, &other);
	assert_int_equal(other.repeats_n, 0);
	assert_null(strstr(other.reasons, "repeats"));
	assert_true(other.eval.accuracy > 0.5);
	arena_free(a);
}

/*
 * A follow-up without a rubric is checked against its parent's: the
 * parent's points it covers count, the ones it leaves out are neither
 * listed nor held against it, and the reasons say whose rubric it was.
 */
static void
test_a_follow_up_is_checked_against_its_parents_rubric(void **state)
{
	struct arena		*a = setup_arena();
	struct rubric		 r;
	struct score		 sc;
	struct scorer_ctx	 ctx = { 4, 1, NULL, 0 };

	(void)state;
	rubric_from(a, closures_rubric, &r);
	scorer_score_in(a, &r, "technical", "It captures variables from the"
	    " outer function.", &ctx, &sc);
	assert_int_equal(sc.nmissing, 0);
	assert_true(sc.coverage > 0.3);
	assert_non_null(strstr(sc.reasons, "This follow-up has no rubric of"
	    " its own: checked against question 4's, it covered 1 of its 4"
	    " points (weight 3 of 8)."));
	/* Right in other words: not marked down for the parent's points. */
	scorer_score_in(a, &r, "technical", strong_answer + 0, &ctx, &sc);
	assert_true(sc.eval.accuracy > 0.8);
	/* Neither has one: structure only, said plainly. */
	scorer_score_in(a, NULL, "technical", strong_answer, &ctx, &sc);
	assert_non_null(strstr(sc.reasons, "No rubric for this follow-up nor"
	    " for the question it follows: the score is from the answer's"
	    " structure only"));
	arena_free(a);
}

struct star_case {
	const char	*answer;
	bool		 s, t, a, r;
};

static void
test_star_detects_each_part(void **state)
{
	static const struct star_case	 c[] = {
		{ "When I was at a small startup, deploys took an hour.",
		    1, 0, 0, 0 },
		{ "At my previous job the build was slow.", 1, 0, 0, 0 },
		{ "Last year our on-call rota was unfair.", 1, 0, 0, 0 },
		{ "My role was to fix the build.", 0, 1, 0, 0 },
		{ "I was responsible for the release.", 0, 1, 0, 0 },
		{ "I needed to reduce latency.", 0, 1, 0, 0 },
		{ "I decided to cache dependencies.", 0, 0, 1, 0 },
		{ "I spoke with each engineer.", 0, 0, 1, 0 },
		{ "I proposed a new rota.", 0, 0, 1, 0 },
		{ "As a result, nobody was paged twice.", 0, 0, 0, 1 },
		{ "Build times dropped 40% that month.", 0, 0, 0, 1 },
		{ "Build times dropped 40 % that month.", 0, 0, 0, 1 },
		{ "It went from twenty to 5 minutes.", 0, 0, 0, 1 },
		{ "It was 3x faster.", 0, 0, 0, 1 },
		{ "It saved $20k.", 0, 0, 0, 1 },
		{ "Latency improved a lot.", 0, 0, 0, 1 },
		/* Tense matters: "reduce" is the task, not its result. */
		{ "We reduce latency with caches.", 0, 0, 0, 0 },
		/* Cue words inside other words do not count. */
		{ "Ionce saw myrole.", 0, 0, 0, 0 },
		{ "Closures capture their enclosing scope.", 0, 0, 0, 0 },
		{ "In version 2 of the API.", 0, 0, 0, 0 },
		{ "", 0, 0, 0, 0 },
	};
	struct star	 st;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(c); i++) {
		print_message("answer: \"%s\"\n", c[i].answer);
		scorer_star(c[i].answer, &st);
		assert_int_equal(st.situation, c[i].s);
		assert_int_equal(st.task, c[i].t);
		assert_int_equal(st.action, c[i].a);
		assert_int_equal(st.result, c[i].r);
	}
	scorer_star(NULL, &st);
	assert_false(st.situation || st.task || st.action || st.result);
}

static const char star_rubric[] =
    "{\"points\":[{\"text\":\"handles disagreement with respect\","
    "\"weight\":2,\"phrases\":[\"listened\",\"their point of view\"]},"
    "{\"text\":\"uses data to decide\",\"weight\":2,"
    "\"phrases\":[\"data\",\"measured\",\"benchmark\"]}]}";

#define STAR_STORY \
    "At my previous company two senior engineers disagreed about moving " \
    "our queue to a new broker. My role was to get the team to a " \
    "decision within a sprint. I spoke with each of them, listened to " \
    "their point of view, and I proposed a one-week benchmark so that " \
    "data would decide rather than seniority. "

static void
test_full_star_answer_beats_one_without_a_result(void **state)
{
	struct arena	*a = setup_arena();
	struct score	 full, partial;

	(void)state;
	score_with(a, star_rubric, "behavioral", STAR_STORY "As a result we "
	    "kept the old broker, and p99 latency improved by 30% after we "
	    "tuned it.", &full);
	score_with(a, star_rubric, "behavioral", STAR_STORY "We talked it "
	    "over with the whole team afterwards at length.", &partial);
	assert_true(full.behavioral);
	assert_true(full.star.situation && full.star.task &&
	    full.star.action && full.star.result);
	assert_true(partial.star.situation && partial.star.task &&
	    partial.star.action);
	assert_false(partial.star.result);
	assert_float_equal(full.coverage, 1.0, 1e-6);
	assert_float_equal(partial.coverage, 1.0, 1e-6);
	/* Each STAR part is an eighth of accuracy. */
	assert_float_equal(full.eval.accuracy - partial.eval.accuracy, 0.125,
	    1e-6);
	assert_string_equal(full.reasons, "Covered 2 of 2 expected points "
	    "(weight 4 of 4). STAR: all four parts.");
	assert_string_equal(partial.reasons, "Covered 2 of 2 expected points "
	    "(weight 4 of 4). STAR: no result.");
	assert_true(full.eval.quality >= Q_GOOD);
	arena_free(a);
}

static void
test_star_applies_to_behavioral_and_situational_only(void **state)
{
	static const char	 story[] = "When I was on call my task was to "
	    "restore the service. I decided to roll back, and in the end we "
	    "were down for 10 minutes only.";
	struct arena		*a = setup_arena();
	struct json_object	*j, *v;
	struct score		 sc;

	(void)state;
	score_with(a, "{\"points\":[]}", "situational", story, &sc);
	assert_true(sc.behavioral);
	assert_true(sc.star.situation && sc.star.task && sc.star.action &&
	    sc.star.result);
	j = scorer_to_json(&sc);
	assert_true(json_object_object_get_ex(j, "star", &v));
	assert_true(json_object_get_boolean(
	    json_object_object_get(v, "result")));
	json_object_put(j);

	score_with(a, "{\"points\":[]}", "technical", story, &sc);
	assert_false(sc.behavioral);
	assert_false(sc.star.situation || sc.star.task || sc.star.action ||
	    sc.star.result);
	assert_null(strstr(sc.reasons, "STAR"));
	j = scorer_to_json(&sc);
	assert_false(json_object_object_get_ex(j, "star", &v));
	json_object_put(j);

	/* A story with none of the parts: each missing part named. */
	score_with(a, "{\"points\":[]}", "behavioral", "Teamwork matters a "
	    "great deal to me, and good teams talk to each other often.",
	    &sc);
	assert_non_null(strstr(sc.reasons, "STAR: no situation, no task, no "
	    "action, no result."));
	arena_free(a);
}

static void
test_empty_answer_is_poor_with_nothing_covered(void **state)
{
	static const char *const	 empty[] = {
		"", " ", "\n\t  \r\n", "?!. -- ...",
	};
	struct arena	*a = setup_arena();
	struct rubric	 r;
	struct score	 sc;
	size_t		 i;

	(void)state;
	rubric_from(a, closures_rubric, &r);
	for (i = 0; i < NITEMS(empty); i++) {
		scorer_score(a, &r, "behavioral", empty[i], &sc);
		assert_int_equal(sc.eval.quality, Q_POOR);
		assert_float_equal(sc.eval.accuracy, 0.0, 0);
		assert_float_equal(sc.eval.clarity, 0.0, 0);
		assert_float_equal(sc.coverage, 0.0, 0);
		assert_int_equal(sc.nmissing, 4);
		assert_false(sc.star.situation || sc.star.result);
		assert_string_equal(sc.reasons, "No answer was given.");
	}
	scorer_score(a, &r, "technical", NULL, &sc);
	assert_string_equal(sc.reasons, "No answer was given.");
	arena_free(a);
}

static void
test_short_answer_loses_accuracy(void **state)
{
	struct arena	*a = setup_arena();
	struct score	 sc;

	(void)state;
	score_with(a, "{\"points\":[{\"text\":\"t\",\"weight\":1,"
	    "\"phrases\":[\"lexical scope\"]}]}", "technical",
	    "Lexical scope, kept.", &sc);
	assert_float_equal(sc.coverage, 1.0, 1e-6);
	/* 3 words of the 15 that carry a point: never below 0.3. */
	assert_float_equal(sc.eval.accuracy, 0.3, 1e-6);
	assert_non_null(strstr(sc.reasons, "At 3 words, too short"));
	arena_free(a);
}

static void
test_to_json_holds_the_stored_evaluation(void **state)
{
	struct arena		*a = setup_arena();
	struct json_object	*j, *v;
	struct score		 sc;
	const char		*s;

	(void)state;
	score_with(a, star_rubric, "behavioral", STAR_STORY, &sc);
	j = scorer_to_json(&sc);
	s = json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN);
	print_message("%s\n", s);
	/* 0.6 * 0.875 + 0.3 * 0.7 = 0.735: good from 0.6 to 0.8. */
	assert_int_equal(sc.eval.quality, Q_GOOD);
	assert_string_equal(json_object_get_string(json_object_object_get(j,
	    "quality")), "good");
	assert_string_equal(json_object_get_string(
	    json_object_object_get(j, "scorer")), "builtin");
	assert_float_equal(json_object_get_double(json_object_object_get(j,
	    "technical_accuracy")), sc.eval.accuracy, 0.005);
	assert_float_equal(json_object_get_double(json_object_object_get(j,
	    "explanation_clarity")), sc.eval.clarity, 0.005);
	assert_float_equal(json_object_get_double(json_object_object_get(j,
	    "coverage")), 1.0, 0);
	assert_non_null(strstr(s, "\"coverage\":1.0,"));
	/* 0.5 + 0.5 * 3/4 = 0.875, written with two decimals. */
	assert_non_null(strstr(s, "\"technical_accuracy\":0.88,"));
	assert_int_equal(json_object_array_length(json_object_object_get(j,
	    "missing")), 0);
	assert_true(json_object_object_get_ex(j, "star", &v));
	assert_false(json_object_get_boolean(json_object_object_get(v,
	    "result")));
	assert_true(json_object_get_boolean(json_object_object_get(v,
	    "action")));
	assert_string_equal(json_object_get_string(json_object_object_get(j,
	    "reasons")), sc.reasons);
	json_object_put(j);

	score_with(a, closures_rubric, "technical", "Closures are a feature "
	    "of JavaScript that many people find confusing at first sight.",
	    &sc);
	j = scorer_to_json(&sc);
	v = json_object_object_get(j, "missing");
	assert_int_equal(json_object_array_length(v), 4);
	assert_string_equal(json_object_get_string(
	    json_object_array_get_idx(v, 1)),
	    "the captured variables outlive the call");
	assert_string_equal(json_object_get_string(json_object_object_get(j,
	    "quality")), "poor");
	json_object_put(j);
	arena_free(a);
}

static void
test_long_answer_is_scored(void **state)
{
	struct arena	*a = setup_arena();
	struct buf	 b;
	struct score	 sc;
	struct timespec	 t0, t1;
	size_t		 i;

	(void)state;
	buf_init(&b, a);
	for (i = 0; b.len < 100000; i++)
		buf_printf(&b, "Sentence %zu goes on about nothing much at "
		    "all, because padding is needed. ", i);
	buf_puts(&b, strong_answer);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	score_with(a, closures_rubric, "behavioral", b.p, &sc);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_message("%zu bytes scored in %.1f ms\n", b.len,
	    (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
	assert_float_equal(sc.coverage, 1.0, 1e-6);
	/* Over 1,000 words: the length part drops to 0.4 of its share. */
	assert_true(sc.eval.clarity < 0.9);
	assert_non_null(sc.reasons);
	arena_free(a);
}

/* NUL-free random bytes, broken UTF-8 around phrases: no crash, sane values. */
static void
test_junk_input_is_scored_without_harm(void **state)
{
	struct arena	*a = setup_arena();
	struct rubric	 r;
	struct score	 sc;
	struct star	 st;
	char		 junk[4097];
	size_t		 i, n;
	int		 round;

	(void)state;
	rubric_from(a, closures_rubric, &r);
	srand(42);
	for (round = 0; round < 200; round++) {
		n = (size_t)rand() % (sizeof(junk) - 1);
		for (i = 0; i < n; i++)
			junk[i] = (char)(1 + rand() % 255);
		junk[n] = '\0';
		scorer_score(a, &r, round % 2 ? "behavioral" : "technical",
		    junk, &sc);
		assert_true(sc.eval.accuracy >= 0 && sc.eval.accuracy <= 1);
		assert_true(sc.eval.clarity >= 0 && sc.eval.clarity <= 1);
		assert_true(sc.coverage >= 0 && sc.coverage <= 1);
		assert_in_range(sc.eval.quality, Q_POOR, Q_EXCELLENT);
		assert_non_null(sc.reasons);
		scorer_star(junk, &st);
		json_object_put(scorer_to_json(&sc));
	}
	scorer_score(a, &r, "technical", "\xff\xfe lexical scope \xc3 "
	    "\xe2\x82 outlive\xc3", &sc);
	/* "outlive\xc3" is another word than "outlive". */
	assert_float_equal(sc.coverage, 3.0 / 8.0, 1e-6);
	scorer_score(a, &r, "technical", "1 2 3 4%", &sc);
	assert_float_equal(sc.coverage, 0, 0);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rubric_parse_copies_a_valid_rubric),
		cmocka_unit_test(test_rubric_parse_accepts_no_points),
		cmocka_unit_test(test_rubric_parse_names_what_is_wrong),
		cmocka_unit_test(test_rubric_parse_enforces_sizes),
		cmocka_unit_test(test_phrases_match_case_and_punctuation_blind),
		cmocka_unit_test(test_phrases_match_on_word_boundaries),
		cmocka_unit_test(test_phrases_match_plural_ing_and_ed_forms),
		cmocka_unit_test(
		    test_coverage_is_weighted_and_names_the_missing_points),
		cmocka_unit_test(test_strong_answer_is_good_or_excellent),
		cmocka_unit_test(test_off_topic_fluent_answer_is_poor_or_fair),
		cmocka_unit_test(
		    test_keyword_list_scores_below_prose_with_same_points),
		cmocka_unit_test(test_clarity_rises_with_each_structure_signal),
		cmocka_unit_test(test_clarity_counts_list_items_and_code),
		cmocka_unit_test(
		    test_no_rubric_points_scores_on_structure_and_says_so),
		cmocka_unit_test(test_filler_scores_near_zero_and_says_so),
		cmocka_unit_test(test_a_repeated_answer_is_not_credited_again),
		cmocka_unit_test(
		    test_a_follow_up_is_checked_against_its_parents_rubric),
		cmocka_unit_test(test_star_detects_each_part),
		cmocka_unit_test(
		    test_full_star_answer_beats_one_without_a_result),
		cmocka_unit_test(
		    test_star_applies_to_behavioral_and_situational_only),
		cmocka_unit_test(
		    test_empty_answer_is_poor_with_nothing_covered),
		cmocka_unit_test(test_short_answer_loses_accuracy),
		cmocka_unit_test(test_to_json_holds_the_stored_evaluation),
		cmocka_unit_test(test_long_answer_is_scored),
		cmocka_unit_test(test_junk_input_is_scored_without_harm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
