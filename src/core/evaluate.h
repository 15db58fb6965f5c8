/*
 * evaluate.h: an answer judged by the model through the tool
 * evaluate_candidate_answer, its arguments checked field by field.  A
 * malformed call is asked once more; after that the caller falls back to
 * the builtin scorer and records why.
 */
#ifndef VIVA_EVALUATE_H
#define VIVA_EVALUATE_H

#include "core/engine.h"
#include "core/provider.h"
#include "lib/arena.h"
#include "lib/status.h"

/* Messages of the interview kept for the model: the first and the last. */
#define EVALUATE_KEEP_FIRST	2
#define EVALUATE_KEEP_LAST	10

/* What the model is told: the question, its rubric, the conversation so far. */
struct eval_input {
	const char		*model;
	const char		*role;
	const char		*skill;
	const char		*level;
	const char		*category;
	const char		*question;
	const char		*rubric;	/* questions.rubric as JSON text */
	const char		*answer;
	const struct chat_msg	*history;	/* earlier questions and answers */
	size_t			 nhistory;
};

struct eval_result {
	struct evaluation	 eval;
	const char		*json;		/* for interview_questions.evaluation */
	int			 prompt_tokens;	/* over every attempt */
	int			 completion_tokens;
	int			 truncated;	/* history messages left out */
	/*
	 * Why there is no evaluation, or NULL: a short reason, as the
	 * report shows it in "the model's evaluation failed (...)".
	 */
	const char		*failure;
};

/*
 * Asks the model.  ST_OK: out->eval and out->json hold its checked verdict
 * ("scorer":"model").  ST_INVALID: the arguments were malformed twice;
 * ST_UNAVAILABLE: no answer from the provider.  Either way out->failure
 * says why, and the tokens used so far are in out.
 */
enum status	evaluate_answer(struct arena *, struct provider *,
		    const struct eval_input *, struct eval_result *out);
/*
 * What the model is sent: the system prompt, the first EVALUATE_KEEP_FIRST
 * and last EVALUATE_KEEP_LAST messages of the history, the question and
 * the answer; *truncated is how many history messages were left out.
 */
const struct chat_msg *evaluate_messages(struct arena *,
		    const struct eval_input *, size_t *n, int *truncated);
/*
 * The conversation memory any model call of the interview gets: system,
 * then the first EVALUATE_KEEP_FIRST and last EVALUATE_KEEP_LAST messages
 * of history, then question and answer when not NULL.  *truncated: how
 * many history messages were left out.  The array is in a.
 */
const struct chat_msg *evaluate_window(struct arena *, const char *system,
		    const struct chat_msg *history, size_t nhistory,
		    const char *question, const char *answer, size_t *n,
		    int *truncated);
/*
 * Checks the tool's arguments; fills out->eval and out->json or returns
 * ST_INVALID with *why.
 */
enum status	evaluate_parse(struct arena *, const char *args, int behavioral,
		    struct eval_result *out, const char **why);

#endif
