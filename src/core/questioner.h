/*
 * questioner.h: the model as question writer for adaptive interviews: a
 * follow-up phrased after an answer the engine wants probed deeper, or a
 * whole question with its rubric for the role, skill and level the engine
 * chose.  Each is a forced tool call whose arguments are checked field by
 * field; a malformed call is asked once more, then the caller falls back
 * (stored follow-ups, the bank) and records why.
 */
#ifndef VIVA_QUESTIONER_H
#define VIVA_QUESTIONER_H

#include "core/provider.h"
#include "lib/arena.h"
#include "lib/status.h"

/* A question is a few sentences; longer is a broken reply. */
#define QUESTIONER_TEXT_MAX	2000
#define QUESTIONER_SAMPLE_MAX	4000

struct qw_input {
	const char		*model;
	const char		*role;		/* the role's name */
	const char		*skill;
	const char		*level;		/* "warmup" ... "expert" */
	int			 hard_end;	/* ask from the hard end of the level */
	/* A follow-up: the question answered, the answer, the stored prompts. */
	const char		*question;
	const char		*answer;
	const char *const	*prompts;
	size_t			 nprompts;
	const struct chat_msg	*history;	/* earlier questions and answers */
	size_t			 nhistory;
};

struct qw_result {
	const char	*body;		/* the question, Markdown */
	const char	*rubric;	/* as questions.rubric JSON, or NULL if none came */
	const char	*sample_answer;	/* a strong answer, or NULL if none came */
	int		 prompt_tokens;	/* over every attempt */
	int		 completion_tokens;
	int		 truncated;	/* history messages left out */
	const char	*failure;	/* why there is no question, or NULL */
};

/*
 * Asks the model for one follow-up question.  ST_OK: out->body is set, and
 * out->rubric when the model wrote one.
 * ST_INVALID: malformed twice; ST_UNAVAILABLE: no answer.  Either way
 * out->failure says why and out holds the tokens used so far.
 */
enum status	questioner_follow_up(struct arena *, struct provider *,
		    const struct qw_input *, struct qw_result *out);
/*
 * The same for a whole question: out->body and out->rubric on ST_OK.  A
 * question that repeats one already asked (in->history's questions or
 * in->question, compared with case, punctuation and Markdown left out) is
 * refused as a malformed one: asked once more, then ST_INVALID.
 */
enum status	questioner_generate(struct arena *, struct provider *,
		    const struct qw_input *, struct qw_result *out);
/*
 * Checks a tool call's arguments: the question, its sample answer when given,
 * and its expected points (text, weight 1..5, key phrases) turned into a
 * rubric: required with generated, for a follow-up checked when given.
 * ST_INVALID with *why naming the first bad field.
 */
enum status	questioner_parse(struct arena *, const char *args,
		    int generated, struct qw_result *out, const char **why);

#endif
