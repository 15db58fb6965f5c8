/* config.h: settings from a `key = value` file, overridden by VIVA_* environment variables. */
#ifndef VIVA_CONFIG_H
#define VIVA_CONFIG_H

#include <stddef.h>

#include "status.h"

/*
 * ai_context_tokens by default: within the smallest context windows still
 * common (16k), reply included, and a bound on what one message costs.
 */
#define CONFIG_AI_CONTEXT_TOKENS	15000

struct config {
	char	*database_url;	/* libpq connection string */
	char	*socket;	/* FastCGI socket path when not socket-activated */
	char	*base_url;	/* public URL; https => Secure cookies and HSTS */
	char	*share_dir;	/* holds templates/, static/, sql/, data/ */
	int	 workers;	/* viva.fcgi pool size; 0 = 2 per core */
	int	 max_workers;	/* with those waiting on the AI; 0 = 3 x workers */
	int	 active_workers; /* of workers, taking every request; 0 = 1 per core */
	int	 session_hours;
	long	 max_body;	/* bytes the app reads of a request body */
	int	 debug;		/* log_level = debug */
	char	*ai_base_url;	/* OpenAI-compatible endpoint; "" = builtin only */
	char	*ai_api_key;	/* a secret: never logged */
	char	*ai_ca_file;	/* PEM CAs trusted for the provider; "" = the system's */
	char	*ai_models;	/* comma-separated model ids offered */
	int	 ai_timeout_ms;	/* one provider attempt */
	int	 ai_context_tokens;	/* the most one chat message sends */
	int	 ai_breaker_failures;	/* failed calls in a row that open the breaker; 0: never */
	int	 db_statement_timeout_ms;	/* 0: none */
	char	*ai_prices;	/* "model:in:out,...", USD per million tokens */
	char	*ai_minute_prices;	/* "model:usd,...", USD per minute of audio */
	int	 cost_warn_cents;	/* the dashboard flags interviews above it */
	char	*storage_dir;	/* recordings and speech, per org; writable */
	long	 audio_max_bytes;	/* one uploaded recording */
	int	 audio_max_seconds;	/* one recorded answer */
	char	*stt_model;	/* the provider's transcription model */
	char	*stt_language;	/* ISO-639-1 hint, "" for none */
	char	*tts_model;	/* the provider's speech model */
	char	*tts_voice;
	char	*tts_espeak;	/* local TTS program when no provider; "" off */
	char	*tts_espeak_voice;
	char	*ai_realtime_model;	/* model of the realtime (voice) API */
	char	*ticket_key;	/* a secret: 64 hex chars signing realtime tickets */
	char	*recording_key;	/* a secret: 64 hex chars sealing recordings at rest */
	long	 oneway_max_bytes;	/* one one-way answer (audio or video) */
	int	 worker_port;	/* viva-worker listens on 127.0.0.1:worker_port */
	int	 secure;	/* derived: base_url starts with https:// */
};

/*
 * Fills c with defaults, then the file at path (NULL: $VIVA_CONFIG, else
 * ./viva.conf if present), then the environment.  Strings are malloc'd and
 * live for the process.  On a bad line returns ST_INVALID with err set.
 */
enum status	config_load(const char *path, struct config *c, char *err, size_t errsz);
void		config_free(struct config *);
/* share_dir joined with a relative path, into out. */
/* Whether item is one of the comma-separated words in list. */
int		config_list_has(const char *list, const char *item);
/*
 * The prices of model in c->ai_prices, USD per million tokens of prompt
 * (*in) and of reply (*out); returns 0, or -1 when it has none.
 */
int		config_price(const struct config *, const char *model,
		    double *in, double *out);
/*
 * The price of model in c->ai_minute_prices, USD per minute of audio (a
 * transcriber that reports seconds, not tokens); 0, or -1 when it has none.
 */
int		config_minute_price(const struct config *, const char *model,
		    double *usd);
void		config_path(const struct config *, const char *rel, char *out, size_t sz);

#endif
