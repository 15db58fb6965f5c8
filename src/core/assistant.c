/* assistant.c: assisted-mode chat: count, reserve, reply (offline), settle. */
#include <ctype.h>
#include <string.h>
#include <time.h>

#include "lib/log.h"
#include "assistant.h"

static const char offline_intro[] = "I am viva's offline assistant: no AI"
    " service is configured, so I can only offer the challenge's hints.";

const char *
assistant_system_prompt(struct arena *a, const struct interview *iv)
{
	return arena_printf(a, "You are an assistant helping a candidate during"
	    " a timed interview. The interviewer can read this conversation."
	    " Help with the challenge below without simply writing the whole"
	    " solution.\n\n# %s\n\n%s%s%s", iv->challenge_title,
	    iv->challenge_md, *iv->instructions ?
	    "\n\nInstructions from the interviewer:\n" : "", iv->instructions);
}

/* How many words of four letters or more from message occur in hint. */
static int
overlap(struct arena *a, const char *hint, const char *message)
{
	const char	*p = message, *s;
	char		*w;
	int		 score = 0;

	while (*p != '\0') {
		while (*p != '\0' && !isalnum((unsigned char)*p))
			p++;
		for (s = p; isalnum((unsigned char)*p); p++)
			continue;
		if (p - s < 4)
			continue;
		w = arena_strndup(a, s, (size_t)(p - s));
		if (strcasestr(hint, w) != NULL)
			score++;
	}
	return score;
}

const char *
assistant_builtin_reply(struct arena *a, const char *const *hints, size_t n,
    size_t replies, const char *message)
{
	size_t	i, best = n;
	int	score, top = 0;

	if (n == 0)
		return arena_printf(a, "%s This challenge has no hints, so I"
		    " cannot help further. Describe your approach in your final"
		    " answer; the interviewer reads this conversation.",
		    offline_intro);
	for (i = 0; i < n; i++)
		if ((score = overlap(a, hints[i], message)) > top) {
			top = score;
			best = i;
		}
	if (best == n)
		best = replies % n;
	return arena_printf(a, "%s\n\nHint %zu of %zu: %s", offline_intro,
	    best + 1, n, hints[best]);
}

/* Prompt tokens of the conversation so far plus text, as the model counts. */
static enum status
count_prompt(struct arena *a, struct db *db, const struct tokenizer *tok,
    const struct interview *iv, const char *text, int *prompt,
    size_t *replies)
{
	struct iv_message	*m;
	struct tok_message	*tm;
	size_t			 n, i, k = 0;
	enum status		 st;

	if ((st = interview_messages(a, db, iv->id, &m, &n)) != ST_OK)
		return st;
	tm = arena_calloc(a, n + 2, sizeof(*tm));
	tm[k].role = "system";
	tm[k].content = assistant_system_prompt(a, iv);
	tm[k].content_len = strlen(tm[k].content);
	k++;
	*replies = 0;
	for (i = 0; i < n; i++) {
		if (strcmp(m[i].role, "user") != 0 &&
		    strcmp(m[i].role, "assistant") != 0)
			continue;
		*replies += strcmp(m[i].role, "assistant") == 0;
		tm[k].role = m[i].role;
		tm[k].content = m[i].content;
		tm[k].content_len = strlen(m[i].content);
		k++;
	}
	tm[k].role = "user";
	tm[k].content = text;
	tm[k].content_len = strlen(text);
	k++;
	*prompt = (int)tokenizer_chat_count(tok, tm, k);
	return ST_OK;
}

/* Shortens reply until it fits in cap tokens; returns its token count. */
static int
fit_reply(struct arena *a, const struct tokenizer *tok, const char **reply,
    int cap)
{
	size_t	len = strlen(*reply);
	int	n;

	while ((n = (int)tokenizer_count(tok, *reply, len)) > cap && len > 0) {
		len = len * 3 / 4;
		while (len > 0 && ((unsigned char)(*reply)[len] & 0xc0) == 0x80)
			len--;	/* not inside a UTF-8 sequence */
		*reply = arena_strndup(a, *reply, len);
	}
	return n;
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec	t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 +
	    (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

enum status
assistant_send(struct arena *a, struct db *db, const struct tokenizer *tok,
    const struct interview *iv, const char *text, struct reservation *res)
{
	const char	**hints, *reply;
	struct timespec	 t0;
	size_t		 nh, replies;
	int		 prompt, completion;
	enum status	 st;

	st = count_prompt(a, db, tok, iv, text, &prompt, &replies);
	if (st != ST_OK ||
	    (st = interview_hints(a, db, iv->id, &hints, &nh)) != ST_OK)
		return st;
	st = budget_reserve(a, db, iv->id, prompt, INTERVIEW_MIN_REPLY,
	    ASSISTANT_REPLY_CAP, iv->model, res);
	if (st != ST_OK)
		return st;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (strcmp(iv->model, "builtin") != 0) {
		/*
		 * XXX: provider models come with the provider client
		 * (src/core/provider*.c); until then such a send is released,
		 * so nothing is charged.
		 */
		log_error("interview %lld: model %s has no client", iv->id,
		    iv->model);
		(void)budget_release(a, db, iv->id, res, "no client for model");
		return ST_UNAVAILABLE;
	}
	reply = assistant_builtin_reply(a, hints, nh, replies, text);
	completion = fit_reply(a, tok, &reply, res->cap);
	st = budget_settle(a, db, iv->id, res, completion, text,
	    (int)tokenizer_count(tok, text, strlen(text)), reply,
	    (int)ms_since(&t0));
	if (st != ST_OK)
		(void)budget_release(a, db, iv->id, res, "settling failed");
	return st;
}
