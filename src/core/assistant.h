/* assistant.h: the candidate's chat with the assistant, within the budget. */
#ifndef VIVA_ASSISTANT_H
#define VIVA_ASSISTANT_H

#include "budget.h"
#include "interview.h"
#include "tokenizer.h"

/* The longest reply the assistant may give, in tokens. */
#define ASSISTANT_REPLY_CAP	400
/* Tokens per exchange assumed before there is one to measure. */
#define ASSISTANT_DEFAULT_EXCHANGE	600

/* The system prompt for an interview (arena-owned). */
const char	*assistant_system_prompt(struct arena *,
		    const struct interview *);
/*
 * The offline assistant's answer: the hint sharing most words with message,
 * else the hint after the ones given in earlier replies; it says what it is.
 */
const char	*assistant_builtin_reply(struct arena *,
		    const char *const *hints, size_t n, size_t replies,
		    const char *message);
/*
 * Sends text for iv: counts the prompt exactly, reserves it and a reply cap,
 * gets the reply, settles.  ST_OK: both messages are stored.  ST_CONFLICT:
 * refused (res->why says why), nothing charged.  ST_UNAVAILABLE: the model
 * did not answer; the reservation was released, nothing charged.
 */
enum status	 assistant_send(struct arena *, struct db *,
		    const struct tokenizer *, const struct interview *iv,
		    const char *text, struct reservation *res);

#endif
