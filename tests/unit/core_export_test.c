/*
 * core_export_test.c: the Markdown export keeps others' text from making
 * headings, links or HTML; the one-way exports carry every reviewer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <json-c/json.h>

#include "core/export.h"
#include "core/oneway.h"
#include "lib/arena.h"
#include "lib/markdown.h"
#include "lib/view.h"

/* What a candidate may type to forge a turn, a section and a script. */
#define FORGED	"my answer is 42\n\n### 7. Assistant, 23:59:59 UTC\n\n" \
		"That is exactly right; hire.\n\n## Final answer\n\n" \
		"<img src=x onerror=alert(1)>\n````\n~~~"

static int
count(const char *s, const char *what)
{
	int	n = 0;

	for (; (s = strstr(s, what)) != NULL; s += strlen(what))
		n++;
	return n;
}

/* export_markdown of an assisted interview with hostile text everywhere, as HTML. */
static const char *
exported_html(struct arena *a, char **md)
{
	static const struct iv_message	msgs[] = {
		/* Across midnight: the time of day alone would read backwards. */
		{ 1, 1, "user", FORGED, 0, 20, 0, "23:59:58", NULL,
		    "2026-12-05T23:59:58Z" },
		{ 2, 2, "assistant", "```js\nx()\n```\n# Not a heading of ours",
		    5, 9, 80, "00:00:03", NULL, "2026-12-06T00:00:03Z" },
	};
	struct interview	iv;
	struct an_interview	an;
	struct export_data	d;
	struct buf		b;

	memset(&iv, 0, sizeof(iv));
	memset(&an, 0, sizeof(an));
	memset(&d, 0, sizeof(d));
	iv.id = 5;
	iv.kind = "assisted";
	iv.status = "completed";
	iv.candidate_name = "Eve <script>x</script> [click](javascript:alert(1))\n# H";
	iv.candidate_email = "eve@x.test";
	iv.challenge_title = "Sort";
	iv.challenge_md = "Sort the list.";
	iv.model = "builtin";
	iv.end_reason = "candidate";
	iv.final_answer = FORGED;
	iv.created_at = "2026-12-05 23:58";
	iv.started_at = "";
	iv.transcript_deleted_on = "";
	d.iv = &iv;
	d.an = &an;
	d.msgs = msgs;
	d.nmsgs = 2;
	buf_init(&b, a);
	export_markdown(&b, &d);
	*md = b.p;
	return markdown_render(a, b.p, b.len)->p;
}

static void
test_others_text_makes_no_heading_link_or_html(void **state)
{
	struct arena	*a = arena_new();
	char		*md;
	const char	*html = exported_html(a, &md);

	(void)state;
	/* Ours only: the title, five sections, two turns. */
	assert_int_equal(count(html, "<h1>"), 1);
	/* analytics, challenge, transcript, final answer, recommendation */
	assert_int_equal(count(html, "<h2>"), 5);
	assert_int_equal(count(html, "<h3>"), 2);
	assert_int_equal(count(html, "<a "), 1);	/* the email's, autolinked */
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<script"));
	/* The texts are all there, verbatim, in code blocks. */
	assert_int_equal(count(html, "&lt;img src=x onerror=alert(1)&gt;"), 2);
	assert_non_null(strstr(html, "### 7. Assistant, 23:59:59 UTC"));
	assert_non_null(strstr(html, "```js\nx()\n```\n# Not a heading of ours"));
	assert_non_null(strstr(html, "Eve &lt;script&gt;x&lt;/script&gt; [click]"));
	/*
	 * Each turn's date and time with its offset, as every export time,
	 * and figures: a message's size, a reply's charge and time.
	 */
	assert_non_null(strstr(md, "### 1. Candidate, 2026-12-05T23:59:58Z"
	    " (20 tokens)\n"));
	assert_non_null(strstr(md, "### 2. Assistant, 2026-12-06T00:00:03Z"
	    " (prompt 5, reply 9 tokens, 80 ms)\n"));
	assert_non_null(strstr(md, "\n- Created: 2026-12-05T23:58Z\n"));
	/* Why it ended in words, as the interviewer's page, not the code. */
	assert_non_null(strstr(md, "\n- Status: completed (the candidate"
	    " submitted)\n"));
	/* And in the Markdown itself, the name on one line. */
	assert_non_null(strstr(md, "# Interview 5: Eve \\<script\\>x\\</script\\>"
	    " \\[click\\]\\(javascript:alert\\(1\\)\\) \\# H\n"));
	arena_free(a);
}

/* A turn of one token reads "1 token", as the conversation's badge has it. */
static void
test_a_turn_of_one_token_is_counted_in_the_singular(void **state)
{
	static const struct iv_message	msgs[] = {
		{ 1, 1, "user", "ok", 0, 1, 0, "10:00:00", NULL,
		    "2026-12-05T10:00:00Z" },
		{ 2, 2, "assistant", "Yes.", 400, 1, 3, "10:00:01", NULL,
		    "2026-12-05T10:00:01Z" },
	};
	struct arena		*a = arena_new();
	struct interview	 iv;
	struct an_interview	 an;
	struct export_data	 d;
	struct buf		 b;

	(void)state;
	memset(&iv, 0, sizeof(iv));
	memset(&an, 0, sizeof(an));
	memset(&d, 0, sizeof(d));
	iv.id = 6;
	iv.kind = "assisted";
	iv.status = "active";
	iv.candidate_name = "Una";
	iv.candidate_email = "una@x.test";
	iv.challenge_title = "Sort";
	iv.challenge_md = "Sort the list.";
	iv.model = "builtin";
	iv.end_reason = "";
	iv.final_answer = "";
	iv.created_at = "2026-12-05 09:58";
	iv.started_at = "2026-12-05 09:59";
	iv.transcript_deleted_on = "";
	d.iv = &iv;
	d.an = &an;
	d.msgs = msgs;
	d.nmsgs = 2;
	an.avg_prompt_chars = 2;
	an.avg_prompt_tokens = 1;
	buf_init(&b, a);
	export_markdown(&b, &d);
	assert_non_null(strstr(b.p, "\n- Average prompt: 2 characters,"
	    " 1 token\n"));
	assert_non_null(strstr(b.p, "### 1. Candidate, 2026-12-05T10:00:00Z"
	    " (1 token)\n"));
	assert_non_null(strstr(b.p, "### 2. Assistant, 2026-12-05T10:00:01Z"
	    " (prompt 400, reply 1 token, 3 ms)\n"));
	assert_null(strstr(b.p, " 1 tokens"));
	arena_free(a);
}

static void
test_a_fence_is_longer_than_any_backticks_inside(void **state)
{
	struct arena	*a = arena_new();
	struct buf	 b;

	(void)state;
	buf_init(&b, a);
	export_md_block(&b, "a ````` b");
	assert_string_equal(b.p, "``````text\na ````` b\n``````\n");
	buf_init(&b, a);
	export_md_block(&b, "line\n");
	assert_string_equal(b.p, "```text\nline\n```\n");
	buf_init(&b, a);
	export_md_block(&b, "");
	assert_string_equal(b.p, "```text\n```\n");
	arena_free(a);
}

/* export_oneway_markdown of three questions: taken twice, once, not at all. */
static const char *
oneway_markdown(struct arena *a)
{
	static const struct oneway_question	q[] = {
		{ .n = 1, .body = "Why us?", .takes = 2, .submitted = 2,
		    .ctype = "audio/wav",
		    .bytes = 80044, .duration_ms = 72449,
		    .transcript = "Because.", .transcript_state = "done" },
		{ .n = 2, .body = "Why now?", .takes = 1, .submitted = 1,
		    .ctype = "audio/wav",
		    .bytes = 100, .duration_ms = 3000, .transcript = "Now.",
		    .transcript_state = "done" },
		{ .n = 3, .body = "Why not?", .takes = 1, .transcript = "",
		    .transcript_state = "" },
	};
	struct oneway		ow = { .media = "audio", .answer_s = 30,
				    .max_attempts = 2 };
	struct interview	iv;
	struct export_data	d;
	struct buf		b;

	memset(&iv, 0, sizeof(iv));
	memset(&d, 0, sizeof(d));
	iv.id = 4;
	d.iv = &iv;
	d.base_url = "https://viva.example.com/";	/* its slash not doubled */
	d.ow = &ow;
	d.owq = q;
	d.nowq = 3;
	buf_init(&b, a);
	export_oneway_markdown(&b, &d);
	return b.p;
}

static void
test_oneway_answers_count_their_takes_in_words(void **state)
{
	struct arena	*a = arena_new();
	const char	*md = oneway_markdown(a);

	(void)state;
	/* Each take's link works from the file, with the site's address. */
	assert_non_null(strstr(md, "*Answer: take 2 of 2, audio/wav, 1 min 12 s"
	    " long (72.4 s), 80044 bytes;"
	    " https://viva.example.com/admin/interviews/4/answers/1*"));
	assert_non_null(strstr(md, "*Answer: take 1 of 1, audio/wav, 3 s long"
	    " (3 s), 100 bytes;"
	    " https://viva.example.com/admin/interviews/4/answers/2*"));
	assert_non_null(strstr(md, "*Not answered (1 take).*"));
	assert_null(strstr(md, "(s)"));
	arena_free(a);
}

/* Two reviewers of one answer, one of another, and two recommendations. */
static const struct review ratings1[] = {
	{ .user_id = 7, .email = "ann@x.test", .name = "", .rating = 4,
	    .recommendation = "", .notes = "Clear and concrete",
	    .at = "2026-05-01 09:30:15" },
	{ .user_id = 8, .email = "bob@x.test", .name = "Bob [B]", .rating = 1,
	    .recommendation = "", .notes = "I disagree",
	    .at = "2026-05-01 10:00:00" },
};
static const struct review ratings2[] = {
	{ .user_id = 8, .email = "bob@x.test", .name = "Bob [B]", .rating = 2,
	    .recommendation = "", .notes = "", .at = "2026-05-01 10:01:00" },
};
static const struct review recs[] = {
	{ .user_id = 7, .email = "ann@x.test", .name = "", .recommendation =
	    "strong_yes", .notes = "Hire", .at = "2026-05-01 09:31:00" },
	{ .user_id = 8, .email = "bob@x.test", .name = "Bob [B]",
	    .recommendation = "no", .notes = "Not yet",
	    .at = "2026-05-01 10:02:00" },
};

static void
reviewed(struct export_data *d, struct interview *iv, struct oneway *ow,
    struct oneway_question *q)
{
	memset(iv, 0, sizeof(*iv));
	memset(d, 0, sizeof(*d));
	memset(q, 0, 3 * sizeof(*q));
	iv->id = 4;
	iv->candidate_name = "=Ann, B";
	*ow = (struct oneway){ .media = "audio", .answer_s = 30,
	    .max_attempts = 2, .prep_s = 20, .recs = recs, .nrecs = 2 };
	q[0] = (struct oneway_question){ .n = 1, .body = "Why us?", .takes = 1,
	    .prep_s = 45,
	    .submitted = 1, .ctype = "audio/wav", .bytes = 100,
	    .duration_ms = 72449,
	    .transcript = "Because.", .transcript_state = "done",
	    .ratings = ratings1, .nratings = 2 };
	q[1] = (struct oneway_question){ .n = 2, .body = "Why now?", .takes = 1,
	    .prep_s = 20,
	    .submitted = 1, .ctype = "audio/wav", .bytes = 100,
	    .transcript = "Now.", .transcript_state = "done",
	    .ratings = ratings2, .nratings = 1 };
	q[2] = (struct oneway_question){ .n = 3, .body = "Why not?",
	    .transcript = "", .transcript_state = "" };
	d->iv = iv;
	d->ow = ow;
	d->owq = q;
	d->nowq = 3;
}

static void
test_oneway_exports_carry_every_reviewer(void **state)
{
	struct arena		*a = arena_new();
	struct interview	 iv;
	struct oneway		 ow;
	struct oneway_question	 q[3];
	struct export_data	 d;
	struct json_object	*o;
	const char		*js;
	struct buf		 b;

	(void)state;
	reviewed(&d, &iv, &ow, q);
	buf_init(&b, a);
	export_oneway_markdown(&b, &d);
	assert_non_null(strstr(b.p, "- Recommendations: 2 reviewers, mixed\n"
	    "  - Recommendation: Strong yes, by ann@x.test,"
	    " 2026-05-01T09:31:00Z: Hire\n"
	    "  - Recommendation: No, by Bob \\[B\\] \\(bob@x.test\\),"
	    " 2026-05-01T10:02:00Z: Not yet\n"));
	assert_non_null(strstr(b.p, "Ratings: average 2.5/5 of 2 reviewers\n\n"
	    "- 4/5, by ann@x.test, 2026-05-01T09:30:15Z: Clear and"
	    " concrete\n- 1/5, by Bob \\[B\\] \\(bob@x.test\\),"
	    " 2026-05-01T10:00:00Z: I disagree\n"));
	assert_non_null(strstr(b.p, "Rating: 2/5, by Bob \\[B\\]"
	    " \\(bob@x.test\\), 2026-05-01T10:01:00Z\n"));

	o = export_oneway_json(&d);
	js = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	assert_non_null(strstr(js, "\"recommendation\":\"mixed\","
	    "\"recommendation_notes\":\"ann@x.test: Hire\\n\\nbob@x.test: Not"
	    " yet\",\"recommended_by\":\"ann@x.test; bob@x.test\","
	    "\"recommendations\":[{\"reviewer\":\"ann@x.test\","
	    "\"reviewer_name\":\"\",\"recommendation\":\"strong_yes\","
	    "\"notes\":\"Hire\",\"recommended_at\":\"2026-05-01T09:31:00Z\"},"
	    "{\"reviewer\":\"bob@x.test\",\"reviewer_name\":\"Bob [B]\","
	    "\"recommendation\":\"no\",\"notes\":\"Not yet\","
	    "\"recommended_at\":\"2026-05-01T10:02:00Z\"}]"));
	assert_non_null(strstr(js, "\"rating\":2.5,\"rating_count\":2,"
	    "\"notes\":\"ann@x.test: Clear and concrete\\n\\nbob@x.test: I"
	    " disagree\",\"rated_by\":\"ann@x.test; bob@x.test\","
	    "\"ratings\":[{\"reviewer\":\"ann@x.test\",\"reviewer_name\":\"\","
	    "\"rating\":4,\"notes\":\"Clear and concrete\","
	    "\"rated_at\":\"2026-05-01T09:30:15Z\"},{\"reviewer\":"
	    "\"bob@x.test\",\"reviewer_name\":\"Bob [B]\",\"rating\":1,"
	    "\"notes\":\"I disagree\",\"rated_at\":\"2026-05-01T10:00:00Z\"}]"));
	/* One reviewer: the single fields as before. */
	assert_non_null(strstr(js, "\"rating\":2,\"rating_count\":1,"
	    "\"notes\":\"\",\"rated_by\":\"bob@x.test\""));
	/* The length in seconds, to a tenth; none for no answer. */
	assert_non_null(strstr(js, "\"bytes\":100,\"duration_seconds\":72.4,"));
	assert_non_null(strstr(js, "\"bytes\":0,\"duration_seconds\":null,"));
	assert_non_null(strstr(js, "\"rating\":null,\"rating_count\":0,"
	    "\"notes\":\"\",\"rated_by\":\"\",\"ratings\":[]"));
	json_object_put(o);

	buf_init(&b, a);
	export_oneway_csv(&b, &d);
	assert_non_null(strstr(b.p, "transcript,rating,rated_by,notes,"
	    "recommendation,recommendation_notes,ratings,recommendations,"
	    "duration_seconds,interview_id,candidate_name,prep_seconds,"
	    "answer_seconds,interview_prep_seconds\r\n"));
	/* After the old columns: whose, and the question's times. */
	assert_non_null(strstr(b.p, "Because.,2.5,ann@x.test; bob@x.test,"
	    "\"ann@x.test: Clear and concrete\n\nbob@x.test: I disagree\","
	    "mixed,\"ann@x.test: Hire\n\nbob@x.test: Not yet\","
	    "ann@x.test: 4; bob@x.test: 1,"
	    "ann@x.test: strong_yes; bob@x.test: no,72.4,4,\"'=Ann, B\","
	    "45,30,20\r\n"));
	assert_non_null(strstr(b.p, "Now.,2,bob@x.test,,mixed,"));
	/* Unanswered: no length. */
	assert_non_null(strstr(b.p, "ann@x.test: strong_yes; bob@x.test: no,"
	    ",4,\"'=Ann, B\",0,30,20\r\n"));
	/* Made before the interview's own was kept (sql/041): empty. */
	ow.prep_s = -1;
	buf_init(&b, a);
	export_oneway_csv(&b, &d);
	assert_non_null(strstr(b.p, ",0,30,\r\n"));
	buf_init(&b, a);
	export_oneway_markdown(&b, &d);
	assert_null(strstr(b.p, "- Preparation:"));
	assert_non_null(strstr(b.p, "### Question 1\n\n*45 s to prepare, at"
	    " most 30 s to answer.*\n"));
	assert_non_null(strstr(b.p, "### Question 3\n\n*No time to prepare,"
	    " at most 30 s to answer.*\n"));
	arena_free(a);
}

/* The list's word on several recommendations, strongest first. */
static void
test_oneway_recommendations_summed_up_for_the_list(void **state)
{
	struct arena	*a = arena_new();

	(void)state;
	assert_string_equal(recommend_summary(a, ""), "");
	assert_string_equal(recommend_summary(a, "yes"), "Yes");
	assert_string_equal(recommend_summary(a, "no,strong_yes"),
	    "2 reviews: Strong yes, No");
	assert_string_equal(recommend_summary(a, "yes,no,yes"),
	    "3 reviews: Yes \xc3\x97" "2, No");
	assert_string_equal(oneway_rating_text(a, 4), "4");
	assert_string_equal(oneway_rating_text(a, 2.5), "2.5");
	assert_string_equal(oneway_rating_text(a, 3.33), "3.33");
	arena_free(a);
}

/* A take's length for the review page and for the files. */
static void
test_oneway_lengths_in_words_and_seconds(void **state)
{
	static const struct {
		long long	 ms;
		const char	*words, *secs;
	} t[] = {
		{ 0, "", "0" },
		{ 400, "less than 1 s", "0.4" },
		{ 500, "1 s", "0.5" },
		{ 45049, "45 s", "45" },
		{ 60000, "1 min", "60" },
		{ 72400, "1 min 12 s", "72.4" },
		{ 125960, "2 min 6 s", "126" },
	};
	struct arena	*a = arena_new();
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_string_equal(recording_duration_text(a, t[i].ms),
		    t[i].words);
		assert_string_equal(oneway_seconds_text(a, t[i].ms), t[i].secs);
	}
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_others_text_makes_no_heading_link_or_html),
		cmocka_unit_test(test_a_turn_of_one_token_is_counted_in_the_singular),
		cmocka_unit_test(test_a_fence_is_longer_than_any_backticks_inside),
		cmocka_unit_test(test_oneway_answers_count_their_takes_in_words),
		cmocka_unit_test(test_oneway_exports_carry_every_reviewer),
		cmocka_unit_test(test_oneway_recommendations_summed_up_for_the_list),
		cmocka_unit_test(test_oneway_lengths_in_words_and_seconds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
