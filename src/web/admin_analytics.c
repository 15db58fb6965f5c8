/* admin_analytics.c: one interview's figures and charts, and the org's overview. */
#include <string.h>

#include "core/analytics.h"
#include "core/interview.h"
#include "lib/svg.h"
#include "handlers.h"

#define CHART_WIDTH	640
#define CHART_HEIGHT	240

static const char *
fmt1(struct req *r, double v)
{
	return arena_printf(r->a, "%.1f", v);
}

/* A whole figure people read, its thousands grouped: "1,626"; v >= 0. */
static void
set_num0(struct view *v, const char *key, double d)
{
	view_set_num(v, key, (long long)(d + 0.5));
}

static void
set_charts(struct req *r, struct view *v, const struct an_interview *an,
    int ended)
{
	struct svg_point	*pt;
	struct svg_segment	 seg[3];
	const char		*texts[3];
	size_t			 i;

	pt = arena_calloc(r->a, an->npoints + 1, sizeof(*pt));
	for (i = 0; i < an->npoints; i++) {
		pt[i].x = an->timeline[i].minute;
		pt[i].y = (double)an->timeline[i].tokens;
	}
	/*
	 * Only the starting point: nothing was said yet.  The axis runs to
	 * the end (or now), not the last message: the quiet end shows.
	 */
	view_set_html(v, "token_chart", svg_line_chart(r->a,
	    "Cumulative tokens over minutes since the start", "minute",
	    "tokens", pt, an->npoints > 1 ? an->npoints : 0, an->span_min,
	    CHART_WIDTH, CHART_HEIGHT));
	seg[0] = (struct svg_segment){ "Active", (double)an->active_s,
	    "#2e7d32" };
	seg[1] = (struct svg_segment){ "Idle", (double)an->idle_s, "#f9a825" };
	/* Once ended, what the clock still had is unused, not left. */
	seg[2] = (struct svg_segment){ ended ? "Unused" : "Left",
	    (double)an->left_s, "#90a4ae" };
	texts[0] = analytics_duration(r->a, an->active_s);
	texts[1] = analytics_duration(r->a, an->idle_s);
	texts[2] = analytics_duration(r->a, an->left_s);
	/* No clock ran down: nothing is "left" of a nominal day. */
	view_set_html(v, "time_chart", svg_stacked_bar(r->a, an->untimed ?
	    "Time: active and idle" : ended ? "Time: active, idle and unused" :
	    "Time: active, idle and left", "part",
	    "time", seg, an->untimed ? 2 : 3, texts, CHART_WIDTH));
}

/*
 * An adaptive or one-way interview is questions and answers: the chat's
 * figures (messages, prompts, reply latency) show only when it has
 * messages (a live voice session's transcripts), and its CSV download
 * is labelled for the answers it holds.
 */
static void
set_answers(struct view *v, const struct interview *iv,
    const struct an_interview *an)
{
	int	assisted = interview_is_assisted(iv);

	view_set_bool(v, "chat", assisted || an->messages > 0);
	if (assisted)
		return;
	view_set_bool(v, "answered", 1);
	view_set_int(v, "questions", an->questions);
	view_set_int(v, "answers", an->answers);
	view_set_str(v, "asked_or_set", strcmp(iv->kind, "oneway") == 0 ?
	    "set" : "asked");
	view_set_bool(v, "no_tokens", !interview_has_budget(iv));
	/*
	 * Their token budget is the server's safety cap, never set nor shown
	 * when they are made: the tokens used, not a share of it.
	 */
	view_set_bool(v, "budget_internal", 1);
	/* One-way has a clock, told to the candidate: a day to answer. */
	view_set_bool(v, "oneway", strcmp(iv->kind, "oneway") == 0);
}

/* A limit in whole days as the candidate was told it ("a day"), else h min. */
static const char *
limit_words(struct req *r, long long s)
{
	if (s == 86400)
		return "a day";
	if (s > 0 && s % 86400 == 0)
		return arena_printf(r->a, "%lld days", s / 86400);
	return analytics_duration(r->a, s);
}

/* GET /admin/interviews/:id/analytics */
enum status
admin_interview_analytics(struct req *r)
{
	struct interview	 iv;
	struct an_interview	 an;
	struct view		*v;
	long long		 id;
	int			 ended;
	enum status		 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	st = interview_get(r->a, r->db, r->user->org_id, id, &iv);
	if (st == ST_OK)
		st = interview_check_end(r->a, r->db, &iv);
	if (st == ST_OK)
		st = analytics_interview(r->a, r->db, r->user->org_id, id, &an);
	if (st != ST_OK)
		return st;
	v = page_view(r, arena_printf(r->a, "Analytics: %s",
	    iv.candidate_name), "interviews");
	view_set_int(v, "id", id);
	view_set_str(v, "candidate_name", iv.candidate_name);
	view_set_str(v, "candidate_email", iv.candidate_email);
	view_set_str(v, "challenge_title", iv.challenge_title);
	view_set_str(v, "status", iv.status);
	view_set_num(v, "messages", an.messages);
	view_set_num(v, "user_messages", an.user_messages);
	view_set_num(v, "assistant_messages", an.assistant_messages);
	view_set_str(v, "replies", an.assistant_messages == 1 ? "reply" :
	    "replies");
	/* The rest is the final answer: the parts then add up to the whole. */
	view_set_bool(v, "with_final", an.messages > an.user_messages +
	    an.assistant_messages);
	view_set_num(v, "tokens_in", an.tokens_in);
	view_set_num(v, "tokens_out", an.tokens_out);
	view_set_num(v, "tokens_used", an.tokens_used);
	view_set_num(v, "token_budget", an.token_budget);
	view_set_str(v, "budget_pct", fmt1(r, an.budget_pct));
	view_set_str(v, "used", analytics_duration(r->a, an.used_s));
	view_set_str(v, "limit", analytics_duration(r->a, an.limit_s));
	view_set_str(v, "limit_words", limit_words(r, an.limit_s));
	view_set_str(v, "left", analytics_duration(r->a, an.left_s));
	view_set_bool(v, "untimed", an.untimed);
	set_answers(v, &iv, &an);
	view_set_str(v, "active", analytics_duration(r->a, an.active_s));
	view_set_str(v, "idle", analytics_duration(r->a, an.idle_s));
	view_set_int(v, "idle_gap_min", ANALYTICS_IDLE_GAP_S / 60);
	view_set_str(v, "time_pct", fmt1(r, an.limit_s > 0 ?
	    100.0 * an.used_s / an.limit_s : 0));
	set_num0(v, "avg_prompt_chars", an.avg_prompt_chars);
	set_num0(v, "avg_prompt_tokens", an.avg_prompt_tokens);
	set_num0(v, "avg_latency_ms", an.avg_latency_ms);
	view_set_str(v, "cost", analytics_usd(r->a, an.cost_micros));
	ended = !interview_running(&iv);
	view_set_bool(v, "ended", ended);
	set_charts(r, v, &an, ended);
	return resp_render(r, 200, "admin/analytics_interview", v);
}

static struct view *
sessions_view(struct req *r, const struct an_session *s, size_t n)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_int(e, "id", s[i].id);
		view_set_str(e, "candidate_name", s[i].candidate_name);
		view_set_str(e, "challenge_title", s[i].challenge_title);
		view_set_num(e, "tokens_used", s[i].tokens_used);
		view_set_num(e, "token_budget", s[i].token_budget);
		view_set_str(e, "budget_pct", fmt1(r, s[i].budget_pct));
		view_set_num(e, "user_messages", s[i].user_messages);
		set_num0(e, "tokens_per_message", s[i].tokens_per_message);
		view_push(list, e);
	}
	return list;
}

static void
push_table(struct req *r, struct view *list, const char *heading,
    const struct an_session *s, size_t n)
{
	struct view	*t = view_map(r->a);

	if (heading != NULL)
		view_set_str(t, "heading", heading);
	view_set(t, "rows", sessions_view(r, s, n));
	view_push(list, t);
}

/*
 * The efficiency tables: most and least efficient, or one session with no
 * heading, as it is compared with nothing; none without a session.
 */
static struct view *
tables_view(struct req *r, const struct an_org *o)
{
	struct view	*list = view_list(r->a);

	if (o->sessions == 1)
		push_table(r, list, NULL, o->most, o->nmost);
	else if (o->sessions > 1) {
		push_table(r, list, "Most efficient", o->most, o->nmost);
		push_table(r, list, "Least efficient", o->least, o->nleast);
	}
	return list;
}

/* The completed adaptive interviews' figures, when there are some. */
static void
set_adaptive(struct req *r, struct view *v, const struct an_org *o)
{
	view_set_bool(v, "adaptive_done", o->adaptive_done > 0);
	view_set_num(v, "adaptive_count", o->adaptive_done);
	view_set_str(v, "adaptive_word", o->adaptive_done == 1 ?
	    "interview" : "interviews");
	view_set_num(v, "adaptive_practice", o->adaptive_practice);
	view_set_str(v, "adaptive_avg_answered", fmt1(r,
	    o->adaptive_avg_answered));
	if (o->adaptive_avg_score >= 0)
		view_set_str(v, "adaptive_avg_score", fmt1(r,
		    o->adaptive_avg_score));
}

/* The completed one-way interviews' reviews, when there are some. */
static void
set_oneway(struct req *r, struct view *v, const struct an_org *o)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	view_set_bool(v, "oneway_done", o->oneway_done > 0);
	view_set_num(v, "oneway_count", o->oneway_done);
	view_set_str(v, "oneway_word", o->oneway_done == 1 ? "interview" :
	    "interviews");
	view_set_num(v, "oneway_reviewed", o->oneway_reviewed);
	view_set_count(v, "oneway_ratings", o->oneway_ratings, "rating",
	    "ratings");
	if (o->oneway_ratings > 0)
		view_set_str(v, "oneway_avg_rating", fmt1(r,
		    o->oneway_avg_rating));
	for (i = 0; i < o->noneway_recs; i++) {
		e = view_map(r->a);
		view_set_str(e, "label", recommend_label(
		    o->oneway_recs[i].status));
		view_set_num(e, "count", o->oneway_recs[i].count);
		view_push(list, e);
	}
	view_set(v, "oneway_recs", list);
}

/* GET /admin/analytics */
enum status
admin_analytics(struct req *r)
{
	struct an_org	 o;
	struct view	*v, *list, *e;
	size_t		 i;
	enum status	 st;

	if ((st = analytics_org(r->a, r->db, r->user->org_id, &o)) != ST_OK)
		return st;
	v = page_view(r, "Analytics", "analytics");
	list = view_list(r->a);
	for (i = 0; i < o.nstatus; i++) {
		e = view_map(r->a);
		view_set_str(e, "status", o.by_status[i].status);
		view_set_num(e, "count", o.by_status[i].count);
		view_push(list, e);
	}
	view_set(v, "by_status", list);
	view_set_num(v, "interviews", o.interviews);
	set_num0(v, "avg_tokens", o.avg_tokens);
	view_set_str(v, "avg_budget_pct", fmt1(r, o.avg_budget_pct));
	view_set_str(v, "avg_messages", fmt1(r, o.avg_messages));
	set_num0(v, "avg_latency_ms", o.avg_latency_ms);
	view_set_str(v, "cost", analytics_usd(r->a, o.cost_micros));
	view_set(v, "tables", tables_view(r, &o));
	view_set_bool(v, "one_session", o.sessions == 1);
	set_adaptive(r, v, &o);
	set_oneway(r, v, &o);
	return resp_render(r, 200, "admin/analytics", v);
}
