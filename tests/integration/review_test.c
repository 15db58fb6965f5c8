/*
 * review_test.c: a recommendation for every kind of interview (sql/042).
 * Two reviewers of an assisted and of an adaptive interview, each with
 * their own; the home page's "waiting for review" that each one's leaves;
 * the list's result and reviews columns and its CSV; the exports and the
 * API; another org's interviewer refused (404) and a post without its
 * token (403); and the list of 10,000 interviews as fast as before.
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
#include "lib/status.h"

static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	a_adm = { "Org A", "adm@a.test", "admin", NULL };
static struct account	b_int = { "Org B", "int@b.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int, &a_adm, &b_int };

static int
group_setup(void **state)
{
	(void)state;
	return flow_start_bank(accounts, NITEMS(accounts), "qa-test");
}

/* h's own recommendation of interview id: 303 back to its section. */
static void
recommend(struct http *h, long long id, const char *form)
{
	char	*path = fmt("/admin/interviews/%lld", id);
	char	*csrf = csrf_of(h, path);
	char	*url = fmt("%s/recommendation", path);
	char	*where = fmt("%s#recommendation", path);

	post_ok(h, url, csrf, form, where);
	free(path);
	free(csrf);
	free(url);
	free(where);
}

/* GET path of the API with a new token of h, an admin (tokens are theirs). */
static void
api_get(struct http *h, const char *path, struct resp *r)
{
	char		*tok = api_token(h, "reviews"), *auth;
	const char	*hdrs[2];

	auth = fmt("Authorization: Bearer %s", tok);
	hdrs[0] = auth;
	hdrs[1] = NULL;
	assert_int_equal(http_req(h, "GET", path, NULL, NULL, 0, hdrs, r), 0);
	assert_status(r, 200);
	free(auth);
	free(tok);
}

/* An ended interview of the org made in the database: kind, name, ended. */
static long long
ended_interview(const char *org, const char *kind, const char *name,
    const char *ended_ago)
{
	return sql_num("INSERT INTO interviews (org_id, kind, status,"
	    " candidate_name, candidate_email, invite_hash, time_limit_s,"
	    " token_budget, started_at, ended_at, invite_expires_at)"
	    " SELECT o.id, '%s', 'completed', '%s', 'rev@x.test', md5('%s'),"
	    " 3600, 10000, now() - interval '%s' - interval '1 hour',"
	    " now() - interval '%s', now()"
	    " FROM orgs o WHERE o.name = '%s' RETURNING id", kind, name, name,
	    ended_ago, ended_ago, org);
}

/*
 * An assisted interview takes no recommendation while it runs; once it
 * ended each reviewer gives their own beside the conversation, changes
 * it (the timeline says what it was), and another's stays.  A refused
 * value brings the page back; no token, 403; another org's, 404.
 */
static void
test_two_reviewers_recommend_an_assisted_interview(void **state)
{
	struct http	*a = signin(&a_int), *adm = signin(&a_adm);
	struct http	*b = signin(&b_int);
	struct created	 c;
	struct resp	 r;
	char		*path, *url, *csrf, *body;
	const char	*conv, *rec;

	(void)state;
	create_custom(a, "Review Assisted", 50000, &c);
	path = fmt("/admin/interviews/%lld", c.id);
	url = fmt("%s/recommendation", path);
	get(a, path, &r);
	assert_status(&r, 200);
	assert_lacks(&r, "id=\"recommendation\"");
	resp_free(&r);
	/* Not yet: it has not ended. */
	csrf = csrf_of(a, path);
	post(a, url, body = fmt("csrf=%s&recommendation=yes", csrf), &r);
	free(body);
	assert_status(&r, 409);
	assert_has(&r, "a recommendation is given once it has");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_recommendations"
	    " WHERE interview_id = %lld", c.id), 0);

	sql_do("UPDATE interviews SET status = 'completed', end_reason ="
	    " 'ended', started_at = now() - interval '20 minutes', ended_at ="
	    " now() WHERE id = %lld", c.id);
	sql_do("INSERT INTO messages (interview_id, seq, role, content)"
	    " VALUES (%lld, 1, 'user', 'How do I start?')", c.id);
	get(a, path, &r);
	assert_has(&r, "<h2>Recommendation</h2>");
	assert_has(&r, "No recommendation yet.");
	assert_has(&r, "Save your recommendation</button>");
	/* Beside the conversation: after it, before the timeline. */
	conv = strstr(r.body, "id=\"conversation\"");
	rec = strstr(r.body, "id=\"recommendation\"");
	assert_non_null(conv);
	assert_non_null(rec);
	assert_true(conv < rec);
	assert_true(rec < strstr(r.body, "Timeline (UTC)"));
	resp_free(&r);

	recommend(a, c.id, "recommendation=strong_yes&notes=Hire+her");
	recommend(adm, c.id, "recommendation=no&notes=Not+yet");
	get(a, path, &r);
	assert_has(&r, "<p><strong>2 reviews: Strong yes, No</strong></p>");
	assert_has(&r, "<strong>Strong yes</strong> · int@a.test (you)");
	assert_has(&r, "<strong>No</strong> · adm@a.test ·");
	assert_has(&r, ">Hire her</pre>");
	assert_has(&r, ">Not yet</pre>");
	/* The form holds one's own, no one else's. */
	assert_has(&r, "<option value=\"strong_yes\" selected>Strong yes");
	assert_has(&r, "Change your recommendation</button>");
	assert_has(&r, "Recommendation: No · adm@a.test");
	resp_free(&r);

	/* Changing one's own leaves the other's. */
	recommend(a, c.id, "recommendation=yes&notes=Hire+her");
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_recommendations c"
	    " JOIN users u ON u.id = c.user_id WHERE c.interview_id = %lld AND"
	    " ((u.email = 'int@a.test' AND recommendation = 'yes') OR"
	    " (u.email = 'adm@a.test' AND recommendation = 'no'"
	    " AND notes = 'Not yet'))", c.id), 2);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type = 'recommendation' AND"
	    " detail->>'was' = 'strong_yes' AND actor = 'int@a.test'", c.id),
	    1);

	/* A value not offered: the page again, marked, nothing saved. */
	post(a, url, body = fmt("csrf=%s&recommendation=maybe&notes=Hm",
	    csrf), &r);
	free(body);
	assert_status(&r, 400);
	assert_marked(&r, "rec");
	assert_has(&r, ">Hm</textarea>");
	resp_free(&r);
	/* Without the form's token. */
	post(a, url, "recommendation=no", &r);
	assert_status(&r, 403);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_recommendations"
	    " WHERE interview_id = %lld AND recommendation = 'yes'", c.id), 1);

	/* Another org's interviewer: no such interview. */
	get(b, path, &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(csrf);
	csrf = csrf_of(b, "/admin/interviews");
	post(b, url, body = fmt("csrf=%s&recommendation=strong_no", csrf), &r);
	free(body);
	assert_status(&r, 404);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_recommendations"
	    " WHERE interview_id = %lld", c.id), 2);

	/* The exports carry both, as one-way's do. */
	free(url);
	get(a, url = fmt("%s/export.md", path), &r);
	assert_has(&r, "\n## Recommendation\n\n- Recommendations: 2 reviewers,"
	    " mixed\n");
	assert_has(&r, "  - Recommendation: No, by adm@a.test, 20");
	assert_has(&r, "  - Recommendation: Yes, by int@a.test, 20");
	resp_free(&r);
	free(url);
	get(a, url = fmt("%s/export.json", path), &r);
	assert_has(&r, "\"review\":{\"recommendation\":\"mixed\","
	    "\"recommendation_notes\":\"adm@a.test: Not yet\\n\\nint@a.test:"
	    " Hire her\",\"recommended_by\":\"adm@a.test; int@a.test\","
	    "\"recommendations\":[{\"reviewer\":\"adm@a.test\",");
	assert_has(&r, "{\"reviewer\":\"int@a.test\",\"reviewer_name\":\"\","
	    "\"recommendation\":\"yes\",\"notes\":\"Hire her\","
	    "\"recommended_at\":\"20");
	resp_free(&r);
	free(url);
	get(a, url = fmt("%s/export.csv", path), &r);
	assert_has(&r, "content,recommendation,recommendation_notes,"
	    "recommendations\r\n");
	assert_has(&r, ",How do I start?,mixed,\"adm@a.test: Not yet\n\n"
	    "int@a.test: Hire her\",adm@a.test: no; int@a.test: yes\r\n");
	resp_free(&r);
	free(url);

	/* The API: the interview with its review, the list with the codes. */
	api_get(adm, url = fmt("/api/v1/interviews/%lld", c.id), &r);
	assert_has(&r, "\"review\":{\"recommendation\":\"mixed\"");
	assert_has(&r, "\"recommended_by\":\"adm@a.test; int@a.test\"");
	resp_free(&r);
	free(url);
	api_get(adm, "/api/v1/interviews?q=Review+Assisted", &r);
	assert_has(&r, "\"recommendations\":[\"no\",\"yes\"],\"result\":"
	    "{\"text\":null,\"band\":null,\"average_score\":null,"
	    "\"average_rating\":null}");
	resp_free(&r);
	/* The list: both, and no result computed for an assisted one. */
	get(a, "/admin/interviews?q=Review+Assisted", &r);
	assert_has(&r, "<span class=\"badge\">2 reviews: Yes, No</span>");
	assert_has(&r, "title=\"No result is computed for an assisted"
	    " interview\">—</span>");
	resp_free(&r);
	free(csrf);
	free(path);
	free(c.token);
	http_free(a);
	http_free(adm);
	http_free(b);
}

/* The text between the first a after from and the next b (malloc'd). */
static char *
between(const char *s, const char *a, const char *b)
{
	const char	*p = strstr(s, a), *q;

	assert_non_null(p);
	p += strlen(a);
	assert_non_null(q = strstr(p, b));
	return fmt("%.*s", (int)(q - p), p);
}

/*
 * An adaptive interview, answered to its end: each reviewer's own beside
 * the report; the list compares it by its band and average score, as the
 * report gives them, and its CSV too.
 */
static void
test_two_reviewers_recommend_an_adaptive_interview(void **state)
{
	struct http	*a = signin(&a_int), *adm = signin(&a_adm), *cand;
	struct created	 c;
	struct resp	 r;
	char		*path, *csrf, *band, *avg, *s, *url;
	const char	*rep, *rec, *tr;

	(void)state;
	create_adaptive(a, "Review+Adaptive", "&role=qa-test&model=builtin"
	    "&min_questions=2&max_questions=2&minutes=0", &c);
	path = fmt("/admin/interviews/%lld", c.id);
	get(a, path, &r);
	assert_lacks(&r, "id=\"recommendation\"");
	resp_free(&r);
	cand = start(&c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	answer_ok(cand, csrf, 2, GOOD_ANSWER);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND status = 'completed'", c.id), 1);

	recommend(a, c.id, "recommendation=yes&notes=Solid");
	recommend(adm, c.id, "recommendation=strong_yes");
	get(a, path, &r);
	/* Beside the report: after it, before the questions. */
	rep = strstr(r.body, "id=\"report\"");
	rec = strstr(r.body, "id=\"recommendation\"");
	tr = strstr(r.body, "id=\"transcript\"");
	assert_true(rep != NULL && rec != NULL && tr != NULL);
	assert_true(rep < rec && rec < tr);
	assert_has(&r, "<p><strong>2 reviews: Strong yes, Yes</strong></p>");
	assert_has(&r, "Recommendation: Strong yes · adm@a.test");
	band = between(r.body, "<strong>Overall: ", ".</strong>");
	avg = between(r.body, "Average score ", "%");
	resp_free(&r);

	/* The list: the reviews and the result, as the report says it. */
	get(a, "/admin/interviews?q=Review+Adaptive", &r);
	assert_has(&r, "<span class=\"badge\">2 reviews: Strong yes,"
	    " Yes</span>");
	assert_has(&r, s = fmt("data-label=\"Result and reviews\">%s, average"
	    " %s%%<br>", band, avg));
	free(s);
	resp_free(&r);
	get(a, "/admin/interviews.csv?q=Review+Adaptive", &r);
	assert_has(&r, ",kind,recommendation,recommendations,result,band,"
	    "average_score,average_rating,practice\r\n");
	assert_has(&r, s = fmt(",adaptive,mixed,\"2 reviews: Strong yes, Yes\","
	    "\"%s, average %s%%\",%s,%s,,false\r\n", band, avg, band, avg));
	free(s);
	resp_free(&r);
	api_get(adm, "/api/v1/interviews?q=Review+Adaptive", &r);
	assert_has(&r, s = fmt("\"recommendations\":[\"yes\",\"strong_yes\"],"
	    "\"result\":{\"text\":\"%s, average %s%%\",\"band\":\"%s\","
	    "\"average_score\":%s,\"average_rating\":null}", band, avg, band,
	    avg));
	free(s);
	resp_free(&r);

	/* The exports. */
	get(a, url = fmt("%s/export.md", path), &r);
	assert_has(&r, "\n## Recommendation\n\n- Recommendations: 2 reviewers,"
	    " mixed\n  - Recommendation: Yes, by int@a.test, 20");
	assert_has(&r, "Z: Solid\n  - Recommendation: Strong yes, by"
	    " adm@a.test, 20");
	resp_free(&r);
	free(url);
	get(a, url = fmt("%s/export.csv", path), &r);
	assert_has(&r, "scoring_caveat,recommendation,recommendation_notes,"
	    "recommendations\r\n");
	assert_int_equal(count_in(&r, ",mixed,int@a.test: Solid,int@a.test:"
	    " yes; adm@a.test: strong_yes\r\n"), 2);
	resp_free(&r);
	free(url);
	api_get(adm, url = fmt("/api/v1/interviews/%lld/export", c.id), &r);
	assert_has(&r, "\"review\":{\"recommendation\":\"mixed\"");
	resp_free(&r);
	free(url);
	free(band);
	free(avg);
	free(csrf);
	free(path);
	free(c.token);
	http_free(cand);
	http_free(a);
	http_free(adm);
}

/* POST body to the API's recommendation of id with a token of h: r. */
static void
api_recommend(struct http *h, long long id, const char *body, struct resp *r)
{
	char		*tok = api_token(h, "recommend"), *auth, *path;
	const char	*hdrs[2];

	auth = fmt("Authorization: Bearer %s", tok);
	hdrs[0] = auth;
	hdrs[1] = NULL;
	path = fmt("/api/v1/interviews/%lld/recommendation", id);
	assert_int_equal(http_req(h, "POST", path, "application/json", body,
	    strlen(body), hdrs, r), 0);
	free(path);
	free(auth);
	free(tok);
}

/*
 * Interview id takes no recommendation, for why: its page says so where
 * the form would be, the form's post is refused with the page again (409,
 * why), and the API's with a 409 and why; nothing saved.
 */
static void
refuses_recommendations(struct http *h, long long id, const char *why)
{
	char		*path = fmt("/admin/interviews/%lld", id);
	char		*url = fmt("%s/recommendation", path), *csrf, *body, *s;
	struct resp	 r;

	get(h, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "<h2>Recommendation</h2>");
	assert_has(&r, s = fmt("<p class=\"empty\" id=\"rec-closed\">%s</p>",
	    why));
	free(s);
	assert_lacks(&r, "Your recommendation");
	assert_lacks(&r, "/recommendation\"");
	resp_free(&r);
	csrf = csrf_of(h, path);
	post(h, url, body = fmt("csrf=%s&recommendation=yes&notes=Hm", csrf),
	    &r);
	free(body);
	assert_status(&r, 409);
	assert_has(&r, s = fmt("id=\"refused\">Your recommendation was not"
	    " saved. %s</p>", why));
	free(s);
	resp_free(&r);
	/* A bad value too: the state refuses whatever the fields. */
	post(h, url, body = fmt("csrf=%s&recommendation=maybe", csrf), &r);
	free(body);
	assert_status(&r, 409);
	resp_free(&r);
	api_recommend(h, id, "{\"recommendation\":\"yes\"}", &r);
	assert_status(&r, 409);
	assert_has(&r, s = fmt("{\"error\":{\"code\":\"conflict\","
	    "\"message\":\"%s\"", why));
	free(s);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_recommendations"
	    " WHERE interview_id = %lld", id), 0);
	free(csrf);
	free(url);
	free(path);
}

/*
 * Nobody reviews a practice interview (the home page says so; its feedback
 * went to the candidate), nor one whose candidate never started it: the
 * interview page offers no form, says why, and the page's post and the
 * API refuse one (409).
 */
static void
test_practice_and_unstarted_interviews_take_no_recommendation(void **state)
{
	struct http	*a = signin(&a_int), *adm = signin(&a_adm), *cand;
	struct created	 c, e, w;
	char		*csrf;

	(void)state;
	create_adaptive(a, "Practice+Run", "&role=qa-test&model=builtin"
	    "&min_questions=2&max_questions=2&minutes=0&practice=1", &c);
	cand = start(&c, &csrf);
	answer_ok(cand, csrf, 1, GOOD_ANSWER);
	answer_ok(cand, csrf, 2, GOOD_ANSWER);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND status = 'completed'", c.id), 1);
	refuses_recommendations(adm, c.id, "Practice interviews are not"
	    " reviewed: the feedback went to the candidate.");

	/* An invite that ran out unused: expired, never started. */
	create_custom(a, "Never Started", 50000, &e);
	sql_do("UPDATE interviews SET invite_expires_at = now() - interval"
	    " '1 minute' WHERE id = %lld", e.id);
	refuses_recommendations(adm, e.id, "The candidate never started this"
	    " interview, so there is nothing to review.");
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND status = 'expired'", e.id), 1);

	/* A one-way one too: its form goes, with the same line. */
	create_form(a, "oneway", &w, "candidate_name=Never+Oneway"
	    "&candidate_email=nw%%40x.test&media=audio&answer_seconds=60"
	    "&max_attempts=2&expiry_days=7&action=create&prep_seconds=5"
	    "&questions=Why+us%%3F");
	sql_do("UPDATE interviews SET invite_expires_at = now() - interval"
	    " '1 minute' WHERE id = %lld", w.id);
	refuses_recommendations(adm, w.id, "The candidate never started this"
	    " interview, so there is nothing to review.");
	free(csrf);
	free(c.token);
	free(e.token);
	free(w.token);
	http_free(cand);
	http_free(a);
	http_free(adm);
}

/* The part of the home page from id="review" to id="expiring" (malloc'd). */
static char *
review_section(struct http *h)
{
	struct resp	 r;
	char		*s;

	get(h, "/admin", &r);
	assert_status(&r, 200);
	s = between(r.body, "id=\"review\"", "id=\"expiring\"");
	resp_free(&r);
	return s;
}

/*
 * "Waiting for review" lists an ended interview of any kind until the
 * reader gave their own recommendation, each reviewer's list apart; an
 * assisted or adaptive one no longer leaves after 14 days, but after 30
 * (the page says so).
 */
static void
test_the_review_list_keeps_each_until_its_reader_decides(void **state)
{
	struct http	*a = signin(&a_int), *adm = signin(&a_adm);
	long long	 as, ad, old;
	char		*s, *link_as, *link_ad;

	(void)state;
	as = ended_interview("Org A", "assisted", "Waiting Assisted",
	    "1 day");
	ad = ended_interview("Org A", "adaptive", "Waiting Adaptive",
	    "20 days");
	old = ended_interview("Org A", "assisted", "Waiting Too Old",
	    "31 days");
	link_as = fmt("<a href=\"/admin/interviews/%lld\">Waiting Assisted</a>",
	    as);
	link_ad = fmt("<a href=\"/admin/interviews/%lld\">Waiting Adaptive</a>",
	    ad);
	s = review_section(a);
	assert_non_null(strstr(s, "finished in the last 30 days that you have"
	    " not given your recommendation yet"));
	assert_non_null(strstr(s, link_as));
	assert_non_null(strstr(s, link_ad));
	assert_null(strstr(s, "Waiting Too Old"));
	free(s);

	/* One reviewer decides: gone from their list, not from the other's. */
	recommend(a, as, "recommendation=no");
	s = review_section(a);
	assert_null(strstr(s, link_as));
	assert_non_null(strstr(s, link_ad));
	free(s);
	s = review_section(adm);
	assert_non_null(strstr(s, link_as));
	free(s);
	recommend(adm, as, "recommendation=yes");
	recommend(adm, ad, "recommendation=strong_no");
	s = review_section(adm);
	assert_null(strstr(s, link_as));
	assert_null(strstr(s, link_ad));
	free(s);
	s = review_section(a);
	assert_non_null(strstr(s, link_ad));
	free(s);
	recommend(a, ad, "recommendation=no");
	s = review_section(a);
	assert_null(strstr(s, link_ad));
	free(s);
	sql_do("DELETE FROM interviews WHERE id IN (%lld, %lld, %lld)", as, ad,
	    old);
	free(link_as);
	free(link_ad);
	http_free(a);
	http_free(adm);
}

/* A one-way interview's result in the list is its average rating. */
static void
test_the_list_gives_a_one_way_interviews_average_rating(void **state)
{
	struct http	*a = signin(&a_int);
	struct resp	 r;
	long long	 id;

	(void)state;
	id = ended_interview("Org A", "oneway", "Rated Oneway", "1 hour");
	sql_do("INSERT INTO oneway_settings (interview_id, media, answer_s,"
	    " max_attempts) VALUES (%lld, 'audio', 60, 1);"
	    " INSERT INTO oneway_questions (interview_id, n, body, prep_s,"
	    " submitted) VALUES (%lld, 1, 'Why?', 0, 1), (%lld, 2, 'How?', 0,"
	    " 1);"
	    " INSERT INTO oneway_ratings (interview_id, n, user_id, rating)"
	    " SELECT %lld, n, u.id, r FROM users u, (VALUES (1, 4), (2, 5))"
	    " v (n, r) WHERE u.email = 'int@a.test'", id, id, id, id);
	get(a, "/admin/interviews?q=Rated+Oneway", &r);
	assert_has(&r, "data-label=\"Result and reviews\">average rating"
	    " 4.5/5</td>");
	resp_free(&r);
	get(a, "/admin/interviews.csv?q=Rated+Oneway", &r);
	assert_has(&r, ",oneway,,,average rating 4.5/5,,,4.5,false\r\n");
	resp_free(&r);
	/* The analytics' one-way figures count one-way recommendations only. */
	get(a, "/admin/analytics", &r);
	assert_status(&r, 200);
	assert_has(&r, "0 with a recommendation");
	assert_lacks(&r, "<span class=\"badge\">Yes</span>");
	assert_lacks(&r, "<span class=\"badge\">Strong yes</span>");
	resp_free(&r);
	sql_do("DELETE FROM interviews WHERE id = %lld", id);
	http_free(a);
}

/*
 * The list of an org of 10,000 interviews, a third of each kind, with
 * recommendations, ratings and judged answers: a page of 50 rows reads
 * its rows' reviews and results only, so it costs about what it did
 * before them (measured side by side, not against a fixed time).
 */
static void
test_the_list_of_a_busy_org_stays_fast(void **state)
{
	struct http	*b = signin(&b_int);
	double		 empty, bare, ms, csv;

	(void)state;
	empty = best_server_ms(b, "/admin/interviews", "GET /admin/interviews",
	    NULL);
	sql_do("INSERT INTO interviews (org_id, kind, status, candidate_name,"
	    " candidate_email, invite_hash, invite_expires_at, time_limit_s,"
	    " token_budget, created_at, started_at, ended_at)"
	    " SELECT o.id, (ARRAY['assisted', 'adaptive', 'oneway'])[g %% 3 + 1],"
	    " 'completed', 'Busy ' || g, 'busy' || g || '@b.test', 'busy-' || g,"
	    " now(), 3600, 10000, now() - g * interval '1 minute',"
	    " now() - g * interval '1 minute', now() - g * interval '1 minute'"
	    " FROM orgs o, generate_series(1, 10000) g WHERE o.name = 'Org B';"
	    " ANALYZE interviews");
	bare = best_server_ms(b, "/admin/interviews", "GET /admin/interviews",
	    NULL);
	sql_do("INSERT INTO oneway_settings (interview_id, media, answer_s,"
	    " max_attempts) SELECT id, 'audio', 60, 1 FROM interviews WHERE"
	    " invite_hash LIKE 'busy-%%' AND kind = 'oneway';"
	    " INSERT INTO oneway_questions (interview_id, n, body, prep_s,"
	    " submitted) SELECT id, n, 'Q', 0, 1 FROM interviews,"
	    " generate_series(1, 3) n WHERE invite_hash LIKE 'busy-%%'"
	    " AND kind = 'oneway';"
	    " INSERT INTO oneway_ratings (interview_id, n, user_id, rating)"
	    " SELECT q.interview_id, q.n, u.id, 1 + (q.interview_id + q.n) %% 5"
	    " FROM oneway_questions q JOIN interviews i ON i.id ="
	    " q.interview_id, users u WHERE i.invite_hash LIKE 'busy-%%'"
	    " AND u.email = 'int@b.test';"
	    " INSERT INTO interview_questions (interview_id, n, skill_area,"
	    " category, difficulty, body_md, answer, evaluation)"
	    " SELECT id, n, 'testing', 'technical', (ARRAY['warmup',"
	    " 'fundamental', 'intermediate'])[n %% 3 + 1], 'Q', 'A',"
	    " jsonb_build_object('composite', (id %% 10) / 10.0, 'quality',"
	    " 'fair', 'reasons', repeat('Because. ', 20))"
	    " FROM interviews, generate_series(1, 8) n WHERE invite_hash"
	    " LIKE 'busy-%%' AND kind = 'adaptive';"
	    " INSERT INTO oneway_recommendations (interview_id, user_id,"
	    " recommendation) SELECT i.id, u.id, (ARRAY['strong_yes', 'yes',"
	    " 'no', 'strong_no'])[i.id %% 4 + 1] FROM interviews i, users u"
	    " WHERE i.invite_hash LIKE 'busy-%%' AND u.email = 'int@b.test';"
	    " ANALYZE");
	ms = best_server_ms(b, "/admin/interviews", "GET /admin/interviews",
	    NULL);
	csv = best_server_ms(b, "/admin/interviews.csv?q=Busy+99",
	    "GET /admin/interviews.csv", NULL);
	printf("the list of 10,000 interviews: %.1f ms with a recommendation"
	    " each, 3 ratings a one-way one and 8 judged answers an adaptive"
	    " one; %.1f ms without them; %.1f ms for an org of none; the CSV"
	    " of 111 rows %.1f ms\n", ms, bare, empty, csv);
	assert_true(ms < 2 * bare + 10);
	sql_do("DELETE FROM interviews WHERE invite_hash LIKE 'busy-%%'");
	http_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_reviewers_recommend_an_assisted_interview),
		cmocka_unit_test(test_two_reviewers_recommend_an_adaptive_interview),
		cmocka_unit_test(test_practice_and_unstarted_interviews_take_no_recommendation),
		cmocka_unit_test(test_the_review_list_keeps_each_until_its_reader_decides),
		cmocka_unit_test(test_the_list_gives_a_one_way_interviews_average_rating),
		cmocka_unit_test(test_the_list_of_a_busy_org_stays_fast),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
