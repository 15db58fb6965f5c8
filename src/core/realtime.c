/* realtime.c: the product side of a voice session (see realtime.h). */
#include <json-c/json.h>
#include <string.h>

#include "assistant.h"
#include "realtime.h"
#include "lib/log.h"

/*
 * Realtime tools are flat (no "function" wrapper).  evaluate_candidate_answer
 * takes the same arguments as the turn-by-turn evaluator, so evaluate_parse
 * checks both alike.
 */
static const char tools_json[] = "[{\"type\":\"function\","
    "\"name\":\"evaluate_candidate_answer\",\"description\":\"Record the"
    " evaluation of the candidate's answer to the current question; the"
    " result names the next question.\",\"parameters\":{\"type\":\"object\","
    "\"required\":[\"answer_quality\",\"technical_accuracy\","
    "\"explanation_clarity\",\"identified_skills\","
    "\"skill_boundaries_detected\",\"star\",\"reasons\"],\"properties\":{"
    "\"answer_quality\":{\"type\":\"string\",\"enum\":[\"excellent\",\"good\","
    "\"fair\",\"poor\"]},"
    "\"technical_accuracy\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1},"
    "\"explanation_clarity\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1},"
    "\"identified_skills\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
    "\"skill_boundaries_detected\":{\"type\":\"array\",\"items\":"
    "{\"type\":\"string\"}},"
    "\"star\":{\"type\":\"object\",\"properties\":{\"situation\":{\"type\":"
    "\"boolean\"},\"task\":{\"type\":\"boolean\"},\"action\":{\"type\":"
    "\"boolean\"},\"result\":{\"type\":\"boolean\"}}},"
    "\"reasons\":{\"type\":\"string\"}}}},"
    "{\"type\":\"function\",\"name\":\"end_interview\",\"description\":"
    "\"End the interview when the candidate asks to stop.\",\"parameters\":"
    "{\"type\":\"object\",\"properties\":{\"reason\":{\"type\":\"string\"}}}}]";

const char *
realtime_tools_json(void)
{
	return tools_json;
}

/* The newest unanswered question, if any. */
static void
current_question(struct realtime_iv *rt, struct adaptive_question *q, size_t n)
{
	size_t	i;

	rt->n = 0;
	rt->question = "";
	for (i = 0; i < n; i++)
		if (q[i].answer == NULL) {
			rt->n = q[i].n;
			rt->question = q[i].body_md;
		}
}

/*
 * The candidate's transcripts since question n was asked: the answer a
 * session that dropped had begun, which lived in the worker alone.  A
 * transcript is stored before the evaluation that asks the next question
 * (one interview's jobs run in order), so the time splits them.
 */
static enum status
answer_so_far(struct arena *a, struct db *db, long long id, int n,
    const char **out)
{
	const char	*p[] = { db_i64(a, id), db_i64(a, n) };
	struct db_res	*r;
	enum status	 st;

	*out = "";
	if (n == 0)
		return ST_OK;
	st = db_query(a, db, SQL("SELECT coalesce(string_agg(m.content, ' '"
	    " ORDER BY m.seq), '') FROM interview_questions q JOIN messages m"
	    " ON m.interview_id = q.interview_id WHERE q.interview_id = $1"
	    " AND q.n = $2 AND m.role = 'user' AND m.meta->>'source' ="
	    " 'realtime' AND m.created_at >= q.asked_at"), p, 2, &r);
	if (st == ST_OK && db_rows(r) == 1)
		*out = db_get(r, 0, 0);
	return st;
}

static const char *
instructions(struct arena *a, const struct realtime_iv *rt)
{
	const char	*base;

	base = arena_printf(a, "You are a friendly, concise interviewer for the"
	    " role %s, speaking with %s. The interview is at the %s level."
	    " Ask the current question below in your own words, then listen."
	    " When the candidate has answered, call evaluate_candidate_answer"
	    " once with your evaluation; its result gives the next question to"
	    " ask, or says the interview is complete, in which case thank the"
	    " candidate and say goodbye. Do not reveal scores. If the candidate"
	    " asks to stop, call end_interview.\n\nCurrent question (%d): %s",
	    rt->ad.role_name, rt->iv.candidate_name,
	    engine_level_name(rt->ad.state.level), rt->n, rt->question);
	if (*rt->answer == '\0')
		return base;
	/* A reconnect mid-answer: asked again, the candidate would start over. */
	return arena_printf(a, "%s\n\nThe connection dropped while the"
	    " candidate was answering; what they had said so far: \"%s\". Do"
	    " not ask the question again: say you are back and let them go"
	    " on.", base, rt->answer);
}

static enum status
org_of(struct arena *a, struct db *db, long long id, long long *org)
{
	const char	*p[] = { db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT org_id FROM interviews WHERE id = $1"),
	    p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	*org = db_int(r, 0, 0);
	return ST_OK;
}

enum status
realtime_load(struct arena *a, struct db *db, long long id,
    struct realtime_iv *rt, const char **why)
{
	struct adaptive_question	*q;
	size_t				 n;
	long long			 org;
	enum status			 st;

	memset(rt, 0, sizeof(*rt));
	*why = "This interview is not offered by voice.";
	if ((st = org_of(a, db, id, &org)) != ST_OK ||
	    (st = interview_get(a, db, org, id, &rt->iv)) != ST_OK ||
	    (st = interview_check_end(a, db, &rt->iv)) != ST_OK ||
	    (st = adaptive_get(a, db, id, &rt->ad)) != ST_OK)
		return st;
	if (!rt->ad.voice_offered)
		return ST_NOTFOUND;
	*why = "Live voice needs an AI model, and this interview uses the"
	    " offline evaluator: answer in writing.";
	if (!interview_uses_ai(&rt->iv))
		return ST_CONFLICT;
	*why = "The interview is not running.";
	if (strcmp(rt->iv.status, "active") != 0 || !rt->ad.started ||
	    rt->ad.state.complete)
		return ST_CONFLICT;
	if ((st = adaptive_questions(a, db, id, &q, &n)) != ST_OK)
		return st;
	current_question(rt, q, n);
	if ((st = answer_so_far(a, db, id, rt->n, &rt->answer)) != ST_OK)
		return st;
	rt->instructions = instructions(a, rt);
	*why = "";
	return ST_OK;
}

enum status
realtime_running(struct arena *a, struct db *db, long long id, int *ended)
{
	struct interview	iv;
	long long		org;
	enum status		st;

	*ended = 0;
	if ((st = org_of(a, db, id, &org)) != ST_OK ||
	    (st = interview_get(a, db, org, id, &iv)) != ST_OK ||
	    (st = interview_check_end(a, db, &iv)) != ST_OK)
		return st;
	if (strcmp(iv.status, "active") == 0)
		return ST_OK;
	*ended = strcmp(iv.status, "paused") != 0;
	return ST_CONFLICT;
}

enum status
realtime_store(struct arena *a, struct db *db, long long id, const char *role,
    const char *text)
{
	const char	*p[] = { db_i64(a, id), role, text };

	/*
	 * The row lock orders concurrent writers of the same interview's seq;
	 * the UPDATE that takes it counts the message (sql/028).
	 */
	return db_exec(a, db, SQL("WITH l AS (UPDATE interviews SET"
	    " chat_messages = chat_messages + 1, chat_user_messages ="
	    " chat_user_messages + ($2 = 'user')::int, chat_replies ="
	    " chat_replies + ($2 = 'assistant')::int WHERE id = $1"
	    " RETURNING id) INSERT INTO messages (interview_id, seq, role,"
	    " content, meta) SELECT $1, coalesce((SELECT max(seq) FROM messages"
	    " WHERE interview_id = $1), 0) + 1, $2, $3,"
	    " '{\"source\":\"realtime\"}' FROM l"), p, 3, NULL);
}

enum status
realtime_charge(struct arena *a, struct db *db, const struct config *cfg,
    long long id, const char *model, int in, int out)
{
	const char	*p[5];

	if (in + out <= 0)
		return ST_OK;
	p[0] = db_i64(a, id);
	p[1] = db_i64(a, in);
	p[2] = db_i64(a, out);
	p[3] = model;
	p[4] = db_i64(a, assistant_cost_micros(cfg, model, in, out));
	return db_exec(a, db, SQL("WITH u AS (INSERT INTO usage (interview_id,"
	    " state, reserved, prompt_tokens, completion_tokens, model,"
	    " cost_micros, settled_at) VALUES ($1, 'settled', 0, $2, $3, $4,"
	    " $5, now())) UPDATE interviews SET tokens_used = tokens_used + $2"
	    " + $3, cost_micros = cost_micros + $5 WHERE id = $1"), p, 5, NULL);
}

static const char *
to_text(struct arena *a, struct json_object *o)
{
	const char	*s = arena_strdup(a, json_object_to_json_string_ext(o,
			    JSON_C_TO_STRING_PLAIN));

	json_object_put(o);
	return s;
}

enum status
realtime_evaluate(struct arena *a, struct db *db, long long id,
    const char *answer, const char *args, const char **output, int *complete)
{
	struct adaptive_outcome	 out;
	struct realtime_iv	 rt;
	struct json_object	*o = json_object_new_object();
	const char		*why;
	enum status		 st;

	*complete = 0;
	if ((st = org_of(a, db, id, &rt.iv.org_id)) != ST_OK ||
	    (st = interview_get(a, db, rt.iv.org_id, id, &rt.iv)) != ST_OK) {
		json_object_put(o);
		return st;
	}
	st = adaptive_answer_evaluated(a, db, &rt.iv, answer, args, &out);
	if (st == ST_CONFLICT) {
		json_object_object_add(o, "error", json_object_new_string(
		    "the interview is not taking answers"));
		*complete = 1;
		*output = to_text(a, o);
		return ST_OK;
	}
	if (st != ST_OK) {
		json_object_put(o);
		return st;
	}
	json_object_object_add(o, "recorded", json_object_new_boolean(1));
	json_object_object_add(o, "move", json_object_new_string(
	    engine_move_name(out.decision.move)));
	json_object_object_add(o, "next_level", json_object_new_string(
	    engine_level_name(out.decision.next_level)));
	json_object_object_add(o, "complete",
	    json_object_new_boolean(out.complete));
	*complete = out.complete;
	if (!out.complete && realtime_load(a, db, id, &rt, &why) == ST_OK)
		json_object_object_add(o, "next_question",
		    json_object_new_string(rt.question));
	*output = to_text(a, o);
	return ST_OK;
}

enum status
realtime_end(struct arena *a, struct db *db, long long id, const char **output)
{
	const char		*p[] = { db_i64(a, id) };
	struct json_object	*o = json_object_new_object();
	long			 n = 0;
	enum status		 st;

	st = db_exec(a, db, SQL("UPDATE interviews SET status = 'completed',"
	    " ended_at = now(), end_reason = 'ai' WHERE id = $1"
	    " AND status = 'active'"), p, 1, &n);
	if (st != ST_OK) {
		json_object_put(o);
		return st;
	}
	json_object_object_add(o, "ended", json_object_new_boolean(n > 0));
	*output = to_text(a, o);
	return ST_OK;
}
