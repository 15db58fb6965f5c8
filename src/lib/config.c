/* config.c: parse viva.conf and the VIVA_* environment. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "config.h"

enum ckind { C_STR, C_INT, C_LONG, C_LEVEL, C_LIST, C_PRICES, C_MINUTE_PRICES };

struct ckey {
	const char	*name;
	const char	*env;
	enum ckind	 kind;
	size_t		 off;
	long		 min, max;
};

static const struct ckey keys[] = {
	{ "database_url", "VIVA_DATABASE_URL", C_STR, offsetof(struct config, database_url), 0, 0 },
	{ "socket", "VIVA_SOCKET", C_STR, offsetof(struct config, socket), 0, 0 },
	{ "base_url", "VIVA_BASE_URL", C_STR, offsetof(struct config, base_url), 0, 0 },
	{ "share_dir", "VIVA_SHARE_DIR", C_STR, offsetof(struct config, share_dir), 0, 0 },
	{ "workers", "VIVA_WORKERS", C_INT, offsetof(struct config, workers), 0, 256 },
	{ "max_workers", "VIVA_MAX_WORKERS", C_INT, offsetof(struct config, max_workers), 0, 1024 },
	{ "active_workers", "VIVA_ACTIVE_WORKERS", C_INT, offsetof(struct config, active_workers), 0, 256 },
	{ "session_hours", "VIVA_SESSION_HOURS", C_INT, offsetof(struct config, session_hours), 1, 24 * 30 },
	{ "max_body", "VIVA_MAX_BODY", C_LONG, offsetof(struct config, max_body), 1024, 1L << 30 },
	{ "log_level", "VIVA_LOG_LEVEL", C_LEVEL, offsetof(struct config, debug), 0, 0 },
	{ "db_statement_timeout_ms", "VIVA_DB_STATEMENT_TIMEOUT_MS", C_INT, offsetof(struct config, db_statement_timeout_ms), 0, 3600000 },
	{ "ai_base_url", "VIVA_AI_BASE_URL", C_STR, offsetof(struct config, ai_base_url), 0, 0 },
	{ "ai_api_key", "VIVA_AI_API_KEY", C_STR, offsetof(struct config, ai_api_key), 0, 0 },
	{ "ai_ca_file", "VIVA_AI_CA_FILE", C_STR, offsetof(struct config, ai_ca_file), 0, 0 },
	{ "ai_models", "VIVA_AI_MODELS", C_LIST, offsetof(struct config, ai_models), 0, 0 },
	{ "ai_timeout_ms", "VIVA_AI_TIMEOUT_MS", C_INT, offsetof(struct config, ai_timeout_ms), 100, 600000 },
	{ "ai_context_tokens", "VIVA_AI_CONTEXT_TOKENS", C_INT, offsetof(struct config, ai_context_tokens), 1000, 2000000 },
	{ "ai_breaker_failures", "VIVA_AI_BREAKER_FAILURES", C_INT, offsetof(struct config, ai_breaker_failures), 0, 1000 },
	{ "ai_prices", "VIVA_AI_PRICES", C_PRICES, offsetof(struct config, ai_prices), 0, 0 },
	{ "ai_minute_prices", "VIVA_AI_MINUTE_PRICES", C_MINUTE_PRICES, offsetof(struct config, ai_minute_prices), 0, 0 },
	{ "ai_realtime_model", "VIVA_AI_REALTIME_MODEL", C_STR, offsetof(struct config, ai_realtime_model), 0, 0 },
	{ "ticket_key", "VIVA_TICKET_KEY", C_STR, offsetof(struct config, ticket_key), 0, 0 },
	{ "recording_key", "VIVA_RECORDING_KEY", C_STR, offsetof(struct config, recording_key), 0, 0 },
	{ "oneway_max_bytes", "VIVA_ONEWAY_MAX_BYTES", C_LONG, offsetof(struct config, oneway_max_bytes), 4096, 1L << 30 },
	{ "worker_port", "VIVA_WORKER_PORT", C_INT, offsetof(struct config, worker_port), 1, 65535 },
	{ "cost_warn_cents", "VIVA_COST_WARN_CENTS", C_INT, offsetof(struct config, cost_warn_cents), 0, 100000000 },
	{ "storage_dir", "VIVA_STORAGE_DIR", C_STR, offsetof(struct config, storage_dir), 0, 0 },
	{ "audio_max_bytes", "VIVA_AUDIO_MAX_BYTES", C_LONG, offsetof(struct config, audio_max_bytes), 4096, 25L << 20 },
	{ "audio_max_seconds", "VIVA_AUDIO_MAX_SECONDS", C_INT, offsetof(struct config, audio_max_seconds), 5, 3600 },
	{ "stt_model", "VIVA_STT_MODEL", C_LIST, offsetof(struct config, stt_model), 0, 0 },
	{ "stt_language", "VIVA_STT_LANGUAGE", C_STR, offsetof(struct config, stt_language), 0, 0 },
	{ "tts_model", "VIVA_TTS_MODEL", C_LIST, offsetof(struct config, tts_model), 0, 0 },
	{ "tts_voice", "VIVA_TTS_VOICE", C_LIST, offsetof(struct config, tts_voice), 0, 0 },
	{ "tts_espeak", "VIVA_TTS_ESPEAK", C_STR, offsetof(struct config, tts_espeak), 0, 0 },
	{ "tts_espeak_voice", "VIVA_TTS_ESPEAK_VOICE", C_LIST, offsetof(struct config, tts_espeak_voice), 0, 0 },
};

static char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		abort();
	return p;
}

/* One word of a comma-separated list: [A-Za-z0-9._:/-], not empty. */
static int
valid_word(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > 200)
		return 0;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("._:/-", s[i]) == NULL)
			return 0;
	return 1;
}

/* "a,b,c": model ids, no spaces, none empty. */
static int
valid_list(const char *v)
{
	const char	*e;

	for (;; v = e + 1) {
		e = strchr(v, ',');
		if (!valid_word(v, e != NULL ? (size_t)(e - v) : strlen(v)))
			return 0;
		if (e == NULL)
			return 1;
	}
}

/* A price: a plain decimal number, 0 to 1000000. */
static int
parse_price(const char *s, const char **end, double *out)
{
	char	*e;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*out = strtod(s, &e);
	if (errno != 0 || e == s || *out < 0 || *out > 1e6)
		return -1;
	*end = e;
	return 0;
}

/*
 * One "model:in:out" entry at *p; moves *p past it (and its comma).  The
 * model id may itself hold colons, so the last two fields are the prices.
 */
static int
price_entry(const char **p, const char **model, size_t *mlen, double *in,
    double *out)
{
	const char	*s = *p, *e, *c1, *c2 = NULL, *q;

	e = s + strcspn(s, ",");
	for (q = s, c1 = NULL; q < e; q++)
		if (*q == ':') {
			c1 = c2;
			c2 = q;
		}
	if (c1 == NULL || !valid_word(s, (size_t)(c1 - s)) ||
	    parse_price(c1 + 1, &q, in) != 0 || q != c2 ||
	    parse_price(c2 + 1, &q, out) != 0 || q != e)
		return -1;
	*model = s;
	*mlen = (size_t)(c1 - s);
	*p = *e == ',' ? e + 1 : e;
	return 0;
}

/* One "model:usd" entry at *p (USD per minute of audio); as price_entry. */
static int
minute_entry(const char **p, const char **model, size_t *mlen, double *usd)
{
	const char	*s = *p, *e, *c = NULL, *q;

	e = s + strcspn(s, ",");
	for (q = s; q < e; q++)
		if (*q == ':')
			c = q;
	if (c == NULL || !valid_word(s, (size_t)(c - s)) ||
	    parse_price(c + 1, &q, usd) != 0 || q != e)
		return -1;
	*model = s;
	*mlen = (size_t)(c - s);
	*p = *e == ',' ? e + 1 : e;
	return 0;
}

static int
valid_minute_prices(const char *v)
{
	const char	*m;
	size_t		 len;
	double		 usd;

	while (*v != '\0')
		if (minute_entry(&v, &m, &len, &usd) != 0 ||
		    (*v == '\0' && v[-1] == ','))
			return 0;
	return 1;
}

static int
valid_prices(const char *v)
{
	const char	*m;
	size_t		 len;
	double		 in, out;

	if (*v == '\0')
		return 1;
	while (*v != '\0')
		if (price_entry(&v, &m, &len, &in, &out) != 0 ||
		    (*v == '\0' && v[-1] == ','))
			return 0;
	return 1;
}

/*
 * The list in v with the spaces around each item left out, as people write
 * "gpt-4o-mini, gpt-4o"; malloc'd.  Spaces inside an item stay, for
 * valid_word to refuse.
 */
static char *
list_trimmed(const char *v)
{
	char	*out = xstrdup(v), *o = out;
	size_t	 n;

	for (;;) {
		v += strspn(v, " \t");
		n = strcspn(v, ",");
		memcpy(o, v, n);
		while (n > 0 && (o[n - 1] == ' ' || o[n - 1] == '\t'))
			n--;
		o += n;
		v += strcspn(v, ",");
		if (*v == '\0')
			break;
		*o++ = *v++;
	}
	*o = '\0';
	return out;
}

/* What a key of kind k takes, for the message that refuses a value. */
static void
expected(const struct ckey *k, char *out, size_t sz)
{
	switch (k->kind) {
	case C_INT:
	case C_LONG:
		snprintf(out, sz, "a whole number from %ld to %ld", k->min,
		    k->max);
		return;
	case C_LEVEL:
		snprintf(out, sz, "info or debug");
		return;
	case C_LIST:
		snprintf(out, sz, "ids separated by commas, each of letters,"
		    " digits and . _ : / -");
		return;
	case C_PRICES:
		snprintf(out, sz, "model:in:out,... in USD per million tokens,"
		    " e.g. gpt-4o-mini:0.15:0.60");
		return;
	case C_MINUTE_PRICES:
		snprintf(out, sz, "model:usd,... in USD per minute of audio,"
		    " e.g. whisper-1:0.006");
		return;
	case C_STR:
		break;
	}
	snprintf(out, sz, "text");
}

/* Sets one value; on a bad one, err says what the key takes. */
static int
set_value(struct config *c, const struct ckey *k, const char *v, char *err, size_t errsz)
{
	char	*end, *list = NULL, want[128];
	long	 n;
	int	 ok = 1;

	switch (k->kind) {
	case C_LIST:
	case C_PRICES:
	case C_MINUTE_PRICES:
		list = list_trimmed(v);
		if (k->kind == C_LIST)
			ok = valid_list(list);
		else if (k->kind == C_PRICES)
			ok = valid_prices(list);
		else
			ok = valid_minute_prices(list);
		if (!ok) {
			free(list);
			break;
		}
		free(*(char **)((char *)c + k->off));
		*(char **)((char *)c + k->off) = list;
		return 0;
	case C_STR:
		free(*(char **)((char *)c + k->off));
		*(char **)((char *)c + k->off) = xstrdup(v);
		return 0;
	case C_LEVEL:
		if (strcmp(v, "debug") != 0 && strcmp(v, "info") != 0)
			break;
		c->debug = strcmp(v, "debug") == 0;
		return 0;
	case C_INT:
	case C_LONG:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || n < k->min || n > k->max)
			break;
		if (k->kind == C_INT)
			*(int *)((char *)c + k->off) = (int)n;
		else
			*(long *)((char *)c + k->off) = n;
		return 0;
	}
	expected(k, want, sizeof(want));
	snprintf(err, errsz, "%s: bad value \"%s\": must be %s", k->name, v,
	    want);
	return -1;
}

static const struct ckey *
find_key(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static enum status
load_file(FILE *f, const char *path, struct config *c, char *err, size_t errsz)
{
	char			 line[4096], msg[512], *k, *v, *eq;
	const struct ckey	*key;
	int			 lineno = 0;

	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(err, errsz, "%s:%d: line too long", path, lineno);
			return ST_INVALID;
		}
		k = trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			snprintf(err, errsz, "%s:%d: expected key = value", path, lineno);
			return ST_INVALID;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		if ((key = find_key(k)) == NULL) {
			snprintf(err, errsz, "%s:%d: unknown key \"%s\"", path, lineno, k);
			return ST_INVALID;
		}
		if (set_value(c, key, v, msg, sizeof(msg)) != 0) {
			snprintf(err, errsz, "%s:%d: %s", path, lineno, msg);
			return ST_INVALID;
		}
	}
	return ST_OK;
}

static enum status
load_env(struct config *c, char *err, size_t errsz)
{
	const char	*v;
	char		 msg[512];
	size_t		 i;

	/* Named, as the file's lines are: the file may hold the key too. */
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((v = getenv(keys[i].env)) != NULL && *v != '\0' &&
		    set_value(c, &keys[i], v, msg, sizeof(msg)) != 0) {
			snprintf(err, errsz, "environment %s: %s", keys[i].env,
			    msg);
			return ST_INVALID;
		}
	return ST_OK;
}

enum status
config_load(const char *path, struct config *c, char *err, size_t errsz)
{
	FILE		*f = NULL;
	enum status	 st = ST_OK;

	memset(c, 0, sizeof(*c));
	c->database_url = xstrdup("dbname=viva");
	c->socket = xstrdup("/run/viva/viva.sock");
	c->base_url = xstrdup("http://127.0.0.1:8080");
	c->share_dir = xstrdup(".");
	c->session_hours = 12;
	c->max_body = 2L * 1024 * 1024;
	c->ai_base_url = xstrdup("");
	c->ai_api_key = xstrdup("");
	c->ai_ca_file = xstrdup("");
	c->ai_models = xstrdup("gpt-4o-mini");
	c->ai_timeout_ms = 25000;
	c->ai_context_tokens = CONFIG_AI_CONTEXT_TOKENS;
	c->ai_breaker_failures = 5;
	c->db_statement_timeout_ms = 30000;
	c->ai_prices = xstrdup("");
	c->cost_warn_cents = 500;	/* $5 */
	c->storage_dir = xstrdup("/var/lib/viva/storage");
	/* 16 MiB: ten minutes of Opus, a minute of 48 kHz WAV; under the 25 MB
	 * a transcription may be (PROTOCOLS.md 2.1). */
	c->audio_max_bytes = 16L << 20;
	c->audio_max_seconds = 300;
	c->stt_model = xstrdup("gpt-4o-mini-transcribe");
	c->stt_language = xstrdup("");
	c->tts_model = xstrdup("gpt-4o-mini-tts");
	c->tts_voice = xstrdup("alloy");
	c->tts_espeak = xstrdup("espeak-ng");
	c->tts_espeak_voice = xstrdup("en-us");
	c->ai_realtime_model = xstrdup("gpt-realtime");
	c->ticket_key = xstrdup("");
	c->recording_key = xstrdup("");
	/* 64 MiB: a few minutes of browser video (WebM, ~1-2 Mbit/s). */
	c->oneway_max_bytes = 64L << 20;
	c->worker_port = 8090;
	if (path == NULL)
		path = getenv("VIVA_CONFIG");
	if (path != NULL && (f = fopen(path, "r")) == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return ST_INVALID;
	}
	if (path == NULL && (f = fopen("viva.conf", "r")) != NULL)
		path = "viva.conf";
	if (f != NULL) {
		st = load_file(f, path, c, err, errsz);
		fclose(f);
	}
	if (st == ST_OK)
		st = load_env(c, err, errsz);
	c->secure = strncmp(c->base_url, "https://", 8) == 0;
	/* Told at start, not as a failed handshake at each provider call. */
	if (st == ST_OK && *c->ai_ca_file != '\0' &&
	    access(c->ai_ca_file, R_OK) != 0) {
		snprintf(err, errsz, "ai_ca_file: %s: %s", c->ai_ca_file,
		    strerror(errno));
		st = ST_INVALID;
	}
	return st;
}

int
config_list_has(const char *list, const char *item)
{
	size_t		 len = strlen(item);
	const char	*e;

	for (; list != NULL; list = e != NULL ? e + 1 : NULL) {
		e = strchr(list, ',');
		if ((e != NULL ? (size_t)(e - list) : strlen(list)) == len &&
		    len > 0 && strncmp(list, item, len) == 0)
			return 1;
	}
	return 0;
}

int
config_price(const struct config *c, const char *model, double *in,
    double *out)
{
	const char	*p = c->ai_prices, *m;
	size_t		 len;

	while (p != NULL && *p != '\0' &&
	    price_entry(&p, &m, &len, in, out) == 0)
		if (len == strlen(model) && strncmp(m, model, len) == 0)
			return 0;
	return -1;
}

int
config_minute_price(const struct config *c, const char *model, double *usd)
{
	const char	*p = c->ai_minute_prices, *m;
	size_t		 len;

	while (p != NULL && *p != '\0' && minute_entry(&p, &m, &len, usd) == 0)
		if (len == strlen(model) && strncmp(m, model, len) == 0)
			return 0;
	return -1;
}

void
config_path(const struct config *c, const char *rel, char *out, size_t sz)
{
	snprintf(out, sz, "%s/%s", c->share_dir, rel);
}

void
config_free(struct config *c)
{
	free(c->database_url);
	free(c->socket);
	free(c->base_url);
	free(c->share_dir);
	free(c->ai_base_url);
	if (c->ai_api_key != NULL)
		sodium_memzero(c->ai_api_key, strlen(c->ai_api_key));
	free(c->ai_api_key);
	free(c->ai_ca_file);
	free(c->ai_models);
	free(c->ai_prices);
	free(c->ai_minute_prices);
	free(c->storage_dir);
	free(c->stt_model);
	free(c->stt_language);
	free(c->tts_model);
	free(c->tts_voice);
	free(c->tts_espeak);
	free(c->tts_espeak_voice);
	free(c->ai_realtime_model);
	if (c->ticket_key != NULL)
		sodium_memzero(c->ticket_key, strlen(c->ticket_key));
	free(c->ticket_key);
	if (c->recording_key != NULL)
		sodium_memzero(c->recording_key, strlen(c->recording_key));
	free(c->recording_key);
	memset(c, 0, sizeof(*c));
}
