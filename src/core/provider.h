/* provider.h: chat completions from an AI provider, with retries and a circuit breaker. */
#ifndef VIVA_PROVIDER_H
#define VIVA_PROVIDER_H

#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/status.h"

struct chat_msg {
	const char	*role;	/* "system", "developer", "user", "assistant" */
	const char	*content;
};

struct chat_req {
	const char		*model;
	const struct chat_msg	*msgs;
	size_t			 n;
	int			 max_completion_tokens;	/* 0: not sent */
	int			 stream;
	/* JSON texts sent as they are, or NULL: "tools" and "tool_choice". */
	const char		*tools;
	const char		*tool_choice;
	/*
	 * Streamed text as it arrives, in order, never empty.  Called only
	 * with stream set; text is not NUL-terminated and is the callee's
	 * to copy.  Never called twice for the same text (no retry once a
	 * delta went out; see provider_chat).
	 */
	void			(*on_delta)(void *arg, const char *text,
				    size_t len);
	void			*arg;
};

struct chat_res {
	const char	*text;		/* the whole reply, "" if none */
	int		 prompt_tokens;
	int		 completion_tokens;
	int		 latency_ms;	/* the whole call, retries included */
	int		 attempts;	/* requests sent (0: circuit open) */
	const char	*finish_reason;	/* "stop", "length", ...; NULL on failure */
	/* The first tool call of a plain (not streamed) reply, or NULL. */
	const char	*tool_name;
	const char	*tool_args;	/* its arguments: JSON text, unchecked */
	/*
	 * NULL on success, else one of: "timeout", "connect",
	 * "rate_limited", "quota", "server_error", "bad_request", "auth",
	 * "bad_response", "cut_stream", "circuit_open".
	 */
	const char	*error_code;
	const char	*error_message;	/* for the log, never for the candidate */
	/* "rate_limited": the wait the provider asked for, in ms; else -1. */
	long		 retry_after_ms;
};

/*
 * One provider endpoint and its health.  Made once per process (config
 * strings are the caller's and must outlive it); set by provider_init,
 * limits may then be changed.  Not thread-safe: one per thread.
 */
struct provider {
	const char	*base_url;	/* "https://api.openai.com/v1" */
	const char	*api_key;
	int		 timeout_ms;	/* one attempt, whole exchange */
	int		 connect_timeout_ms;
	int		 deadline_ms;	/* the whole call; 0: attempts alone */
	int		 max_attempts;	/* 1: no retry */
	int		 backoff_base_ms;	/* first wait, doubled each time */
	int		 backoff_cap_ms;
	int		 retry_after_max_ms;	/* longer Retry-After: give up */
	int		 breaker_threshold;	/* failed calls in a row; 0: off */
	int		 breaker_open_ms;	/* fail fast this long */
	/*
	 * clock_ms time no attempt may run past, for every call a request
	 * makes (several for one adaptive answer); 0: none.  Set per request.
	 */
	int64_t		 until_ms;
	/* State, kept by provider.c. */
	int		 failures;	/* failed calls in a row */
	int64_t		 open_until;	/* monotonic ms; fail fast before */
	uint64_t	 rng;		/* jitter */
};

/* An attempt shorter than this is not started: the request's time is spent. */
#define PROVIDER_MIN_ATTEMPT_MS	1000

/* Defaults: 60 s per attempt, connect 5 s, 3 attempts, 250 ms..4 s, breaker 5 / 30 s. */
void		provider_init(struct provider *p, const char *base_url,
		    const char *api_key);

/*
 * Sends one chat completion and fills res (strings in a).  Returns ST_OK,
 * ST_INVALID for a request that cannot be sent (no model or messages), or
 * ST_UNAVAILABLE with res->error_code set: the AI service did not answer
 * and nothing should be charged.
 *
 * Timeouts, connection errors, 429 (waiting Retry-After when given, giving
 * up when it is over retry_after_max_ms) and 500/502/503/504 are retried
 * with exponential backoff and jitter, up to max_attempts and deadline_ms.
 * Other 4xx, malformed replies and in-band stream errors are not.  A
 * streamed attempt that already passed text to on_delta is never retried,
 * so the caller never sees text twice: it fails with its own error_code.
 * After breaker_threshold failed calls in a row the call fails at once
 * ("circuit_open") for breaker_open_ms; then one call is let through.
 */
enum status	provider_chat(struct arena *a, struct provider *p,
		    const struct chat_req *req, struct chat_res *res);
/* The longest a call may take, retries and waits included. */
int		provider_longest_ms(const struct provider *p);

/*
 * What one attempt came to; for provider.c and the back ends only.
 */
enum attempt {
	ATT_OK,
	ATT_RETRY,	/* worth another try */
	ATT_FAIL	/* final */
};

struct attempt_res {
	enum attempt	 outcome;
	const char	*error_code;
	const char	*error_message;
	long		 retry_after_ms;	/* -1: none */
	int		 counts;	/* against the breaker (provider's fault) */
};

/* One try of a call, given this try's timeout; fills ar. */
typedef void	(*provider_try_fn)(struct arena *, const struct provider *,
		    void *arg, long timeout_ms, struct attempt_res *ar);

/*
 * Runs fn with the rules provider_chat follows (retries, backoff, deadline,
 * breaker), for calls other than chat.  ST_OK when a try succeeded, else
 * ST_UNAVAILABLE with ar->error_code set ("circuit_open" without a try).
 * *tries counts the tries, *latency_ms the whole call; what names it in
 * the log.
 */
enum status	provider_run(struct arena *, struct provider *, const char *what,
		    provider_try_fn fn, void *arg, struct attempt_res *ar,
		    int *tries, int *latency_ms);

/*
 * How an OpenAI-compatible reply that is not a whole 2xx ends a try
 * (provider_openai.c): openai_http_status for a non-2xx status,
 * openai_transport when no whole response came.
 */
struct http_res;
void		openai_http_status(struct arena *, const struct http_res *,
		    struct attempt_res *);
void		openai_transport(const struct http_res *, struct attempt_res *);
/* "Authorization: Bearer KEY" in a; sodium_memzero it after the call. */
char		*openai_auth(struct arena *, const struct provider *);
/* base_url without trailing slashes, joined with path ("/audio/speech"). */
const char	*openai_url(struct arena *, const struct provider *,
		    const char *path);

/* One OpenAI-compatible request (provider_openai.c); timeout_ms for this try. */
void		openai_chat_once(struct arena *a, const struct provider *p,
		    const struct chat_req *req, long timeout_ms,
		    struct chat_res *res, struct attempt_res *ar);

#endif
