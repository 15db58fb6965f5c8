/*
 * adaptive.c: the adaptive interview turn by turn.  Each answer is scored
 * (the builtin scorer here), handed to the engine, and recorded with the
 * engine's new state and the next question in one transaction that holds
 * the interview's row lock, so that two answers arriving at once are
 * applied one after the other: the second finds its question answered.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "adaptive_impl.h"
#include "evaluate.h"
#include "lib/log.h"
#include "scorer.h"

/* The engine's state from its JSON text; started = 0 for the empty default. */
static enum status
state_parse(const char *text, struct adaptive *ad)
{
	struct json_object	*o = json_tokener_parse(text);
	enum status		 st;

	if (o == NULL)
		return ST_INTERNAL;
	st = engine_from_json(o, &ad->state);
	json_object_put(o);
	if (st == ST_NOTFOUND) {
		ad->started = 0;
		return ST_OK;
	}
	ad->started = st == ST_OK;
	return st == ST_OK ? ST_OK : ST_INTERNAL;
}

/*
 * The engine's state and settings, after the role and its name (which get()
 * reads two ways): state_of_row's columns.
 */
#define STATE_COLS	"min_questions, max_questions, practice, timed," \
	" adaptive_state::text, question_source, voice_offered"

/* Role, role name and STATE_COLS, from column `at` on. */
static enum status
state_of_row(const struct db_res *r, int at, struct adaptive *ad)
{
	ad->role = db_get(r, 0, at);
	ad->role_name = db_get(r, 0, at + 1);
	ad->min_questions = (int)db_int(r, 0, at + 2);
	ad->max_questions = (int)db_int(r, 0, at + 3);
	ad->practice = db_bool(r, 0, at + 4);
	ad->timed = db_bool(r, 0, at + 5);
	ad->question_source = db_get(r, 0, at + 7);
	ad->voice_offered = db_bool(r, 0, at + 8);
	return state_parse(db_get(r, 0, at + 6), ad);
}

static enum status
get(struct arena *a, struct db *db, long long iv, int lock,
    struct adaptive *ad)
{
	const char	*p[] = { db_i64(a, iv) };
	struct db_res	*r;
	enum status	 st;

	memset(ad, 0, sizeof(*ad));
	st = db_query(a, db, lock ?
	    SQL("SELECT role, role, " STATE_COLS " FROM interviews"
	    " WHERE id = $1 AND kind = 'adaptive' FOR UPDATE") :
	    SQL("SELECT i.role, coalesce((SELECT r.name FROM roles r WHERE"
	    " r.slug = i.role AND (r.org_id IS NULL OR r.org_id = i.org_id)"
	    " ORDER BY r.org_id NULLS LAST LIMIT 1), i.role), " STATE_COLS
	    " FROM interviews i WHERE id = $1 AND kind = 'adaptive'"),
	    p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	return state_of_row(r, 0, ad);
}

enum status
adaptive_get(struct arena *a, struct db *db, long long iv,
    struct adaptive *ad)
{
	return get(a, db, iv, 0, ad);
}

enum status
adaptive_questions(struct arena *a, struct db *db, long long iv,
    struct adaptive_question **out, size_t *n)
{
	const char		*p[] = { db_i64(a, iv) };
	struct adaptive_question *q;
	struct db_res		*r;
	enum status		 st;
	int			 i;

	st = db_query(a, db, SQL("SELECT iq.id, iq.n, iq.skill_area,"
	    " iq.category, iq.difficulty, iq.wanted_level, iq.note,"
	    " iq.body_md, coalesce(iq.sample_answer, q.sample_answer, ''),"
	    " iq.answer,"
	    " iq.evaluation::text,"
	    " to_char(iq.asked_at AT TIME ZONE 'UTC', 'HH24:MI:SS'),"
	    " iq.source, coalesce(iq.parent_n, 0), iq.tokens, iq.cost_micros,"
	    /* Late: after the end by time (ended_at is the deadline). */
	    " CASE WHEN i.end_reason = 'time' AND iq.answered_at > i.ended_at"
	    " THEN greatest(1, round(extract(epoch FROM iq.answered_at -"
	    " i.ended_at)))::bigint ELSE -1 END"
	    " FROM interview_questions iq JOIN interviews i"
	    " ON i.id = iq.interview_id LEFT JOIN questions q"
	    " ON q.id = iq.question_id WHERE iq.interview_id = $1"
	    " ORDER BY iq.n"), p, 1, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++) {
		q = &(*out)[i];
		q->id = db_int(r, i, 0);
		q->n = (int)db_int(r, i, 1);
		q->skill_area = db_get(r, i, 2);
		q->category = db_get(r, i, 3);
		q->difficulty = db_get(r, i, 4);
		q->wanted_level = db_get(r, i, 5);
		q->note = db_get(r, i, 6);
		q->body_md = db_get(r, i, 7);
		q->sample_answer = db_get(r, i, 8);
		q->answer = db_null(r, i, 9) ? NULL : db_get(r, i, 9);
		q->evaluation = db_null(r, i, 10) ? NULL : db_get(r, i, 10);
		q->asked_at = db_get(r, i, 11);
		q->source = db_get(r, i, 12);
		q->parent_n = (int)db_int(r, i, 13);
		q->tokens = (int)db_int(r, i, 14);
		q->cost_micros = db_int(r, i, 15);
		q->late_s = db_int(r, i, 16);
		q->late = q->late_s > 0;
	}
	return ST_OK;
}

/* --- choosing the next question ----------------------------------------- */

/*
 * The unasked question closest to what the engine wants: the level first
 * (nearest above or below when the bank has none there), then the skill.
 * Behavioural questions stay out, but for one when behavioral is set: the
 * engine measures technical skills, the one shows the STAR structure.
 * At the hard end of a level the last of equals is taken, else the first.
 */
static enum status
pick(struct arena *a, struct db *db, long long org_id, long long iv,
    const char *role, const struct engine_state *s, int behavioral,
    struct db_res **row, int *at)
{
	const char	*p[4];
	enum status	 st;
	enum level	 lv;
	int		 i, cost, best = -1, best_cost = 1 << 30;

	p[0] = db_i64(a, org_id);
	p[1] = role;
	p[2] = db_i64(a, iv);
	p[3] = behavioral ? "t" : "f";
	st = db_query(a, db, SQL("SELECT q.id, q.skill_area, q.category,"
	    " q.difficulty, q.body_md FROM questions q WHERE q.role = $2 AND"
	    QUESTION_SCOPE " AND (q.category = 'behavioral') = $4::boolean"
	    " AND q.id NOT IN (SELECT question_id FROM interview_questions"
	    " WHERE interview_id = $3 AND question_id IS NOT NULL)"
	    " ORDER BY q.id"), p, 4, row);
	if (st != ST_OK)
		return st;
	for (i = 0; i < db_rows(*row); i++) {
		if (engine_level_parse(db_get(*row, i, 3), &lv) != ST_OK)
			continue;
		cost = abs((int)lv - (int)s->level) * 2 * LV__MAX +
		    ((int)lv < (int)s->level) +	/* easier after harder */
		    (!behavioral && strcmp(db_get(*row, i, 1),
		    s->current_skill) != 0 ? LV__MAX : 0);
		if (cost < best_cost || (cost == best_cost && s->hard_end)) {
			best = i;
			best_cost = cost;
		}
	}
	*at = best;
	return ST_OK;
}

/* A level's name as people read it ("warm-up"); an unknown one as it is. */
static const char *
level_word(const char *name)
{
	enum level	 lv;

	return engine_level_parse(name, &lv) == ST_OK ? engine_level_word(lv) :
	    name;
}

/*
 * Asks question n: the bank's best match, with a note when it is not
 * exact.  The third question, after the warm-up, is a behavioural one when
 * the role has any: it is scored for its STAR structure and does not move
 * the difficulty.  Its level is the engine's, whatever the bank rates the
 * question: a behavioural question the bank rated intermediate showed as
 * "Intermediate" right after two failed warm-up answers, a jump of two
 * levels the engine never makes (2026-12-07).  The note names the rating.
 */
static enum status
ask(struct arena *a, struct db *db, long long org_id, long long iv,
    const char *role, const struct engine_state *s, int n, const char *why,
    int *asked)
{
	const char	*p[9], *rated;
	struct db_res	*r;
	enum status	 st;
	int		 i, behavioral;

	*asked = 0;
	behavioral = n == BEHAVIORAL_AT;
	if ((st = pick(a, db, org_id, iv, role, s, behavioral, &r, &i)) !=
	    ST_OK)
		return st;
	if (i < 0 && behavioral) {
		behavioral = 0;	/* the role has none: a technical one */
		if ((st = pick(a, db, org_id, iv, role, s, 0, &r, &i)) != ST_OK)
			return st;
	}
	if (i < 0)
		return ST_OK;	/* the bank has nothing left for this role */
	p[0] = db_i64(a, iv);
	p[1] = db_i64(a, n);
	p[2] = db_get(r, i, 0);
	p[3] = db_get(r, i, 1);
	p[4] = db_get(r, i, 2);
	rated = db_get(r, i, 3);
	p[5] = p[7] = engine_level_name(s->level);
	p[6] = db_get(r, i, 4);
	p[8] = behavioral ? "A behavioural question: scored for its STAR"
	    " structure; it does not move the difficulty." :
	    strcmp(rated, p[7]) != 0 ? arena_printf(a, "The bank has no"
	    " unasked %s question at %s; the nearest level was used: the"
	    " bank rates this one %s.", s->current_skill, level_word(p[7]),
	    level_word(rated)) : strcmp(p[3], s->current_skill) != 0 ?
	    arena_printf(a, "The bank has no unasked %s question at %s; %s"
	    " was asked instead.", s->current_skill, level_word(p[7]), p[3]) :
	    "";
	if (*p[8] != '\0' && !behavioral)
		log_info("interview %lld: %s", iv, p[8]);
	if (why != NULL)	/* the model's question was wanted: say why not */
		p[8] = *p[8] != '\0' ? arena_printf(a, "%s %s", why, p[8]) :
		    why;
	st = db_exec_deferred(db, SQL("INSERT INTO interview_questions"
	    " (interview_id, n, question_id, skill_area, category, difficulty,"
	    " body_md, wanted_level, note) VALUES ($1, $2, $3, $4, $5, $6, $7,"
	    " $8, $9)"), p, 9);
	*asked = st == ST_OK;
	return st;
}

static enum status
save_state(struct arena *a, struct db *db, long long iv,
    const struct engine_state *s)
{
	struct json_object	*o = engine_to_json(s);
	const char		*p[2];
	enum status		 st;

	p[0] = db_i64(a, iv);
	p[1] = arena_strdup(a, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	st = db_exec_deferred(db, SQL("UPDATE interviews SET adaptive_state ="
	    " $2, last_activity_at = now() WHERE id = $1"), p, 2);
	return st;
}

int
adaptive_has_behavioral(struct arena *a, struct db *db, long long org_id,
    const char *role)
{
	const char	*p[] = { db_i64(a, org_id), role };
	struct db_res	*r;

	if (db_query(a, db, SQL("SELECT EXISTS (SELECT 1 FROM questions q"
	    " WHERE q.role = $2 AND q.category = 'behavioral' AND"
	    QUESTION_SCOPE ")"), p, 2, &r) != ST_OK || db_rows(r) != 1)
		return 1;	/* as if it had: the bank is asked, as before */
	return db_bool(r, 0, 0);
}

/* The role's key skill areas, in order. */
static enum status
role_skills(struct arena *a, struct db *db, long long org_id,
    const char *role, const char ***skills, int *n)
{
	const char	*p[] = { db_i64(a, org_id), role };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT unnest(skill_areas) FROM (SELECT"
	    " r.skill_areas FROM roles r WHERE r.slug = $2 AND" ROLE_SCOPE
	    " ORDER BY r.org_id NULLS LAST LIMIT 1) x"), p, 2, &r);
	if (st != ST_OK)
		return st;
	*n = db_rows(r) < ENGINE_MAX_SKILLS ? db_rows(r) : ENGINE_MAX_SKILLS;
	*skills = arena_calloc(a, (size_t)*n + 1, sizeof(**skills));
	for (i = 0; i < *n; i++)
		(*skills)[i] = db_get(r, i, 0);
	return ST_OK;
}

/*
 * Ends the interview as completed, with why.  Out of time, it ended at its
 * deadline, as interview.c's ENDED_AT_SQL dates it, not when an answer
 * noticed: an answer that came after it is late (adaptive_questions).
 */
static enum status
complete(struct arena *a, struct db *db, long long iv, const char *reason)
{
	const char	*p[] = { db_i64(a, iv), reason };

	return db_exec_deferred(db, SQL("UPDATE interviews SET status ="
	    " 'completed', ended_at = CASE WHEN $2 = 'time' AND timed THEN"
	    " least(now(), started_at + make_interval(secs => time_limit_s +"
	    " extended_s + paused_total_s)) ELSE now() END, end_reason = $2"
	    " WHERE id = $1 AND status IN ('active', 'paused')"), p, 2);
}

/*
 * Provider tokens spent on question n (writing it or judging its answer),
 * charged like an assistant call: a settled usage row, the interview's
 * totals, and the question's own, so the report can say what each cost.
 */
static enum status
charge(struct arena *a, struct db *db, const struct assistant_env *env,
    const struct interview *iv, int n, int prompt, int completion)
{
	const char	*p[6];
	long long	 cost;

	if (prompt + completion == 0)
		return ST_OK;
	cost = env != NULL ? assistant_cost_micros(env->cfg, iv->model,
	    prompt, completion) : 0;
	p[0] = db_i64(a, iv->id);
	p[1] = db_i64(a, prompt);
	p[2] = db_i64(a, completion);
	p[3] = iv->model;
	p[4] = db_i64(a, cost);
	p[5] = db_i64(a, n);
	return db_exec_deferred(db, SQL("WITH u AS (INSERT INTO usage (interview_id,"
	    " state, reserved, prompt_tokens, completion_tokens, model,"
	    " cost_micros, settled_at) VALUES ($1, 'settled', 0, $2, $3, $4,"
	    " $5, now())), q AS (UPDATE interview_questions SET tokens ="
	    " tokens + $2 + $3, cost_micros = cost_micros + $5 WHERE"
	    " interview_id = $1 AND n = $6) UPDATE interviews SET tokens_used"
	    " = tokens_used + $2 + $3, cost_micros = cost_micros + $5 WHERE"
	    " id = $1"), p, 6);
}

/*
 * The engine's first state and the first question: the prepared one when
 * it fits (a generated interview), else the bank's.
 */
static enum status
begin_locked(struct arena *a, struct db *db, long long org_id, long long iv,
    const struct next_question *nq, int *asked_n)
{
	struct adaptive	 ad;
	const char	**skills;
	enum status	 st;
	int		 n, asked = 0;

	*asked_n = 0;
	if ((st = get(a, db, iv, 1, &ad)) != ST_OK || ad.started)
		return st;
	if ((st = role_skills(a, db, org_id, ad.role, &skills, &n)) != ST_OK)
		return st;
	engine_init(&ad.state, skills, n, ad.min_questions, ad.max_questions);
	if (nq != NULL && nq->body != NULL && adaptive_next_fits(nq, &ad.state))
		st = adaptive_next_insert(a, db, iv, 1, nq), asked = 1;
	else
		st = ask(a, db, org_id, iv, ad.role, &ad.state, 1, nq != NULL ?
		    nq->why : NULL, &asked);
	if (st != ST_OK)
		return st;
	if (!asked)
		return complete(a, db, iv, "bank_empty");
	*asked_n = 1;
	return save_state(a, db, iv, &ad.state);
}

/* The state a new interview begins with, for writing its first question. */
static enum status
first_state(struct arena *a, struct db *db, const struct interview *iv,
    struct engine_state *s)
{
	struct adaptive	 ad;
	const char	**skills;
	enum status	 st;
	int		 n;

	if ((st = adaptive_get(a, db, iv->id, &ad)) != ST_OK ||
	    (st = role_skills(a, db, iv->org_id, ad.role, &skills, &n)) !=
	    ST_OK)
		return st;
	engine_init(s, skills, n, ad.min_questions, ad.max_questions);
	return ST_OK;
}

enum status
adaptive_begin(struct arena *a, struct db *db,
    const struct assistant_env *env, const struct interview *iv)
{
	struct next_question	 nq;
	struct engine_state	*s = arena_calloc(a, 1, sizeof(*s));
	enum status		 st;
	int			 asked;

	/* The model writes outside the lock; a second Start may race it. */
	if ((st = first_state(a, db, iv, s)) != ST_OK ||
	    (st = adaptive_next_first(a, db, env, iv, s, &nq)) != ST_OK)
		return st;
	if ((st = db_begin(db)) != ST_OK)
		return st;
	st = begin_locked(a, db, iv->org_id, iv->id, &nq, &asked);
	/* Writing cost tokens even if the bank's question was asked instead. */
	if (st == ST_OK)
		st = charge(a, db, env, iv, 1, nq.prompt_tokens,
		    nq.completion_tokens);
	if (st != ST_OK) {
		db_rollback(db);
		return st;
	}
	return db_commit(db);
}

/* --- answering ------------------------------------------------------------ */

/* The question waiting for an answer (iq.id NULL: none) and the interview's state. */
#define CURRENT_COLS_WITH(parent) "iq.id, iq.n, iq.skill_area," \
	" iq.category, coalesce(iq.rubric::text, q.rubric::text, '')," \
	" i.status = 'active', " INTERVIEW_TIME_LEFT_SQL " = 0 AND i.timed," \
	" iq.difficulty, iq.body_md," \
	" coalesce(array_to_json(q.follow_ups)::text, '[]')," \
	" i.question_source, coalesce(iq.parent_n, 0)," \
	/* An answer written as the clock ran out: recorded, the last. */ \
	" " INTERVIEW_JUST_TIMED_OUT_SQL("i.") "," \
	" " parent "," \
	/* When the answer arrived, not when it was judged (record). */ \
	" now()::text"
#define CURRENT_NCOLS	15
/*
 * A follow-up without a rubric is scored against its parent's
 * (rubric_for): read for that question alone, as a CASE's branch runs
 * only when taken, not on every answer.
 */
#define PARENT_RUBRIC_SQL "CASE WHEN iq.parent_n > 0 AND iq.rubric IS NULL" \
	" AND q.rubric IS NULL THEN coalesce((SELECT coalesce(pq.rubric::text," \
	" pb.rubric::text, '') FROM interview_questions pq LEFT JOIN questions" \
	" pb ON pb.id = pq.question_id WHERE pq.interview_id = i.id" \
	" AND pq.n = iq.parent_n), '') ELSE '' END"
#define CURRENT_COLS	CURRENT_COLS_WITH(PARENT_RUBRIC_SQL)
/*
 * The answers before the one waiting, for the builtin scorer's repeat
 * check, as [[n, answer], ...] in the same statement ($2: wanted), not
 * a round trip of their own on every answer (earlier_of).
 */
#define EARLIER_SQL ", CASE WHEN $2::boolean THEN (SELECT" \
	" json_agg(json_build_array(e.n, e.answer) ORDER BY e.n)" \
	" FROM interview_questions e WHERE e.interview_id = i.id" \
	" AND e.answer IS NOT NULL AND e.n <> iq.n) END"
#define CURRENT_FROM	" FROM interviews i LEFT JOIN interview_questions iq" \
	" ON iq.interview_id = i.id AND iq.answer IS NULL" \
	" LEFT JOIN questions q ON q.id = iq.question_id"

static void current_of_row(const struct db_res *, struct current *);
static void earlier_of(struct arena *, const char *, struct current *);

enum status
adaptive_current(struct arena *a, struct db *db, long long iv, int earlier,
    struct current *c)
{
	const char	*p[] = { db_i64(a, iv), earlier ? "true" : "false" };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT " CURRENT_COLS EARLIER_SQL CURRENT_FROM
	    " WHERE i.id = $1 ORDER BY iq.n DESC LIMIT 1"), p, 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	current_of_row(r, c);
	if (earlier)
		earlier_of(a, db_get(r, 0, CURRENT_NCOLS), c);
	return ST_OK;
}

/*
 * Under the interview's row lock: its state and the question waiting.  The
 * lock is a deferred statement, so it goes with BEGIN and this read in one
 * round trip; the read, a statement after it, sees what an answer that held
 * the lock before committed.
 */
static enum status
current_locked(struct arena *a, struct db *db, long long iv,
    struct adaptive *ad, struct current *c)
{
	const char	*p[] = { db_i64(a, iv) };
	struct db_res	*r;
	enum status	 st;

	memset(ad, 0, sizeof(*ad));
	if ((st = db_exec_deferred(db, SQL("SELECT 1 FROM interviews"
	    " WHERE id = $1 FOR UPDATE"), p, 1)) != ST_OK)
		return st;
	/* The answer was scored before the lock: no parent rubric now. */
	st = db_query(a, db, SQL("SELECT " CURRENT_COLS_WITH("''")
	    ", i.role, i.role, "
	    STATE_COLS CURRENT_FROM " WHERE i.id = $1 AND i.kind = 'adaptive'"
	    " ORDER BY iq.n DESC LIMIT 1"), p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	current_of_row(r, c);
	return state_of_row(r, CURRENT_NCOLS, ad);
}

static void
current_of_row(const struct db_res *r, struct current *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_int(r, 0, 0);
	c->n = (int)db_int(r, 0, 1);
	c->skill = db_get(r, 0, 2);
	c->category = db_get(r, 0, 3);
	c->rubric = db_get(r, 0, 4);
	c->active = db_bool(r, 0, 5);
	c->time_up = db_bool(r, 0, 6);
	c->difficulty = db_get(r, 0, 7);
	c->body_md = db_get(r, 0, 8);
	c->follow_ups = db_get(r, 0, 9);
	c->source = db_get(r, 0, 10);
	c->parent_n = (int)db_int(r, 0, 11);
	c->late = db_bool(r, 0, 12);
	c->parent_rubric = db_get(r, 0, 13);
	c->at = db_get(r, 0, 14);
}

/*
 * The interview's answers before c's, for the builtin scorer: their
 * numbers and texts alone (EARLIER_SQL's [[n, answer], ...]; NULL: none),
 * not the whole questions (bodies, samples, evaluations).
 */
static void
earlier_of(struct arena *a, const char *json, struct current *c)
{
	struct json_object	*o, *e;
	size_t			 i, n;

	o = *json != '\0' ? json_tokener_parse(json) : NULL;
	n = json_object_is_type(o, json_type_array) ?
	    json_object_array_length(o) : 0;
	c->earlier = arena_calloc(a, n + 1, sizeof(*c->earlier));
	c->nearlier = 0;
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(o, i);
		c->earlier[c->nearlier].n = json_object_get_int(
		    json_object_array_get_idx(e, 0));
		c->earlier[c->nearlier++].answer = arena_strdup(a,
		    json_object_get_string(json_object_array_get_idx(e, 1)));
	}
	json_object_put(o);
}

/*
 * The same, read alone when a model's verdict fell through to the builtin
 * scorer: not for every answer a model judges.
 */
static enum status
earlier_load(struct arena *a, struct db *db, long long iv, struct current *c)
{
	const char	*p[] = { db_i64(a, iv), db_i64(a, c->n) };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	if (c->earlier != NULL)
		return ST_OK;
	st = db_query(a, db, SQL("SELECT n, answer FROM interview_questions"
	    " WHERE interview_id = $1 AND answer IS NOT NULL AND n <> $2"
	    " ORDER BY n"), p, 2, &r);
	if (st != ST_OK)
		return st;
	c->earlier = arena_calloc(a, (size_t)db_rows(r) + 1,
	    sizeof(*c->earlier));
	c->nearlier = 0;
	for (i = 0; i < db_rows(r); i++) {
		c->earlier[c->nearlier].n = (int)db_int(r, i, 0);
		c->earlier[c->nearlier++].answer = db_get(r, i, 1);
	}
	return ST_OK;
}

/*
 * The rubric c's answer is scored against: its own, else (a follow-up) its
 * parent's, with ctx saying which; "" when neither has one.
 */
static const char *
rubric_for(const struct current *c, struct scorer_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->followup = c->parent_n > 0;
	ctx->earlier = c->earlier;
	ctx->nearlier = c->nearlier;
	if (*c->rubric != '\0' || c->parent_n == 0 ||
	    *c->parent_rubric == '\0')
		return c->rubric;
	ctx->parent_n = c->parent_n;
	return c->parent_rubric;
}

/* The builtin scorer's verdict as the stored evaluation, composite added. */
static const char *
score(struct arena *a, const struct current *c, const char *answer,
    const char *fallback, struct evaluation *ev)
{
	struct json_object	*o, *rub = NULL;
	struct scorer_ctx	 ctx;
	struct rubric		 rubric;
	struct score		 sc;
	const char		*err, *s, *text = rubric_for(c, &ctx);

	memset(&rubric, 0, sizeof(rubric));
	if (*text != '\0')
		rub = json_tokener_parse(text);
	if (rub != NULL && scorer_rubric_parse(a, rub, &rubric, &err) != ST_OK) {
		log_warn("question of interview question %lld: bad rubric: %s",
		    c->id, err);
		memset(&rubric, 0, sizeof(rubric));
		ctx.parent_n = 0;
	}
	json_object_put(rub);
	scorer_score_in(a, &rubric, c->category, answer, &ctx, &sc);
	*ev = sc.eval;
	o = scorer_to_json(&sc);
	json_object_object_add(o, "composite",
	    json_object_new_double(engine_composite(ev)));
	if (fallback != NULL)	/* the model's evaluation failed: say why */
		json_object_object_add(o, "fallback",
		    json_object_new_string(fallback));
	s = arena_strdup(a, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return s;
}

/*
 * Dated when the answer arrived (at), before the model judged it: an
 * answer sent before the time ran out and judged after it is not late.
 */
static enum status
record(struct arena *a, struct db *db, long long qid, const char *answer,
    const char *evaluation, const char *at)
{
	const char	*p[] = { db_i64(a, qid), answer, evaluation, at };

	return db_exec_deferred(db, SQL("UPDATE interview_questions SET answer ="
	    " $2, evaluation = $3::jsonb, answered_at = coalesce("
	    "$4::timestamptz, now()) WHERE id = $1"), p, 4);
}

/* The verdict on an answer: by the model when the interview has one, else builtin. */
struct verdict {
	long long		 question;	/* interview_questions.id judged */
	const char		*at;		/* when the answer arrived */
	struct evaluation	 ev;
	const char		*json;
	int			 prompt_tokens;
	int			 completion_tokens;
};

enum status
adaptive_history(struct arena *a, struct db *db, long long iv,
    const struct chat_msg **out, size_t *n)
{
	struct adaptive_question	*q;
	struct chat_msg			*m;
	size_t				 nq, i, k = 0;
	enum status			 st;

	if ((st = adaptive_questions(a, db, iv, &q, &nq)) != ST_OK)
		return st;
	m = arena_calloc(a, 2 * nq + 1, sizeof(*m));
	for (i = 0; i < nq && q[i].answer != NULL; i++) {
		m[k].role = "assistant";
		m[k++].content = q[i].body_md;
		m[k].role = "user";
		m[k++].content = q[i].answer;
	}
	*out = m;
	*n = k;
	return ST_OK;
}

/* Whether the builtin scorer judges iv's answers: no model to. */
static int
builtin_judges(const struct assistant_env *env, const struct interview *iv)
{
	return strcmp(iv->model, "builtin") == 0 || env == NULL ||
	    env->prov == NULL;
}

static enum status
judge(struct arena *a, struct db *db, const struct assistant_env *env,
    const struct interview *iv, struct current *c, const char *answer,
    struct verdict *v)
{
	struct eval_input	 in;
	struct eval_result	 res;
	struct adaptive		 ad;
	enum status		 st;

	memset(v, 0, sizeof(*v));
	v->question = c->id;
	v->at = c->at;
	/* A question without a rubric (a stored follow-up) the model judges too. */
	if (builtin_judges(env, iv)) {
		v->json = score(a, c, answer, NULL, &v->ev);
		return ST_OK;
	}
	if ((st = adaptive_get(a, db, iv->id, &ad)) != ST_OK)
		return st;
	memset(&in, 0, sizeof(in));
	in.model = iv->model;
	in.role = ad.role_name;
	in.skill = c->skill;
	in.level = c->difficulty;
	in.category = c->category;
	in.question = c->body_md;
	in.rubric = c->rubric;
	in.answer = answer;
	if ((st = adaptive_history(a, db, iv->id, &in.history,
	    &in.nhistory)) != ST_OK)
		return st;
	st = evaluate_answer(a, env->prov, &in, &res);
	v->prompt_tokens = res.prompt_tokens;
	v->completion_tokens = res.completion_tokens;
	if (st == ST_OK) {
		v->ev = res.eval;
		v->json = res.json;
	} else {
		log_warn("interview %lld: %s; the builtin scorer decides",
		    iv->id, res.failure);
		if ((st = earlier_load(a, db, iv->id, c)) != ST_OK)
			return st;
		v->json = score(a, c, answer, res.failure, &v->ev);
	}
	return ST_OK;
}

/* Question n + 1: the prepared one if it fits the engine's decision. */
static enum status
ask_next(struct arena *a, struct db *db, const struct assistant_env *env,
    const struct interview *iv, const struct adaptive *ad, int n,
    const struct next_question *nq, int *asked)
{
	enum status	 st;

	if (nq->body != NULL && adaptive_next_fits(nq, &ad->state)) {
		*asked = 1;
		if ((st = adaptive_next_insert(a, db, iv->id, n + 1, nq)) !=
		    ST_OK)
			return st;
	} else if ((st = ask(a, db, iv->org_id, iv->id, ad->role, &ad->state,
	    n + 1, adaptive_next_fits(nq, &ad->state) ? nq->why : NULL,
	    asked)) != ST_OK)
		return st;
	/* Writing it cost tokens even when the bank's question was asked. */
	return charge(a, db, env, iv, *asked ? n + 1 : n, nq->prompt_tokens,
	    nq->completion_tokens);
}

static enum status
answer_locked(struct arena *a, struct db *db, const struct assistant_env *env,
    const struct interview *iv, int n, const char *answer,
    const struct verdict *v, const struct next_question *nq,
    struct adaptive_outcome *out)
{
	struct adaptive		 ad;
	struct current		 c;
	enum status		 st;
	int			 asked;

	if ((st = current_locked(a, db, iv->id, &ad, &c)) != ST_OK)
		return st;
	if (!(c.active || c.late) || !ad.started || ad.state.complete) {
		out->why = AR_NOT_ACTIVE;
		return ST_CONFLICT;
	}
	/* Judged before the lock: another answer may have come in meanwhile. */
	if (c.id == 0 || c.n != n || c.id != v->question) {
		out->why = AR_STALE;
		return ST_CONFLICT;
	}
	if ((st = record(a, db, c.id, answer, v->json, v->at)) != ST_OK ||
	    (st = charge(a, db, env, iv, n, v->prompt_tokens,
	    v->completion_tokens)) != ST_OK)
		return st;
	out->late = c.late;
	if (strcmp(c.category, "behavioral") != 0 || c.time_up || c.late)
		engine_answer(&ad.state, c.skill, &v->ev, c.time_up || c.late,
		    (long long)time(NULL), &out->decision);
	else
		engine_aside(&ad.state);
	out->complete = ad.state.complete;
	if (!ad.state.complete) {
		st = ask_next(a, db, env, iv, &ad, n, nq, &asked);
		if (st != ST_OK)
			return st;
		if (!asked) {
			ad.state.complete = true;
			snprintf(ad.state.end_reason, sizeof(ad.state.end_reason),
			    "%s", "bank_empty");
			out->complete = 1;
		}
	}
	if ((st = save_state(a, db, iv->id, &ad.state)) != ST_OK)
		return st;
	return out->complete ? complete(a, db, iv->id, ad.state.end_reason) :
	    ST_OK;
}

enum status
adaptive_answer(struct arena *a, struct db *db,
    const struct assistant_env *env, const struct interview *iv, int n,
    const char *answer, struct adaptive_outcome *out)
{
	struct next_question	nq;
	struct verdict		v;
	struct current		c;
	enum status		st;

	memset(out, 0, sizeof(*out));
	/* The model takes seconds: it judges outside the row lock. */
	if ((st = adaptive_current(a, db, iv->id, builtin_judges(env, iv),
	    &c)) != ST_OK)
		return st;
	if (!(c.active || c.late) || c.id == 0 || c.n != n) {
		out->why = (c.active || c.late) && c.id != 0 ? AR_STALE :
		    AR_NOT_ACTIVE;
		return ST_CONFLICT;
	}
	if ((st = judge(a, db, env, iv, &c, answer, &v)) != ST_OK ||
	    (st = adaptive_next_prepare(a, db, env, iv, &c, answer, &v.ev,
	    &nq)) != ST_OK || (st = db_begin(db)) != ST_OK)
		return st;
	st = answer_locked(a, db, env, iv, n, answer, &v, &nq, out);
	if (st != ST_OK) {
		db_rollback(db);
		return st;
	}
	return db_commit(db);
}

static const char *const source_labels[][2] = {
	{ "bank",		"bank" },
	{ "model_followup",	"model follow-up" },
	{ "stored_followup",	"stored follow-up" },
	{ "generated",		"written by the model" },
	{ "bank_followups",	"bank with model follow-ups" },	/* an interview's */
};

/*
 * Without a model the follow-ups are the bank's stored prompts, as the
 * create form's option says: "model follow-ups" told of a model that
 * never took part (2026-12-07).
 */
const char *
adaptive_source_words(const struct interview *iv, const char *source)
{
	if (strcmp(source, "bank_followups") == 0 && !interview_uses_ai(iv))
		return "bank with the bank's stored follow-ups";
	return adaptive_source_label(source);
}

const char *
adaptive_source_label(const char *source)
{
	size_t	i;

	for (i = 0; i < NITEMS(source_labels); i++)
		if (strcmp(source, source_labels[i][0]) == 0)
			return source_labels[i][1];
	return source;
}

enum status
adaptive_answer_evaluated(struct arena *a, struct db *db,
    const struct interview *iv, const char *answer, const char *args,
    struct adaptive_outcome *out)
{
	struct eval_result	 res;
	struct next_question	 nq;
	struct verdict		 v;
	struct current		 c;
	const char		*why;
	enum status		 st;

	memset(out, 0, sizeof(*out));
	memset(&nq, 0, sizeof(nq));	/* the realtime model asks its own follow-ups */
	if ((st = adaptive_current(a, db, iv->id, 0, &c)) != ST_OK)
		return st;
	if (!c.active || c.id == 0) {
		out->why = AR_NOT_ACTIVE;
		return ST_CONFLICT;
	}
	memset(&v, 0, sizeof(v));
	v.question = c.id;
	v.at = c.at;
	if (evaluate_parse(a, args, strcmp(c.category, "behavioral") == 0,
	    &res, &why) == ST_OK) {
		v.ev = res.eval;
		v.json = res.json;
	} else {
		log_warn("interview %lld: realtime evaluation: %s; the builtin"
		    " scorer decides", iv->id, why);
		if ((st = earlier_load(a, db, iv->id, &c)) != ST_OK)
			return st;
		v.json = score(a, &c, answer, arena_printf(a, "malformed: %s",
		    why), &v.ev);
	}
	if ((st = db_begin(db)) != ST_OK)
		return st;
	st = answer_locked(a, db, NULL, iv, c.n, answer, &v, &nq, out);
	if (st != ST_OK) {
		db_rollback(db);
		return st;
	}
	return db_commit(db);
}
