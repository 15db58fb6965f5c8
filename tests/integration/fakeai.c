/* fakeai.c: the scripted fake provider for integration tests (see tests/fakeai/README.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fakeai.h"
#include "flow.h"

static char	dir[64];	/* the fake's pid, port and log */
static char	base[64];

const char *
fakeai_base(void)
{
	return base;
}

static size_t
collect(char *p, size_t size, size_t n, void *arg)
{
	struct resp	*r = arg;

	if ((r->body = realloc(r->body, r->len + size * n + 1)) == NULL)
		abort();
	memcpy(r->body + r->len, p, size * n);
	r->len += size * n;
	r->body[r->len] = '\0';
	return size * n;
}

char *
fakeai_call(const char *path, const char *body)
{
	struct resp		 r = { 0 };
	struct curl_slist	*h = NULL;
	CURL			*c = curl_easy_init();
	char			*url = fmt("%s%s", base, path);

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	/* Its controls; what is tested is the product's verification. */
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
	if (body != NULL) {
		h = curl_slist_append(h, "Content-Type: application/json");
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	}
	if (curl_easy_perform(c) != CURLE_OK)
		fail_msg("fake %s: no answer", path);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
	if (r.status != 200)
		fail_msg("fake %s: status %ld: %s", path, r.status, r.body);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	free(url);
	return r.body != NULL ? r.body : strdup("");
}

void
fakeai_script(const char *script)
{
	free(fakeai_call("/_fake/reset", "{}"));
	if (script != NULL)
		free(fakeai_call("/_fake/script", script));
}

struct json_object *
fakeai_requests(void)
{
	char			*s = fakeai_call("/_fake/requests", NULL);
	struct json_object	*o = json_tokener_parse(s);

	if (o == NULL || !json_object_is_type(o, json_type_array))
		fail_msg("fake requests: not a JSON array: %s", s);
	free(s);
	return o;
}

/* Starts the fake with extra arguments (shell words); 0 once it listens. */
static int
spawn(const char *scheme, const char *extra)
{
	char	*cmd, path[128];
	FILE	*f;
	int	 i, port = 0;

	snprintf(dir, sizeof(dir), "/tmp/viva-fakeai.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	cmd = fmt("node tests/fakeai/server.mjs --port 0 --portfile %s/port"
	    " --pidfile %s/pid%s 2>%s/log &", dir, dir, extra, dir);
	i = system(cmd);
	free(cmd);
	if (i != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/port", dir);
	/* The port file is written last, atomically: once read, it listens. */
	for (i = 0; i < 200 && port == 0; i++) {
		if ((f = fopen(path, "r")) != NULL) {
			if (fscanf(f, "%d", &port) != 1)
				port = 0;
			fclose(f);
		}
		if (port == 0)
			usleep(50000);
	}
	if (port == 0) {
		fprintf(stderr, "fakeai did not start; see %s/log\n", dir);
		return -1;
	}
	snprintf(base, sizeof(base), "%s://127.0.0.1:%d", scheme, port);
	return 0;
}

int
fakeai_start(void)
{
	return spawn("http", "");
}

int
fakeai_start_tls(const char *cert, const char *key)
{
	char	*extra = fmt(" --tls-cert '%s' --tls-key '%s'", cert, key);
	int	 rc = spawn("https", extra);

	free(extra);
	return rc;
}

int
fakeai_start_as_provider(const char *api_key)
{
	char	*url;

	if (fakeai_start() != 0 || asprintf(&url, "%s/v1", fakeai_base()) < 0)
		return -1;
	/* The stack's processes read these (config_load reads VIVA_*). */
	setenv("VIVA_AI_BASE_URL", url, 1);
	free(url);
	setenv("VIVA_AI_API_KEY", api_key, 1);
	return 0;
}

void
fakeai_stop(void)
{
	char	 path[128], *cmd;
	FILE	*f;
	int	 pid = 0;

	snprintf(path, sizeof(path), "%s/pid", dir);
	if ((f = fopen(path, "r")) != NULL) {
		if (fscanf(f, "%d", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	if (pid > 0)
		kill(pid, SIGTERM);
	cmd = fmt("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
}

long long
fakeai_count(const char *s)
{
	char		*log = fakeai_call("/_fake/requests", NULL);
	long long	 n = str_count(log, s);

	free(log);
	return n;
}

void
fakeai_gate_open(void)
{
	free(fakeai_call("/_fake/gate", "{}"));
}

int
fakeai_gate_waiting(void)
{
	char			*s = fakeai_call("/_fake/gate", NULL);
	struct json_object	*o = json_tokener_parse(s), *w;
	int			 n;

	if (o == NULL || !json_object_object_get_ex(o, "waiting", &w))
		fail_msg("fake gate: no \"waiting\" in %s", s);
	n = json_object_get_int(w);
	json_object_put(o);
	free(s);
	return n;
}

void
fakeai_gate_await(int n)
{
	int	i, now = -1;

	for (i = 0; i < 300 && (now = fakeai_gate_waiting()) < n; i++)
		usleep(50 * 1000);
	if (now < n)
		fail_msg("fake: %d answers wait at the gate after 15 s, not %d",
		    now, n);
}
