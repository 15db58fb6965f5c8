/*
 * adaptive.h: the adaptive interview turn by turn: questions from the bank
 * chosen by the engine, answers scored and recorded under the interview's
 * row lock.  The pages and the API call these; engine.c decides.
 */
#ifndef VIVA_ADAPTIVE_H
#define VIVA_ADAPTIVE_H

#include "core/assistant.h"
#include "core/engine.h"
#include "core/interview.h"
#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

/* An answer can be long, not endless: 20,000 characters is pages of text. */
#define ADAPTIVE_ANSWER_MAX	20000
/* Tokens an adaptive interview may spend on a provider (builtin: none). */
#define ADAPTIVE_TOKEN_BUDGET	200000

/* What the create form gives. */
struct adaptive_new {
	const char	*candidate_name;
	const char	*candidate_email;
	const char	*role;		/* a role slug the org may use */
	int		 min_questions;
	int		 max_questions;
	int		 time_limit_min;	/* 0: no time limit */
	int		 practice;	/* feedback shown to the candidate */
	int		 voice_offered;
	const char	*question_source;	/* bank, bank_followups, generated */
	const char	*model;
	int		 expiry_days;
	const char	*form_id;	/* form_use.h; NULL: none */
};

/* A role on the create form. */
struct adaptive_role {
	const char	*slug;
	const char	*name;
	int		 nquestions;	/* usable questions in the bank */
};

/* One question put to the candidate, with its answer once given. */
struct adaptive_question {
	long long	 id;		/* interview_questions.id */
	int		 n;		/* 1, 2, ... */
	const char	*skill_area;
	const char	*category;
	const char	*difficulty;
	const char	*wanted_level;
	const char	*note;		/* why another level or skill, or "" */
	const char	*body_md;
	const char	*sample_answer;
	const char	*answer;	/* NULL while unanswered */
	const char	*evaluation;	/* JSON text, NULL while unanswered */
	const char	*asked_at;
	/* bank, model_followup, stored_followup or generated */
	const char	*source;
	int		 parent_n;	/* the question a follow-up follows, or 0 */
	int		 tokens;	/* provider tokens: writing it, judging the answer */
	long long	 cost_micros;
	/*
	 * Answered after the interview ended by time (within the grace):
	 * answered_at > ended_at, end_reason 'time'; late_s seconds after.
	 */
	int		 late;
	long long	 late_s;
};

/* The interview's settings and state beside struct interview. */
struct adaptive {
	const char		*role;
	const char		*role_name;
	int			 min_questions;
	int			 max_questions;
	int			 practice;
	int			 timed;
	const char		*question_source;	/* bank, bank_followups, generated */
	int			 voice_offered;	/* the realtime worker may run it */
	int			 started;	/* the engine has a state */
	struct engine_state	 state;
};

enum status	adaptive_roles(struct arena *, struct db *, long long org_id,
		    struct adaptive_role **, size_t *);
/*
 * ST_NOTFOUND when the role is not one the org may use, ST_DENIED when it
 * is archived; ST_CONFLICT when it has no questions and in's source is the
 * bank (with follow-ups or not).  A repeat of in->form_id makes nothing:
 * *token is NULL, *id the first one's (as interview_create).
 */
enum status	adaptive_create(struct arena *, struct db *, long long org_id,
		    long long user_id, const struct adaptive_new *,
		    char **token, long long *id);
/*
 * ST_OK when role is one the org may use, else as adaptive_create;
 * *nquestions (unless NULL): the questions the bank has for it.
 */
enum status	adaptive_role_open(struct arena *, struct db *,
		    long long org_id, const char *role, int *nquestions);
enum status	adaptive_get(struct arena *, struct db *, long long iv,
		    struct adaptive *);
/* All questions asked so far, in order. */
enum status	adaptive_questions(struct arena *, struct db *, long long iv,
		    struct adaptive_question **, size_t *);
/*
 * After the candidate started: gives the engine its first state and asks
 * the first question (written by the model through env for a generated
 * interview, before the row lock is taken).  Does nothing when that was
 * done already.
 */
enum status	adaptive_begin(struct arena *, struct db *,
		    const struct assistant_env *, const struct interview *);
/* A question's or interview's source for people: "model follow-up", ... */
const char	*adaptive_source_label(const char *source);
/*
 * The interview's source as the report says it: bank_followups reads
 * "bank with model follow-ups" only when the interview had a model to
 * phrase them (interview_uses_ai), else "bank with the bank's stored
 * follow-ups"; any other as adaptive_source_label.
 */
const char	*adaptive_source_words(const struct interview *,
		    const char *source);

/* Why an answer was not recorded. */
enum adaptive_refusal {
	AR_NONE,
	AR_NOT_ACTIVE,	/* not started, paused or ended */
	AR_STALE,	/* not the current question: answered already (a double submit) */
	AR__MAX
};

struct adaptive_outcome {
	enum adaptive_refusal	 why;
	struct decision		 decision;
	int			 complete;
	int			 late;	/* recorded after the time ran out, within the grace */
};

/*
 * Judges the answer to question n (the model through env->prov when the
 * interview has one, falling back to the builtin scorer, which also
 * serves "builtin"), outside any lock, then records it with the engine's
 * decision, the next question or the end, in one transaction under the
 * interview's row lock: two answers at once are applied one after the
 * other, the second to a question already answered is refused (AR_STALE).
 * ST_CONFLICT with out->why on refusal; nothing is changed then.
 */
enum status	adaptive_answer(struct arena *, struct db *,
		    const struct assistant_env *, const struct interview *,
		    int n, const char *answer, struct adaptive_outcome *out);

/* --- the report (adaptive_report.c) -------------------------------------- */

/*
 * A stored evaluation's composite (0..1), quality and reasons (strings in
 * a, "" when missing); -1 when there is none.
 */
double		adaptive_eval_read(struct arena *, const char *json,
		    const char **quality, const char **reasons);
/*
 * Why the builtin scorer judged an answer in the model's place (the
 * model's evaluation failed), as stored evaluation json says it; NULL when
 * the model judged it, or the interview has no model.
 */
const char	*adaptive_eval_fallback(struct arena *, const char *json);
/*
 * The line beside such an answer: "Scored by the built-in rubric scorer:
 * the model's evaluation failed (why)."; NULL when the model judged it.
 */
const char	*adaptive_fallback_words(struct arena *, const char *json);
/*
 * The evaluator as the report's header names it: model, and when the
 * builtin scorer stood in for it, how often ("gpt-4o-mini; 1 of 5 answers
 * scored by the built-in scorer after the model failed").  *fallbacks
 * (unless NULL): how many answers.
 */
const char	*adaptive_evaluator_words(struct arena *, const char *model,
		    const struct adaptive_question *, size_t, int *fallbacks);
/*
 * The report's verdict on a score c (0..1), as its band and findings
 * weigh it: "answered well" (60% or more), "answered partly" (50-59%),
 * "failed" (under 50%).  Not the evaluation's quality label.
 */
const char	*adaptive_verdict(double c);
/* Whether stored evaluation json was made by the builtin scorer. */
int		adaptive_eval_builtin(const char *json);
/*
 * When any judged answer was scored by the builtin scorer (the builtin
 * evaluator, or a fallback for the model): how many, what that scorer does
 * and cannot do, and to read the answers.  NULL when none was.
 */
const char	*adaptive_builtin_caveat(struct arena *,
		    const struct adaptive_question *, size_t);
/* "answered 32 s after the time ran out" for a late answer, else NULL. */
const char	*adaptive_late_words(struct arena *,
		    const struct adaptive_question *);
/*
 * The report header's line when any answer is late: which, and that they
 * are scored with the others and marked; NULL when none is.
 */
const char	*adaptive_late_note(struct arena *,
		    const struct adaptive_question *, size_t);
/*
 * Where the difficulty stands, in words: running, "now at intermediate";
 * ended, the level of the last question asked and, when the engine had
 * moved on, the one the next would have had ("last question at warm-up;
 * the next would have been at fundamental"), so that it claims no
 * question at a level none was asked at.
 */
const char	*adaptive_level_words(struct arena *, int running,
		    const struct adaptive *, const struct adaptive_question *,
		    size_t);
/*
 * The overall band ("Senior", ...) and its basis in words; 0 when no
 * answer was judged yet.  The band is the hardest level the answers
 * support, failed answers weighed against good ones (adaptive_report.c).
 */
int		adaptive_band(struct arena *, const struct adaptive_question *,
		    size_t, const char **band, const char **basis);
/*
 * The average of the judged answers' scores in whole percent, as the
 * band's basis gives it; -1 when none was judged yet.
 */
int		adaptive_avg_score(struct arena *,
		    const struct adaptive_question *, size_t);
/*
 * A skill area as people read it, in the arena: the bank's key with its
 * underscores as spaces, "language core" for "language_core".  Every page and
 * the Markdown say this; the JSON and CSV keep the key, which is data.
 */
const char	*adaptive_skill_label(struct arena *, const char *key);
/*
 * What is known of key skill i, in words: a limit is the level where the
 * candidate struggled ("limit at expert, where the candidate struggled").
 * Returns its boundary or mark, or NULL.
 */
/* A recorded boundary or mark in words, as adaptive_finding gives them. */
const char	*adaptive_boundary_words(struct arena *, const struct boundary *);
const struct boundary *adaptive_finding(struct arena *,
		    const struct engine_state *, int i, const char **finding);
/*
 * adaptive_finding told with the answers q[0..n): the question where the
 * candidate struggled at the limit, and the hardest level answered well
 * (60% or more) in the skill, which *best_level gets (-1: none); a limit
 * alone did not say that the candidate had answered well above it.
 */
const struct boundary *adaptive_finding_told(struct arena *,
		    const struct engine_state *, int i,
		    const struct adaptive_question *, size_t,
		    const char **finding, int *best_level);
/*
 * The interviewer's report as JSON (a new object the caller puts): the
 * boundaries, band and basis, every question with its source, score,
 * reasons and cost, and the interview's tokens and cost.
 */
struct json_object *adaptive_report_json(struct arena *,
		    const struct interview *, const struct adaptive *,
		    const struct adaptive_question *, size_t);
/*
 * Provider calls an answer may wait on before it is recorded: judging
 * and its retry, then the next question written and its retry.
 */
#define ADAPTIVE_ANSWER_CALLS	4
/*
 * For any way of answering question n once per form_id (form_use.h; NULL:
 * claims nothing), typed or spoken: claims the id in a transaction of its
 * own, committed before the model's work (it takes seconds).  The same
 * form sent again (*repeated) waits until question n is answered, or the
 * claim given back, or calls times the provider's longest call passed
 * (the first died), and then goes on as it would, so it finds question n
 * answered and redoes nothing.  When the answer is not recorded, the
 * caller that claimed (!*repeated) gives the claim back (form_use_forget)
 * so that the form may be sent again.
 */
enum status	adaptive_claim_answer(struct arena *, struct db *,
		    const struct assistant_env *, long long iv, int n,
		    const char *form_id, int calls, int *repeated);
/*
 * adaptive_answer once per form_id, claimed by adaptive_claim_answer: a
 * repeat judges nothing and, question n answered, is refused (ST_CONFLICT,
 * AR_STALE).
 */
enum status	adaptive_answer_once(struct arena *, struct db *,
		    const struct assistant_env *, const struct interview *,
		    int n, const char *answer, const char *form_id,
		    struct adaptive_outcome *);
/*
 * Like adaptive_answer, for an evaluation the model already made: the
 * realtime model calls evaluate_candidate_answer itself, with args as its
 * JSON text.  The answer is to the current question, whatever its number.
 * Malformed args are not asked again (the conversation has moved on): the
 * builtin scorer decides and the stored evaluation says why.  Usage is
 * charged by the caller from the realtime session's own counts.
 */
enum status	adaptive_answer_evaluated(struct arena *, struct db *,
		    const struct interview *, const char *answer,
		    const char *args, struct adaptive_outcome *out);

#endif
