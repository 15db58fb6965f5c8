/* stack.c: the integration tests' servers and HTTP client (libcurl). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "stack.h"

struct http {
	CURL			*c;
	const struct stack	*s;
};

/* Binds port on loopback (0: any); returns the port bound, or -1. */
static int
try_port(int port)
{
	struct sockaddr_in	sa;
	socklen_t		len = sizeof(sa);
	int			fd;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		close(fd);
		return -1;
	}
	port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

/* How many lines of $VAR/log/<log> match the grep pattern re. */
long
stack_log_count(const struct stack *s, const char *log, const char *re)
{
	return stack_num(s, "grep -c -e \"%s\" \"$VAR/log/%s\"", re, log);
}

/* Milliseconds on the monotonic clock, for timing what a test waits on. */
long long
ms_now(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/*
 * A free port whose successor is free too: nginx takes it, viva-worker the
 * next. Chosen below the kernel's ephemeral range (32768 up), so the many
 * client connections of tests running side by side cannot take the
 * successor between this check and the worker's bind (as tests/free-port.mjs;
 * up to stop 18 this drew up to 43998, and a CI run lost retention_test's
 * stack to "port 40326 is in use").
 */
int
stack_free_port(void)
{
	int	i, port;

	srandom((unsigned)getpid() ^ (unsigned)time(NULL));
	for (i = 0; i < 200; i++) {
		port = 20000 + (int)(random() % 6000) * 2;	/* to 31999 */
		if (try_port(port) == port && try_port(port + 1) == port + 1)
			return port;
	}
	return -1;
}

static char *
vformat(const char *fmt, va_list ap)
{
	char	*s;

	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	return s;
}

static char *
env_prefix(const struct stack *s)
{
	const char	*bin = getenv("VIVA_BIN_DIR");
	char		*p;

	if (asprintf(&p, "VIVA_VAR='%s' VIVA_PORT=%d VIVA_WORKER_PORT=%d"
	    " VIVA_WORKERS=2 VIVA_ACTIVE_WORKERS=1 VIVA_PG_FSYNC=off %s%s%s",
	    s->var, s->port,
	    s->port + 1, bin ? "VIVA_BIN_DIR='" : "", bin ? bin : "",
	    bin ? "'" : "") < 0)
		abort();
	return p;
}

int
stack_sh(const struct stack *s, const char *fmt, ...)
{
	va_list	 ap;
	char	*cmd, *full, *env = env_prefix(s);
	int	 rc;

	va_start(ap, fmt);
	cmd = vformat(fmt, ap);
	va_end(ap);
	if (asprintf(&full, "%s bash -c '. scripts/stack.sh; %s'", env, cmd) < 0)
		abort();
	rc = system(full);
	free(cmd);
	free(full);
	free(env);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static char *
read_all(FILE *f)
{
	char	*buf = NULL;
	size_t	 len = 0, cap = 0, n;

	do {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			if ((buf = realloc(buf, cap)) == NULL)
				abort();
		}
		n = fread(buf + len, 1, 4096, f);
		len += n;
	} while (n > 0);
	while (len > 0 && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	return buf;
}

char *
stack_out(const struct stack *s, const char *fmt, ...)
{
	va_list	 ap;
	char	*cmd, *full, *out, *env = env_prefix(s);
	FILE	*p;

	va_start(ap, fmt);
	cmd = vformat(fmt, ap);
	va_end(ap);
	if (asprintf(&full, "%s bash -c '. scripts/stack.sh; %s'", env, cmd) < 0)
		abort();
	if ((p = popen(full, "r")) == NULL)
		abort();
	out = read_all(p);
	pclose(p);
	free(cmd);
	free(full);
	free(env);
	return out;
}

long long
stack_num(const struct stack *s, const char *fmt, ...)
{
	va_list		 ap;
	char		*cmd, *out;
	long long	 n;

	va_start(ap, fmt);
	cmd = vformat(fmt, ap);
	va_end(ap);
	out = stack_out(s, "%s", cmd);
	n = atoll(out);
	free(out);
	free(cmd);
	return n;
}

char *
stack_sql(const struct stack *s, const char *sql)
{
	char	path[300];
	FILE	*f;

	/* Through a file: SQL quoting must not meet shell quoting. */
	snprintf(path, sizeof(path), "%s/query.sql", s->var);
	if ((f = fopen(path, "w")) == NULL)
		abort();
	fputs(sql, f);
	fclose(f);
	return stack_out(s, "as_pg \"$PGBIN/psql\" -h \"$(pg_dir)/socket\" -U viva"
	    " -d viva -Atq -v ON_ERROR_STOP=1 -f \"$VAR/query.sql\" 2>&1");
}

/* stack_sql's output for a query made of fmt, as a number (0 when not one). */
static long long	sql_count(const struct stack *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static long long
sql_count(const struct stack *s, const char *fmt, ...)
{
	va_list		 ap;
	char		*q, *out;
	long long	 n;

	va_start(ap, fmt);
	if (vasprintf(&q, fmt, ap) < 0)
		abort();
	va_end(ap);
	out = stack_sql(s, q);
	n = atoll(out);
	free(out);
	free(q);
	return n;
}

/*
 * Holds an exclusive lock on table from a psql in the background (30 s at
 * most), once PostgreSQL says it is granted; 0, or -1 if it never was.
 */
int
stack_hold_lock(const struct stack *s, const char *table)
{
	int	i;

	if (stack_sh(s, "(as_pg \"$PGBIN/psql\" -h \"$(pg_dir)/socket\""
	    " -U viva -d viva -Atq -c \"BEGIN; LOCK TABLE %s;"
	    " SELECT pg_sleep(30)\" >/dev/null 2>&1 &)", table) != 0)
		return -1;
	for (i = 0; i < 100; i++) {
		if (sql_count(s, "SELECT count(*) FROM pg_locks WHERE granted"
		    " AND mode = 'AccessExclusiveLock' AND relation ="
		    " '%s'::regclass", table) == 1)
			return 0;
		usleep(50 * 1000);
	}
	return -1;
}

/* Ends the psql of stack_hold_lock(table), and with it the lock. */
void
stack_release_lock(const struct stack *s, const char *table)
{
	(void)sql_count(s, "SELECT count(pg_terminate_backend(pid)) FROM"
	    " pg_stat_activity WHERE query LIKE '%%LOCK TABLE %s;%%' AND"
	    " pid <> pg_backend_pid()", table);
}

int
stack_start(struct stack *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->var, sizeof(s->var), "/tmp/viva-it.XXXXXX");
	if (mkdtemp(s->var) == NULL)
		return -1;
	chmod(s->var, 0755);	/* as root, the postgres user keeps its cluster here */
	if ((s->port = stack_free_port()) < 0)
		return -1;
	snprintf(s->base, sizeof(s->base), "http://127.0.0.1:%d", s->port);
	snprintf(s->conf, sizeof(s->conf), "%s/viva.conf", s->var);
	if (stack_sh(s, "bash scripts/run.sh --no-admin") != 0) {
		fprintf(stderr, "stack: run.sh failed; logs in %s/log\n", s->var);
		return -1;
	}
	return 0;
}

void
stack_stop(struct stack *s)
{
	if (s->var[0] == '\0')
		return;
	stack_sh(s, "bash scripts/stop.sh >/dev/null; rm -rf \"$(pg_dir)\" \"$VAR\"");
	s->var[0] = '\0';
}

char *
stack_user_add(const struct stack *s, const char *org, const char *email,
    const char *role)
{
	char	*out, *p, *pw = NULL;

	out = stack_out(s, "\"$VIVA\" --config \"$CONF\" user add --org \"%s\""
	    " --email \"%s\" --role %s 2>&1", org, email, role);
	if ((p = strstr(out, "password: ")) != NULL) {
		p += 10;
		pw = strndup(p, strcspn(p, "\n"));
	}
	free(out);
	return pw;
}

int
stack_fcgi_pid(const struct stack *s)
{
	char	*out = stack_out(s, "cat \"$VAR/run/viva-fcgi.pid\"");
	int	 pid = atoi(out);

	free(out);
	return pid;
}

int
stack_worker_pid(const struct stack *s)
{
	char	*out = stack_out(s, "cat \"$VAR/run/viva-worker.pid\" 2>/dev/null");
	int	 pid = atoi(out);

	free(out);
	return pid;
}

int
stack_worker_port(const struct stack *s)
{
	return s->port + 1;	/* env_prefix sets VIVA_WORKER_PORT so */
}

int
stack_fcgi_children(const struct stack *s, int *pids, int max)
{
	char	*out, *p, *end;
	int	 n = 0;

	out = stack_out(s, "pgrep -P $(cat \"$VAR/run/viva-fcgi.pid\")");
	for (p = out; n < max && *p != '\0'; p = end) {
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		pids[n++] = (int)v;
	}
	free(out);
	return n;
}

struct http *
http_new(const struct stack *s)
{
	struct http	*h = calloc(1, sizeof(*h));

	h->c = curl_easy_init();
	h->s = s;
	curl_easy_setopt(h->c, CURLOPT_COOKIEFILE, "");	/* in-memory jar */
	curl_easy_setopt(h->c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(h->c, CURLOPT_NOPROXY, "*");
	return h;
}

struct http *
http_twin(struct http *h)
{
	struct http		*t = http_new(h->s);
	struct curl_slist	*list = NULL, *l;

	curl_easy_getinfo(h->c, CURLINFO_COOKIELIST, &list);
	for (l = list; l != NULL; l = l->next)
		curl_easy_setopt(t->c, CURLOPT_COOKIELIST, l->data);
	curl_slist_free_all(list);
	return t;
}

void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	curl_easy_cleanup(h->c);
	free(h);
}

struct sink {
	char	*p;
	size_t	 len;
	double	 first;	/* seconds on the monotonic clock at the first byte */
};

static double
mono_s(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static size_t
on_data(char *d, size_t sz, size_t n, void *arg)
{
	struct sink	*k = arg;

	if (k->len == 0 && sz * n > 0)
		k->first = mono_s();
	if ((k->p = realloc(k->p, k->len + sz * n + 1)) == NULL)
		abort();
	memcpy(k->p + k->len, d, sz * n);
	k->len += sz * n;
	k->p[k->len] = '\0';
	return sz * n;
}

static size_t
on_header(char *d, size_t sz, size_t n, void *arg)
{
	struct sink	*k = arg;

	/* A new status line starts a new response: keep only the last block. */
	if (sz * n > 5 && strncmp(d, "HTTP/", 5) == 0)
		k->len = 0;
	return on_data(d, sz, n, arg);
}

int
http_req(struct http *h, const char *method, const char *path,
    const char *ctype, const char *body, size_t len,
    const char *const *headers, struct resp *r)
{
	struct curl_slist	*hl = NULL;
	struct sink		 b = { NULL, 0, 0 }, hd = { NULL, 0, 0 };
	char			 url[1024], ct[256];
	CURLcode		 rc;
	double			 t0 = mono_s();

	memset(r, 0, sizeof(*r));
	snprintf(url, sizeof(url), "%s%s", h->s->base, path);
	curl_easy_setopt(h->c, CURLOPT_URL, url);
	curl_easy_setopt(h->c, CURLOPT_CUSTOMREQUEST, method);
	if (body != NULL) {
		curl_easy_setopt(h->c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(h->c, CURLOPT_POSTFIELDSIZE, (long)len);
	} else
		curl_easy_setopt(h->c, CURLOPT_HTTPGET, 1L);
	/* After HTTPGET, which turns NOBODY off again. */
	curl_easy_setopt(h->c, CURLOPT_NOBODY, strcmp(method, "HEAD") == 0 ? 1L : 0L);
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		curl_easy_setopt(h->c, CURLOPT_CUSTOMREQUEST, method);
	if (ctype != NULL) {
		snprintf(ct, sizeof(ct), "Content-Type: %s", ctype);
		hl = curl_slist_append(hl, ct);
	}
	for (; headers != NULL && *headers != NULL; headers++)
		hl = curl_slist_append(hl, *headers);
	hl = curl_slist_append(hl, "Expect:");
	curl_easy_setopt(h->c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(h->c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h->c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(h->c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h->c, CURLOPT_HEADERDATA, &hd);
	rc = curl_easy_perform(h->c);
	curl_slist_free_all(hl);
	curl_easy_getinfo(h->c, CURLINFO_RESPONSE_CODE, &r->status);
	r->body = b.p ? b.p : strdup("");
	r->len = b.len;
	r->headers = hd.p ? hd.p : strdup("");
	r->first_body_s = b.len > 0 ? b.first - t0 : -1;
	r->total_s = mono_s() - t0;
	return rc == CURLE_OK ? 0 : -1;
}

int
http_get(struct http *h, const char *path, struct resp *r)
{
	return http_req(h, "GET", path, NULL, NULL, 0, NULL, r);
}

int
http_post(struct http *h, const char *path, const char *form, struct resp *r)
{
	return http_req(h, "POST", path, "application/x-www-form-urlencoded",
	    form, strlen(form), NULL, r);
}

void
resp_free(struct resp *r)
{
	free(r->body);
	free(r->headers);
	memset(r, 0, sizeof(*r));
}

char *
resp_header(const struct resp *r, const char *name)
{
	const char	*p = r->headers;
	size_t		 n = strlen(name);

	while (p != NULL && *p != '\0') {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			return strndup(p, strcspn(p, "\r\n"));
		}
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return NULL;
}

char *
resp_csrf(const struct resp *r)
{
	const char	*p = strstr(r->body, "name=\"csrf\" value=\"");

	if (p == NULL)
		return NULL;
	p += strlen("name=\"csrf\" value=\"");
	return strndup(p, strcspn(p, "\""));
}

char *
http_escape(const char *s)
{
	CURL	*c = curl_easy_init();
	char	*e = curl_easy_escape(c, s, 0), *out = strdup(e);

	curl_free(e);
	curl_easy_cleanup(c);
	return out;
}

int
http_login(struct http *h, const char *email, const char *password)
{
	struct resp	 r;
	char		*csrf, *form, *em, *pw;
	int		 ok;

	if (http_get(h, "/login", &r) != 0 || (csrf = resp_csrf(&r)) == NULL) {
		resp_free(&r);
		return -1;
	}
	resp_free(&r);
	em = http_escape(email);
	pw = http_escape(password);
	if (asprintf(&form, "csrf=%s&email=%s&password=%s", csrf, em, pw) < 0)
		abort();
	ok = http_post(h, "/login", form, &r) == 0 && r.status == 303;
	resp_free(&r);
	free(form);
	free(csrf);
	free(em);
	free(pw);
	return ok ? 0 : -1;
}

char *
http_cookie(struct http *h, const char *name)
{
	struct curl_slist	*list = NULL, *l;
	char			*val = NULL, *tab;
	size_t			 n = strlen(name);

	curl_easy_getinfo(h->c, CURLINFO_COOKIELIST, &list);
	for (l = list; l != NULL && val == NULL; l = l->next) {
		/* Netscape format: the last two tab-separated fields are name and value. */
		if ((tab = strrchr(l->data, '\t')) == NULL)
			continue;
		if ((size_t)(tab - l->data) >= n && strncmp(tab - n, name, n) == 0 &&
		    tab[-(long)n - 1] == '\t')
			val = strdup(tab + 1);
	}
	curl_slist_free_all(list);
	return val;
}

double
metric_in(const char *page, const char *series)
{
	const char	*p;
	size_t		 n = strlen(series);

	for (p = page; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p != NULL ? p + 1 : NULL)
		if (strncmp(p, series, n) == 0 && p[n] == ' ')
			return strtod(p + n + 1, NULL);
	return -1;
}

void
expect_output(const char *file, int line, const char *out, const char *s,
    int want)
{
	if ((strstr(out, s) != NULL) == want)
		return;
	print_error("%s:%d: the output %s \"%s\":\n%s\n", file, line,
	    want ? "lacks" : "has", s, out);
	_fail(file, line);
}

int
str_count(const char *hay, const char *needle)
{
	int	n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay += strlen(needle))
		n++;
	return n;
}
