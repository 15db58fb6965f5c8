/* lib_config_test.c: defaults, viva.conf parsing and VIVA_* overrides. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/config.h"
#include "lib/status.h"

/* Every variable config_load reads; cleared before and after each test. */
static const char *const ENVS[] = {
	"VIVA_CONFIG", "VIVA_DATABASE_URL", "VIVA_SOCKET", "VIVA_BASE_URL",
	"VIVA_SHARE_DIR", "VIVA_WORKERS", "VIVA_SESSION_HOURS",
	"VIVA_MAX_BODY", "VIVA_LOG_LEVEL", "VIVA_AI_BASE_URL",
	"VIVA_AI_API_KEY", "VIVA_AI_MODELS", "VIVA_AI_TIMEOUT_MS",
	"VIVA_AI_PRICES", "VIVA_AI_CA_FILE",
};

static char	tmpdir[64];	/* made by group_setup, holds the files */
static char	startdir[PATH_MAX];

static void
clear_env(void)
{
	size_t	i;

	for (i = 0; i < NITEMS(ENVS); i++)
		unsetenv(ENVS[i]);
}

static int
group_setup(void **state)
{
	(void)state;
	if (getcwd(startdir, sizeof(startdir)) == NULL)
		return -1;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/viva-config-test.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
group_teardown(void **state)
{
	char	cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static int
setup(void **state)
{
	(void)state;
	clear_env();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	clear_env();
	return chdir(startdir);
}

/* Writes text to a new file in tmpdir; its path goes into path. */
static void
write_conf(const char *text, char *path, size_t sz)
{
	FILE	*f;
	int	 fd;

	snprintf(path, sz, "%s/conf.XXXXXX", tmpdir);
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* A fresh, empty directory under tmpdir, made the working directory. */
static void
enter_empty_dir(void)
{
	char	dir[128];

	snprintf(dir, sizeof(dir), "%s/cwd.XXXXXX", tmpdir);
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
}

static void
assert_defaults(const struct config *c)
{
	assert_string_equal(c->database_url, "dbname=viva");
	assert_string_equal(c->socket, "/run/viva/viva.sock");
	assert_string_equal(c->base_url, "http://127.0.0.1:8080");
	assert_string_equal(c->share_dir, ".");
	assert_int_equal(c->workers, 0);
	assert_int_equal(c->session_hours, 12);
	assert_int_equal(c->max_body, 2L * 1024 * 1024);
	assert_int_equal(c->debug, 0);
	assert_int_equal(c->secure, 0);
	assert_string_equal(c->ai_base_url, "");
	assert_string_equal(c->ai_api_key, "");
	assert_string_equal(c->ai_models, "gpt-4o-mini");
	assert_int_equal(c->ai_timeout_ms, 25000);
	assert_string_equal(c->ai_prices, "");
	assert_string_equal(c->ai_ca_file, "");
}

static void
test_config_load_without_a_file_gives_defaults(void **state)
{
	struct config	c;
	char		err[256] = "";

	(void)state;
	enter_empty_dir();
	assert_int_equal(config_load(NULL, &c, err, sizeof(err)), ST_OK);
	assert_defaults(&c);
	config_free(&c);
}

static void
test_config_load_reads_viva_conf_in_the_working_directory(void **state)
{
	struct config	 c;
	char		 err[256] = "";
	FILE		*f;

	(void)state;
	enter_empty_dir();
	assert_non_null(f = fopen("viva.conf", "w"));
	fputs("workers = 3\n", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(config_load(NULL, &c, err, sizeof(err)), ST_OK);
	assert_int_equal(c.workers, 3);
	config_free(&c);
}

static void
test_config_load_prefers_viva_config_over_the_working_directory(void **state)
{
	struct config	 c;
	char		 err[256] = "", path[128];
	FILE		*f;

	(void)state;
	enter_empty_dir();
	assert_non_null(f = fopen("viva.conf", "w"));
	fputs("workers = 3\n", f);
	assert_int_equal(fclose(f), 0);
	write_conf("workers = 5\n", path, sizeof(path));
	setenv("VIVA_CONFIG", path, 1);
	assert_int_equal(config_load(NULL, &c, err, sizeof(err)), ST_OK);
	assert_int_equal(c.workers, 5);
	config_free(&c);
}

static void
test_config_load_reads_every_key_around_comments_and_blank_lines(void **state)
{
	static const char	 text[] =
	    "# viva.conf\n"
	    "\n"
	    "   \n"
	    "database_url = host=db dbname=viva user=app\n"
	    "  # indented comment\n"
	    "socket=/tmp/viva.sock\n"
	    "\tbase_url\t=\thttps://viva.example.org  \n"
	    "share_dir   =   /usr/share/viva\n"
	    "workers = 8\r\n"
	    "session_hours = 720\n"
	    "max_body = 1024\n"
	    "log_level = debug\n"
	    "# last line has no newline\n"
	    "workers = 9";
	struct config		 c;
	char			 err[256] = "", path[128];

	(void)state;
	write_conf(text, path, sizeof(path));
	if (config_load(path, &c, err, sizeof(err)) != ST_OK)
		fail_msg("config_load: %s", err);
	/* The value runs from the first '=' and keeps any later ones. */
	assert_string_equal(c.database_url, "host=db dbname=viva user=app");
	assert_string_equal(c.socket, "/tmp/viva.sock");
	assert_string_equal(c.base_url, "https://viva.example.org");
	assert_string_equal(c.share_dir, "/usr/share/viva");
	assert_int_equal(c.workers, 9);		/* the later line wins */
	assert_int_equal(c.session_hours, 720);
	assert_int_equal(c.max_body, 1024);
	assert_int_equal(c.debug, 1);
	assert_int_equal(c.secure, 1);
	config_free(&c);
}

static void
test_config_load_accepts_numbers_at_their_limits(void **state)
{
	static const struct {
		const char	*text;
		int		 workers, hours;
		long		 max_body;
	} c[] = {
		{ "workers = 0\n", 0, 12, 2L << 20 },
		{ "workers = 256\n", 256, 12, 2L << 20 },
		{ "session_hours = 1\n", 0, 1, 2L << 20 },
		{ "session_hours = 720\n", 0, 720, 2L << 20 },
		{ "max_body = 1024\n", 0, 12, 1024 },
		{ "max_body = 1073741824\n", 0, 12, 1L << 30 },
		{ "log_level = info\n", 0, 12, 2L << 20 },
	};
	struct config	 cf;
	char		 err[256], path[128];
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(c); i++) {
		write_conf(c[i].text, path, sizeof(path));
		err[0] = '\0';
		if (config_load(path, &cf, err, sizeof(err)) != ST_OK)
			fail_msg("%s: %s", c[i].text, err);
		assert_int_equal(cf.workers, c[i].workers);
		assert_int_equal(cf.session_hours, c[i].hours);
		assert_int_equal(cf.max_body, c[i].max_body);
		assert_int_equal(cf.debug, 0);
		config_free(&cf);
	}
}

/* What a refused value's message says the key takes. */
#define WORKERS_RANGE	": must be a whole number from 0 to 256"
#define HOURS_RANGE	": must be a whole number from 1 to 720"
#define BODY_RANGE	": must be a whole number from 1024 to 1073741824"
#define LEVELS		": must be info or debug"

static void
test_config_load_rejects_bad_lines_naming_file_and_line(void **state)
{
	static const struct {
		const char	*text;
		const char	*want;	/* in err, after "PATH:" */
	} c[] = {
		{ "workers = 2\n# ok\ncolour = blue\n",
		    ":3: unknown key \"colour\"" },
		{ "Workers = 2\n", ":1: unknown key \"Workers\"" },
		{ "= 2\n", ":1: unknown key \"\"" },
		{ "\n\nworkers\n", ":3: expected key = value" },
		{ "workers = abc\n", ":1: workers: bad value \"abc\"" WORKERS_RANGE },
		{ "workers = 4x\n", ":1: workers: bad value \"4x\"" WORKERS_RANGE },
		{ "workers = 4 # four\n",
		    ":1: workers: bad value \"4 # four\"" WORKERS_RANGE },
		{ "workers =\n", ":1: workers: bad value \"\"" WORKERS_RANGE },
		{ "workers = 0x10\n", ":1: workers: bad value \"0x10\"" WORKERS_RANGE },
		{ "workers = 1.5\n", ":1: workers: bad value \"1.5\"" WORKERS_RANGE },
		{ "workers = -1\n", ":1: workers: bad value \"-1\"" WORKERS_RANGE },
		{ "workers = 257\n", ":1: workers: bad value \"257\"" WORKERS_RANGE },
		{ "workers = 99999999999999999999999\n",
		    ":1: workers: bad value \"99999999999999999999999\"" WORKERS_RANGE },
		{ "workers = 4294967298\n",
		    ":1: workers: bad value \"4294967298\"" WORKERS_RANGE },
		{ "session_hours = 0\n", ":1: session_hours: bad value \"0\"" HOURS_RANGE },
		{ "session_hours = 721\n",
		    ":1: session_hours: bad value \"721\"" HOURS_RANGE },
		{ "max_body = 1023\n", ":1: max_body: bad value \"1023\"" BODY_RANGE },
		{ "max_body = 1073741825\n",
		    ":1: max_body: bad value \"1073741825\"" BODY_RANGE },
		{ "log_level = verbose\n",
		    ":1: log_level: bad value \"verbose\"" LEVELS },
		{ "log_level = DEBUG\n", ":1: log_level: bad value \"DEBUG\"" LEVELS },
	};
	struct config	 cf;
	char		 err[512], path[128], want[512];
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(c); i++) {
		write_conf(c[i].text, path, sizeof(path));
		err[0] = '\0';
		if (config_load(path, &cf, err, sizeof(err)) != ST_INVALID)
			fail_msg("accepted: %s", c[i].text);
		snprintf(want, sizeof(want), "%s%s", path, c[i].want);
		assert_string_equal(err, want);
		config_free(&cf);
	}
}

static void
test_config_load_reports_a_missing_named_file(void **state)
{
	struct config	c;
	char		err[256] = "", path[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/does-not-exist.conf", tmpdir);
	assert_int_equal(config_load(path, &c, err, sizeof(err)), ST_INVALID);
	assert_true(strncmp(err, path, strlen(path)) == 0);
	assert_non_null(strstr(err, "No such file"));
	config_free(&c);

	/* The same through VIVA_CONFIG. */
	setenv("VIVA_CONFIG", path, 1);
	err[0] = '\0';
	assert_int_equal(config_load(NULL, &c, err, sizeof(err)), ST_INVALID);
	assert_true(strncmp(err, path, strlen(path)) == 0);
	config_free(&c);
}

static void
test_config_load_lets_the_environment_override_the_file(void **state)
{
	static const char	 text[] =
	    "database_url = dbname=fromfile\n"
	    "base_url = http://file.example\n"
	    "workers = 4\n"
	    "session_hours = 6\n";
	struct config		 c;
	char			 err[256] = "", path[128];

	(void)state;
	write_conf(text, path, sizeof(path));
	setenv("VIVA_DATABASE_URL", "dbname=fromenv", 1);
	setenv("VIVA_SOCKET", "/tmp/env.sock", 1);
	setenv("VIVA_BASE_URL", "https://env.example", 1);
	setenv("VIVA_SHARE_DIR", "/srv/viva", 1);
	setenv("VIVA_WORKERS", "16", 1);
	setenv("VIVA_MAX_BODY", "4096", 1);
	setenv("VIVA_LOG_LEVEL", "debug", 1);
	setenv("VIVA_SESSION_HOURS", "", 1);	/* empty: ignored */
	if (config_load(path, &c, err, sizeof(err)) != ST_OK)
		fail_msg("config_load: %s", err);
	assert_string_equal(c.database_url, "dbname=fromenv");
	assert_string_equal(c.socket, "/tmp/env.sock");
	assert_string_equal(c.base_url, "https://env.example");
	assert_string_equal(c.share_dir, "/srv/viva");
	assert_int_equal(c.workers, 16);
	assert_int_equal(c.session_hours, 6);
	assert_int_equal(c.max_body, 4096);
	assert_int_equal(c.debug, 1);
	assert_int_equal(c.secure, 1);
	config_free(&c);
}

static void
test_config_load_rejects_bad_environment_values(void **state)
{
	static const struct {
		const char	*env, *val, *want;
	} c[] = {
		{ "VIVA_WORKERS", "many",
		    "environment VIVA_WORKERS: workers: bad value \"many\"" WORKERS_RANGE },
		{ "VIVA_WORKERS", "300",
		    "environment VIVA_WORKERS: workers: bad value \"300\"" WORKERS_RANGE },
		{ "VIVA_SESSION_HOURS", "0",
		    "environment VIVA_SESSION_HOURS: session_hours: bad value \"0\"" HOURS_RANGE },
		{ "VIVA_MAX_BODY", "1k",
		    "environment VIVA_MAX_BODY: max_body: bad value \"1k\"" BODY_RANGE },
		{ "VIVA_LOG_LEVEL", "trace",
		    "environment VIVA_LOG_LEVEL: log_level: bad value \"trace\"" LEVELS },
	};
	struct config	 cf;
	char		 err[256];
	size_t		 i;

	(void)state;
	enter_empty_dir();
	for (i = 0; i < NITEMS(c); i++) {
		setenv(c[i].env, c[i].val, 1);
		err[0] = '\0';
		if (config_load(NULL, &cf, err, sizeof(err)) != ST_INVALID)
			fail_msg("accepted %s=%s", c[i].env, c[i].val);
		assert_string_equal(err, c[i].want);
		config_free(&cf);
		unsetenv(c[i].env);
	}
}

static void
test_config_secure_follows_an_https_base_url(void **state)
{
	static const struct {
		const char	*base_url;
		int		 secure;
	} c[] = {
		{ "https://viva.example.org", 1 },
		{ "https://127.0.0.1:8443/", 1 },
		{ "http://viva.example.org", 0 },
		{ "http://https.example.org", 0 },
		{ "https:/viva.example.org", 0 },
		{ "https", 0 },
		{ "ftp://x", 0 },
	};
	struct config	 cf;
	char		 err[256] = "";
	size_t		 i;

	(void)state;
	enter_empty_dir();
	for (i = 0; i < NITEMS(c); i++) {
		setenv("VIVA_BASE_URL", c[i].base_url, 1);
		assert_int_equal(config_load(NULL, &cf, err, sizeof(err)),
		    ST_OK);
		assert_string_equal(cf.base_url, c[i].base_url);
		if (cf.secure != c[i].secure)
			fail_msg("%s: secure = %d", c[i].base_url, cf.secure);
		config_free(&cf);
	}
}

static void
test_config_free_releases_strings_and_clears(void **state)
{
	static const char	 text[] =
	    "database_url = one\ndatabase_url = two\n"
	    "socket = a\nsocket = b\nshare_dir = x\n";
	struct config		 c, zero;
	char			 err[256] = "", path[128];

	(void)state;
	/* Keys set twice free the earlier string; ASan reports any leak. */
	write_conf(text, path, sizeof(path));
	setenv("VIVA_DATABASE_URL", "three", 1);
	assert_int_equal(config_load(path, &c, err, sizeof(err)), ST_OK);
	assert_string_equal(c.database_url, "three");
	assert_string_equal(c.socket, "b");
	config_free(&c);
	memset(&zero, 0, sizeof(zero));
	assert_memory_equal(&c, &zero, sizeof(c));
	config_free(&c);	/* a second free is harmless */
}

static void
test_config_path_joins_share_dir_and_relative_path(void **state)
{
	struct config	c;
	char		err[256] = "", out[64], tiny[8];

	(void)state;
	setenv("VIVA_SHARE_DIR", "/usr/share/viva", 1);
	enter_empty_dir();
	assert_int_equal(config_load(NULL, &c, err, sizeof(err)), ST_OK);
	config_path(&c, "templates/login.html", out, sizeof(out));
	assert_string_equal(out, "/usr/share/viva/templates/login.html");
	config_path(&c, "sql", tiny, sizeof(tiny));	/* truncated, ended */
	assert_string_equal(tiny, "/usr/sh");
	config_free(&c);
}

static void
test_config_load_reads_the_ai_keys_and_env_overrides_them(void **state)
{
	static const char	 text[] =
	    "ai_base_url = https://api.openai.com/v1\n"
	    "ai_api_key = sk-file\n"
	    "ai_models = gpt-4o-mini,gpt-4o\n"
	    "ai_timeout_ms = 100\n"
	    "ai_prices = gpt-4o-mini:0.15:0.60,gpt-4o:2.50:10.00\n"
	    "ai_minute_prices = whisper-1:0.006,ft:whisper:x:0.01\n";
	struct config		 c;
	char			 err[256] = "", path[128];
	double			 in, out;

	(void)state;
	write_conf(text, path, sizeof(path));
	if (config_load(path, &c, err, sizeof(err)) != ST_OK)
		fail_msg("config_load: %s", err);
	assert_string_equal(c.ai_base_url, "https://api.openai.com/v1");
	assert_string_equal(c.ai_api_key, "sk-file");
	assert_string_equal(c.ai_models, "gpt-4o-mini,gpt-4o");
	assert_int_equal(c.ai_timeout_ms, 100);
	assert_int_equal(config_price(&c, "gpt-4o", &in, &out), 0);
	assert_true(in == 2.5 && out == 10.0);
	assert_int_equal(config_price(&c, "gpt-4o-mini", &in, &out), 0);
	assert_true(in == 0.15 && out == 0.60);
	assert_int_equal(config_price(&c, "gpt-4", &in, &out), -1);
	assert_int_equal(config_price(&c, "gpt-4o-min", &in, &out), -1);
	assert_int_equal(config_minute_price(&c, "whisper-1", &in), 0);
	assert_true(in == 0.006);
	assert_int_equal(config_minute_price(&c, "ft:whisper:x", &in), 0);
	assert_true(in == 0.01);
	assert_int_equal(config_minute_price(&c, "gpt-4o", &in), -1);
	config_free(&c);

	setenv("VIVA_AI_BASE_URL", "http://127.0.0.1:9/v1", 1);
	setenv("VIVA_AI_API_KEY", "sk-env", 1);
	setenv("VIVA_AI_MODELS", "gpt-4.1", 1);
	setenv("VIVA_AI_TIMEOUT_MS", "600000", 1);
	setenv("VIVA_AI_PRICES", "ft:gpt-4o:org:x:1:2", 1);
	if (config_load(path, &c, err, sizeof(err)) != ST_OK)
		fail_msg("config_load: %s", err);
	assert_string_equal(c.ai_base_url, "http://127.0.0.1:9/v1");
	assert_string_equal(c.ai_api_key, "sk-env");
	assert_string_equal(c.ai_models, "gpt-4.1");
	assert_int_equal(c.ai_timeout_ms, 600000);
	/* A model id may hold colons: the last two fields are the prices. */
	assert_int_equal(config_price(&c, "ft:gpt-4o:org:x", &in, &out), 0);
	assert_true(in == 1.0 && out == 2.0);
	config_free(&c);
}

static void
test_config_load_rejects_bad_ai_values(void **state)
{
	static const char *const bad[] = {
		"ai_timeout_ms = 99\n",
		"ai_timeout_ms = 600001\n",
		"ai_models = gpt-4o,\n",
		"ai_models = ,gpt-4o\n",
		"ai_models = gpt-4o,,gpt-4\n",
		"ai_models = gpt 4o\n",
		"ai_prices = gpt-4o\n",
		"ai_prices = gpt-4o:1\n",
		"ai_prices = gpt-4o:1:x\n",
		"ai_prices = gpt-4o:-1:2\n",
		"ai_prices = gpt-4o:1:2,\n",
		"ai_prices = :1:2\n",
		"ai_prices = gpt-4o:1:2:\n",
		"ai_minute_prices = whisper-1\n",
		"ai_minute_prices = whisper-1:x\n",
		"ai_minute_prices = whisper-1:0.006,\n",
		"ai_minute_prices = :0.006\n",
		"ai_minute_prices = whisper-1:-1\n",
	};
	struct config	 c;
	char		 err[256], path[128];
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(bad); i++) {
		write_conf(bad[i], path, sizeof(path));
		err[0] = '\0';
		if (config_load(path, &c, err, sizeof(err)) != ST_INVALID)
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(strstr(err, ":1: ai_"));
		config_free(&c);
	}
}

/*
 * A refused value says what the key takes and where the value came from:
 * the file and line, or the environment variable, which overrides the
 * file and was not named ("ai_timeout_ms: bad value \"5\"" alone).
 */
static void
test_config_load_says_the_range_and_the_source_of_a_bad_value(void **state)
{
	static const struct {
		const char	*line, *want;
	} c[] = {
		{ "ai_timeout_ms = 5\n", ":1: ai_timeout_ms: bad value \"5\":"
		    " must be a whole number from 100 to 600000" },
		{ "ai_models = gpt 4o\n", ":1: ai_models: bad value \"gpt 4o\":"
		    " must be ids separated by commas, each of letters, digits"
		    " and . _ : / -" },
		{ "ai_prices = gpt-4o:1\n", ":1: ai_prices: bad value"
		    " \"gpt-4o:1\": must be model:in:out,... in USD per million"
		    " tokens, e.g. gpt-4o-mini:0.15:0.60" },
		{ "ai_minute_prices = w:x\n", ":1: ai_minute_prices: bad value"
		    " \"w:x\": must be model:usd,... in USD per minute of audio,"
		    " e.g. whisper-1:0.006" },
	};
	struct config	 cf;
	char		 err[512], path[128], want[512];
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(c); i++) {
		write_conf(c[i].line, path, sizeof(path));
		if (config_load(path, &cf, err, sizeof(err)) != ST_INVALID)
			fail_msg("accepted: %s", c[i].line);
		snprintf(want, sizeof(want), "%s%s", path, c[i].want);
		assert_string_equal(err, want);
		config_free(&cf);
	}
	/* The file's value is good; the environment's is the bad one. */
	write_conf("ai_timeout_ms = 1000\n", path, sizeof(path));
	setenv("VIVA_AI_TIMEOUT_MS", "5", 1);
	if (config_load(path, &cf, err, sizeof(err)) != ST_INVALID)
		fail_msg("accepted VIVA_AI_TIMEOUT_MS=5");
	unsetenv("VIVA_AI_TIMEOUT_MS");
	assert_string_equal(err, "environment VIVA_AI_TIMEOUT_MS: ai_timeout_ms:"
	    " bad value \"5\": must be a whole number from 100 to 600000");
	config_free(&cf);
}

/*
 * "gpt-4o-mini, gpt-4o", as people write a list, was refused: the spaces
 * around each item are left out, in the file and the environment; a space
 * inside an id is still refused.
 */
static void
test_config_load_trims_spaces_around_list_items(void **state)
{
	struct config	 c;
	char		 err[512] = "", path[128];
	double		 in, out;

	(void)state;
	write_conf("ai_models =  gpt-4o-mini , gpt-4o,\tgpt-4.1 \n"
	    "ai_prices = gpt-4o-mini:0.15:0.60, gpt-4o:2.50:10.00\n"
	    "ai_minute_prices = whisper-1:0.006 , x:1\n"
	    "tts_voice = alloy , echo\n", path, sizeof(path));
	if (config_load(path, &c, err, sizeof(err)) != ST_OK)
		fail_msg("config_load: %s", err);
	assert_string_equal(c.ai_models, "gpt-4o-mini,gpt-4o,gpt-4.1");
	assert_true(config_list_has(c.ai_models, "gpt-4o"));
	assert_int_equal(config_price(&c, "gpt-4o", &in, &out), 0);
	assert_true(in == 2.5 && out == 10.0);
	assert_int_equal(config_minute_price(&c, "x", &in), 0);
	assert_string_equal(c.tts_voice, "alloy,echo");
	config_free(&c);
	setenv("VIVA_AI_MODELS", "a, b", 1);
	if (config_load(path, &c, err, sizeof(err)) != ST_OK)
		fail_msg("config_load: %s", err);
	unsetenv("VIVA_AI_MODELS");
	assert_string_equal(c.ai_models, "a,b");
	config_free(&c);
	write_conf("ai_models = gpt-4o, , gpt-4\n", path, sizeof(path));
	assert_int_equal(config_load(path, &c, err, sizeof(err)), ST_INVALID);
	config_free(&c);
}

static void
test_config_list_has_matches_whole_words(void **state)
{
	(void)state;
	assert_true(config_list_has("gpt-4o-mini,gpt-4o", "gpt-4o"));
	assert_true(config_list_has("gpt-4o-mini,gpt-4o", "gpt-4o-mini"));
	assert_true(config_list_has("gpt-4o", "gpt-4o"));
	assert_false(config_list_has("gpt-4o-mini", "gpt-4o"));
	assert_false(config_list_has("gpt-4o-mini,gpt-4o", "gpt-4"));
	assert_false(config_list_has("gpt-4o", ""));
	assert_false(config_list_has("", "gpt-4o"));
}

/* A CA file that cannot be read is named at start, not at each handshake. */
static void
test_config_load_checks_the_ai_ca_file(void **state)
{
	struct config	c;
	char		err[256] = "", path[128], *missing;

	(void)state;
	enter_empty_dir();
	write_conf("-----BEGIN CERTIFICATE-----\n", path, sizeof(path));
	setenv("VIVA_AI_CA_FILE", path, 1);
	assert_int_equal(config_load(NULL, &c, err, sizeof(err)), ST_OK);
	assert_string_equal(c.ai_ca_file, path);
	config_free(&c);
	assert_non_null(missing = strrchr(path, '/'));
	memcpy(missing + 1, "absent", 7);
	setenv("VIVA_AI_CA_FILE", path, 1);
	assert_int_equal(config_load(NULL, &c, err, sizeof(err)), ST_INVALID);
	assert_non_null(strstr(err, "ai_ca_file: "));
	assert_non_null(strstr(err, "absent: No such file or directory"));
	config_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_config_load_without_a_file_gives_defaults, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_reads_viva_conf_in_the_working_directory,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_prefers_viva_config_over_the_working_directory,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_reads_every_key_around_comments_and_blank_lines,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_accepts_numbers_at_their_limits, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_rejects_bad_lines_naming_file_and_line,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_says_the_range_and_the_source_of_a_bad_value,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_trims_spaces_around_list_items, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_reports_a_missing_named_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_lets_the_environment_override_the_file,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_rejects_bad_environment_values, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_secure_follows_an_https_base_url, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_free_releases_strings_and_clears, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_path_joins_share_dir_and_relative_path, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_reads_the_ai_keys_and_env_overrides_them,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_rejects_bad_ai_values, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_list_has_matches_whole_words, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_config_load_checks_the_ai_ca_file, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
