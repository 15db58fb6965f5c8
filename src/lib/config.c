/* config.c: parse viva.conf and the VIVA_* environment. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

enum ckind { C_STR, C_INT, C_LONG, C_LEVEL };

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
	{ "session_hours", "VIVA_SESSION_HOURS", C_INT, offsetof(struct config, session_hours), 1, 24 * 30 },
	{ "max_body", "VIVA_MAX_BODY", C_LONG, offsetof(struct config, max_body), 1024, 1L << 30 },
	{ "log_level", "VIVA_LOG_LEVEL", C_LEVEL, offsetof(struct config, debug), 0, 0 },
};

static char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		abort();
	return p;
}

static int
set_value(struct config *c, const struct ckey *k, const char *v, char *err, size_t errsz)
{
	char	*end;
	long	 n;

	switch (k->kind) {
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
	snprintf(err, errsz, "%s: bad value \"%s\"", k->name, v);
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
	char			 line[4096], msg[256], *k, *v, *eq;
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
	size_t		 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((v = getenv(keys[i].env)) != NULL && *v != '\0' &&
		    set_value(c, &keys[i], v, err, errsz) != 0)
			return ST_INVALID;
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
	return st;
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
	memset(c, 0, sizeof(*c));
}
