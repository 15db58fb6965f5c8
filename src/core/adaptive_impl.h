/*
 * adaptive_impl.h: what adaptive.c, adaptive_create.c, adaptive_next.c and
 * adaptive_once.c share; not for callers outside src/core/adaptive*.c.
 */
#ifndef VIVA_ADAPTIVE_IMPL_H
#define VIVA_ADAPTIVE_IMPL_H

#include "core/adaptive.h"
#include "core/question.h"
#include "core/scorer.h"

/* Shipped roles (org_id NULL) and the org's own, the org's first. */
#define ROLE_SCOPE \
	" (r.org_id IS NULL OR r.org_id = $1) AND r.archived_at IS NULL"
/* The same for questions, less the shipped ones the org hid. */
#define QUESTION_SCOPE \
	" (q.org_id IS NULL OR q.org_id = $1) AND q.archived_at IS NULL" \
	" AND" QUESTION_NOT_HIDDEN

/* The question number that is behavioural, when the role has such questions. */
#define BEHAVIORAL_AT	3

/* The current question, its rubric and whether the interview takes answers. */
struct current {
	long long	 id;
	int		 n;
	const char	*skill;
	const char	*category;
	const char	*difficulty;
	const char	*body_md;
	const char	*rubric;	/* JSON text; "" when there is none */
	const char	*follow_ups;	/* the bank question's, a JSON array */
	const char	*source;	/* the interview's question source */
	int		 parent_n;	/* a follow-up's parent, else 0 */
	int		 active;
	int		 time_up;
	int		 late;		/* ended by time within the grace (adaptive.c) */
	/* The parent's, a follow-up's without its own rubric; else "". */
	const char	*parent_rubric;
	const char	*at;		/* when read: an answer's arrival */
	/*
	 * The interview's answers before, for the builtin scorer
	 * (adaptive_current's earlier, else earlier_load); NULL: not read.
	 */
	struct scorer_earlier	*earlier;
	size_t			 nearlier;
};

/*
 * The next question when the model writes it (or a stored follow-up
 * stands in), prepared outside the row lock for the engine's decision as
 * predicted then; used under the lock only if the decision is the same.
 */
struct next_question {
	int		 wanted;	/* a prediction was made */
	enum level	 level;		/* what the engine will want */
	char		 skill[ENGINE_SKILL_LEN];
	bool		 hard_end;
	/* Set when a question is ready; else the bank is asked. */
	const char	*source;	/* model_followup, stored_followup, generated */
	const char	*body;
	const char	*rubric;	/* JSON text */
	const char	*sample_answer;	/* the model's, or NULL */
	const char	*skill_area;
	const char	*category;
	int		 parent_n;	/* a follow-up's parent, else 0 */
	const char	*why;		/* a fallback to the bank: why, or NULL */
	int		 prompt_tokens;	/* writing it, charged to it */
	int		 completion_tokens;
};

/*
 * The current question of interview iv (c->id 0: none waits); with
 * earlier, the answers before it too (c->earlier), for the builtin scorer.
 */
enum status	adaptive_current(struct arena *, struct db *, long long iv,
		    int earlier, struct current *);
/* Whether the role has a behavioural question (asked third, from the bank). */
int		adaptive_has_behavioral(struct arena *, struct db *,
		    long long org_id, const char *role);
/* The earlier questions and answers, as the model's conversation. */
enum status	adaptive_history(struct arena *, struct db *, long long iv,
		    const struct chat_msg **, size_t *);
/*
 * Prepares question c->n + 1 after answer (judged as ev): a follow-up for
 * source bank_followups when the engine will stay in the skill, a written
 * one for generated.  Calls the model, so never under the row lock.
 */
enum status	adaptive_next_prepare(struct arena *, struct db *,
		    const struct assistant_env *, const struct interview *,
		    const struct current *, const char *answer,
		    const struct evaluation *, struct next_question *);
/* The first question of a generated interview, for the state s begins with. */
enum status	adaptive_next_first(struct arena *, struct db *,
		    const struct assistant_env *, const struct interview *,
		    const struct engine_state *s, struct next_question *);
/* Whether the prepared question fits the state the engine is now in. */
int		adaptive_next_fits(const struct next_question *,
		    const struct engine_state *);
/* Inserts the prepared question as number n. */
enum status	adaptive_next_insert(struct arena *, struct db *, long long iv,
		    int n, const struct next_question *);

#endif
