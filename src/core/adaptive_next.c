/*
 * adaptive_next.c: the next adaptive question when the bank alone does not
 * give it: a follow-up phrased by the model (or the bank question's stored
 * follow-up when there is no model or it fails), or a question the model
 * writes with its rubric.  The model takes seconds, so the question is
 * prepared before the row lock for the engine's decision as predicted on
 * a copy of the state (the engine is pure); under the lock it is used only
 * if the engine decided the same, else the bank is asked as before.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "adaptive_impl.h"
#include "lib/log.h"
#include "questioner.h"

/* Whether the interview's model can be asked (not builtin, a provider set). */
static int
has_model(const struct assistant_env *env, const struct interview *iv)
{
	return env != NULL && env->prov != NULL &&
	    strcmp(iv->model, "builtin") != 0;
}

/* The stored follow-up prompts (a JSON array of strings) as a list. */
static const char **
prompts(struct arena *a, const char *json, size_t *n)
{
	struct json_object	*o = json_tokener_parse(json), *e;
	const char		**p;
	size_t			 i;

	*n = 0;
	if (o == NULL || !json_object_is_type(o, json_type_array)) {
		json_object_put(o);
		return NULL;
	}
	p = arena_calloc(a, json_object_array_length(o) + 1, sizeof(*p));
	for (i = 0; i < json_object_array_length(o); i++) {
		e = json_object_array_get_idx(o, i);
		if (json_object_is_type(e, json_type_string) &&
		    json_object_get_string_len(e) > 0)
			p[(*n)++] = arena_strdup(a, json_object_get_string(e));
	}
	json_object_put(o);
	return p;
}

static void
want(struct next_question *nq, const struct engine_state *s)
{
	nq->wanted = 1;
	nq->level = s->level;
	snprintf(nq->skill, sizeof(nq->skill), "%s", s->current_skill);
	nq->hard_end = s->hard_end;
}

/*
 * A follow-up to c: phrased by the model when there is one, else the first
 * stored prompt; with neither, nq->why tells the bank's question why.
 */
static enum status
follow_up(struct arena *a, struct db *db, const struct assistant_env *env,
    const struct interview *iv, const struct adaptive *ad,
    const struct current *c, const char *answer, struct next_question *nq)
{
	struct qw_input		 in;
	struct qw_result	 res;
	const char		*failure = NULL;
	enum status		 st;

	memset(&in, 0, sizeof(in));
	in.prompts = prompts(a, c->follow_ups, &in.nprompts);
	nq->skill_area = c->skill;
	nq->category = c->category;
	/*
	 * Not the parent's rubric: the follow-up asks something else, and a
	 * right answer to it was marked poor for missing the parent's points.
	 * The model's follow-up comes with its own; a stored one has none,
	 * and is judged on its own terms (scorer.c, evaluate.c).
	 */
	nq->rubric = NULL;
	nq->parent_n = c->n;
	if (has_model(env, iv)) {
		in.model = iv->model;
		in.role = ad->role_name;
		in.skill = c->skill;
		in.level = c->difficulty;
		in.question = c->body_md;
		in.answer = answer;
		if ((st = adaptive_history(a, db, iv->id, &in.history,
		    &in.nhistory)) != ST_OK)
			return st;
		st = questioner_follow_up(a, env->prov, &in, &res);
		nq->prompt_tokens = res.prompt_tokens;
		nq->completion_tokens = res.completion_tokens;
		if (st == ST_OK) {
			nq->source = "model_followup";
			nq->body = res.body;
			nq->rubric = res.rubric;
			nq->sample_answer = res.sample_answer;
			return ST_OK;
		}
		failure = res.failure;
		log_warn("interview %lld: %s; a stored follow-up is asked",
		    iv->id, failure);
	}
	if (in.nprompts > 0) {
		nq->source = "stored_followup";
		nq->body = in.prompts[0];
		if (failure != NULL)
			nq->why = arena_printf(a, "The model could not phrase a"
			    " follow-up (%s); the bank's stored follow-up was"
			    " asked.", failure);
		return ST_OK;
	}
	nq->why = arena_printf(a, "No follow-up is stored for question %d%s%s;"
	    " the next bank question was asked.", c->n, failure != NULL ?
	    " and the model could not phrase one: " : "", failure != NULL ?
	    failure : "");
	return ST_OK;
}

/* A question written by the model for the state's level and skill. */
static void
generate(struct arena *a, const struct assistant_env *env,
    const struct interview *iv, const struct adaptive *ad,
    struct qw_input *in, struct next_question *nq)
{
	struct qw_result	 res;

	in->model = iv->model;
	in->role = ad->role_name;
	in->skill = nq->skill;
	in->level = engine_level_name(nq->level);
	in->hard_end = nq->hard_end;
	if (!has_model(env, iv)) {
		nq->why = "No AI model is available to write the question; the"
		    " bank's question at this level was asked.";
		return;
	}
	if (questioner_generate(a, env->prov, in, &res) == ST_OK) {
		nq->source = "generated";
		nq->body = res.body;
		nq->rubric = res.rubric;
		nq->sample_answer = res.sample_answer;
		nq->skill_area = nq->skill;
		nq->category = "technical";
	} else {
		log_warn("interview %lld: %s; the bank is asked", iv->id,
		    res.failure);
		nq->why = arena_printf(a, "The model could not write the"
		    " question (%s); the bank's question at this level was"
		    " asked.", res.failure);
	}
	nq->prompt_tokens = res.prompt_tokens;
	nq->completion_tokens = res.completion_tokens;
}

enum status
adaptive_next_prepare(struct arena *a, struct db *db,
    const struct assistant_env *env, const struct interview *iv,
    const struct current *c, const char *answer, const struct evaluation *ev,
    struct next_question *nq)
{
	struct adaptive		 ad;
	struct decision		 d;
	struct qw_input		 in;
	enum status		 st;
	int			 engine_ran;

	memset(nq, 0, sizeof(*nq));
	if (strcmp(c->source, "bank") == 0)
		return ST_OK;	/* no query more than before for the bank */
	if ((st = adaptive_get(a, db, iv->id, &ad)) != ST_OK)
		return st;
	if (!ad.started)
		return ST_OK;
	/* The third is the bank's behavioural question, when the role has one. */
	if (c->n + 1 == BEHAVIORAL_AT &&
	    adaptive_has_behavioral(a, db, iv->org_id, ad.role))
		return ST_OK;
	/* The same call answer_locked makes; ad.state is a copy. */
	engine_ran = strcmp(c->category, "behavioral") != 0 || c->time_up;
	memset(&d, 0, sizeof(d));
	if (engine_ran)
		engine_answer(&ad.state, c->skill, ev, c->time_up,
		    (long long)time(NULL), &d);
	else
		engine_aside(&ad.state);
	if (ad.state.complete)
		return ST_OK;
	want(nq, &ad.state);
	if (strcmp(ad.question_source, "bank_followups") == 0) {
		/*
		 * Not a probe deeper, or one after a probe: the bank's.  A
		 * thread drilled answer after answer would leave the rest of
		 * the level unasked.
		 */
		if (!engine_ran || d.move != MV_STAY || c->parent_n > 0 ||
		    strcmp(d.next_skill, c->skill) != 0)
			return ST_OK;
		return follow_up(a, db, env, iv, &ad, c, answer, nq);
	}
	memset(&in, 0, sizeof(in));
	if ((st = adaptive_history(a, db, iv->id, &in.history,
	    &in.nhistory)) != ST_OK)
		return st;
	in.question = c->body_md;
	in.answer = answer;
	generate(a, env, iv, &ad, &in, nq);
	return ST_OK;
}

enum status
adaptive_next_first(struct arena *a, struct db *db,
    const struct assistant_env *env, const struct interview *iv,
    const struct engine_state *s, struct next_question *nq)
{
	struct adaptive	 ad;
	struct qw_input	 in;
	enum status	 st;

	memset(nq, 0, sizeof(*nq));
	if ((st = adaptive_get(a, db, iv->id, &ad)) != ST_OK)
		return st;
	if (ad.started || strcmp(ad.question_source, "generated") != 0)
		return ST_OK;
	want(nq, s);
	memset(&in, 0, sizeof(in));
	generate(a, env, iv, &ad, &in, nq);
	return ST_OK;
}

int
adaptive_next_fits(const struct next_question *nq,
    const struct engine_state *s)
{
	return nq->wanted && !s->complete && nq->level == s->level &&
	    nq->hard_end == s->hard_end &&
	    strcmp(nq->skill, s->current_skill) == 0;
}

enum status
adaptive_next_insert(struct arena *a, struct db *db, long long iv, int n,
    const struct next_question *nq)
{
	const char	*p[12];

	p[0] = db_i64(a, iv);
	p[1] = db_i64(a, n);
	p[2] = nq->skill_area;
	p[3] = nq->category;
	/* Asked at the engine's level, whatever a parent or a model says. */
	p[4] = p[6] = engine_level_name(nq->level);
	p[5] = nq->body;
	p[7] = nq->source;
	p[8] = nq->rubric != NULL && *nq->rubric != '\0' ? nq->rubric : NULL;
	p[9] = nq->parent_n > 0 ? db_i64(a, nq->parent_n) : NULL;
	p[10] = nq->why != NULL ? nq->why : "";
	p[11] = nq->sample_answer;
	return db_exec_deferred(db, SQL("INSERT INTO interview_questions"
	    " (interview_id, n, skill_area, category, difficulty, body_md,"
	    " wanted_level, source, rubric, parent_n, note, sample_answer)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::int, $11,"
	    " $12)"), p, 12);
}
