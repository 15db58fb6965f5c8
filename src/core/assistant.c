/* assistant.c: assisted-mode chat: count, reserve, reply (offline), settle. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/log.h"
#include "assistant.h"
#include "chat_context.h"

/* A hold lasts the longest call and this: the settling after it, slack. */
#define HOLD_MARGIN_MS	60000

/* Chosen for the interview: a service may well be configured for others. */
static const char offline_intro[] = "I am viva's offline assistant: I use no"
    " AI service, so I can only offer the challenge's hints.";

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

/* Marks in given[] each hint an earlier reply gave ("Hint 2 of 4: ..."). */
static void
hints_given(const struct chat_msg *conv, size_t nconv, size_t n,
    unsigned char *given)
{
	const char	*p;
	size_t		 i, k;
	char		 end;

	for (i = 0; i < nconv; i++) {
		if (strcmp(conv[i].role, "assistant") != 0 ||
		    (p = strstr(conv[i].content, "\n\nHint ")) == NULL)
			continue;
		if (sscanf(p + 7, "%zu of %*u%c", &k, &end) == 2 && end == ':' &&
		    k >= 1 && k <= n)
			given[k - 1] = 1;
	}
}

const char *
assistant_builtin_reply(struct arena *a, const char *const *hints, size_t n,
    const struct chat_msg *conv, size_t nconv, const char *message)
{
	unsigned char	*given;
	size_t		 i, best = n;
	int		 score, top = 0;

	if (n == 0)
		return arena_printf(a, "%s This challenge has no hints, so I"
		    " cannot help further. Describe your approach in your final"
		    " answer; the interviewer reads this conversation.",
		    offline_intro);
	given = arena_calloc(a, n, 1);
	hints_given(conv, nconv, n, given);
	/* The one nearest the question among those not given yet... */
	for (i = 0; i < n; i++)
		if (!given[i] && (score = overlap(a, hints[i], message)) > top) {
			top = score;
			best = i;
		}
	/* ...else the first not given yet. */
	for (i = 0; best == n && i < n; i++)
		if (!given[i])
			best = i;
	if (best < n)
		return arena_printf(a, "%s\n\nHint %zu of %zu: %s",
		    offline_intro, best + 1, n, hints[best]);
	/* All given: the nearest again, said to be a repeat. */
	for (i = 0, best = 0; i < n; i++)
		if ((score = overlap(a, hints[i], message)) > top) {
			top = score;
			best = i;
		}
	return arena_printf(a, "%s I have given all %zu of this challenge's"
	    " hints; this one again:\n\nHint %zu of %zu: %s", offline_intro, n,
	    best + 1, n, hints[best]);
}

/* The request: system prompt, the conversation so far, then text. */
struct prompt {
	struct chat_msg		*msgs;
	size_t			 n;
	size_t			 replies;	/* assistant messages so far */
	size_t			 left_out;	/* of the conversation (chat_context.h) */
	int			 tokens;	/* as the model counts them */
};

/* What a message adds to a request (tokenizer_chat_count's framing). */
static int
msg_cost(const struct tokenizer *tok, const char *role, const char *content)
{
	struct tok_message	m = { role, NULL, content, strlen(content) };

	return (int)tokenizer_chat_count(tok, tokenizer_count_memo, &m, 1) - 3;
}

static void
add(struct prompt *pr, const char *role, const char *content)
{
	pr->msgs[pr->n].role = role;
	pr->msgs[pr->n++].content = content;
}

/*
 * Tells the model, where the conversation was cut, that it was: else it
 * would answer as if the candidate had never said what it cannot see.
 */
static const char *
cut_note(struct arena *a, size_t left_out)
{
	return arena_printf(a, "(%zu earlier messages of this conversation are"
	    " left out here to keep within the context limit; the candidate"
	    " saw them.)", left_out);
}

/* The conversation's user and assistant messages, oldest first. */
static enum status
history(struct arena *a, struct db *db, long long iv, struct iv_message **h,
    size_t *n)
{
	struct iv_message	*m;
	size_t			 all, i;
	enum status		 st;

	if ((st = interview_messages(a, db, iv, &m, &all)) != ST_OK)
		return st;
	*h = arena_calloc(a, all + 1, sizeof(**h));
	for (i = 0, *n = 0; i < all; i++)
		if (strcmp(m[i].role, "user") == 0 ||
		    strcmp(m[i].role, "assistant") == 0)
			(*h)[(*n)++] = m[i];
	return ST_OK;
}

/*
 * The system prompt, as much of the conversation as cap tokens hold
 * (chat_context.h), then text; counted exactly as the model counts.
 */
static enum status
build_prompt(struct arena *a, struct db *db, const struct tokenizer *tok,
    const struct interview *iv, const char *text, long cap,
    struct prompt *pr)
{
	struct iv_message	*h;
	const char		*system = assistant_system_prompt(a, iv), *note;
	unsigned char		*keep;
	int			*cost;
	long			 fixed;
	size_t			 n, i;
	enum status		 st;

	if ((st = history(a, db, iv->id, &h, &n)) != ST_OK)
		return st;
	cost = arena_calloc(a, n + 1, sizeof(*cost));
	keep = arena_calloc(a, n + 1, 1);
	for (i = 0; i < n; i++)
		cost[i] = msg_cost(tok, h[i].role, h[i].content);
	fixed = 3 + msg_cost(tok, "system", system) + msg_cost(tok, "user", text);
	memset(pr, 0, sizeof(*pr));
	pr->left_out = context_fit(cost, n, fixed, msg_cost(tok, "system",
	    cut_note(a, n)), cap, keep);
	/* The counts are additive (tokenizer_chat_count): what is sent, summed. */
	pr->tokens = (int)fixed;
	note = pr->left_out > 0 ? cut_note(a, pr->left_out) : NULL;
	pr->msgs = arena_calloc(a, n + 3, sizeof(*pr->msgs));
	add(pr, "system", system);
	for (i = 0; i < n; i++) {
		pr->replies += strcmp(h[i].role, "assistant") == 0;
		if (keep[i]) {
			add(pr, h[i].role, h[i].content);
			pr->tokens += cost[i];
		} else if (i == 0 || keep[i - 1]) {
			add(pr, "system", note);
			pr->tokens += msg_cost(tok, "system", note);
		}
	}
	add(pr, "user", text);
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

long long
assistant_cost_micros(const struct config *cfg, const char *model, int prompt,
    int completion)
{
	double	in, out;

	if (cfg == NULL || config_price(cfg, model, &in, &out) != 0)
		return 0;
	/* USD per million tokens times tokens is millionths of USD. */
	return (long long)(prompt * in + completion * out + 0.5);
}

long long
assistant_minute_cost_micros(const struct config *cfg, const char *model,
    double seconds)
{
	double	usd;

	if (cfg == NULL || seconds <= 0 ||
	    config_minute_price(cfg, model, &usd) != 0)
		return 0;
	return (long long)(seconds / 60 * usd * 1e6 + 0.5);
}

/*
 * A message refused for tokens: how much of what it needs is its own text,
 * so that the candidate is told to shorten it only when that could help.
 */
static enum status
own_share(const struct tokenizer *tok, const char *text,
    struct reservation *res, enum status st)
{
	if (st == ST_CONFLICT && res->why == BR_TOKENS)
		res->own = msg_cost(tok, "user", text);
	return st;
}

static enum status
send_builtin(struct arena *a, struct db *db, const struct tokenizer *tok,
    const struct interview *iv, const char *text, long cap,
    const char *form_id, struct reservation *res)
{
	const char	**hints, *reply;
	struct exchange	 ex;
	struct prompt	 pr;
	struct timespec	 t0;
	size_t		 nh;
	enum status	 st;

	st = build_prompt(a, db, tok, iv, text, cap, &pr);
	if (st != ST_OK ||
	    (st = interview_hints(a, db, iv->id, &hints, &nh)) != ST_OK)
		return st;
	st = budget_reserve(a, db, iv->id, pr.tokens, INTERVIEW_MIN_REPLY,
	    ASSISTANT_REPLY_CAP, iv->model, HOLD_MARGIN_MS, form_id, text, res);
	if (st != ST_OK)
		return own_share(tok, text, res, st);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	reply = assistant_builtin_reply(a, hints, nh, pr.msgs, pr.n, text);
	memset(&ex, 0, sizeof(ex));
	ex.prompt = res->prompt;
	ex.completion = fit_reply(a, tok, &reply, res->cap);
	if (ex.completion > res->cap)
		ex.completion = res->cap;	/* only an empty reply is left */
	ex.question = text;
	ex.question_tokens = (int)tokenizer_count(tok, text, strlen(text));
	ex.reply = reply;
	ex.latency_ms = (int)ms_since(&t0);
	ex.model = iv->model;
	if ((st = budget_settle(a, db, iv->id, res, &ex)) != ST_OK)
		(void)budget_release(a, db, iv->id, res, "settling failed");
	return st;
}

/* Settles a provider's answer with the usage it reported. */
static enum status
settle_reply(struct arena *a, struct db *db, const struct assistant_env *env,
    const struct tokenizer *tok, const struct interview *iv,
    const char *text, const struct reservation *res,
    const struct chat_res *cr)
{
	struct exchange	ex;
	enum status	st;

	memset(&ex, 0, sizeof(ex));
	ex.prompt = cr->prompt_tokens;
	ex.completion = cr->completion_tokens;
	if ((long long)ex.prompt + ex.completion > res->total)
		log_warn("interview %lld: %s reported %d + %d tokens, over the"
		    " %d reserved (%d counted + %d cap); charging the report",
		    iv->id, iv->model, ex.prompt, ex.completion, res->total,
		    res->prompt, res->cap);
	ex.cost_micros = assistant_cost_micros(env->cfg, iv->model, ex.prompt,
	    ex.completion);
	ex.question = text;
	ex.question_tokens = (int)tokenizer_count(tok, text, strlen(text));
	ex.reply = cr->text;
	ex.latency_ms = cr->latency_ms;
	ex.model = iv->model;
	if ((st = budget_settle(a, db, iv->id, res, &ex)) != ST_OK)
		(void)budget_release(a, db, iv->id, res, "settling failed");
	return st;
}

/* The most tokens one message sends (ai_context_tokens). */
static long
context_cap(const struct assistant_env *env)
{
	return env->cfg != NULL ? env->cfg->ai_context_tokens :
	    CONFIG_AI_CONTEXT_TOKENS;
}

static enum status
send_provider(struct arena *a, struct db *db, const struct assistant_env *env,
    const struct interview *iv, const char *text, const char *form_id,
    const struct reply_stream *stream, struct reservation *res)
{
	const struct tokenizer	*tok;
	struct chat_req		 req;
	struct chat_res		 cr;
	struct prompt		 pr;
	enum status		 st;

	tok = env->tok[tokenizer_for_model(iv->model)];
	if (!assistant_can_answer(env, iv->model)) {
		log_error("interview %lld: model %s: %s", iv->id, iv->model,
		    env->prov == NULL ? "no AI provider is configured" :
		    "its tokenizer is not loaded");
		return ST_UNAVAILABLE;
	}
	if ((st = build_prompt(a, db, tok, iv, text, context_cap(env), &pr)) !=
	    ST_OK)
		return st;
	st = budget_reserve(a, db, iv->id, pr.tokens, INTERVIEW_MIN_REPLY,
	    ASSISTANT_REPLY_CAP, iv->model,
	    provider_longest_ms(env->prov) + HOLD_MARGIN_MS, form_id, text, res);
	if (st != ST_OK)
		return own_share(tok, text, res, st);
	memset(&req, 0, sizeof(req));
	req.model = iv->model;
	req.msgs = pr.msgs;
	req.n = pr.n;
	/* The provider cannot go past what was reserved. */
	req.max_completion_tokens = res->cap;
	/* Streamed always: the usage arrives either way, the text sooner. */
	req.stream = 1;
	if (stream != NULL) {
		req.on_delta = stream->on_delta;
		req.arg = stream->arg;
	}
	if ((st = provider_chat(a, env->prov, &req, &cr)) != ST_OK) {
		log_error("interview %lld: %s did not answer after %d"
		    " attempt(s), %d ms: %s: %s", iv->id, iv->model,
		    cr.attempts, cr.latency_ms,
		    cr.error_code != NULL ? cr.error_code : "invalid",
		    cr.error_message != NULL ? cr.error_message : "");
		(void)budget_release(a, db, iv->id, res,
		    cr.error_code != NULL ? cr.error_code : "invalid request");
		/* Longer than the call waits: the candidate is told when. */
		if (cr.retry_after_ms > 0)
			res->retry_s = (int)((cr.retry_after_ms + 999) / 1000);
		return ST_UNAVAILABLE;
	}
	res->answered = 1;
	return settle_reply(a, db, env, tok, iv, text, res, &cr);
}

long long
assistant_messages_left(const struct interview *iv, int replies)
{
	long long	per;

	per = replies > 0 ? iv->tokens_used / replies :
	    ASSISTANT_DEFAULT_EXCHANGE;
	if (per < 1)
		per = 1;
	/* Spent, no next prompt fits: 0, not 1 beside "used up". */
	return interview_tokens_spent(iv) ? 0 : interview_tokens_left(iv) / per;
}

int
assistant_can_answer(const struct assistant_env *env, const char *model)
{
	if (strcmp(model, "builtin") == 0)
		return 1;
	return env->prov != NULL && env->tok[tokenizer_for_model(model)] !=
	    NULL;
}

enum status
assistant_send(struct arena *a, struct db *db,
    const struct assistant_env *env, const struct interview *iv,
    const char *text, const char *form_id, const struct reply_stream *stream,
    struct reservation *res)
{
	memset(res, 0, sizeof(*res));
	if (strcmp(iv->model, "builtin") == 0)
		return send_builtin(a, db, env->tok[TOK_O200K_BASE], iv, text,
		    context_cap(env), form_id, res);
	return send_provider(a, db, env, iv, text, form_id, stream, res);
}

enum status
assistant_wait_reply(struct arena *a, struct db *db,
    const struct assistant_env *env, const struct reservation *res)
{
	/* As long as the first send may wait for its reply, and a little. */
	return res->usage_id > 0 ? budget_wait(a, db, res->usage_id,
	    (env->prov != NULL ? provider_longest_ms(env->prov) : 0) +
	    5000) : ST_OK;
}
