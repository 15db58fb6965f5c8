/* assistant.h: the candidate's chat with the assistant, within the budget. */
#ifndef VIVA_ASSISTANT_H
#define VIVA_ASSISTANT_H

#include "lib/config.h"
#include "budget.h"
#include "interview.h"
#include "provider.h"
#include "tokenizer.h"

/* The longest reply the assistant may give, in tokens. */
#define ASSISTANT_REPLY_CAP	400
/* Tokens per exchange assumed before there is one to measure. */
#define ASSISTANT_DEFAULT_EXCHANGE	600

/* Where a streamed reply's text goes as it arrives (see struct chat_req). */
struct reply_stream {
	void		(*on_delta)(void *arg, const char *text, size_t len);
	void		*arg;
};

/* What the assistant needs from the process; made once in main(). */
struct assistant_env {
	const struct tokenizer	*tok[TOK__MAX];	/* NULL: not loaded */
	struct provider		*prov;		/* NULL: builtin only */
	const struct config	*cfg;		/* ai_prices */
};

/*
 * About how many more messages iv's tokens pay for, at the average cost of
 * its replies so far (ASSISTANT_DEFAULT_EXCHANGE before the first); 0 once
 * spent.  The candidate's page, the interviewer's and the JSON state the
 * candidate's script polls all give this one figure.
 */
long long	 assistant_messages_left(const struct interview *, int replies);
/*
 * Whether model can answer on this server now: the offline assistant
 * always; a provider's model only with a provider and its tokenizer (the
 * configuration may have changed since the interview was made).
 */
int		 assistant_can_answer(const struct assistant_env *,
		    const char *model);
/* Millionths of USD for the usage, from ai_prices; 0 if the model has none. */
long long	 assistant_cost_micros(const struct config *, const char *model,
		    int prompt, int completion);
/* Millionths of USD for seconds of audio, from ai_minute_prices; else 0. */
long long	 assistant_minute_cost_micros(const struct config *,
		    const char *model, double seconds);
/* The system prompt for an interview (arena-owned). */
const char	*assistant_system_prompt(struct arena *,
		    const struct interview *);
/*
 * The offline assistant's answer, saying what it is: of the hints no
 * earlier reply in conv gave, the one sharing most words with message,
 * else the first; once all were given, the nearest again, said so.
 */
const char	*assistant_builtin_reply(struct arena *,
		    const char *const *hints, size_t n,
		    const struct chat_msg *conv, size_t nconv,
		    const char *message);
/*
 * Sends text for iv: counts the prompt exactly with the model's tokenizer,
 * reserves it and a reply cap, gets the reply (offline, or streamed from
 * env->prov with the cap as max_completion_tokens, each piece passed to
 * stream when it is not NULL), settles with the usage reported.
 * ST_OK: both messages are stored.  ST_CONFLICT: refused (res->why says
 * why), nothing charged.  ST_UNAVAILABLE: the model did not answer (or has
 * no provider or tokenizer here); any reservation was released, nothing
 * charged, nothing stored.  form_id (form_use.h; NULL: none) makes the
 * same form sent again ST_CONFLICT with res->why BR_REPEATED: nothing
 * sent, nothing charged.
 */
enum status	 assistant_send(struct arena *, struct db *,
		    const struct assistant_env *, const struct interview *iv,
		    const char *text, const char *form_id,
		    const struct reply_stream *stream, struct reservation *res);
/*
 * After BR_REPEATED: waits until the first send's reply is stored (or its
 * call failed), for at most as long as the provider may take.
 */
enum status	 assistant_wait_reply(struct arena *, struct db *,
		    const struct assistant_env *, const struct reservation *);

#endif
