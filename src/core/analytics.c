/* analytics.c: per-interview figures and the org's overview, all in SQL. */
#include <stdlib.h>

#include "interview.h"
#include "analytics.h"

static double
dbl(const struct db_res *r, int row, int col)
{
	return strtod(db_get(r, row, col), NULL);
}

/*
 * Seconds the clock ran, from the start to the end (or now), less pauses:
 * the limit less the time left, so that used and left add up to the limit
 * (each floored on its own, they came a second short) and used stops at it.
 * An adaptive interview with no time limit has no clock counting down (its
 * nominal day stays whole): the time it took.  Nor has a one-way one,
 * whose day is a window to answer in, not a limit the interviewer set:
 * "0.0% of 24 h used, 23 h 59 min left" said nothing of a finished one.
 * Rounded up, as the total less the time left (rounded down) is, which the
 * lists show: 3 min 21.2 s took "3 min 22 s" on both.
 */
#define NO_CLOCK_SQL	"(" INTERVIEW_UNTIMED_SQL " OR kind = 'oneway')"
#define USED_SQL \
	"(CASE WHEN started_at IS NOT NULL AND " NO_CLOCK_SQL \
	" THEN greatest(0, ceil(" INTERVIEW_RAN_SQL "))::bigint" \
	" ELSE time_limit_s + extended_s - " INTERVIEW_TIME_LEFT_SQL " END)"

/*
 * The timeline's extent in minutes, on its clock (wall time since the
 * start, pauses in it, as the messages' minutes are): to the end, or the
 * pause, or now, as idle() counts to; 0 before the start.
 */
#define SPAN_SQL \
	"coalesce(greatest(0, extract(epoch FROM coalesce(i.ended_at," \
	" i.paused_at, now()) - i.started_at) / 60.0), 0)"

/*
 * Usage rows charged to the budget outside the chat (whose replies are
 * messages): an adaptive interview's evaluations and questions, a live voice
 * session.  A chat reply's row had a hold (reserved > 0); a transcription is
 * priced but not budgeted.
 */
#define OUTSIDE_CHAT_SQL \
	"state = 'settled' AND budgeted AND reserved = 0"

/*
 * What the interview was charged and how: tokens_in and tokens_out are the
 * chat replies' and the other charged calls' prompt and reply tokens, so
 * they add up to tokens_used.
 */
static enum status
totals(struct arena *a, struct db *db, const char *const *p,
    struct an_interview *out)
{
	struct db_res	*r;
	enum status	 st;
	long long	 usage_cost;

	st = db_query(a, db, SQL("SELECT tokens_used, token_budget,"
	    " time_limit_s + extended_s, " INTERVIEW_TIME_LEFT_SQL ","
	    " " USED_SQL ", cost_micros,"
	    " (SELECT coalesce(sum(u.cost_micros), 0) FROM usage u"
	    "  WHERE u.interview_id = i.id),"
	    " m.n, m.nu, m.na, m.tin + x.tin, m.tout + x.tout, m.ach, m.atok,"
	    " m.alat, " NO_CLOCK_SQL ", q.n + o.n, q.a + o.a,"
	    " " SPAN_SQL
	    " FROM interviews i,"
	    " LATERAL (SELECT count(*) n, count(answered_at) a"
	    "  FROM interview_questions WHERE interview_id = i.id) q,"
	    " LATERAL (SELECT count(*) n, count(submitted) a"
	    "  FROM oneway_questions WHERE interview_id = i.id) o,"
	    " LATERAL (SELECT"
	    "  coalesce(sum(prompt_tokens), 0) tin,"
	    "  coalesce(sum(completion_tokens), 0) tout FROM usage"
	    "  WHERE interview_id = i.id AND " OUTSIDE_CHAT_SQL ") x,"
	    " LATERAL (SELECT count(*) n,"
	    "  count(*) FILTER (WHERE role = 'user') nu,"
	    "  count(*) FILTER (WHERE role = 'assistant') na,"
	    "  coalesce(sum(tokens_in) FILTER (WHERE role = 'assistant'), 0)"
	    "  tin,"
	    "  coalesce(sum(tokens_out) FILTER (WHERE role = 'assistant'), 0)"
	    "  tout,"
	    "  coalesce(avg(length(content)) FILTER (WHERE role = 'user'), 0)"
	    "  ach,"
	    "  coalesce(avg(tokens_out) FILTER (WHERE role = 'user'), 0) atok,"
	    "  coalesce(avg(latency_ms) FILTER (WHERE role = 'assistant'), 0)"
	    "  alat FROM messages WHERE interview_id = i.id) m"
	    " WHERE i.org_id = $1 AND i.id = $2"), p, 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	out->tokens_used = (int)db_int(r, 0, 0);
	out->token_budget = (int)db_int(r, 0, 1);
	out->budget_pct = out->token_budget > 0 ?
	    100.0 * out->tokens_used / out->token_budget : 0;
	out->limit_s = db_int(r, 0, 2);
	out->left_s = db_int(r, 0, 3);
	out->used_s = db_int(r, 0, 4);
	out->untimed = db_bool(r, 0, 15);
	out->questions = (int)db_int(r, 0, 16);
	out->answers = (int)db_int(r, 0, 17);
	out->span_min = dbl(r, 0, 18);
	out->cost_micros = db_int(r, 0, 5);
	usage_cost = db_int(r, 0, 6);
	if (out->cost_micros == 0)
		out->cost_micros = usage_cost;
	out->messages = (int)db_int(r, 0, 7);
	out->user_messages = (int)db_int(r, 0, 8);
	out->assistant_messages = (int)db_int(r, 0, 9);
	out->tokens_in = db_int(r, 0, 10);
	out->tokens_out = db_int(r, 0, 11);
	out->avg_prompt_chars = dbl(r, 0, 12);
	out->avg_prompt_tokens = dbl(r, 0, 13);
	out->avg_latency_ms = dbl(r, 0, 14);
	return ST_OK;
}

/*
 * Idle seconds: gaps over the threshold between candidate activity: the
 * start, each message or final answer, each adaptive answer, each one-way
 * recording, the end (or now).
 */
static enum status
idle(struct arena *a, struct db *db, const char *const *p,
    struct an_interview *out)
{
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("WITH iv AS (SELECT started_at,"
	    " coalesce(ended_at, paused_at, now()) fin FROM interviews"
	    " WHERE org_id = $1 AND id = $2 AND started_at IS NOT NULL),"
	    " t AS (SELECT started_at ts FROM iv UNION ALL"
	    " SELECT m.created_at FROM messages m, iv WHERE m.interview_id = $2"
	    " AND m.role IN ('user', 'final') UNION ALL"
	    " SELECT q.answered_at FROM interview_questions q, iv"
	    " WHERE q.interview_id = $2 AND q.answered_at IS NOT NULL"
	    " UNION ALL SELECT c.created_at FROM recordings c, iv"
	    " WHERE c.interview_id = $2 UNION ALL SELECT fin FROM iv),"
	    " g AS (SELECT extract(epoch FROM ts - lag(ts) OVER (ORDER BY ts))"
	    " gap FROM t)"
	    " SELECT coalesce(floor(sum(gap) FILTER (WHERE gap > "
	    ANALYTICS_IDLE_GAP_STR ")), 0)::bigint FROM g"), p, 2, &r);
	if (st != ST_OK)
		return st;
	out->idle_s = db_rows(r) == 1 ? db_int(r, 0, 0) : 0;
	if (out->idle_s > out->used_s)
		out->idle_s = out->used_s;
	out->active_s = out->used_s - out->idle_s;
	return ST_OK;
}

/*
 * Cumulative charged tokens at each message and each call outside the chat:
 * a reply adds its prompt and its own tokens, as does a call (an adaptive
 * interview's evaluation, say); a candidate's message adds nothing, as its
 * tokens are charged within the next reply's prompt (counting them too would
 * end the line above tokens_used).
 */
static enum status
timeline(struct arena *a, struct db *db, const char *const *p,
    struct an_interview *out)
{
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT greatest(0, extract(epoch FROM"
	    " t.ts - coalesce(i.started_at, i.created_at)) / 60.0),"
	    " sum(t.tok) OVER (ORDER BY t.ts, t.ord ROWS UNBOUNDED PRECEDING)"
	    " FROM (SELECT created_at ts, seq ord, CASE WHEN role ="
	    "  'assistant' THEN tokens_in + tokens_out ELSE 0 END tok"
	    "  FROM messages WHERE interview_id = $2 UNION ALL"
	    "  SELECT settled_at, 0, prompt_tokens + completion_tokens"
	    "  FROM usage WHERE interview_id = $2 AND " OUTSIDE_CHAT_SQL ") t"
	    " JOIN interviews i ON i.id = $2 WHERE i.org_id = $1"
	    " ORDER BY t.ts, t.ord"), p, 2, &r);
	if (st != ST_OK)
		return st;
	out->npoints = (size_t)db_rows(r) + 1;
	out->timeline = arena_calloc(a, out->npoints, sizeof(*out->timeline));
	for (i = 0; i < db_rows(r); i++) {
		out->timeline[i + 1].minute = dbl(r, i, 0);
		out->timeline[i + 1].tokens = db_int(r, i, 1);
	}
	return ST_OK;
}

enum status
analytics_interview(struct arena *a, struct db *db, long long org_id,
    long long id, struct an_interview *out)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id) };
	enum status	 st;

	*out = (struct an_interview){ 0 };
	if ((st = totals(a, db, p, out)) != ST_OK)
		return st;
	if ((st = idle(a, db, p, out)) != ST_OK)
		return st;
	return timeline(a, db, p, out);
}

/* One table's sessions, and *total, how many there are in all. */
static enum status
sessions(struct arena *a, struct db *db, const char *sql, const char *org,
    struct an_session **out, size_t *n, long long *total)
{
	const char	*p[] = { org };
	struct db_res	*r;
	struct an_session *s;
	enum status	 st;
	int		 i;

	if ((st = db_query(a, db, sql, p, 1, &r)) != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*total = *n > 0 ? db_int(r, 0, 8) : 0;
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++) {
		s = &(*out)[i];
		s->id = db_int(r, i, 0);
		s->candidate_name = db_get(r, i, 1);
		s->challenge_title = db_get(r, i, 2);
		s->tokens_used = (int)db_int(r, i, 3);
		s->token_budget = (int)db_int(r, i, 4);
		s->budget_pct = dbl(r, i, 5);
		s->user_messages = (int)db_int(r, i, 6);
		s->tokens_per_message = dbl(r, i, 7);
	}
	return ST_OK;
}

/*
 * Completed sessions where the candidate asked something at least once,
 * and how many in all.  The id breaks ties in the same direction, so DESC
 * is ASC read backwards and the two ends of the list meet, never cross.
 * The interviews' own counts of their chat (sql/028): counting each one's
 * messages made the overview read every message of the org, three times.
 */
#define SESSIONS_SQL(order) \
	"SELECT i.id, candidate_name, challenge_title, tokens_used," \
	" token_budget, tokens_used * 100.0 / token_budget," \
	" chat_user_messages, tokens_used::float8 / chat_user_messages," \
	" count(*) OVER () FROM interviews i" \
	" WHERE i.org_id = $1 AND i.kind = 'assisted'" \
	" AND i.status = 'completed' AND chat_user_messages > 0" \
	" ORDER BY tokens_used::float8 / token_budget " order ", i.id " order \
	" LIMIT " ANALYTICS_TOP_STR

/*
 * A session is the most or the least efficient, not both: the most take
 * the better half, the least what is left.  One session is compared with
 * nothing: it stays in most alone (it was the one row of both tables).
 */
static void
split_sessions(struct an_org *o)
{
	size_t	half;

	half = (size_t)(o->sessions + 1) / 2;
	if (o->nmost > half)
		o->nmost = half;
	if (o->nleast > (size_t)o->sessions - o->nmost)
		o->nleast = (size_t)o->sessions - o->nmost;
}

/*
 * The completed adaptive interviews: how many (practice among them), the
 * questions answered in each on average, and the mean composite score of
 * every answer scored in them.
 */
static enum status
adaptive_figures(struct arena *a, struct db *db, const char *org,
    struct an_org *out)
{
	const char	*p[] = { org };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("WITH done AS (SELECT id, practice FROM"
	    " interviews WHERE org_id = $1 AND kind = 'adaptive'"
	    " AND status = 'completed'), answers AS (SELECT q.interview_id,"
	    " (q.evaluation->>'composite')::float8 AS score FROM"
	    " interview_questions q JOIN done d ON d.id = q.interview_id"
	    " WHERE q.answer IS NOT NULL)"
	    " SELECT (SELECT count(*) FROM done),"
	    " (SELECT count(*) FROM done WHERE practice),"
	    " coalesce((SELECT count(*) FROM answers)::float8 /"
	    " nullif((SELECT count(*) FROM done), 0), 0),"
	    " coalesce((SELECT avg(score) * 100 FROM answers), -1)"), p, 1, &r);
	if (st != ST_OK || db_rows(r) != 1)
		return st;
	out->adaptive_done = db_int(r, 0, 0);
	out->adaptive_practice = db_int(r, 0, 1);
	out->adaptive_avg_answered = dbl(r, 0, 2);
	out->adaptive_avg_score = dbl(r, 0, 3);
	return ST_OK;
}

/*
 * The completed one-way interviews: how many, how many have a reviewer's
 * recommendation, the answers' ratings (every reviewer's) and the
 * recommendations given, by value.
 */
static enum status
oneway_figures(struct arena *a, struct db *db, const char *org,
    struct an_org *out)
{
	const char	*p[] = { org };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("WITH done AS (SELECT id FROM interviews"
	    " WHERE org_id = $1 AND kind = 'oneway' AND status = 'completed')"
	    " SELECT (SELECT count(*) FROM done),"
	    " (SELECT count(DISTINCT c.interview_id) FROM"
	    " oneway_recommendations c JOIN done d ON d.id = c.interview_id),"
	    " count(g.rating), coalesce(avg(g.rating), 0) FROM done d"
	    " JOIN oneway_ratings g ON g.interview_id = d.id"), p, 1, &r);
	if (st != ST_OK || db_rows(r) != 1)
		return st;
	out->oneway_done = db_int(r, 0, 0);
	out->oneway_reviewed = db_int(r, 0, 1);
	out->oneway_ratings = db_int(r, 0, 2);
	out->oneway_avg_rating = dbl(r, 0, 3);
	st = db_query(a, db, SQL("SELECT c.recommendation, count(*) FROM"
	    " oneway_recommendations c JOIN interviews i ON i.id ="
	    " c.interview_id WHERE i.org_id = $1 AND i.status = 'completed'"
	    /* Every kind has them since sql/042: these are one-way's. */
	    " AND i.kind = 'oneway' GROUP BY 1 ORDER BY array_position("
	    "ARRAY['strong_yes', 'yes', 'no', 'strong_no'], c.recommendation)"),
	    p, 1, &r);
	if (st != ST_OK)
		return st;
	out->noneway_recs = (size_t)db_rows(r);
	out->oneway_recs = arena_calloc(a, out->noneway_recs + 1,
	    sizeof(*out->oneway_recs));
	for (i = 0; i < db_rows(r); i++) {
		out->oneway_recs[i].status = db_get(r, i, 0);
		out->oneway_recs[i].count = db_int(r, i, 1);
	}
	return ST_OK;
}

enum status
analytics_org(struct arena *a, struct db *db, long long org_id,
    struct an_org *out)
{
	const char	*org = db_i64(a, org_id);
	const char	*p[] = { org };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	*out = (struct an_org){ 0 };
	/*
	 * The cost with the counts, of every kind: adaptive evaluations and
	 * one-way transcriptions are paid for too (it was summed with the
	 * averages below, of assisted interviews only).
	 */
	st = db_query(a, db, SQL("SELECT status, count(*), sum(cost_micros)"
	    " FROM interviews WHERE org_id = $1 GROUP BY status"
	    " ORDER BY status"), p, 1, &r);
	if (st != ST_OK)
		return st;
	out->nstatus = (size_t)db_rows(r);
	out->by_status = arena_calloc(a, out->nstatus + 1,
	    sizeof(*out->by_status));
	for (i = 0; i < db_rows(r); i++) {
		out->by_status[i].status = db_get(r, i, 0);
		out->by_status[i].count = db_int(r, i, 1);
		out->interviews += out->by_status[i].count;
		out->cost_micros += db_int(r, i, 2);
	}
	/*
	 * Averages over the assisted interviews that started: only they have
	 * a budget of their own and a chat (a one-way interview's budget is a
	 * placeholder it never spends, which pulled "budget used" down).
	 */
	st = db_query(a, db, SQL("SELECT coalesce(avg(tokens_used), 0),"
	    " coalesce(avg(tokens_used * 100.0 / token_budget), 0),"
	    /* The candidate's, as the table of sessions counts them. */
	    " coalesce(avg(chat_user_messages), 0),"
	    /*
	     * The latency of the chat's replies, as the other averages: a
	     * voice interview's transcripts of the AI have none (0 ms), and
	     * counted in with the rest they pulled it down.
	     */
	    " coalesce(sum(chat_reply_ms)::float8 / nullif(sum(chat_replies),"
	    " 0), 0)"
	    " FROM interviews i WHERE i.org_id = $1"
	    " AND i.started_at IS NOT NULL AND i.kind = 'assisted'"), p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) == 1) {
		out->avg_tokens = dbl(r, 0, 0);
		out->avg_budget_pct = dbl(r, 0, 1);
		out->avg_messages = dbl(r, 0, 2);
		out->avg_latency_ms = dbl(r, 0, 3);
	}
	if ((st = adaptive_figures(a, db, org, out)) != ST_OK ||
	    (st = oneway_figures(a, db, org, out)) != ST_OK)
		return st;
	st = sessions(a, db, SQL(SESSIONS_SQL("ASC")), org, &out->most,
	    &out->nmost, &out->sessions);
	if (st == ST_OK)
		st = sessions(a, db, SQL(SESSIONS_SQL("DESC")), org,
		    &out->least, &out->nleast, &out->sessions);
	if (st == ST_OK)
		split_sessions(out);
	return st;
}

const char *
analytics_usd(struct arena *a, long long micros)
{
	const char	*sign = micros < 0 ? "-" : "";
	long long	 m = micros < 0 ? -micros : micros;
	long long	 units = (m + 50) / 100;	/* of $0.0001, rounded */

	/* A real cost never reads as nothing: 49 micros is not $0.0000. */
	if (m > 0 && units == 0)
		return arena_printf(a, "%sunder $0.0001", sign);
	return arena_printf(a, "%s$%lld.%04lld", sign, units / 10000,
	    units % 10000);
}

/*
 * The interview page's way (its resource panel, web/candidate.c), so a
 * duration reads the same on every page: analytics wrote "45m 00s" beside
 * its "45 min 00 s".
 */
const char *
analytics_duration(struct arena *a, long long s)
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		return arena_printf(a, "%lld h %02lld min", s / 3600,
		    s / 60 % 60);
	return arena_printf(a, "%lld min %02lld s", s / 60, s % 60);
}
